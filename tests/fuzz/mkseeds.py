#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_vring (corpus/vring/*) in the input
layout fuzz_vring.c documents: a few valid chains of each queue kind,
indirect tables, index wrap, rollbacks, and one ring per rejection rule.
Usage: mkseeds.py [OUTDIR]   (default: corpus/vring next to this script)"""
import os
import struct
import sys

ARENA = 0x10000
DESC = 0x100000
NEXT, WRITE, INDIRECT = 1, 2, 4
TX, RX, BOTH = 0, 1, 2
# operation codes (enum op)
POP, PENDING, PUSH, PUBLISH, UNPUSH, UNPOP, INTR, COPY, POST, AIDX, \
    DDESC, AENTRY, DARENA, AFLAGS, BUMP = range(15)


def desc(addr, length, flags=0, nxt=0):
    return struct.pack('<QIHH', addr, length, flags, nxt)


def ring(order=4, direction=TX, indirect=False, race=False, max_len=65536,
         arena=b'', start=0, used_idx=0, descs=None, heads=(), avail_idx=None,
         avail_flags=0, ops=b''):
    num = 1 << order
    hdr = struct.pack('<BBIHHH', order,
                      int(indirect) | direction << 1 | int(race) << 3,
                      max_len, len(arena), start, used_idx)
    table = bytearray(16 * num)
    for i, d in (descs or {}).items():
        table[16 * i:16 * i + 16] = d
    entries = [0] * num
    for k, h in enumerate(heads):
        entries[(start + k) % num] = h
    if avail_idx is None:
        avail_idx = (start + len(heads)) & 0xffff
    avail = struct.pack('<HH', avail_flags, avail_idx) + \
        struct.pack('<%dH' % num, *entries)
    return hdr + bytes(table) + avail + arena + ops


def table(entries):
    return b''.join(desc(*e) for e in entries)


def pattern(n, seed):
    return bytes((seed + i) & 0xff for i in range(n))


FULL = bytes([POP, COPY, 7, PUSH, 0xff, 0xff, 0, 0, PUBLISH, INTR])

SEEDS = {
    'tx-single': ring(arena=pattern(128, 1), descs={3: desc(ARENA, 100)},
                      heads=[3]),
    'tx-chain3': ring(arena=pattern(64, 2),
                      descs={0: desc(ARENA, 10, NEXT, 5),
                             5: desc(ARENA + 16, 10, NEXT, 2),
                             2: desc(ARENA + 32, 10)},
                      heads=[0], ops=FULL),
    'rx-chain2': ring(direction=RX, arena=bytes(32),
                      descs={1: desc(ARENA, 8, WRITE | NEXT, 4),
                             4: desc(ARENA + 16, 8, WRITE)},
                      heads=[1], ops=FULL),
    'ctrl-both': ring(direction=BOTH, arena=bytes(48),
                      descs={0: desc(ARENA, 2, NEXT, 1),
                             1: desc(ARENA + 16, 6, NEXT, 2),
                             2: desc(ARENA + 32, 1, WRITE)},
                      heads=[0], ops=FULL),
    'indirect-tx4': ring(indirect=True,
                         arena=table([(ARENA + 64 + 8 * i, 8,
                                       NEXT if i < 3 else 0, i + 1)
                                      for i in range(4)]) + pattern(32, 3),
                         descs={0: desc(ARENA, 64, INDIRECT)}, heads=[0],
                         ops=FULL),
    'indirect-rx2': ring(direction=RX, indirect=True,
                         arena=table([(ARENA + 32, 16, WRITE | NEXT, 1),
                                      (ARENA + 48, 16, WRITE)]) + bytes(32),
                         descs={7: desc(ARENA, 32, INDIRECT)}, heads=[7],
                         ops=FULL),
    'direct-then-indirect': ring(
        direction=BOTH, indirect=True,
        arena=table([(ARENA + 32, 4, NEXT, 1),
                     (ARENA + 36, 4, WRITE)]) + bytes(8),
        descs={0: desc(ARENA + 40, 0, NEXT, 1),
               1: desc(ARENA, 32, INDIRECT)},
        heads=[0], ops=FULL),
    'rollback': ring(direction=RX, arena=bytes(16),
                     descs={0: desc(ARENA, 4, WRITE),
                            1: desc(ARENA + 8, 4, WRITE)},
                     heads=[0, 1],
                     ops=bytes([POP, PUSH, 4, 0, 0, 0, POP, PUSH, 4, 0, 0, 0,
                                UNPUSH, 2, UNPOP, 2, PENDING, POP, PUSH, 4, 0,
                                0, 0, PUBLISH, POP, UNPOP, 1, PUBLISH])),
    'index-wrap': ring(arena=bytes(8), start=65534, used_idx=65535,
                       descs={0: desc(ARENA, 4)}, heads=[0, 0, 0, 0],
                       ops=bytes([POP, POP, PENDING, POP, POP, POP, PUSH, 1,
                                  0, 0, 0, PUBLISH])),
    'num256': ring(order=8, arena=pattern(256, 4),
                   descs={i: desc(ARENA + 32 * i, 32) for i in range(8)},
                   heads=list(range(8))),
    'num1': ring(order=0, direction=RX, arena=bytes(4),
                 descs={0: desc(ARENA, 4, WRITE)}, heads=[0],
                 ops=bytes([POP, PUSH, 4, 0, 0, 0, PUBLISH, POST, 0, 0, POP,
                            PUSH, 2, 0, 0, 0, PUBLISH])),
    'race': ring(indirect=True, race=True,
                 arena=table([(ARENA + 32, 8, NEXT, 1),
                              (ARENA + 40, 8)]) + bytes(16),
                 descs={0: desc(ARENA, 32, INDIRECT)}, heads=[0],
                 ops=bytes([POP, 4, 0] + [0x11] * 16 + [5, 0x20, 0, 7] +
                           [0xee] * 8 + [6, 5, 0, PUBLISH])),
    'driver-ops': ring(arena=bytes(64), heads=[], ops=bytes(
        [DDESC, 2] + list(desc(ARENA + 8, 24)) +
        [DARENA, 8, 0, 23] + list(pattern(24, 9)) +
        [POST, 2, 0, POP, COPY, 3, PUSH, 0, 0, 0, 0, PUBLISH, AFLAGS, 1, 0,
         INTR, AENTRY, 1, 2, 0, BUMP, 0, POP, AIDX, 0x40, 0, PENDING, POP])),
    'alias-desc-table': ring(descs={0: desc(DESC, 32, NEXT, 1),
                                    1: desc(DESC + 48, 16)}, heads=[0],
                             ops=FULL),
    'zero-length': ring(arena=bytes(8),
                        descs={0: desc(0, 0, NEXT, 1), 1: desc(ARENA, 4)},
                        heads=[0]),
    'segs64': ring(order=7, arena=bytes(4),
                   descs={i: desc(ARENA, 1, NEXT if i < 63 else 0, i + 1)
                          for i in range(64)}, heads=[0], ops=FULL),
    'bad-segs65': ring(order=7, arena=bytes(4),
                       descs={i: desc(ARENA, 1, NEXT if i < 64 else 0, i + 1)
                              for i in range(65)}, heads=[0]),
    'bad-loop': ring(arena=bytes(4), descs={0: desc(ARENA, 1, NEXT, 1),
                                           1: desc(ARENA, 1, NEXT, 0)},
                     heads=[0]),
    'bad-next-range': ring(arena=bytes(4),
                           descs={0: desc(ARENA, 4, NEXT, 16)}, heads=[0]),
    'bad-head-range': ring(arena=bytes(4), descs={0: desc(ARENA, 4)},
                           heads=[16]),
    'bad-avail-idx': ring(arena=bytes(4), descs={0: desc(ARENA, 4)},
                          heads=[0], avail_idx=17),
    'bad-direction': ring(arena=bytes(4),
                          descs={0: desc(ARENA, 4, WRITE)}, heads=[0]),
    'bad-read-after-write': ring(direction=BOTH, arena=bytes(8),
                                 descs={0: desc(ARENA, 4, WRITE | NEXT, 1),
                                        1: desc(ARENA + 4, 4)}, heads=[0]),
    'bad-wrap': ring(descs={0: desc(0xfffffffffffffff0, 0x20)}, heads=[0]),
    'bad-outside': ring(arena=bytes(64),
                        descs={0: desc(ARENA + 56, 16)}, heads=[0]),
    'bad-max-len': ring(max_len=10, arena=bytes(32),
                        descs={0: desc(ARENA, 8, NEXT, 1),
                               1: desc(ARENA + 8, 8)}, heads=[0]),
    'bad-indirect-not-negotiated': ring(
        arena=table([(ARENA + 32, 8)] * 2),
        descs={0: desc(ARENA, 32, INDIRECT)}, heads=[0]),
    'bad-indirect-nested': ring(
        indirect=True,
        arena=table([(ARENA + 32, 8, NEXT, 1), (ARENA, 32, INDIRECT)]) +
        bytes(8),
        descs={0: desc(ARENA, 32, INDIRECT)}, heads=[0]),
    'bad-indirect-length': ring(
        indirect=True, arena=table([(ARENA, 8)] * 2),
        descs={0: desc(ARENA, 20, INDIRECT)}, heads=[0]),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'corpus', 'vring')
    os.makedirs(out, exist_ok=True)
    for name, data in sorted(SEEDS.items()):
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
