#!/usr/bin/env python3
"""Generate crates/reachmap-core/src/schema/table.rs: the field names Kubernetes
accepts for the objects Reachmap validates strictly (what `kubectl
--validate=strict` would report as "unknown field"). The output is data only;
the lookup API is hand-written in crates/reachmap-core/src/schema/mod.rs.

Usage (from the repository's root):
    python3 scripts/gen_schema.py UPSTREAM_DIR \
        -o crates/reachmap-core/src/schema/table.rs \
        [--k8s-version 1.34] [--k8s-source TEXT] [--npapi-source TEXT]
    cargo test -p reachmap-core --lib schema

UPSTREAM_DIR holds the inputs, named as upstream names them (not kept in the
repository; fetch them again to regenerate):
  Kubernetes OpenAPI v3, kubernetes/kubernetes branch release-1.34,
  api/openapi-spec/v3/ (e.g. https://raw.githubusercontent.com/kubernetes/
  kubernetes/release-1.34/api/openapi-spec/v3/api__v1_openapi.json):
    api__v1_openapi.json
    apis__apps__v1_openapi.json
    apis__batch__v1_openapi.json
    apis__discovery.k8s.io__v1_openapi.json
    apis__networking.k8s.io__v1_openapi.json
  kubernetes-sigs/network-policy-api CRDs, config/crd/experimental/
  (the first two from tag v0.1.8, the third from tag v0.2.0):
    policy.networking.k8s.io_adminnetworkpolicies.yaml          (v1alpha1)
    policy.networking.k8s.io_baselineadminnetworkpolicies.yaml  (v1alpha1)
    policy.networking.k8s.io_clusternetworkpolicies.yaml        (v1alpha2)
For a new Kubernetes release, fetch that release's files and pass
--k8s-version / --k8s-source so the header records the provenance; the header
also records each input's sha256 prefix.

Dependencies: Python 3 standard library and PyYAML. The output is
deterministic (everything is sorted; ids follow the sorted schema names) and
laid out compactly under `#[rustfmt::skip]`.

What is checked ("strict") and what is not ("open") is decided by the tables
below (SHALLOW, FORCE_OPEN, EXTRA_FIELDS); everything reached from a root
through a strict schema is itself strict, field by field, all the way down.
"""

import argparse
import hashlib
import json
import os
import sys

import yaml

K8S_FILES = [
    "api__v1_openapi.json",
    "apis__apps__v1_openapi.json",
    "apis__batch__v1_openapi.json",
    "apis__discovery.k8s.io__v1_openapi.json",
    "apis__networking.k8s.io__v1_openapi.json",
]
CRD_FILES = [
    "policy.networking.k8s.io_adminnetworkpolicies.yaml",
    "policy.networking.k8s.io_baselineadminnetworkpolicies.yaml",
    "policy.networking.k8s.io_clusternetworkpolicies.yaml",
]

# Kinds checked, by OpenAPI definition name. Their `*List` kinds come along.
K8S_ROOTS = [
    "io.k8s.api.core.v1.Endpoints",
    "io.k8s.api.core.v1.Namespace",
    "io.k8s.api.core.v1.Pod",
    "io.k8s.api.core.v1.ReplicationController",
    "io.k8s.api.core.v1.Service",
    "io.k8s.api.apps.v1.DaemonSet",
    "io.k8s.api.apps.v1.Deployment",
    "io.k8s.api.apps.v1.ReplicaSet",
    "io.k8s.api.apps.v1.StatefulSet",
    "io.k8s.api.batch.v1.CronJob",
    "io.k8s.api.batch.v1.Job",
    "io.k8s.api.discovery.v1.EndpointSlice",
    "io.k8s.api.networking.v1.NetworkPolicy",
]

# Schemas whose field *names* are all checked but only the listed fields are
# descended into; every other object-valued field of theirs is open.
SHALLOW = {
    "io.k8s.api.apps.v1.DaemonSetSpec": {"selector", "template"},
    "io.k8s.api.apps.v1.DeploymentSpec": {"selector", "template"},
    "io.k8s.api.apps.v1.ReplicaSetSpec": {"selector", "template"},
    "io.k8s.api.apps.v1.StatefulSetSpec": {"selector", "template"},
    "io.k8s.api.batch.v1.CronJobSpec": {"jobTemplate"},
    "io.k8s.api.batch.v1.JobSpec": {"selector", "template"},
    "io.k8s.api.core.v1.ReplicationControllerSpec": {"selector", "template"},
    "io.k8s.api.core.v1.PodSpec": {"containers", "initContainers", "ephemeralContainers"},
    "io.k8s.api.core.v1.Container": {"ports"},
    "io.k8s.api.core.v1.EphemeralContainer": {"ports"},
}

# Fields open whatever their type (besides `status` of every root).
FORCE_OPEN = {
    "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"managedFields"},
}

# Fields accepted although the OpenAPI of this release lacks them.
# NetworkPolicy had a `status` (NetworkPolicyStatus, 1.24-1.27); dumps taken
# from such clusters carry it, and it must never be flagged.
EXTRA_FIELDS = {
    "io.k8s.api.networking.v1.NetworkPolicy": {"status": "Open"},
}

OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
LIST_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"
SCALAR_TYPES = {"string", "integer", "number", "boolean"}

# Child kinds. ("Object", name) / ("ListOf", name) refer to schemas by name
# until ids are assigned.
SCALAR = ("Scalar",)
OPEN = ("Open",)
STRING_MAP = ("StringMap",)
RESOURCES = ("Resources",)


class Gen:
    def __init__(self, defs):
        self.defs = defs  # OpenAPI definition name -> schema
        self.schemas = {}  # schema name -> {field: child}
        self.roots = []  # (apiVersion, kind, schema name)

    # -- Kubernetes OpenAPI -------------------------------------------------

    @staticmethod
    def ref_of(prop):
        if "$ref" in prop:
            return prop["$ref"].rsplit("/", 1)[1]
        if "allOf" in prop:
            if len(prop["allOf"]) != 1 or "$ref" not in prop["allOf"][0]:
                raise SystemExit("unsupported allOf: %r" % (prop,))
            return prop["allOf"][0]["$ref"].rsplit("/", 1)[1]
        return None

    def def_kind(self, name):
        """How a referenced definition is checked, without descending."""
        d = self.defs[name]
        if "properties" in d:
            return "object"
        if d.get("x-kubernetes-preserve-unknown-fields"):
            return "open"
        t = d.get("type")
        if t in SCALAR_TYPES or (t is None and "oneOf" in d):
            if t is None and not all(o.get("type") in SCALAR_TYPES for o in d["oneOf"]):
                raise SystemExit("unsupported oneOf in %s" % name)
            return "scalar"  # IntOrString, Quantity, Time, MicroTime, ...
        if t == "object" and "additionalProperties" in d:
            raise SystemExit("unsupported map definition %s" % name)
        return "open"  # FieldsV1, RawExtension: any content

    def k8s_child(self, prop, descend, where):
        """Child of an OpenAPI property; `descend` says whether objects below
        are typed (True) or open (False)."""
        ref = self.ref_of(prop)
        if ref is not None:
            kind = self.def_kind(ref)
            if kind == "scalar":
                return SCALAR
            if kind == "open" or not descend:
                return OPEN
            return ("Object", self.k8s_schema(ref))
        t = prop.get("type")
        if t in SCALAR_TYPES:
            return SCALAR
        if t == "array":
            item = prop["items"]
            iref = self.ref_of(item)
            if iref is None:
                if item.get("type") in SCALAR_TYPES:
                    return SCALAR
                raise SystemExit("unsupported array items at %s: %r" % (where, item))
            kind = self.def_kind(iref)
            if kind == "scalar":
                return SCALAR
            if kind == "open" or not descend:
                return OPEN
            return ("ListOf", self.k8s_schema(iref))
        if t == "object":
            ap = prop.get("additionalProperties")
            if isinstance(ap, dict):
                if ap.get("type") in SCALAR_TYPES:
                    return STRING_MAP
                aref = self.ref_of(ap)
                if aref is not None and self.def_kind(aref) == "scalar":
                    return STRING_MAP  # map[string]Quantity
                if not descend:
                    return OPEN
                raise SystemExit("unsupported map of objects at %s" % where)
            return OPEN
        raise SystemExit("unsupported property at %s: %r" % (where, prop))

    def k8s_schema(self, name, root=False):
        if name in self.schemas:
            return name
        d = self.defs[name]
        self.schemas[name] = None  # cycle guard
        typed = SHALLOW.get(name)
        forced = FORCE_OPEN.get(name, set())
        fields = {}
        for field, prop in sorted(d["properties"].items()):
            where = "%s.%s" % (name, field)
            if field in forced or (root and field == "status"):
                fields[field] = OPEN
            elif root and field == "metadata":
                fields[field] = ("Object", self.k8s_schema(OBJECT_META))
            else:
                fields[field] = self.k8s_child(prop, typed is None or field in typed, where)
        for field, child in EXTRA_FIELDS.get(name, {}).items():
            assert field not in fields, (name, field)
            fields[field] = (child,)
        if typed is not None:
            missing = typed - set(fields)
            if missing:
                raise SystemExit("%s lacks %s" % (name, sorted(missing)))
        self.schemas[name] = fields
        return name

    def add_k8s_root(self, name):
        d = self.defs[name]
        (gvk,) = d["x-kubernetes-group-version-kind"]
        api_version = "%s/%s" % (gvk["group"], gvk["version"]) if gvk["group"] else gvk["version"]
        self.k8s_schema(name, root=True)
        self.roots.append((api_version, gvk["kind"], name))
        lname = name + "List"
        ld = self.defs[lname]
        (lgvk,) = ld["x-kubernetes-group-version-kind"]
        assert lgvk["kind"] == gvk["kind"] + "List"
        assert sorted(ld["properties"]) == ["apiVersion", "items", "kind", "metadata"], lname
        assert self.ref_of(ld["properties"]["items"]["items"]) == name
        self.add_list(api_version, gvk["kind"] + "List", lname, ("ListOf", name))

    def add_list(self, api_version, kind, name, items):
        self.k8s_schema(LIST_META)
        self.schemas[name] = {
            "apiVersion": SCALAR,
            "items": items,
            "kind": SCALAR,
            "metadata": ("Object", LIST_META),
        }
        self.roots.append((api_version, kind, name))

    # -- CRDs ---------------------------------------------------------------

    def crd_child(self, node, name, path):
        if node.get("x-kubernetes-preserve-unknown-fields"):
            return OPEN
        t = node.get("type")
        if t in SCALAR_TYPES or node.get("x-kubernetes-int-or-string"):
            return SCALAR
        if t == "array":
            item = node["items"]
            c = self.crd_child(item, name, path + "[]")
            if c in (SCALAR, OPEN):
                return c
            if c[0] == "Object":
                return ("ListOf", c[1])
            raise SystemExit("unsupported CRD array at %s.%s" % (name, path))
        if t == "object":
            if "properties" in node:
                return ("Object", self.crd_schema(node, name + "." + path))
            ap = node.get("additionalProperties")
            if isinstance(ap, dict) and ap.get("type") in SCALAR_TYPES:
                return STRING_MAP
            if ap:
                raise SystemExit("unsupported CRD map at %s.%s" % (name, path))
            return OPEN
        raise SystemExit("unsupported CRD node at %s.%s: %r" % (name, path, node))

    def crd_schema(self, node, name, root=False):
        fields = {}
        for field, prop in sorted(node["properties"].items()):
            if root and field == "status":
                fields[field] = OPEN
            elif root and field == "metadata":
                fields[field] = ("Object", self.k8s_schema(OBJECT_META))
            else:
                fields[field] = self.crd_child(prop, name, field)
        assert name not in self.schemas, name
        self.schemas[name] = fields
        return name

    def add_crd(self, crd):
        spec = crd["spec"]
        group, kind = spec["group"], spec["names"]["kind"]
        list_kind = spec["names"].get("listKind", kind + "List")
        for v in spec["versions"]:
            if not v.get("served", True):
                continue
            api_version = "%s/%s" % (group, v["name"])
            name = "%s.%s" % (api_version.replace("/", "."), kind)
            root = v["schema"]["openAPIV3Schema"]
            for f in ("apiVersion", "kind", "metadata", "spec"):
                assert f in root["properties"], (name, f)
            self.crd_schema(root, name, root=True)
            self.roots.append((api_version, kind, name))
            self.add_list(api_version, list_kind, name + "List", ("ListOf", name))


def short(name):
    for p, q in (
        ("io.k8s.api.", ""),
        ("io.k8s.apimachinery.pkg.apis.", ""),
        ("policy.networking.k8s.io.", "npapi."),
    ):
        if name.startswith(p):
            return q + name[len(p):]
    return name


def canonicalize(schemas, roots):
    """Merge structurally identical schemas; assign ids by sorted name."""
    memo = {}

    def key(name, stack=()):
        if name in memo:
            return memo[name]
        if name in stack:
            raise SystemExit("recursive schema %s" % name)
        items = []
        for f, c in sorted(schemas[name].items()):
            if c[0] in ("Object", "ListOf"):
                items.append((f, c[0], key(c[1], stack + (name,))))
            else:
                items.append((f, c[0]))
        memo[name] = tuple(items)
        return memo[name]

    reachable = set()

    def mark(name):
        if name in reachable:
            return
        reachable.add(name)
        for c in schemas[name].values():
            if c[0] in ("Object", "ListOf"):
                mark(c[1])

    for _, _, r in roots:
        mark(r)
    groups = {}
    for name in reachable:
        groups.setdefault(key(name), []).append(short(name))
    # Canonical name of a group: its shortest, then smallest, name.
    canon = {k: sorted(v, key=lambda n: (len(n), n)) for k, v in groups.items()}
    order = sorted(canon, key=lambda k: canon[k][0])
    ids = {k: i for i, k in enumerate(order)}
    table = []
    for k in order:
        fields = []
        for item in k:
            if len(item) == 3:
                fields.append((item[0], "%s(%d)" % (item[1], ids[item[2]])))
            else:
                fields.append((item[0], item[1]))
        table.append((canon[k], fields))
    root_ids = sorted((av, kind, ids[key(n)]) for av, kind, n in roots)
    return table, root_ids


def rust_str(s):
    return json.dumps(s)  # field names are plain ASCII identifiers


def wrap_entries(entries, indent, width=100):
    """Entries joined by ", " on lines of at most `width` columns (the table is
    `#[rustfmt::skip]`: one schema in a few lines keeps the file short)."""
    lines, cur = [], ""
    for e in entries:
        piece = e + ","
        if cur and len(indent) + len(cur) + 1 + len(piece) > width:
            lines.append(indent + cur)
            cur = piece
        else:
            cur = piece if not cur else cur + " " + piece
    if cur:
        lines.append(indent + cur)
    return lines


def wrap_words(text, width=96):
    """Words on lines of at most `width` columns (a long word alone)."""
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = word if not cur else cur + " " + word
    return lines + [cur] if cur else lines


def emit(table, roots, args, inputs):
    nfields = sum(len(f) for _, f in table)
    out = []
    w = out.append
    w("// @generated by scripts/gen_schema.py -- DO NOT EDIT: regenerate instead.")
    w("//")
    w("// Field names Kubernetes accepts for the objects Reachmap validates strictly,")
    w("// as `kubectl --validate=strict` would check them. The lookup API is in")
    w("// `schema/mod.rs` (hand-written); this file is data only.")
    w("//")
    for line in wrap_words("Kubernetes: " + args.k8s_source):
        w("// " + line)
    for line in wrap_words("network-policy-api: " + args.npapi_source):
        w("// " + line)
    w("// Inputs (sha256):")
    for fn, digest in inputs:
        w("//   %s  %s" % (digest[:16], fn))
    w("//")
    w("// Regenerate (see scripts/gen_schema.py's docstring for where the inputs come from):")
    w("//   python3 scripts/gen_schema.py UPSTREAM_DIR -o crates/reachmap-core/src/schema/table.rs")
    w("//")
    w("// %d schemas, %d field names, %d root kinds." % (len(table), nfields, len(roots)))
    w("")
    w("use super::Child::{self, ListOf, Object, Open, Resources, Scalar, StringMap};")
    w("use super::SchemaId;")
    w("")
    w("/// Kubernetes minor release the table was generated from.")
    w("pub const K8S_VERSION: &str = %s;" % rust_str(args.k8s_version))
    w("")
    w("/// Each schema's fields, sorted by name (byte order). Indexed by [`SchemaId`].")
    w("#[rustfmt::skip]")
    w("pub(super) static SCHEMAS: [&[(&str, Child)]; %d] = [" % len(table))
    for i, (names, fields) in enumerate(table):
        more = " (+%d more)" % (len(names) - 1) if len(names) > 1 else ""
        w("    // %d: %s%s" % (i, names[0], more))
        entries = ["(%s, %s)" % (rust_str(f), c) for f, c in fields]
        lines = wrap_entries(entries, "        ")
        if len(lines) == 1 and len(lines[0]) - 8 + 7 <= 96:
            w("    &[" + lines[0].strip().rstrip(",") + "],")
        else:
            w("    &[")
            out.extend(lines)
            w("    ],")
    w("];")
    w("")
    w("/// `(apiVersion, kind, root schema)`, sorted by apiVersion then kind.")
    w("#[rustfmt::skip]")
    w("pub(super) static ROOTS: [(&str, &str, SchemaId); %d] = [" % len(roots))
    for av, kind, i in roots:
        w("    (%s, %s, %d)," % (rust_str(av), rust_str(kind), i))
    w("];")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("upstream", help="directory with the OpenAPI v3 JSON and CRD YAML inputs")
    ap.add_argument("-o", "--output", default="-", help="output .rs file (default: stdout)")
    ap.add_argument("--k8s-version", default="1.34")
    ap.add_argument(
        "--k8s-source",
        default="v1.34 OpenAPI v3, kubernetes/kubernetes release-1.34 api/openapi-spec/v3/ "
        "(as vendored in kubernetes-sigs/kubectl-validate a97ccfac, "
        "pkg/openapiclient/builtins/1.34/)",
    )
    ap.add_argument(
        "--npapi-source",
        default="config/crd/experimental/ CRDs: AdminNetworkPolicy and "
        "BaselineAdminNetworkPolicy v1alpha1 from tag v0.1.8, "
        "ClusterNetworkPolicy v1alpha2 from tag v0.2.0",
    )
    args = ap.parse_args()

    inputs = []
    defs = {}
    for fn in K8S_FILES:
        path = os.path.join(args.upstream, fn)
        with open(path, "rb") as f:
            raw = f.read()
        inputs.append((fn, hashlib.sha256(raw).hexdigest()))
        for name, d in json.loads(raw)["components"]["schemas"].items():
            if name in defs and defs[name] != d:
                # Shared definitions (meta.v1.*) must agree across groups.
                raise SystemExit("definition %s differs between files" % name)
            defs[name] = d
    gen = Gen(defs)
    for name in K8S_ROOTS:
        gen.add_k8s_root(name)
    for fn in CRD_FILES:
        path = os.path.join(args.upstream, fn)
        with open(path, "rb") as f:
            raw = f.read()
        inputs.append((fn, hashlib.sha256(raw).hexdigest()))
        gen.add_crd(yaml.safe_load(raw))
    # The client-side `kind: List` (kubectl get -o yaml of several objects).
    gen.add_list("v1", "List", "v1.List", RESOURCES)

    keys = [(av, k) for av, k, _ in gen.roots]
    assert len(keys) == len(set(keys)), "duplicate root"
    table, roots = canonicalize(gen.schemas, gen.roots)
    assert len(table) < 65536
    text = emit(table, roots, args, inputs)

    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as f:
            f.write(text)
        print(
            "%s: %d schemas, %d fields, %d roots, %d bytes"
            % (args.output, len(table), sum(len(f) for _, f in table), len(roots), len(text.encode())),
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
