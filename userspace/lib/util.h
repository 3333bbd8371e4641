/* util.h - tiny helpers shared by the library's files. */
#ifndef VIRTNET_UTIL_H
#define VIRTNET_UTIL_H

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* VIRTNET_UTIL_H */
