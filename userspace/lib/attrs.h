/*
 * attrs.h - strict parsing of virtnet netlink attributes.
 *
 * One spec table per attribute namespace of uapi/linux/virtnet.h gives each
 * attribute its name, type and length. The parser checks every attribute it
 * knows against the table (exact sizes for integers, NUL-terminated
 * bounded strings, exact binary lengths, empty flags, no duplicates) and
 * reports the first violation by name. Attribute types the table does not
 * know (a newer kernel) and PAD attributes are skipped.
 */
#ifndef VIRTNET_ATTRS_H
#define VIRTNET_ATTRS_H

#include <stddef.h>
#include <stdint.h>

#include <netlink/attr.h>
#include <linux/virtnet.h>

enum virtnet_attr_kind {
	VIRTNET_KIND_NONE,	/* skipped: PAD, UNSPEC */
	VIRTNET_KIND_U8,
	VIRTNET_KIND_U16,
	VIRTNET_KIND_U32,
	VIRTNET_KIND_U64,
	VIRTNET_KIND_STRING,	/* len = the most bytes, NUL included */
	VIRTNET_KIND_BINARY,	/* len = the exact length */
	VIRTNET_KIND_FLAG,
	VIRTNET_KIND_NEST,
};

struct virtnet_attr_spec {
	const char *name;
	enum virtnet_attr_kind kind;
	uint16_t len;
};

/* Attribute namespaces: the flat enum virtnet_attr and the queue nest. */
struct virtnet_attr_space {
	const struct virtnet_attr_spec *specs;
	int maxtype;
};

extern const struct virtnet_attr_space virtnet_attrs;		/* enum virtnet_attr */
extern const struct virtnet_attr_space virtnet_queue_attrs;	/* enum virtnet_queue_attr */

/* Name of an attribute ("VIRTNET_ATTR_MTU"), or "attribute <n>". */
const char *virtnet_attr_name(const struct virtnet_attr_space *space, int type,
			      char *buf, size_t buflen);

/*
 * Parse len bytes of attributes at head into tb[0..space->maxtype], which
 * the caller sizes. Returns 0, or -EBADMSG with a message in err.
 */
int virtnet_attrs_parse(const struct virtnet_attr_space *space,
			struct nlattr **tb, const struct nlattr *head, int len,
			char *err, size_t errlen);

/* The same for the payload of a nest attribute. */
int virtnet_attrs_parse_nested(const struct virtnet_attr_space *space,
			       struct nlattr **tb, const struct nlattr *nest,
			       char *err, size_t errlen);

#endif /* VIRTNET_ATTRS_H */
