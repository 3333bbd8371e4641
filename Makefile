# virtnet top-level build. See README.md.
#   make            module + userspace programs
#   make check      every test tier within its budget (what CI runs)
#   make check-full every script on every kernel at full volume
#   make demo       deps, build, boot the VM, run the guide's walkthrough
#   make vdpa-guest a nested QEMU guest on a function through vhost-vdpa
#   make vdpa-migrate  that guest live-migrated between two functions
SHELL := /bin/bash
TOP   := $(CURDIR)
BUILD ?= $(TOP)/build

# Kernel to build the module against: the running kernel's build dir if
# present, else the newest installed Debian bookworm amd64 headers (the
# kernel tests/vm boots).
# An empty KDIR counts as unset: `make check` computes it before `make deps`
# has installed the headers and exports it to the sub-make that builds.
ifeq ($(strip $(KDIR)),)
KDIR := $(or $(wildcard /lib/modules/$(shell uname -r)/build),\
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))
endif

# Kernel release of KDIR (Debian's header dirs are linux-headers-<release>).
KVER ?= $(patsubst linux-headers-%,%,$(notdir $(realpath $(KDIR))))

VERSION := $(shell sed -n 's/^\#define VIRTNET_VERSION "\(.*\)"/\1/p' \
	userspace/lib/version.h)

# make install: DESTDIR for staging, PREFIX for the tools.
DESTDIR ?=
PREFIX  ?= /usr
SBINDIR ?= $(PREFIX)/sbin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
UNITDIR ?= /lib/systemd/system
DKMS_SRC = $(DESTDIR)/usr/src/virtnet-$(VERSION)

export TOP BUILD KDIR

.PHONY: all bench test-kmod kmod userspace cli deps check check-full unit vm debug fuzz demo clean install vdpa-guest ynl \
	vdpa-migrate guest-initrd nested-qemu \
	install-kmod install-tools dkms-install dkms-uninstall style gen-kmod deb

all: kmod userspace test-kmod ynl

# The kernel's own generic netlink client and the YNL schemas, from Debian's
# linux-source-6.12 (once): the spec check validates uapi/virtnet.yaml
# against the schema, and tests/integration/ynl.sh drives the module with
# tools/net/ynl/cli.py. Nothing to do without the tarball.
YNL_TARBALL = $(wildcard /usr/src/linux-source-6.12.tar.xz)
ynl: $(if $(YNL_TARBALL),$(BUILD)/ynl/.done $(BUILD)/ynl/.netdev)
$(BUILD)/ynl/.done: $(YNL_TARBALL)
	rm -rf $(BUILD)/ynl && mkdir -p $(BUILD)/ynl
	tar -xJf $< -C $(BUILD)/ynl --strip-components=1 --wildcards \
		'*/tools/net/ynl/cli.py' '*/tools/net/ynl/lib/*' \
		'*/Documentation/netlink/genetlink-legacy.yaml'
	touch $@
# The kernel's netdev family spec, for the representor's qstats and queue
# NAPI links (tests/integration/rep_stats.sh); its own stamp, so a build
# directory made before it gets it without extracting the rest again.
$(BUILD)/ynl/.netdev: $(YNL_TARBALL) $(BUILD)/ynl/.done
	tar -xJf $< -C $(BUILD)/ynl --strip-components=1 --wildcards \
		'*/Documentation/netlink/specs/netdev.yaml'
	touch $@

# The module's netlink policies, operation table and multicast group, from
# the family's YNL spec. Committed (a DKMS build needs neither python nor
# the spec); the style tier fails when they and the spec disagree.
gen-kmod:
	$(shell python3 -c "import yaml" 2>/dev/null && echo python3 || echo /usr/bin/python3) \
		scripts/ynl-gen.py --kernel uapi/virtnet.yaml kmod

kmod:
	@test -n "$(KDIR)" || { echo "no kernel headers: run 'make deps'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(TOP)/kmod W=1 modules

userspace:
	$(MAKE) -C userspace
	$(MAKE) -C cli
	$(MAKE) -C tests/tools

# Test-only kernel modules (never installed): the hostile driver.
test-kmod:
	$(MAKE) -C tests/kmod KDIR=$(KDIR)

deps:
	@bash scripts/install-deps

unit: userspace
	$(MAKE) -C tests/unit run

# Every integration script on one kernel (KERNEL=6.1, 6.12, a release or a
# bzImage path; default: the newest installed).
vm: all
	tests/vm/run $(if $(KERNEL),--kernel $(KERNEL)) tests/integration/*.sh

# Bounded libFuzzer run of the ring engine (FUZZ_SECONDS, default 300).
fuzz:
	$(MAKE) -C tests/fuzz run

# KUnit + every integration script on the debug kernel (KASAN, lockdep,
# kmemleak, panic_on_warn); builds that kernel once (cached).
debug: all
	tests/debug

# Speed and memory figures, measured side by side in one VM run.
bench: all guest-initrd nested-qemu
	tests/vm/run --show --timeout 3600 tests/bench/*.sh

# A nested QEMU guest on a function through vhost-vdpa (minutes of nested
# emulation: not in make check). Needs Debian's 6.12 installed.
GUEST_KVER = $(lastword $(sort $(notdir $(wildcard /lib/modules/6.12.*-amd64))))
vdpa-guest: all guest-initrd
	tests/vm/run --kernel $(GUEST_KVER) --show --timeout 1800 tests/nested/vdpa_guest.sh

# Live migration of that guest between two functions (QEMU's shadow
# virtqueue), twice back and forth, the destination taking over the
# source's SF each time (knobs: docs/testing.md).
vdpa-migrate: all guest-initrd nested-qemu
	tests/vm/run --kernel $(GUEST_KVER) --show --timeout 3000 tests/nested/vdpa_migrate.sh

# QEMU 8 or later beside the system's 7.2, unpacked, for the migration test.
nested-qemu:
	bash tests/nested/get-qemu $(BUILD)/nested/qemu

guest-initrd:
	@test -n "$(GUEST_KVER)" || { echo "nested guest: no 6.12 kernel installed (make deps)"; exit 1; }
	bash tests/nested/mkguest $(GUEST_KVER) $(BUILD)/nested/guest-initrd.gz

# The tiers and their budget: docs/testing.md. The table tests/check ends
# with counts `make deps` and the build as its first row. On a machine
# without the debug kernel cached, its build starts as soon as its source
# and compilers are in, beside the rest of `make deps`, the build and the
# stock VM tiers; the debug tier waits for it.
check check-full:
	@t0=$$(date +%s); \
	bash scripts/install-deps --debug-kernel && \
	bash tests/vm/debug-kernel/ensure --background && \
	bash scripts/install-deps && $(MAKE) --no-print-directory all && \
	VIRTNET_CHECK_T0=$$t0 bash tests/check $(if $(filter check-full,$@),--full)

demo: deps
	@$(MAKE) --no-print-directory all
	tests/vm/run --show tests/integration/walkthrough.sh

install: install-kmod install-tools

install-kmod: kmod
	$(MAKE) -C $(KDIR) M=$(TOP)/kmod INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=updates modules_install
	$(if $(DESTDIR),,depmod -a $(KVER))

install-tools: userspace
	install -D -m 0755 $(BUILD)/bin/virtnet $(DESTDIR)$(SBINDIR)/virtnet
	install -D -m 0755 $(BUILD)/bin/virtio-net-controller \
		$(DESTDIR)$(SBINDIR)/virtio-net-controller
	install -D -m 0644 cli/virtnet.8 $(DESTDIR)$(MANDIR)/man8/virtnet.8
	install -D -m 0644 userspace/controller/virtio-net-controller.8 \
		$(DESTDIR)$(MANDIR)/man8/virtio-net-controller.8
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|/usr/sbin/virtio-net-controller|$(SBINDIR)/virtio-net-controller|' \
		userspace/systemd/virtio-net-controller.service \
		>$(DESTDIR)$(UNITDIR)/virtio-net-controller.service
	install -d -m 0700 $(DESTDIR)/opt/mellanox/mlnx_virtnet/recovery
	install -D -m 0644 cli/virtnet.bash-completion \
		$(DESTDIR)$(BASHCOMPDIR)/virtnet

# DKMS keeps the module built for every installed kernel: dkms-install
# builds and installs it now for each kernel whose headers are installed
# (DKMS_KERNELS), and DKMS rebuilds it when a kernel is added.
DKMS_KERNELS ?= $(sort $(patsubst /lib/modules/%/build,%,$(wildcard /lib/modules/*/build)))
dkms-install:
	rm -rf $(DKMS_SRC)
	install -d $(DKMS_SRC)/kmod $(DKMS_SRC)/uapi/linux
	install -m 0644 $(filter-out %.mod.c,$(wildcard kmod/*.c)) kmod/*.h kmod/Kbuild \
		$(DKMS_SRC)/kmod/
	install -m 0644 uapi/linux/virtnet.h $(DKMS_SRC)/uapi/linux/
	sed 's/@VERSION@/$(VERSION)/' dkms.conf >$(DKMS_SRC)/dkms.conf
	$(if $(DESTDIR),,-dkms remove virtnet/$(VERSION) --all >/dev/null 2>&1)
	$(if $(DESTDIR),,dkms add virtnet/$(VERSION))
	$(if $(DESTDIR),,@test -n "$(DKMS_KERNELS)" || { echo "no kernel headers: run 'make deps'" >&2; exit 1; })
	$(if $(DESTDIR),,set -e; for k in $(DKMS_KERNELS); do \
		dkms build -k $$k virtnet/$(VERSION); \
		dkms install -k $$k virtnet/$(VERSION); \
	done)

dkms-uninstall:
	-dkms remove virtnet/$(VERSION) --all
	rm -rf $(DKMS_SRC)

# Debian packages (debian/): virtnet (controller, CLI, unit, man pages,
# completion) and virtnet-dkms (the module's sources), into $(BUILD)/deb/,
# checked with lintian (any error fails).
deb:
	rm -rf $(BUILD)/deb.tmp && mkdir -p $(BUILD)/deb.tmp/src
	git ls-files -z | xargs -0 cp --parents -t $(BUILD)/deb.tmp/src
	cd $(BUILD)/deb.tmp/src && dpkg-buildpackage -b --no-sign -rfakeroot
	mkdir -p $(BUILD)/deb
	mv $(BUILD)/deb.tmp/*.deb $(BUILD)/deb.tmp/*.changes $(BUILD)/deb.tmp/*.buildinfo $(BUILD)/deb/
	rm -rf $(BUILD)/deb.tmp
	lintian --fail-on error $(BUILD)/deb/*_$(VERSION)_*.changes
	@ls $(BUILD)/deb/*.deb

# Kernel style tier: checkpatch (Debian's linux-source) and sparse.
style:
	@bash tests/style

clean:
	-$(MAKE) -C $(KDIR) M=$(TOP)/kmod clean
	-$(MAKE) -C tests/kmod KDIR=$(KDIR) clean
	rm -rf $(BUILD)
