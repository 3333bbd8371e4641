# The module's pure logic (ring engine, naming/topology rules) compiled
# for userspace against tests/unit/kshim.
EXTRA_SRCS += $(TOP)/kmod/vring.c $(TOP)/kmod/topology.c
$(call unit_objs,$(TOP)/kmod/vring.c $(TOP)/kmod/topology.c \
	$(CURDIR)/test_vring.c $(CURDIR)/test_topology.c): \
	LOCAL_CPPFLAGS += -I$(TOP)/tests/unit/kshim -I$(TOP)/kmod
