/* version.h - the one version string of the virtnet tools. */
#ifndef VIRTNET_VERSION_H
#define VIRTNET_VERSION_H

/* Overridable for builds that must differ (tests of live update). */
#ifndef VIRTNET_VERSION
#define VIRTNET_VERSION "0.1.0"
#endif

#endif /* VIRTNET_VERSION_H */
