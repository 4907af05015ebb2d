#!/usr/bin/env python3
"""The reference for `--output yaml` and `yaml-stream`: AWS CLI v2's YAML formatter, applied to
JSON read from stdin.

Usage: ruamel_yaml.py yaml|yaml-stream < value.json. Like the AWS CLI v2: a result equal to {}
prints nothing; a scalar or null is written as JSON; anything else goes through ruamel.yaml's
safe dumper in block style; yaml-stream dumps the value as a one-element list.
"""
import json
import sys

import ruamel.yaml.main
from ruamel.yaml import YAML

# AWS CLI v2 ships ruamel.yaml.clib, and YAML(typ="safe") then emits with the C emitter, whose
# bytes differ from the pure-Python one (line folding, quoting of emoji).
assert ruamel.yaml.main.CEmitter is not None, "ruamel.yaml.clib is not installed"


def main():
    value = json.load(sys.stdin)
    stream = sys.argv[1] == "yaml-stream"
    if value == {}:
        return
    if stream:
        value = [value]
    if value is None or isinstance(value, (int, float, bool, str)):
        sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")
        return
    dumper = YAML(typ="safe")
    dumper.encoding = None
    dumper.representer.default_flow_style = False
    dumper.dump(value, sys.stdout)


if __name__ == "__main__":
    main()
