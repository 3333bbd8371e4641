#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that every place stating the virtnet netlink API agrees with its
YNL spec (uapi/virtnet.yaml): the uapi header's enums and their type
comments, the kernel's per-command policies and operation table, the
userspace attribute tables are generated from it (scripts/ynl-gen.py),
and the numbers and permissions docs/netlink.md gives. Prints one line per check and
"N passed, N failed"; exits non-zero on any failure.

    tests/spec/check.py [TOP]
"""
import os
import re
import sys

import yaml

TOP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
passed = failed = 0


def read(rel):
    with open(os.path.join(TOP, rel)) as f:
        return f.read()


def report(name, problems):
    global passed, failed
    if problems:
        failed += 1
        print('FAIL spec: ' + name)
        for p in problems:
            print('    ' + p)
    else:
        passed += 1
        print('ok   spec: ' + name)


def c_name(prefix, name):
    return (prefix + name).upper().replace('-', '_')


spec = yaml.safe_load(read('uapi/virtnet.yaml'))
sets = {s['name']: s for s in spec['attribute-sets']}
header = read('uapi/linux/virtnet.h')


def spec_attrs(set_name):
    """[(C name, value, attribute)] of a full attribute set, in order."""
    s = sets[set_name]
    out, value = [], 1
    for a in s['attributes']:
        value = a.get('value', value)
        out.append((c_name(s['name-prefix'], a['name']), value, a))
        value += 1
    return out


def c_enum(name):
    """[(name, value)] of `enum name` in the uapi header, sentinels left out."""
    m = re.search(r'enum %s \{(.*?)\};' % name, header, re.S)
    if not m:
        return None
    out, value = [], 0
    for line in m.group(1).split('\n'):
        line = re.sub(r'/\*.*?\*/', '', line).strip().rstrip(',')
        if not line:
            continue
        em = re.match(r'(\w+)(?:\s*=\s*(.+))?$', line)
        if not em:
            continue
        if em.group(2):
            expr = em.group(2).strip()
            if not re.match(r'^[0-9 <()]+$', expr):
                continue  # MAX = __MAX - 1
            value = eval(expr)
        if not em.group(1).startswith('__'):
            out.append((em.group(1), value))
        value += 1
    return out


# 1. Enums: names and values.
def check_enums():
    problems = []
    for set_name, enum in (('attr', 'virtnet_attr'), ('queue', 'virtnet_queue_attr')):
        want = [(n, v) for n, v, _ in spec_attrs(set_name)]
        got = [(n, v) for n, v in c_enum(enum) if not n.endswith('_UNSPEC')]
        got = [(n, v) for n, v in got if not n.endswith('_MAX')]
        if want != got:
            problems.append('enum %s: header %s, spec %s' %
                            (enum, sorted(set(got) - set(want)), sorted(set(want) - set(got))))
    ops = spec['operations']
    want, value = [], 1
    for op in ops['list']:
        value = op.get('value', value)
        want.append((c_name(ops['name-prefix'], op['name']), value))
        value += 1
    got = [(n, v) for n, v in c_enum('virtnet_cmd') if not n.endswith(('_UNSPEC', '_MAX'))]
    if sorted(want, key=lambda x: x[1]) != got:
        problems.append('enum virtnet_cmd: header %s, spec %s' %
                        (sorted(set(got) - set(want)), sorted(set(want) - set(got))))
    for d in spec['definitions']:
        if d['type'] == 'const':
            cn = c_name('virtnet-', d['name'])
            m = re.search(r'#define %s\s+(\d+)' % cn, header)
            if not m or int(m.group(1)) != d['value']:
                problems.append('%s: header %s, spec %d' % (cn, m and m.group(1), d['value']))
            continue
        prefix = d.get('name-prefix', 'virtnet-%s-' % d['name'])
        got = c_enum('virtnet_' + d['name'].replace('-', '_'))
        if got is None:
            problems.append('enum virtnet_%s missing from the header' % d['name'])
            continue
        if d['type'] == 'flags':
            want = [(c_name(prefix, e), 1 << i) for i, e in enumerate(d['entries'])]
        else:
            want = [(c_name(prefix, e), i) for i, e in enumerate(d['entries'])]
        if want != got:
            problems.append('enum virtnet_%s: header %s, spec %s' % (d['name'], got, want))
    report('uapi/linux/virtnet.h enums and limits', problems)


# 2. The header's type comment of every attribute.
TYPE_WORDS = {'u8': 'u8', 'u16': 'u16', 'u32': 'u32', 'u64': 'u64', 'flag': 'flag',
              'string': 'string', 'binary': 'binary', 'nest': 'nest'}


def check_header_comments():
    problems = []
    for enum, set_name in (('virtnet_attr', 'attr'), ('virtnet_queue_attr', 'queue')):
        body = re.search(r'enum %s \{(.*?)\};' % enum, header, re.S).group(1)
        for cname, _, a in spec_attrs(set_name):
            if a['type'] == 'pad':
                continue
            m = re.search(r'\b%s,\s*/\*\s*(\w+)' % cname, body)
            if not m:
                problems.append('%s: no type comment' % cname)
            elif TYPE_WORDS.get(m.group(1)) != a['type']:
                problems.append('%s: comment says %s, spec %s' % (cname, m.group(1), a['type']))
    report('uapi/linux/virtnet.h type comments', problems)


# 3. The kernel: operation table and per-command policies.
NLA = {'NLA_U8': 'u8', 'NLA_U16': 'u16', 'NLA_U32': 'u32', 'NLA_U64': 'u64',
       'NLA_FLAG': 'flag', 'NLA_NUL_STRING': 'string', 'NLA_NESTED': 'nest'}
LIMITS = {'VIRTNET_IBDEV_MAX': 64, 'VIRTNET_VUID_MAX': 32, 'VIRTNET_VDPA_NAME_MAX': 64,
          'VIRTNET_CTRL_VERSION_MAX': 32, 'IFNAMSIZ': 16, 'ETH_ALEN': 6}


def c_value(expr):
    """An enum constant or a limit expression of a policy, as a number."""
    expr = expr.strip()
    for n, v in LIMITS.items():
        expr = expr.replace(n, str(v))
    for d in spec['definitions']:
        if d['type'] == 'enum':
            prefix = d.get('name-prefix', 'virtnet-%s-' % d['name'])
            for i, e in enumerate(d['entries']):
                expr = re.sub(r'\b%s\b' % c_name(prefix, e), str(i), expr)
    return eval(expr)


def kernel_policies():
    """{policy name: {attr C name: (type, checks)}} from the module's (generated) policies."""
    src = read('kmod/netlink_gen.c')
    out = {}
    for m in re.finditer(r'const struct nla_policy (\w+)\[\w+ \+ 1\] = \{(.*?)\};', src, re.S):
        entries = {}
        for e in re.finditer(r'\[(VIRTNET_\w+)\]\s*=\s*(.*?)(?=,\s*\n\s*\[|,\s*$)', m.group(2), re.S):
            val = ' '.join(e.group(2).split())
            checks = {}
            pm = re.match(r'\{ \.type = (\w+),?(?: \.len = (.+?),?)? \}$', val)
            if pm:
                t = NLA[pm.group(1)]
                if pm.group(2):
                    checks['max-len'] = c_value(pm.group(2))
            elif val.startswith('NLA_POLICY_EXACT_LEN('):
                t, checks['exact-len'] = 'binary', c_value(val[21:-1])
            elif val.startswith('NLA_POLICY_RANGE('):
                a = [x.strip() for x in val[17:-1].split(',')]
                t, checks['min'], checks['max'] = NLA[a[0]], c_value(a[1]), c_value(a[2])
            elif val.startswith('NLA_POLICY_MAX('):
                a = [x.strip() for x in val[15:-1].split(',')]
                t, checks['max'] = NLA[a[0]], c_value(a[1])
            else:
                t = 'unknown: ' + val
            entries[e.group(1)] = (t, checks)
        out[m.group(1)] = entries
    return out


def check_kernel():
    problems = []
    by_c = {n: a for n, _, a in spec_attrs('attr')}
    pols = kernel_policies()
    # Every policy entry agrees with the attribute's type and checks.
    for pname, entries in pols.items():
        for cname, (t, checks) in entries.items():
            a = by_c.get(cname)
            if not a:
                problems.append('%s: %s is not in the spec' % (pname, cname))
                continue
            if t != a['type']:
                problems.append('%s: %s is %s, spec %s' % (pname, cname, t, a['type']))
            want = dict(a.get('checks', {}))
            if a['type'] in ('u8', 'u16', 'u32', 'u64') and want.get('min') == 0 and 'min' not in checks:
                want.pop('min')
            if checks != want:
                problems.append('%s: %s checks %s, spec %s' % (pname, cname, checks, want))
    # The operation table: each command's policy holds exactly its request's attributes.
    ops_src = read('kmod/netlink_gen.c')
    ops = spec['operations']
    for op in ops['list']:
        cmd = c_name(ops['name-prefix'], op['name'])
        m = re.search(r'\.cmd\s*= %s,(.*?)\}' % cmd, ops_src, re.S)
        if 'do' not in op and 'dump' not in op:
            if m:
                problems.append('%s: an event, but in the kernel operation table' % cmd)
            continue
        if not m:
            problems.append('%s: not in the kernel operation table' % cmd)
            continue
        body = m.group(1)
        admin = 'GENL_ADMIN_PERM' in body
        if admin != ('admin-perm' in op.get('flags', [])):
            problems.append('%s: GENL_ADMIN_PERM %s, spec flags %s' % (cmd, admin, op.get('flags', [])))
        if ('.dumpit' in body) != ('dump' in op):
            problems.append('%s: dump handler and spec disagree' % cmd)
        pm = re.search(r'\.policy\s*= (\w+)', body)
        want = set()
        for sub in ('do', 'dump'):
            req = op.get(sub, {}).get('request')
            if req:
                want |= {c_name('virtnet-attr-', x) for x in req.get('attributes', [])}
        got = set(pols.get(pm.group(1), {}).keys()) if pm else set()
        if got != want:
            problems.append('%s (%s): policy has %s, spec request lacks; spec has %s, policy lacks' %
                            (cmd, pm and pm.group(1), sorted(got - want) or '-', sorted(want - got) or '-'))
    # The nests: PORT's policy is the "port" subset, but for what only
    # INFO_GET reports in it.
    reply_only = {'VIRTNET_ATTR_SF_POOL_IDLE'}
    want = {c_name('virtnet-attr-', a['name']) for a in sets['port']['attributes']} - reply_only
    got = set(pols.get('vnet_port_nl_policy', {}).keys())
    if got != want:
        problems.append('vnet_port_nl_policy: %s, spec port set %s' % (sorted(got), sorted(want)))
    # Generated, so: the committed files are what the spec gives now, and
    # no hand-written file adds policies or operations of its own.
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run([sys.executable, os.path.join(TOP, 'scripts', 'ynl-gen.py'), '--kernel',
                            os.path.join(TOP, 'uapi', 'virtnet.yaml'), tmp],
                           capture_output=True, text=True)
        if r.returncode:
            problems.append('scripts/ynl-gen.py --kernel failed: %s' % r.stderr.strip())
        else:
            for f in ('netlink_gen.c', 'netlink_gen.h'):
                with open(os.path.join(tmp, f)) as g:
                    if g.read() != read('kmod/' + f):
                        problems.append('kmod/%s differs from what uapi/virtnet.yaml gives: make gen-kmod' % f)
    for f in sorted(os.listdir(os.path.join(TOP, 'kmod'))):
        if f.endswith('.c') and f != 'netlink_gen.c':
            if re.search(r'struct (nla_policy|genl_ops|genl_small_ops|genl_split_ops) \w+\[[^]]*\] =', read('kmod/' + f)):
                problems.append('kmod/%s defines a policy or operation table by hand' % f)
    report('kernel policies and operation table', problems)


# 4. Userspace tables: generated from the spec (scripts/ynl-gen.py), so
# only check that they are used, not written by hand again.
def check_userspace():
    problems = []
    for rel, tables in (('userspace/lib/attrs.c', ('VIRTNET_ATTR_TABLE(', 'VIRTNET_QUEUE_ATTR_TABLE(')),
                        ('tests/tools/nlutil.c', ('VIRTNET_ATTR_TABLE(',))):
        text = read(rel)
        for t in tables:
            if t not in text:
                problems.append('%s does not expand %s) from the generated header' % (rel, t[:-1]))
        if re.search(r'\[VIRTNET_(QUEUE_)?ATTR_[A-Z_]+\]\s*=', text):
            problems.append('%s writes attribute entries by hand' % rel)
    report('userspace tables come from the spec', problems)


# 5. docs/netlink.md: "`NAME` (N)", the command numbers, who may call what.
def check_docs():
    problems = []
    doc = read('docs/netlink.md')
    value = {c_name('', a['name']): v for n, v, a in spec_attrs('attr')}
    for m in re.finditer(r'`([A-Z][A-Z0-9_]+)` \((\d+)\)', doc):
        # Other names (limits, enum values) have numbers of their own.
        if m.group(1) in value and value[m.group(1)] != int(m.group(2)):
            problems.append('`%s` (%s): the spec says %d' % (m.group(1), m.group(2), value[m.group(1)]))
    ops = spec['operations']
    v = 1
    for op in ops['list']:
        v = op.get('value', v)
        cname = c_name(ops['name-prefix'], op['name'])
        if not re.search(r'\| %d \| `%s` \|' % (v, cname), doc):
            problems.append('command table: no row "| %d | `%s` |"' % (v, cname))
        v += 1
    # Who may call what: the permissions table and the header's comments.
    admin = {c_name('', o['name']) for o in ops['list'] if 'admin-perm' in o.get('flags', [])}
    rows = {}
    for m in re.finditer(r'^\| ((?:`[A-Z_]+`[^|]*?)+) \| (`GENL_ADMIN_PERM`|none) \|', doc, re.M):
        for name in re.findall(r'`([A-Z_]+)`', m.group(1)):
            rows[name] = m.group(2) != 'none'
    for o in ops['list']:
        name = c_name('', o['name'])
        if name not in rows:
            problems.append('permissions table: %s missing' % name)
        elif rows[name] != (name in admin):
            problems.append('permissions table: %s %s CAP_NET_ADMIN, the spec %s' %
                            (name, 'needs' if rows[name] else 'does not need',
                             'does' if name in admin else 'does not'))
        m = re.search(r'\* VIRTNET_CMD_%s\s+\(([^)]*)\)' % name, header)
        if not m:
            problems.append('uapi header: no comment heading for VIRTNET_CMD_%s' % name)
        elif ('CAP_NET_ADMIN' in m.group(1)) != (name in admin):
            problems.append('uapi header: VIRTNET_CMD_%s says "%s", the spec %s admin-perm' %
                            (name, m.group(1), 'has' if name in admin else 'lacks'))
    for g in spec['mcast-groups']['list']:
        if '`%s`' % g['name'] not in doc:
            problems.append('multicast group %s not named' % g['name'])
    report('docs/netlink.md numbers and permissions, uapi command comments', problems)


# 0. The spec itself, against the kernel's schema (make ynl extracts it).
def check_schema():
    problems = []
    schema = os.path.join(TOP, 'build/ynl/Documentation/netlink/genetlink-legacy.yaml')
    if not os.path.exists(schema):
        problems.append('%s missing: run make ynl (needs linux-source-6.12)' % schema)
    else:
        try:
            import jsonschema
        except ImportError:
            jsonschema = None
            problems.append('python3-jsonschema missing: run make deps')
        if jsonschema:
            with open(schema) as f:
                try:
                    jsonschema.validate(spec, yaml.safe_load(f))
                except jsonschema.ValidationError as e:
                    problems.append('%s: %s' % ('/'.join(map(str, e.absolute_path)), e.message))
    report('uapi/virtnet.yaml against the kernel\'s genetlink-legacy schema', problems)


check_schema()
check_enums()
check_header_comments()

# 6. docs/netlink.md's attribute tables: under "### `CMD` request" and
# "### `CMD` reply" headings, every attribute a row names has the spec's
# type (and string or binary length), and each table names every attribute
# the spec's request or reply of that command lists.
def doc_type(text):
    """A table cell's types, one per attribute it names."""
    text = re.sub(r'binary, exactly (\d+) bytes', r'binary[\1]', text)
    text = re.sub(r'NUL-terminated string, (?:≤ |1\.\.)(\d+) chars', r'string[\1]', text)
    text = re.sub(r'nest of .*', 'nest', text)
    return [t.strip() for t in re.split(r', | / ', text)]


def check_doc_tables():
    problems = []
    doc = read('docs/netlink.md')
    by_c = {c_name('', a['name']): a for n, v, a in spec_attrs('attr')}
    ops = {c_name('', o['name']): o for o in spec['operations']['list']}
    for m in re.finditer(r'^### `([A-Z_]+)` (request|reply)[^\n]*\n(.*?)(?=^#)', doc, re.M | re.S):
        cmd, kind, body = m.group(1), m.group(2), m.group(3)
        seen = set()
        for row in re.findall(r'^\| (.+?) \| (.+?) \|', body, re.M):
            # "in `PORT`: `PORT_INDEX` (7)" describes PORT_INDEX.
            names = re.findall(r'`([A-Z][A-Z0-9_]*)`', re.sub(r'^in `[A-Z_]+`: ', '', row[0]))
            if not names or row[0].startswith('attribute'):
                continue
            types = doc_type(row[1])
            if len(types) == 1:
                types *= len(names)
            if len(types) != len(names):
                problems.append('%s %s: row %s: %d names, types "%s"' % (cmd, kind, names, len(names), row[1]))
                continue
            for name, t in zip(names, types):
                a = by_c.get(name)
                if not a:
                    problems.append('%s %s: %s is not in the spec' % (cmd, kind, name))
                    continue
                seen.add(name)
                base, _, n = t.partition('[')
                if base != a['type']:
                    problems.append('%s %s: %s is "%s", the spec says %s' % (cmd, kind, name, t, a['type']))
                elif n:
                    want = a.get('checks', {}).get('max-len' if base == 'string' else 'exact-len')
                    if int(n[:-1]) != want:
                        problems.append('%s %s: %s is "%s", the spec says %s' % (cmd, kind, name, t, want))
        op = ops.get(cmd)
        if not op:
            problems.append('### `%s` %s: no such command in the spec' % (cmd, kind))
            continue
        want = set()
        for mode in ('do', 'dump'):
            want |= {c_name('', x) for x in ((op.get(mode) or {}).get(kind) or {}).get('attributes', [])}
        # Nested attributes (PORT's, QUEUE's) are described in their own rows or text.
        if want - seen:
            problems.append('### `%s` %s: the table lacks %s' % (cmd, kind, sorted(want - seen)))
    report('docs/netlink.md attribute tables', problems)


check_kernel()
check_userspace()
check_docs()
check_doc_tables()
print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
