#!/usr/bin/env python3
"""Writes the seed corpora of the parser targets and of fuzz_iotlb
(corpus/{conf,recovery,cli,nlreply,iotlb}/*): the example virtnet.conf and
the guide's files, the recovery files docs/recovery.md shows, the unit
tests' command lines, and netlink replies built with the attribute numbers
of uapi/linux/virtnet.h (a device as DEV_GET reports it, INFO_GET,
CTRL_GET, acks with extack). Run from anywhere; writes next to itself.
Usage: mkseeds_parsers.py [TOP]   (default: two levels above this script)"""
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..')


def out(target, name, data):
    d = os.path.join(HERE, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


# ---- conf ----
with open(os.path.join(TOP, 'userspace/controller/virtnet.conf.example'), 'rb') as f:
    out('conf', 'example', f.read())
NON_LAG = {"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1",
           "ib_dev_for_static_pf": "mlx5_0", "is_lag": 0,
           "pf_mac": "00:11:22:33:44:55", "recovery": 1,
           "sf_pool_percent": 0, "sf_pool_force_destroy": 0}
LAG = {"ib_dev_lag": "mlx5_bond_0", "ib_dev_for_static_pf": "mlx5_bond_0",
       "is_lag": 1, "pf_mac": "00:11:22:33:44:55", "recovery": 1,
       "sf_pool_percent": 0, "sf_pool_force_destroy": 0}
out('conf', 'guide-non-lag', json.dumps(NON_LAG))
out('conf', 'guide-lag', json.dumps(LAG, indent=2))
out('conf', 'empty-object', '{}')
out('conf', 'pool', '{"sf_pool_percent": 50, "sf_pool_force_destroy": true, "recovery": false}')
out('conf', 'p1-static', '{"ib_dev_p1": "mlx5_3", "ib_dev_for_static_pf": "mlx5_3", "pf_mac": "02:00:00:00:00:fe"}')
out('conf', 'bad-dup', '{"is_lag": 0, "is_lag": 1}')
out('conf', 'bad-syntax', '{"ib_dev_p0": "mlx5_0",\n "recovery": 1,,}')
out('conf', 'bad-lag-mix', '{"ib_dev_lag": "b", "ib_dev_p0": "a", "is_lag": 1}')
out('conf', 'mac-top', '{"pf_mac": "fe:ff:ff:ff:ff:ff"}')

# ---- recovery ----
HOTPLUG = {"version": 1, "port_ib_dev": "mlx5_0", "pf_id": 0,
           "function_type": "pf", "bdf_raw": 26624, "device_type": "hotplug",
           "mac": "0c:c4:7a:ff:22:93", "pf_num": 0, "sf_num": 2000, "mq": 1,
           "vuid": "VNETS1D0F0", "bdf": "68:00.0", "mtu": 1500,
           "num_queues": 3, "queue_size": 1024, "features": "0x0",
           "legacy": False}
STATIC = dict(HOTPLUG, function_type="pf", bdf_raw=34051, device_type="static",
              mac="00:11:22:33:44:55", sf_num=1000, mq=2, vuid="VNETS0D0F2",
              bdf="85:00.3", num_queues=5, queue_size=256)
VF = {"version": 1, "port_ib_dev": "mlx5_0", "pf_id": 4, "function_type": "vf",
      "bdf_raw": 34085, "device_type": "static", "mac": "5a:94:07:04:f6:1c",
      "pf_num": 0, "sf_num": 3000, "mq": 1, "vuid": "VNETS0D0F2VF1",
      "bdf": "85:04.5", "mtu": 1500, "num_queues": 3, "queue_size": 256,
      "features": "0x8020000130ef99ab", "legacy": False, "vf_id": 0,
      "parent_pf_id": 1, "pf_index": 0}
out('recovery', 'hotplug-pf', json.dumps(HOTPLUG, indent=2) + '\n')
out('recovery', 'static-pf', json.dumps(STATIC, indent=2) + '\n')
out('recovery', 'vf', json.dumps(VF, indent=2) + '\n')
out('recovery', 'link-coal', json.dumps(dict(HOTPLUG, link_up=False, rx_coal_usecs=50,
                                             rx_coal_max_packets=8, tx_coal_usecs=1000000,
                                             tx_coal_max_packets=32768)))
out('recovery', 'vdpa', json.dumps(dict(HOTPLUG, mode="vdpa", vdpa_name="vdpa0")))
out('recovery', 'legacy', json.dumps(dict(HOTPLUG, legacy=True, features="0xffffffffffffffff")))
out('recovery', 'bad-version', json.dumps(dict(HOTPLUG, version=2)))
out('recovery', 'bad-mq', json.dumps(dict(HOTPLUG, mq=2)))
out('recovery', 'bad-vf-on-pf', json.dumps(dict(HOTPLUG, vf_id=1)))
out('recovery', 'empty', '')

# ---- cli: NUL-separated words, the command first ----
CLI = {
    'hotplug': ['hotplug', '-i', 'mlx5_0', '-m', '0C:C4:7A:FF:22:93', '-t', '1500',
                '-n', '3', '-s', '1024'],
    'hotplug-all': ['hot', '--ib_device=mlx5_0', '--features', '0x20', '--mac',
                    '0c:c4:7a:ff:22:94', '--mtu', '9000', '--num_queues', '31',
                    '--queue_size', '32768', '-l', '-M', 'vdpa', '-N', 'vdpa0'],
    'unplug': ['unplug', '-p', '3'],
    'unplug-vuid': ['unplug', '-u', 'VNETS1D0F0'],
    'list': ['list'],
    'query-all': ['query', '-a'],
    'query-vf': ['q', '-p', '1', '-v', '0'],
    'modify-mac': ['modify', '-p', '1', 'device', '-m', '0C:C4:7A:FF:22:95', '-t', '4000'],
    'modify-queue': ['modify', '-u', 'VNETS1D0F0', 'queue', '-d', 'rx', '-p', '50', '-n', '8'],
    'modify-link': ['modify', '-p', '2', 'device', '-l', 'down', '-n', '4', '-q', '512'],
    'modify-mode': ['modify', '-p', '2', 'device', '-M', 'vdpa', '-N', 'x'],
    'modify-sf': ['modify', '-p', '2', 'device', '-S', 'VNETS1D0F1'],
    'stats': ['stats', '-p', '1', '-q', '2'],
    'update': ['update', '--start'],
    'log': ['log', '-l', 'debug'],
    'version': ['version'],
    'monitor': ['mon', '-j', '-s', '-r', '1048576'],
    'help': ['modify', '-p', '1', 'device', '-h'],
}
for name, words in CLI.items():
    out('cli', name, b'\0'.join(w.encode() for w in words))

# ---- nlreply: attribute numbers from the uapi header ----
with open(os.path.join(TOP, 'uapi/linux/virtnet.h')) as f:
    uapi = f.read()


def enum(name):
    body = re.search(r'enum %s \{(.*?)\};' % name, uapi, re.S).group(1)
    vals, n = {}, 0
    for m in re.finditer(r'^\s*([A-Z0-9_]+)\s*(?:=\s*([^,]+))?,', body, re.M):
        if m.group(2):
            n = eval(m.group(2).replace('<<', '<<'))
        vals[m.group(1)] = n
        n += 1
    return vals


A = enum('virtnet_attr')
Q = enum('virtnet_queue_attr')
C = enum('virtnet_cmd')
FAMILY = 0x1c
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_MULTI, NLM_F_CAPPED, NLM_F_ACK_TLVS = 2, 0x100, 0x200


def pad(b):
    return b + b'\0' * (-len(b) % 4)


def nla(t, payload):
    return pad(struct.pack('<HH', 4 + len(payload), t) + payload)


def u8(t, v): return nla(t, struct.pack('<B', v))
def u16(t, v): return nla(t, struct.pack('<H', v))
def u32(t, v): return nla(t, struct.pack('<I', v))
def u64(t, v): return nla(t, struct.pack('<Q', v))
def s(t, v): return nla(t, v.encode() + b'\0')
def nest(t, *parts): return nla(t | 0x8000, b''.join(parts))


def msg(cmd, attrs, flags=0, typ=FAMILY, seq=1):
    payload = struct.pack('<BBH', cmd, 1, 0) + attrs
    return struct.pack('<IHHII', 16 + len(payload), typ, flags, seq, 1234) + payload


def queue(i):
    return nest(A['VIRTNET_ATTR_QUEUE'], u16(Q['VIRTNET_QUEUE_ATTR_INDEX'], i),
                *[u64(v, 1000 + i) for k, v in Q.items()
                  if k.endswith(('PACKETS', 'BYTES', 'DROPS', 'ERRORS', 'KICKS', 'INTERRUPTS'))])


def a(name):
    return A['VIRTNET_ATTR_' + name]


DEV = b''.join([
    u32(a('DEV_ID'), 1), s(a('DEV_VUID'), 'VNETS1D0F0'), u16(a('DEV_BDF'), 0x6800),
    u8(a('DEV_TYPE'), 0), s(a('PORT_IBDEV'), 'mlx5_0'), u32(a('PORT_INDEX'), 0),
    nla(a('MAC'), bytes.fromhex('0cc47aff2293')), u16(a('MTU'), 1500),
    u16(a('NUM_QUEUES'), 3), u16(a('QUEUE_SIZE'), 1024), u64(a('FEATURES'), 0x130ef99ab),
    u16(a('NUM_MSIX'), 4), u32(a('SF_NUM'), 2000), s(a('SF_REP_IFNAME'), 'en3f0pf0sf2000'),
    u32(a('SF_REP_IFINDEX'), 7), u64(a('DEVICE_FEATURES'), 0x8020000130ef99ab),
    u64(a('DRIVER_FEATURES'), 0x130ef99ab), u8(a('STATUS'), 15), u8(a('LINK_UP'), 1),
    s(a('DRIVER_NAME'), 'virtio_net'), s(a('HOST_IFNAME'), 'eth1'),
    u16(a('QUEUE_PAIRS_ACTIVE'), 1), u32(a('RX_MODE'), 1),
    nest(a('QUEUES'), queue(0), queue(1), queue(2)),
])
out('nlreply', 'dev-get', msg(C['VIRTNET_CMD_DEV_GET'], DEV))
out('nlreply', 'dev-dump', msg(C['VIRTNET_CMD_DEV_GET'], DEV, NLM_F_MULTI) +
    msg(C['VIRTNET_CMD_DEV_GET'], DEV.replace(b'VNETS1D0F0', b'VNETS1D0F1'), NLM_F_MULTI) +
    struct.pack('<IHHIIi', 20, NLMSG_DONE, NLM_F_MULTI, 1, 1234, 0))
extra = [k for k in A if k.startswith('VIRTNET_ATTR_')]
vf = DEV + u32(a('VF_ID'), 0) if 'VIRTNET_ATTR_VF_ID' in A else DEV
for k in ('PARENT_ID', 'PF_INDEX'):
    if 'VIRTNET_ATTR_' + k in A:
        vf += u32(a(k), 1)
out('nlreply', 'dev-vf', msg(C['VIRTNET_CMD_DEV_NEW'], vf))
if 'VIRTNET_ATTR_DEV_MODE' in A and 'VIRTNET_ATTR_VDPA_NAME' in A:
    out('nlreply', 'dev-vdpa', msg(C['VIRTNET_CMD_DEV_SET'],
                                   DEV + u8(a('DEV_MODE'), 1) + s(a('VDPA_NAME'), 'vdpa0')))
info = b''
for k, v in A.items():
    if k.startswith('VIRTNET_ATTR_MAX_') or k.startswith('VIRTNET_ATTR_NUM_HOTPLUG'):
        info += u16(v, 16) if k.endswith(('MSIX', 'VIRTQ', 'QUEUE_SIZE')) else u32(v, 16)
if 'VIRTNET_ATTR_PORTS' in A:
    info += nest(a('PORTS'),
                 nest(a('PORT'), u32(a('PORT_INDEX'), 0), s(a('PORT_IBDEV'), 'mlx5_0')),
                 nest(a('PORT'), u32(a('PORT_INDEX'), 1), s(a('PORT_IBDEV'), 'mlx5_1')))
out('nlreply', 'info-get', msg(C['VIRTNET_CMD_INFO_GET'], info))
ctrl = b''
for k, v in A.items():
    if k.startswith('VIRTNET_ATTR_CTRL_'):
        if k.endswith(('VERSION', 'STATUS')) and 'UPDATE' not in k:
            ctrl += s(v, '0.1.0' if 'VERSION' in k else 'recovery: 1 file bad\nok')
        elif k.endswith('PID'):
            ctrl += u32(v, 4321)
        else:
            ctrl += u8(v, 1)
out('nlreply', 'ctrl-get', msg(C['VIRTNET_CMD_CTRL_GET'], ctrl))
# An error with extack: message, offset into the echoed request.
req = msg(C['VIRTNET_CMD_DEV_NEW'], u16(a('MTU'), 20) + u16(a('NUM_QUEUES'), 3))
ext = nla(1, b'mtu: must be between 68 and 9216\0') + u32(2, 20)
err = struct.pack('<i', -22) + req
out('nlreply', 'ack-extack', struct.pack('<IHHII', 16 + len(err) + len(ext), NLMSG_ERROR,
                                         NLM_F_ACK_TLVS, 1, 1234) + err + ext)
errc = struct.pack('<i', -34) + req[:16]
ext2 = u32(5, a('MTU'))
out('nlreply', 'ack-capped-miss', struct.pack('<IHHII', 16 + len(errc) + len(ext2), NLMSG_ERROR,
                                              NLM_F_ACK_TLVS | NLM_F_CAPPED, 1, 1234) + errc + ext2)
out('nlreply', 'ack-ok', struct.pack('<IHHII', 36, NLMSG_ERROR, NLM_F_CAPPED, 1, 1234) +
    struct.pack('<i', 0) + req[:16])

# ---- iotlb: operation streams (enum op of fuzz_iotlb.c) ----
MAP, MAP_NEAR, UNMAP, UNMAP_NEAR, XLATE, XLATE_NEAR, WALK_NEAR, SET_ASID = range(8)


def m(asid, iova, size, pa, perm):
    return struct.pack('<BBQQQB', MAP, asid, iova, size, pa, perm)


def x(q, addr, ln, w):
    return struct.pack('<BBQIB', XLATE, q, addr, ln, w)


def near(op, q, which, delta, ln, w):
    return struct.pack('<BBBhIB', op, q, which, delta, ln, w)


out('iotlb', 'map-xlate', m(0, 0x1000, 0x2000, 0x80000, 3) + x(0, 0x1800, 0x1000, 1) +
    x(0, 0x2fff, 16, 0))
out('iotlb', 'adjacent-walk', m(0, 0x1000, 0x1000, 0x80000, 3) + m(0, 0x2000, 0x1000, 0x10000, 3) +
    near(WALK_NEAR, 0, 0, 0x10, 0x1ff0, 1))
out('iotlb', 'perm', m(0, 0x1000, 0x1000, 0x80000, 1) + x(0, 0x1000, 8, 1) + x(0, 0x1000, 8, 0) +
    m(0, 0x3000, 0x1000, 0x90000, 2) + x(0, 0x3000, 8, 0))
out('iotlb', 'top', m(0, 0xfffffffffffff000, 0x1000, 0x1000, 3) +
    x(0, 0xffffffffffffffff, 0xffffffff, 0) + near(WALK_NEAR, 0, 1, 0, 0x100, 0))
out('iotlb', 'unmap-stale', m(0, 0x1000, 0x1000, 0x80000, 3) + x(0, 0x1000, 8, 0) +
    struct.pack('<BBQQ', UNMAP, 0, 0x1800, 1) + x(0, 0x1000, 8, 0) +
    m(0, 0x1000, 0x1000, 0x70000, 3) + x(0, 0x1000, 8, 0))
out('iotlb', 'asid', m(1, 0x1000, 0x1000, 0x80000, 3) + x(1, 0x1000, 8, 0) +
    struct.pack('<BBB', SET_ASID, 1, 1) + x(1, 0x1000, 8, 0) + x(0, 0x1000, 8, 0))
out('iotlb', 'overlap', m(0, 0x1000, 0x2000, 0x80000, 3) + m(0, 0x2000, 0x2000, 0x90000, 3) +
    struct.pack('<BBBhHQB', MAP_NEAR, 0, 1, 1, 0xfff, 0xa0000, 2) + near(WALK_NEAR, 0, 0, 0, 0x4000, 1))
