# virtnet top-level build. See README.md.
#   make            module + userspace programs
#   make check      every test tier (what CI runs)
#   make demo       deps, build, boot the VM, run the guide's walkthrough
SHELL := /bin/bash
TOP   := $(CURDIR)
BUILD ?= $(TOP)/build

# Kernel to build the module against: the running kernel's build dir if
# present, else the newest installed Debian bookworm amd64 headers (the
# kernel tests/vm boots).
KDIR ?= $(or $(wildcard /lib/modules/$(shell uname -r)/build),\
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))

export TOP BUILD KDIR

.PHONY: all kmod userspace cli deps check unit vm demo clean install

all: kmod userspace

kmod:
	@test -n "$(KDIR)" || { echo "no kernel headers: run 'make deps'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(TOP)/kmod W=1 modules

userspace:
	$(MAKE) -C userspace
	$(MAKE) -C cli

deps:
	@bash scripts/install-deps

unit: userspace
	$(MAKE) -C tests/unit run

vm: all
	tests/vm/run tests/integration/*.sh

check: deps
	@$(MAKE) --no-print-directory all
	@bash tests/check

demo: deps
	@$(MAKE) --no-print-directory all
	tests/vm/run --show tests/integration/walkthrough.sh

clean:
	-$(MAKE) -C $(KDIR) M=$(TOP)/kmod clean
	rm -rf $(BUILD)
