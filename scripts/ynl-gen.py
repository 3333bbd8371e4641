#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Generate C from the family's YNL spec (uapi/virtnet.yaml).

    scripts/ynl-gen.py SPEC OUT

OUT is a header of X-macro tables the userspace attribute parsers
(userspace/lib/attrs.c) and the raw probe (tests/tools/nlutil.c) expand:

    VIRTNET_ATTR_TABLE(X)        X(NAME, KIND, LEN) per attribute of "attr"
    VIRTNET_QUEUE_ATTR_TABLE(X)  the same for "queue"

NAME is the enum name without its prefix (DEV_ID), KIND one of U8 U16 U32
U64 STRING BINARY FLAG NEST, LEN the most bytes of a string (its max-len
plus the NUL) or the exact length of a binary, else 0. The pad attribute
is left out.
    scripts/ynl-gen.py --kernel SPEC DIR

writes DIR/netlink_gen.h and DIR/netlink_gen.c (kmod/: committed, so a
DKMS build needs neither python nor the spec; the style tier fails if they
differ from what the spec gives):

  - one request policy per command, vnet_<op>_nl_policy, holding the
    attributes its do (and dump) request lists, with the types and checks of
    the attribute set. Every policy spans the whole attribute space
    (maxattr VIRTNET_ATTR_MAX), so an attribute a command does not take is
    refused the same way whatever its number;
  - a policy vnet_<set>_nl_policy for each nest of plain attributes a
    request can carry (the handler parses it with nla_parse_nested), without
    what only replies carry (REPLY_ONLY: the spec format cannot say that);
  - the operation table vnet_nl_ops, as struct genl_ops: Linux 6.1 has no
    split operations, and no command needs a dump policy apart from its
    do policy (a dump is validated with the command's policy); handlers are
    vnet_nl_<op>_doit and vnet_nl_<op>_dumpit, a dump's "pre" is its .start;
  - the multicast groups vnet_nl_mcgrps, indexed by VNET_NLGRP_<NAME>.

The KUnit suite includes netlink_gen.c with VNET_NL_POLICIES_ONLY defined:
the policies without the operation table (and so without the handlers).

Files are replaced atomically, so parallel builds may run this at once.
"""
import os
import sys
import tempfile

import yaml

KINDS = {'u8': 'U8', 'u16': 'U16', 'u32': 'U32', 'u64': 'U64', 'string': 'STRING',
         'binary': 'BINARY', 'flag': 'FLAG', 'nest': 'NEST'}


def table(spec, set_name, macro):
    s = next(x for x in spec['attribute-sets'] if x['name'] == set_name)
    lines = []
    for a in s['attributes']:
        if a['type'] == 'pad':
            continue
        checks = a.get('checks', {})
        if a['type'] == 'string':
            if 'max-len' not in checks:
                sys.exit('ynl-gen: %s.%s: a string needs checks: max-len' % (set_name, a['name']))
            length = checks['max-len'] + 1
        elif a['type'] == 'binary':
            length = checks['exact-len']
        else:
            length = 0
        name = a['name'].upper().replace('-', '_')
        lines.append('\tX(%s, %s, %d)' % (name, KINDS[a['type']], length))
    return '#define %s(X) \\\n%s\n' % (macro, ' \\\n'.join(lines))

# Attributes of a nested set that only replies carry.
REPLY_ONLY = {'port': {'sf-pool-idle'}}

NLA_TYPE = {'u8': 'NLA_U8', 'u16': 'NLA_U16', 'u32': 'NLA_U32', 'u64': 'NLA_U64',
            'string': 'NLA_NUL_STRING', 'flag': 'NLA_FLAG', 'nest': 'NLA_NESTED'}


def c_upper(*parts):
    return ''.join(parts).upper().replace('-', '_')


def c_lower(s):
    return s.replace('-', '_')


def enum_names(spec, name):
    d = next(x for x in spec['definitions'] if x['name'] == name)
    prefix = d.get('name-prefix', 'virtnet-%s-' % name)
    return [c_upper(prefix, e) for e in d['entries']]


def policy_entry(spec, set_prefix, a):
    name = c_upper(set_prefix, a['name'])
    t, checks = a['type'], a.get('checks', {})
    if t == 'binary':
        val = 'NLA_POLICY_EXACT_LEN(%d)' % checks['exact-len']
    elif t == 'string':
        val = '{ .type = NLA_NUL_STRING, .len = %d, }' % checks['max-len']
    elif t in ('u8', 'u16', 'u32', 'u64') and ('min' in checks or 'max' in checks):
        names = enum_names(spec, a['enum']) if 'enum' in a and not a.get('enum-as-flags') else []

        def v(x):
            return names[x] if 0 <= x < len(names) else str(x)
        if 'min' in checks:
            val = 'NLA_POLICY_RANGE(%s, %s, %s)' % (NLA_TYPE[t], v(checks['min']), v(checks['max']))
        else:
            val = 'NLA_POLICY_MAX(%s, %s)' % (NLA_TYPE[t], v(checks['max']))
    elif t in NLA_TYPE:
        val = '{ .type = %s, }' % NLA_TYPE[t]
    else:
        sys.exit('ynl-gen: %s: no kernel policy for type %s' % (a['name'], t))
    line = '\t[%s] = %s,' % (name, val)
    if len(line.expandtabs()) > 100:
        line = '\t[%s] =\n\t\t%s,' % (name, val)
    return line


def policy(spec, pname, maxattr, set_prefix, attrs):
    lines = ['const struct nla_policy %s[%s + 1] = {' % (pname, maxattr)]
    lines += [policy_entry(spec, set_prefix, a) for a in attrs]
    return '\n'.join(lines) + '\n};\n'


def kernel(spec, spec_name, outdir):
    sets = {s['name']: s for s in spec['attribute-sets']}
    base = sets['attr']
    prefix = base['name-prefix']
    by_name = {a['name']: a for a in base['attributes']}
    maxattr = c_upper(prefix, 'max')
    ops = spec['operations']
    head = ('/* Generated from uapi/%s by scripts/ynl-gen.py --kernel: do not edit. */\n'
            '/* Change the spec, then: make gen-kmod */\n' % spec_name)
    h = ['/* SPDX-License-Identifier: GPL-2.0 */', head,
         '#ifndef VNET_NETLINK_GEN_H', '#define VNET_NETLINK_GEN_H', '',
         '#include <net/genetlink.h>', '#include <linux/virtnet.h>', '']
    c = ['// SPDX-License-Identifier: GPL-2.0', head, '#include "netlink_gen.h"', '']

    # Leaf nests a request can carry.
    nests = []

    def walk(names):
        for n in names:
            a = by_name[n]
            if a['type'] != 'nest':
                continue
            sub = sets[a['nested-attributes']]
            members = [by_name[x['name']] for x in sub['attributes']]
            if any(m['type'] == 'nest' for m in members):
                walk([m['name'] for m in members])
            elif sub['name'] not in [s for s, _ in nests]:
                skip = REPLY_ONLY.get(sub['name'], set())
                nests.append((sub['name'], [m for m in members if m['name'] not in skip]))
    for op in ops['list']:
        for mode in ('do', 'dump'):
            walk((op.get(mode) or {}).get('request', {}).get('attributes', []))
    if nests:
        h.append('/* Nests a request carries (parsed by their handler) */')
        c.append('/* Nests a request carries (parsed by their handler) */')
    for sname, members in nests:
        pname = 'vnet_%s_nl_policy' % c_lower(sname)
        h.append('extern const struct nla_policy %s[%s + 1];' % (pname, maxattr))
        c.append(policy(spec, pname, maxattr, prefix, members))
    # Events (no do, no dump) have no request, so no policy and no handler.
    ops = dict(ops, list=[op for op in ops['list'] if 'do' in op or 'dump' in op])
    h += ['', '/* Requests, one policy per command */']
    c.append('/* Requests, one policy per command */')
    for op in ops['list']:
        req = list((op.get('do') or {}).get('request', {}).get('attributes', []))
        dump_req = (op.get('dump') or {}).get('request', {}).get('attributes', [])
        if not set(dump_req) <= set(req):
            sys.exit('ynl-gen: %s: a dump request takes only what the do request does' % op['name'])
        pname = 'vnet_%s_nl_policy' % c_lower(op['name'])
        h.append('extern const struct nla_policy %s[%s + 1];' % (pname, maxattr))
        c.append(policy(spec, pname, maxattr, prefix, [by_name[n] for n in req]))

    h += ['', '/* Handlers */']
    table = ['const struct genl_ops vnet_nl_ops[%d] = {' % len(ops['list'])]
    for op in ops['list']:
        n = c_lower(op['name'])
        fields = [('cmd', c_upper(ops['name-prefix'], op['name']))]
        if 'do' in op:
            fields.append(('doit', 'vnet_nl_%s_doit' % n))
            h.append('int vnet_nl_%s_doit(struct sk_buff *skb, struct genl_info *info);' % n)
        if 'dump' in op:
            pre = (op['dump'] or {}).get('pre')
            if pre:
                fields.append(('start', c_lower(pre)))
                h.append('int %s(struct netlink_callback *cb);' % c_lower(pre))
            fields.append(('dumpit', 'vnet_nl_%s_dumpit' % n))
            h.append('int vnet_nl_%s_dumpit(struct sk_buff *skb, struct netlink_callback *cb);' % n)
        fields += [('policy', 'vnet_%s_nl_policy' % n), ('maxattr', maxattr)]
        if 'admin-perm' in op.get('flags', []):
            fields.append(('flags', 'GENL_ADMIN_PERM'))
        table.append('\t{')
        table += ['\t\t.%s\t= %s,' % (k, v) if len(k) >= 7 else '\t\t.%s\t\t= %s,' % (k, v)
                  for k, v in fields]
        table.append('\t},')
    table.append('};')
    h += ['', '/* Commands */', 'extern const struct genl_ops vnet_nl_ops[%d];' % len(ops['list'])]
    # The KUnit suite includes this file for the policies alone.
    c += ['/* Commands (the KUnit suite takes the policies alone) */', '#ifndef VNET_NL_POLICIES_ONLY']
    c += table + ['#endif', '']

    groups = spec.get('mcast-groups', {}).get('list', [])
    h += ['', '/* Multicast groups */', 'enum {']
    h += ['\tVNET_NLGRP_%s,' % c_upper(g['name']) for g in groups]
    h += ['};', '', 'extern const struct genl_multicast_group vnet_nl_mcgrps[%d];' % len(groups)]
    c += ['/* Multicast groups */',
          'const struct genl_multicast_group vnet_nl_mcgrps[%d] = {' % len(groups)]
    c += ['\t[VNET_NLGRP_%s] = { .name = VIRTNET_MCGRP_%s, },' % (c_upper(g['name']), c_upper(g['name']))
          for g in groups]
    c += ['};']
    h += ['', '#endif /* VNET_NETLINK_GEN_H */']
    write(os.path.join(outdir, 'netlink_gen.h'), '\n'.join(h) + '\n')
    write(os.path.join(outdir, 'netlink_gen.c'), '\n'.join(c) + '\n')


def write(path, text):
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d)
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main():
    args = sys.argv[1:]
    kernel_mode = args[:1] == ['--kernel']
    if kernel_mode:
        args = args[1:]
    if len(args) != 2:
        sys.exit('usage: scripts/ynl-gen.py [--kernel] SPEC OUT')
    spec_path, out = args
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    if kernel_mode:
        kernel(spec, os.path.basename(spec_path), out)
        return
    text = ('/* Generated from %s by scripts/ynl-gen.py: do not edit. */\n'
            '#ifndef VIRTNET_GEN_ATTRS_H\n#define VIRTNET_GEN_ATTRS_H\n\n' % os.path.basename(spec_path)
            + table(spec, 'attr', 'VIRTNET_ATTR_TABLE') + '\n'
            + table(spec, 'queue', 'VIRTNET_QUEUE_ATTR_TABLE')
            + '\n#endif /* VIRTNET_GEN_ATTRS_H */\n')
    write(out, text)


main()
