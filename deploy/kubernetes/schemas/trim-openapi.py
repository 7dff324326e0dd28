#!/usr/bin/env python3
"""Trims the Kubernetes OpenAPI v2 document (swagger.json) to the definitions the manifests use.

Usage: trim-openapi.py SWAGGER_JSON OUT_JSON GROUP/VERSION/KIND...
Keeps the definitions of the named kinds and every definition they reference, unmodified, and the document's
info block. The validation test (deployment-tests KubernetesManifestTests) makes them strict when it loads them.
"""
import json
import sys


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            found.add(ref[len("#/definitions/"):])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main(source, target, kinds):
    with open(source) as f:
        document = json.load(f)
    definitions = document["definitions"]
    wanted = set()
    for gvk in kinds:
        group_version, kind = gvk.rsplit("/", 1)
        group, version = group_version.rsplit("/", 1) if "/" in group_version else ("", group_version)
        matches = [name for name, d in definitions.items()
                   if {"group": group, "version": version, "kind": kind} in d.get("x-kubernetes-group-version-kind", [])]
        if len(matches) != 1:
            sys.exit(f"{gvk}: {len(matches)} definitions")
        wanted.add(matches[0])
    todo = list(wanted)
    while todo:
        found = set()
        refs(definitions[todo.pop()], found)
        for name in found - wanted:
            wanted.add(name)
            todo.append(name)
    out = {"swagger": document.get("swagger"), "info": document.get("info"),
           "definitions": {name: definitions[name] for name in sorted(wanted)}}
    with open(target, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
