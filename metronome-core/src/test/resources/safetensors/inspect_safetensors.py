#!/usr/bin/env python3
"""Parses a safetensors file with the standard library only and prints a JSON summary:
{"metadata": {...}, "tensors": [{"name", "dtype", "shape", "first": [up to 4 decoded values]}]}
in data-offset order. Used by the Java cross-check test. Usage: inspect_safetensors.py FILE"""
import json
import struct
import sys

FORMATS = {"F64": "d", "F32": "f", "I64": "q", "I32": "i", "I16": "h", "I8": "b", "U8": "B", "BOOL": "?"}
SIZES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}

with open(sys.argv[1], "rb") as f:
    blob = f.read()
(n,) = struct.unpack("<Q", blob[:8])
header = json.loads(blob[8:8 + n].decode("utf-8"))
data = blob[8 + n:]
metadata = header.pop("__metadata__", {})
tensors = []
for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
    begin, end = info["data_offsets"]
    raw = data[begin:end]
    count = 1
    for dim in info["shape"]:
        count *= dim
    assert end - begin == count * SIZES[info["dtype"]], name
    shown = min(count, 4)
    if info["dtype"] in FORMATS:
        first = list(struct.unpack("<%d%s" % (shown, FORMATS[info["dtype"]]), raw[:shown * SIZES[info["dtype"]]]))
    else:
        first = list(struct.unpack("<%dH" % shown, raw[:shown * 2]))
    tensors.append({"name": name, "dtype": info["dtype"], "shape": info["shape"], "first": first})
print(json.dumps({"metadata": metadata, "tensors": tensors, "data_bytes": len(data)}))
