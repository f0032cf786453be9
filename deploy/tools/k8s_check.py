"""Offline checks for rendered Kubernetes manifests that kubernetes-validate cannot do.

kubernetes-validate bundles schemas for the built-in API groups only; for a custom resource it merely warns.
This splits the custom resources (Gateway API, Prometheus Operator, Strimzi) off the rendered stream and
validates them against the schemas in deploy/schemas/ (the subset of each CRD this suite uses, strict).

    kubectl kustomize deploy/k8s/overlays/dev | python deploy/tools/k8s_check.py split --crds crds.yaml > core.yaml
    python deploy/tools/k8s_check.py crds crds.yaml
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
CRD_GROUPS = frozenset({"gateway.networking.k8s.io", "monitoring.coreos.com", "kafka.strimzi.io"})


def is_custom(doc: dict[str, Any]) -> bool:
    group = doc["apiVersion"].rpartition("/")[0]
    return group in CRD_GROUPS


def split(docs: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    core, custom = [], []
    for doc in docs:
        (custom if is_custom(doc) else core).append(doc)
    return core, custom


def schema_for(doc: dict[str, Any]) -> Path:
    group, _, version = doc["apiVersion"].rpartition("/")
    return SCHEMAS / f"{group}_{version}_{doc['kind']}.json"


def validate_custom(docs: Iterable[dict[str, Any]]) -> list[str]:
    """Error messages, one per problem; empty when every document matches its schema."""
    errors = []
    for doc in docs:
        ident = f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
        path = schema_for(doc)
        if not path.exists():
            errors.append(f"{ident}: no schema {path.name} in deploy/schemas/")
            continue
        validator = jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            location = ".".join(str(p) for p in err.absolute_path) or "(document)"
            errors.append(f"{ident}: {location}: {err.message}")
    return errors


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_split = sub.add_parser("split", help="stdin: rendered manifests; stdout: built-in kinds; --crds: the rest")
    p_split.add_argument("--crds", required=True, type=Path)
    p_crds = sub.add_parser("crds", help="validate custom resources against deploy/schemas/")
    p_crds.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)

    if args.command == "split":
        docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
        core, custom = split(docs)
        yaml.safe_dump_all(core, sys.stdout, sort_keys=False)
        args.crds.write_text(yaml.safe_dump_all(custom, sort_keys=False), encoding="utf-8")
        print(f"{len(core)} built-in, {len(custom)} custom resources", file=sys.stderr)
        return 0

    docs = [d for f in args.files for d in yaml.safe_load_all(f.read_text(encoding="utf-8")) if d]
    errors = validate_custom(docs)
    for line in errors:
        print(f"ERROR {line}")
    print(f"{len(docs)} custom resources checked, {len(errors)} errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
