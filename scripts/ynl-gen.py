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
is left out. The file is replaced atomically, so parallel builds may run
this at once.
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


def main():
    spec_path, out = sys.argv[1], sys.argv[2]
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    text = ('/* Generated from %s by scripts/ynl-gen.py: do not edit. */\n'
            '#ifndef VIRTNET_GEN_ATTRS_H\n#define VIRTNET_GEN_ATTRS_H\n\n' % os.path.basename(spec_path)
            + table(spec, 'attr', 'VIRTNET_ATTR_TABLE') + '\n'
            + table(spec, 'queue', 'VIRTNET_QUEUE_ATTR_TABLE')
            + '\n#endif /* VIRTNET_GEN_ATTRS_H */\n')
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(out)))
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)


main()
