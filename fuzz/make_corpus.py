#!/usr/bin/env python3
"""Writes the seed corpus (corpus/) from samples/: two control bytes (see Harness.swift) + a file."""
import os, sys

here = os.path.dirname(os.path.abspath(__file__))
samples = os.path.join(here, "..", "samples")
out = os.path.join(here, "corpus")
os.makedirs(out, exist_ok=True)
datasets = {"units.csv": 0, "unit_accounts.csv": 1, "exam_enrollments.csv": 2, "vehicles.csv": 3}
for folder, encodings in (("utf8", (0, 1)), ("gb18030", (0, 2))):
    for name, dataset in datasets.items():
        data = open(os.path.join(samples, folder, name), "rb").read()
        for i, enc in enumerate(encodings):
            chunk = (7, 61)[i]
            small_cap = 0x10 if i else 0
            control = bytes([dataset << 2 | enc | small_cap, chunk])
            with open(os.path.join(out, f"{folder}-{name[:-4]}-{enc}"), "wb") as f:
                f.write(control + data)
# A few hand-made shapes the samples lack.
extra = {
    "bom-quoted-crlf": bytes([0, 3]) + b"\xef\xbb\xbfunit_code,unit_name\r\n\"a\r\nb\",\"x\"\"y\"\r\n",
    "unterminated": bytes([0, 5]) + b"unit_code,unit_name\n1,\"open\n",
    "gb-four-byte": bytes([2, 1]) + b"unit_code,unit_name\n1,\x95\x32\x82\x36\n",
    "nul-and-cr": bytes([0, 2]) + b"unit_code,unit_name\r1,a\x00b\r\n2,c\n",
}
for name, data in extra.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
