/* version.h - the one version string of the virtnet tools. */
#ifndef VIRTNET_VERSION_H
#define VIRTNET_VERSION_H

#define VIRTNET_VERSION "0.1.0"

#endif /* VIRTNET_VERSION_H */
