# flags.mk - compiler flags shared by userspace/, cli/ and tests/unit/.
# Needs TOP. Callers may add to CFLAGS/CPPFLAGS/LDFLAGS from the command line.
PKG_CONFIG ?= pkg-config
# libnl-genl: the virtnet family; jansson: JSON output; libmnl and
# libibverbs: RDMA device resolution (controller/rdma.c).
VIRTNET_PKGS := libnl-genl-3.0 jansson libmnl libibverbs

# A missing one would silently empty every flag below: say which instead.
VIRTNET_PKGS_MISSING := $(foreach p,$(VIRTNET_PKGS),\
	$(if $(shell $(PKG_CONFIG) --exists $(p) && echo y),,$(p)))
ifneq ($(strip $(VIRTNET_PKGS_MISSING)),)
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),all)),)
$(error pkg-config does not find $(strip $(VIRTNET_PKGS_MISSING)): run 'make deps' \
	(needs libnl-genl-3-dev libjansson-dev libmnl-dev libibverbs-dev))
endif
endif

# Generated from uapi/virtnet.yaml (userspace/gen.mk); a python3 with yaml
# (Debian's has python3-yaml from make deps; another first on PATH may not).
VIRTNET_GEN_ATTRS := $(BUILD)/gen/virtnet_attrs.h
VIRTNET_PYTHON   ?= $(shell python3 -c 'import yaml' 2>/dev/null && echo python3 || echo /usr/bin/python3)

VIRTNET_CFLAGS   := -std=gnu11 -Wall -Wextra -Werror -O2 -g $(CFLAGS)
VIRTNET_CPPFLAGS := -I$(TOP)/uapi -I$(TOP)/userspace/lib -I$(BUILD)/gen -MMD -MP \
		    $(shell $(PKG_CONFIG) --cflags $(VIRTNET_PKGS)) $(CPPFLAGS)
VIRTNET_LDLIBS   := $(shell $(PKG_CONFIG) --libs $(VIRTNET_PKGS))
