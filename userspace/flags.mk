# flags.mk - compiler flags shared by userspace/, cli/ and tests/unit/.
# Needs TOP. Callers may add to CFLAGS/CPPFLAGS/LDFLAGS from the command line.
PKG_CONFIG ?= pkg-config
VIRTNET_PKGS := libnl-genl-3.0 jansson

VIRTNET_CFLAGS   := -std=gnu11 -Wall -Wextra -Werror -O2 -g $(CFLAGS)
VIRTNET_CPPFLAGS := -I$(TOP)/uapi -I$(TOP)/userspace/lib -MMD -MP \
		    $(shell $(PKG_CONFIG) --cflags $(VIRTNET_PKGS)) $(CPPFLAGS)
VIRTNET_LDLIBS   := $(shell $(PKG_CONFIG) --libs $(VIRTNET_PKGS))
