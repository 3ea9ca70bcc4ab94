"""What hadolint cannot know about packages/backend/Dockerfile, checked
without a container engine (scripts/deploy-lint.sh dockerfile):

1. every file the Dockerfile takes from the build context (COPY/ADD sources,
   RUN --mount=type=bind sources) passes the root .dockerignore, with
   Docker's rules: the last matching pattern wins, `!` lets a path back in, a
   pattern matching a parent folder matches what is inside; and exists in the
   repository, but for the host build's output (packages/backend/dist/);
2. every RUN step but the toolchain's (apt-get) runs
   packages/backend/docker/install-production.sh, and scripts/built-backend.sh,
   which the test command runs before tests/built/, runs the same steps.

    python3 scripts/lib/dockerfile-context.py [DOCKERFILE]   exit 1 on a finding
"""

import os
import re
import shlex
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INSTALL = "packages/backend/docker/install-production.sh"
HOST_BUILD_OUTPUT = "packages/backend/dist/"


def instructions(path):
    """(keyword, arguments) per instruction: continuations joined, comments dropped."""
    result, current = [], ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.lstrip().startswith("#"):
                continue
            if line.endswith("\\"):
                current += line[:-1] + " "
                continue
            current += line
            if current.strip():
                keyword, _, rest = current.strip().partition(" ")
                result.append((keyword.upper(), rest.strip()))
            current = ""
    return result


def ignore_patterns():
    patterns = []
    with open(os.path.join(ROOT, ".dockerignore"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            pattern = os.path.normpath(line.lstrip("!").strip()).lstrip("/")
            patterns.append((negated, to_regex(pattern)))
    return patterns


def to_regex(pattern):
    """Go's filepath.Match per path segment, plus `**` for any number of them."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile("^" + out + "$")


def excluded(path, patterns):
    parts = os.path.normpath(path).split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    verdict = False
    for negated, regex in patterns:
        if any(regex.match(c) for c in candidates):
            verdict = not negated
    return verdict


def context_sources(keyword, args):
    """Paths a COPY/ADD or RUN instruction reads from the build context."""
    words = shlex.split(args)
    if keyword in ("COPY", "ADD"):
        flags = [w for w in words if w.startswith("--")]
        if any(f.startswith("--from=") for f in flags):
            return []
        paths = [w for w in words if not w.startswith("--")]
        return paths[:-1]
    if keyword == "RUN":
        sources = []
        for word in words:
            if not word.startswith("--mount="):
                continue
            fields = dict(
                kv.split("=", 1) for kv in word[len("--mount="):].split(",") if "=" in kv
            )
            if fields.get("type") == "bind" and "from" not in fields:
                sources.append(fields.get("source", fields.get("src", ".")))
        return sources
    return []


def install_steps(text):
    return set(re.findall(r"install-production\.sh\s+(\w+)", text))


def main():
    dockerfile = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "packages/backend/Dockerfile"
    )
    patterns = ignore_patterns()
    problems = []
    steps = set()
    for keyword, args in instructions(dockerfile):
        for source in context_sources(keyword, args):
            if excluded(source, patterns):
                problems.append(f"{keyword} {source}: .dockerignore keeps it out of the build context")
            elif not source.startswith(HOST_BUILD_OUTPUT) and not os.path.exists(
                os.path.join(ROOT, source)
            ):
                problems.append(f"{keyword} {source}: no such file in the repository")
        if keyword == "RUN":
            command = " ".join(w for w in shlex.split(args) if not w.startswith("--mount="))
            if INSTALL.rsplit("/", 1)[1] in command:
                steps |= install_steps(command)
            elif not command.startswith("apt-get "):
                problems.append(
                    f"RUN {command[:60]}...: a build step that is not {INSTALL}, which the test command runs"
                )
    with open(os.path.join(ROOT, "scripts/built-backend.sh"), encoding="utf-8") as f:
        tested = install_steps(f.read())
    if not steps:
        problems.append(f"no RUN step runs {INSTALL}")
    if steps != tested:
        problems.append(
            f"the Dockerfile runs the steps {sorted(steps)} of {INSTALL}, "
            f"scripts/built-backend.sh (the test command) {sorted(tested)}"
        )
    for problem in problems:
        print(f"{os.path.relpath(dockerfile, ROOT)}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(
        f"{os.path.relpath(dockerfile, ROOT)}: build context and steps as tested "
        f"(install-production.sh {' '.join(sorted(steps))})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
