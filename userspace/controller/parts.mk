# parts.mk - the controller's parts that tests and tools build without its
# main(): virtnet.conf, the RDMA resolver and the recovery store (record,
# JSON form, files), the strict JSON field reader the config and the
# recovery records share, and the status lines with the recovery retry
# backoff. Names relative to userspace/controller/.
CTL_PARTS := conf.c jsonfield.c rdma.c recovery.c recovery_json.c recovery_store.c \
	status.c
