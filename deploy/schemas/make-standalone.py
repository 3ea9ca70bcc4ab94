"""Writes the Kubernetes JSON schemas that kubeconform validates the Helm
chart's manifests against (scripts/deploy-lint.sh manifests), from the
schemas that the PyPI package kubernetes-validate bundles per Kubernetes
version. Run through `scripts/deploy-lint.sh refresh-schemas`, which installs
that package; README.md beside this file says why and when.

    python3 make-standalone.py SOURCE_DIR OUT_DIR "kubernetes-validate 1.37.0"

For each version in VERSIONS and each kind in KINDS it writes
OUT_DIR/v<version>-standalone-strict/<kind>-<group>-<version>.json: the
strict schema (additionalProperties: false) with every definition it
references copied in under $defs, so that the file stands alone (the
package's own files reference a shared _definitions.json by an absolute
path that only its own loader resolves).
"""

import json
import os
import re
import shutil
import sys

# The oldest and the newest Kubernetes the package bundles: the chart's
# kubeVersion (>=1.30.0-0) and what clusters run now. A field removed or
# added between them shows up as a failure for one of the two.
VERSIONS = ["1.30.0", "1.37.0"]

# Every kind the chart renders (a kind missing here fails kubeconform: a new
# template needs its schema added and this script run again).
KINDS = [
    "configmap-v1",
    "deployment-apps-v1",
    "ingress-networking-v1",
    "poddisruptionbudget-policy-v1",
    "service-v1",
    "serviceaccount-v1",
]

REF = re.compile(r"^(?:/api/)?_definitions\.json#/\$defs/(.+)$")


def referenced(node, found):
    """Names of the definitions that node references, directly."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                match = REF.match(value) or re.match(r"^#/\$defs/(.+)$", value)
                if match:
                    found.add(match.group(1))
            else:
                referenced(value, found)
    elif isinstance(node, list):
        for value in node:
            referenced(value, found)
    return found


def rewrite(node):
    """The same schema with every reference pointing into its own $defs."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and REF.match(value):
                out[key] = "#/$defs/" + REF.match(value).group(1)
            else:
                out[key] = rewrite(value)
        return out
    if isinstance(node, list):
        return [rewrite(value) for value in node]
    return node


def standalone(schema, definitions):
    needed, queue = set(), list(referenced(schema, set()))
    while queue:
        name = queue.pop()
        if name in needed:
            continue
        if name not in definitions:
            raise SystemExit(f"definition {name} is not in _definitions.json")
        needed.add(name)
        queue.extend(referenced(definitions[name], set()) - needed)
    out = rewrite(schema)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["$defs"] = {name: rewrite(definitions[name]) for name in sorted(needed)}
    return out


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    source, out_dir, origin = sys.argv[1:]
    for version in VERSIONS:
        src = os.path.join(source, f"v{version}-local-strict")
        with open(os.path.join(src, "_definitions.json"), encoding="utf-8") as f:
            definitions = json.load(f)["$defs"]
        dest = os.path.join(out_dir, f"v{version}-standalone-strict")
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(dest)
        for kind in KINDS:
            with open(os.path.join(src, f"{kind}.json"), encoding="utf-8") as f:
                schema = json.load(f)
            schema = standalone(schema, definitions)
            schema["$comment"] = f"{kind} of Kubernetes v{version}, from {origin} (deploy/schemas/make-standalone.py)"
            with open(os.path.join(dest, f"{kind}.json"), "w", encoding="utf-8") as f:
                json.dump(schema, f, indent=1, sort_keys=True)
                f.write("\n")
        print(f"{dest}: {len(KINDS)} kinds")


if __name__ == "__main__":
    main()
