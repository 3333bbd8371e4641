# gen.mk - C generated from the family's YNL spec, uapi/virtnet.yaml
# (scripts/ynl-gen.py): the attribute tables of userspace/lib/attrs.c and
# tests/tools/nlutil.c. Included at the end of a Makefile (after its
# default goal), with TOP and BUILD set and flags.mk included; the objects
# that include the header name it as an order-only prerequisite, and their
# dependency files track it from then on.
$(VIRTNET_GEN_ATTRS): $(TOP)/uapi/virtnet.yaml $(TOP)/scripts/ynl-gen.py
	$(VIRTNET_PYTHON) $(TOP)/scripts/ynl-gen.py $< $@
