# Helpers for the systemd tier's scripts (service.sh, reboot.sh): sourced
# inside the --systemd VM, after tests/integration/lib.bash.

# The installed tools, not the checkout's build/bin.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive

SITE=/opt/mellanox/mlnx_virtnet
CTL_REC=$SITE/recovery
UNIT=virtio-net-controller.service
# What the first boot leaves for the second, on the disk.
STATE=/var/lib/virtnet-test
K=$(uname -r)

# prop NAME: a property of the controller's unit.
prop() { systemctl show -P "$1" "$UNIT"; }
