#!/usr/bin/python3
"""Validates hv's JSON output against schemas/hv-domain.schema.json and
prints TAP. Needs Debian's python3-jsonschema (run with /usr/bin/python3).
usage: check-json-schema.py SCHEMA SAMPLES_DIR GOLDEN_DIR"""
import copy
import glob
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("1..0 # SKIP python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(0)

schema_path, samples, golden = sys.argv[1:4]
schema = json.load(open(schema_path))
jsonschema.Draft202012Validator.check_schema(schema)
domain = jsonschema.Draft202012Validator(schema)
run_state = jsonschema.Draft202012Validator(dict(schema, **{"$ref": "#/$defs/run_state_document"},
                                                 properties={}, required=[]))
results = []


def check(name, validator, paths):
    bad = []
    for path in paths:
        errors = sorted(validator.iter_errors(json.load(open(path))), key=str)
        if errors:
            bad.append("%s: %s at %s" % (os.path.basename(path), errors[0].message,
                                         "/".join(map(str, errors[0].absolute_path))))
    results.append((not bad and len(paths) > 0, "%s (%d documents)" % (name, len(paths)), bad[:5]))


def paths_of(value, prefix=""):
    """Every property path in a document, lists collapsed to []."""
    out = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(prefix + "/" + k)
            out |= paths_of(v, prefix + "/" + k)
    elif isinstance(value, list):
        for v in value:
            out |= paths_of(v, prefix + "[]")
    return out


def schema_paths(node, prefix="", seen=()):
    """Every property path the schema allows, following $refs."""
    if "$ref" in node:
        name = node["$ref"].split("/")[-1]
        if name in seen:
            return set()
        node = dict(schema["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"})
        seen = seen + (name,)
    out = set()
    for k, v in node.get("properties", {}).items():
        out.add(prefix + "/" + k)
        out |= schema_paths(v, prefix + "/" + k, seen)
    if "items" in node:
        out |= schema_paths(node["items"], prefix + "[]", seen)
    return out


everything = sorted(glob.glob(os.path.join(samples, "everything-*.json")))
check("documents with every field set validate", domain, everything)
check("documents with some fields set validate", domain, sorted(glob.glob(os.path.join(samples, "some-*.json"))))
check("run-state records validate", run_state, sorted(glob.glob(os.path.join(samples, "runstate-*.json"))))
check("the golden xl.cfg conversions validate", domain, sorted(glob.glob(os.path.join(golden, "*.json"))))

# Every property the schema names is one hv writes, and the other way round.
written = set()
for path in everything:
    written |= paths_of(json.load(open(path)))
allowed = schema_paths({"$ref": "#/$defs/domain"}) | {"/schema_version"}
results.append((written == allowed, "the schema names exactly the fields hv writes",
                ["in the schema only: %s" % p for p in sorted(allowed - written)][:5] +
                ["written only: %s" % p for p in sorted(written - allowed)][:5]))

# The schema refuses what hv refuses.
doc = json.load(open(everything[0]))
mutants = {
    "an unknown field": lambda d: d.update(colour="blue"),
    "an unknown field in a disk": lambda d: d["disks"][0].update(colour="blue"),
    "a bad enum value": lambda d: d.update(type="pv"),
    "a number out of range": lambda d: d.update(vcpus=0),
    "a bad MAC address": lambda d: d["nics"][0].update(mac="00:16:3e"),
    "a string for a number": lambda d: d.update(memory_kib="512"),
    "a disk without vdev": lambda d: d["disks"][0].pop("vdev"),
    "a newer schema version": lambda d: d.update(schema_version=2),
}
for what, change in mutants.items():
    bad = copy.deepcopy(doc)
    change(bad)
    results.append((not domain.is_valid(bad), "the schema refuses " + what, []))

print("1..%d" % len(results))
for i, (ok, what, details) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, what))
    for line in details:
        print("# " + line)
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
