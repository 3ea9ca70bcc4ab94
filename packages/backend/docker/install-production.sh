#!/bin/sh
# The production install of the backend from the host build's tarballs
# (`yarn build:backend`), as Backstage documents it: the skeleton, `yarn
# workspaces focus --all --production`, then the bundle. These are the RUN
# steps of packages/backend/Dockerfile, and scripts/built-backend.sh runs the
# same script in the test command (tests/built/): what the tests start is
# what the image holds.
#   dependencies SKELETON DIR  unpack the skeleton (each workspace's
#                              package.json) into DIR, which already holds
#                              package.json, yarn.lock, .yarnrc.yml and the
#                              yarn release it names, and install the
#                              production dependencies there
#   bundle BUNDLE DIR          unpack the bundle (the backend, the workspace
#                              packages it uses, the built app) into DIR
# POSIX sh: the image's /bin/sh is dash.
set -eu

usage() {
  echo "usage: $0 dependencies SKELETON DIR | bundle BUNDLE DIR" >&2
  exit 2
}
[ "$#" -eq 3 ] || usage
step="$1" archive="$2" dir="$3"
[ -f "$archive" ] || { echo "error: no $archive (run yarn build:backend first)" >&2; exit 1; }
[ -d "$dir" ] || { echo "error: no directory $dir" >&2; exit 1; }

case "$step" in
  dependencies)
    release="$(sed -n 's/^yarnPath: *//p' "$dir/.yarnrc.yml" 2>/dev/null)"
    [ -n "$release" ] && [ -f "$dir/$release" ] \
      || { echo "error: $dir needs package.json, yarn.lock, .yarnrc.yml and its yarnPath release" >&2; exit 1; }
    # files owned by whoever unpacks, not by the uid of the machine that packed
    tar xzf "$archive" --no-same-owner -C "$dir"
    # the repository's pinned yarn, whatever `yarn` the machine has (the node
    # image ships yarn 1); the lockfile must not change
    cd "$dir"
    YARN_ENABLE_IMMUTABLE_INSTALLS=true node "$release" workspaces focus --all --production
    ;;
  bundle)
    [ -d "$dir/node_modules" ] || { echo "error: $dir has no node_modules: run the dependencies step first" >&2; exit 1; }
    tar xzf "$archive" --no-same-owner -C "$dir"
    [ -f "$dir/packages/backend/dist/index.cjs.js" ] \
      || { echo "error: $archive held no packages/backend/dist/index.cjs.js" >&2; exit 1; }
    ;;
  *) usage ;;
esac
