#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print a short hash of each netlink policy's bytes in a built module.

    tests/spec/policy-bytes.py MODULE.ko

One line per policy symbol: name, size, sha1 (12 hex digits) of its
rodata. A policy holds no pointers here (no nested policies), so its
bytes are the whole of what the genetlink core checks: run it on the
module before and after a change to the spec or its generator
(scripts/ynl-gen.py --kernel) to see that no command's validation moved.
"""
import hashlib
import re
import subprocess
import sys


def main():
    ko = sys.argv[1]
    secs = {}
    for line in subprocess.run(['readelf', '-SW', ko], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        m = re.match(r'\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+([0-9a-f]+)', line)
        if m:
            secs[int(m.group(1))] = int(m.group(3), 16)
    data = open(ko, 'rb').read()
    rows = []
    for line in subprocess.run(['readelf', '-sW', ko], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        f = line.split()
        if len(f) >= 8 and f[3] == 'OBJECT' and f[7].endswith('policy') and f[6].isdigit():
            value, size = int(f[1], 16), int(f[2])
            off = secs[int(f[6])] + value
            rows.append((f[7], size, hashlib.sha1(data[off:off + size]).hexdigest()[:12]))
    for name, size, digest in sorted(rows):
        print(name, size, digest)


main()
