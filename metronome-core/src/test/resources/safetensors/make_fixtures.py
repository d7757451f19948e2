#!/usr/bin/env python3
"""Writes the safetensors fixtures byte by byte from the published format description.

Format: an 8-byte little-endian unsigned header length N, then N bytes of UTF-8 JSON, then the data
section. The JSON maps each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} with
offsets relative to the data section, plus an optional "__metadata__" object of strings. The header
is padded with spaces to a multiple of 8 bytes (as the reference implementation pads it).

The header strings below are typed out by hand (compact JSON, "__metadata__" first, tensor
entries in file order, keys dtype/shape/data_offsets); nothing here uses Metronome's writer.
Only the standard library is used. Run from this directory: python3 make_fixtures.py
"""
import struct


def safetensors(header_json: str, data: bytes) -> bytes:
    header = header_json.encode("utf-8")
    header += b" " * ((8 - len(header) % 8) % 8)
    return struct.pack("<Q", len(header)) + header + data


# 1. One 2x2 F32 tensor [[1.0, -2.0], [0.5, 3.25]] and metadata {"format": "pt"}.
#    JSON is 94 bytes, padded with 2 spaces to 96; the data section is 16 bytes.
F32_2X2 = safetensors(
    '{"__metadata__":{"format":"pt"},'
    '"weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}',
    struct.pack("<4f", 1.0, -2.0, 0.5, 3.25),
)

# 2. Four tensors, deliberately not in alphabetical order, no metadata:
#    b     I64  scalar []   7                      bytes [0, 8)
#    a     F16  [3]         1.0, -2.0, 0.5         bytes [8, 14)   (0x3C00, 0xC000, 0x3800)
#    empty F32  [0]         (no elements)          bytes [14, 14)
#    mask  BOOL [2,2]       1, 0, 0, 1             bytes [14, 18)
MIXED = safetensors(
    '{"b":{"dtype":"I64","shape":[],"data_offsets":[0,8]},'
    '"a":{"dtype":"F16","shape":[3],"data_offsets":[8,14]},'
    '"empty":{"dtype":"F32","shape":[0],"data_offsets":[14,14]},'
    '"mask":{"dtype":"BOOL","shape":[2,2],"data_offsets":[14,18]}}',
    struct.pack("<q", 7) + struct.pack("<3H", 0x3C00, 0xC000, 0x3800) + bytes([1, 0, 0, 1]),
)

if __name__ == "__main__":
    for name, content in (("f32_2x2_metadata.safetensors", F32_2X2), ("mixed_dtypes.safetensors", MIXED)):
        with open(name, "wb") as out:
            out.write(content)
        print(name, len(content), "bytes")
