# A driver that does not negotiate VIRTIO_NET_F_MQ on a device with two
# queue pairs (-n 5). Per the virtio spec (virtio-net, "Virtqueues") its
# control queue is then index 2 (N = 1 without MQ), after rx0 and tx0;
# virtio_net always takes MQ when offered, other drivers need not.
# virtnet_evil negotiates CTRL_VQ but not MQ and sends a well-formed
# control command (VIRTIO_NET_CTRL_RX_PROMISC off) on queue 2: the device
# must answer it (VIRTIO_NET_OK) inside the kick.
# See hostile_driver.sh for the helpers.
#
# Tiers: 6.1 debug -- on 6.12 the debug kernel runs it (the same virtio_net and
# compat paths as stock 6.12, with KASAN and lockdep watching)
HOSTILE_DRIVER_LIB=1
. "$(dirname "$0")/hostile_driver.sh"

hd_require_evil
virtnet hotplug -i mlx5_0 -m 02:00:00:00:50:1a -t 1500 -n 5 -s 256 >/dev/null
vdev=$(hd_vdev_of "$A_ID" "$A_BUS")
trap hd_cleanup EXIT
insmod "$EVIL_KO" target="$A_BUS"
hd_unbind "$vdev"
hd_bind virtnet_evil "$vdev"
q=$(virtnet query -p "$A_ID")
expect_eq "$(jq -c '.driver_features.names | (index("CTRL_VQ") != null, index("MQ") != null)' <<<"$q" | tr '\n' ' ')" \
	"true false " "CTRL_VQ negotiated, MQ not"

step "a control command on queue 2"
if ! echo valid_ctrl 2>/dev/null >"$EVIL_DBG/attack"; then
	sed 's/^/    /' "$EVIL_DBG/state"
	virtnet query -p "$A_ID" | jq -c '.queues[] | {index, kicks, packets, enabled}'
	fail "the device did not answer a control command on queue 2 (MQ not negotiated): it took queue 2 for the second pair's receive queue"
fi
hd_expect_clean "$A_ID" virtnet_evil "after the control command"
hd_unbind "$vdev"
hd_bind virtio_net "$vdev"
hd_expect_clean "$A_ID" virtio_net "after rebinding virtio_net"
echo "ok"
