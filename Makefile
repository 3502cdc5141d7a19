# SPDX-License-Identifier: GPL-2.0
# canfw: `make` builds the module for the running kernel (or KDIR=...),
# `make check` runs every test (see README.md).

KDIR ?= /lib/modules/$(shell uname -r)/build
BUILD ?= build
CC ?= gcc

# Installation, as packagers expect: DESTDIR stages, PREFIX relocates
# everything but the module (the kernel's tree) and /etc.
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/canfw
DOCDIR ?= $(PREFIX)/share/doc/canfw
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
MODULESLOADDIR ?= $(PREFIX)/lib/modules-load.d
SYSCONFDIR ?= /etc
# The release modules are installed under (Debian's header packages say
# "6.1.192" in kernel.release but "6.1.0-N-amd64" here).
KVER ?= $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	  $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
MODDIR ?= /lib/modules/$(KVER)/updates

ENGINE_SRC := kmod/idtrie.c kmod/table.c kmod/judge.c kmod/ratelimit.c kmod/timing.c kmod/perid.c kmod/payload.c kmod/state.c kmod/table_state.c kmod/sender.c
ENGINE_HDR := $(wildcard kmod/*.h)
TEST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Ikmod \
	       -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: all module tool unit check clean bench demo install install-tool uninstall dkms-src

all: module tool

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tool:
	$(MAKE) -C userspace O=$(CURDIR)/$(BUILD)/userspace

# The engine's test cases against its userspace build.
$(BUILD)/engine_test: tests/unit/engine_test.c tests/unit/kunit_shim.h \
		      $(wildcard tests/engine/*) $(ENGINE_SRC) $(ENGINE_HDR)
	@mkdir -p $(BUILD)
	$(CC) $(TEST_CFLAGS) -o $@ tests/unit/engine_test.c $(ENGINE_SRC)

unit: $(BUILD)/engine_test
	$(BUILD)/engine_test

check:
	bash tests/check.sh

INSTALL_ENV = DESTDIR="$(DESTDIR)" SBINDIR="$(SBINDIR)" MANDIR="$(MANDIR)" \
	DATADIR="$(DATADIR)" DOCDIR="$(DOCDIR)" BASHCOMPDIR="$(BASHCOMPDIR)" \
	SYSTEMDUNITDIR="$(SYSTEMDUNITDIR)" MODULESLOADDIR="$(MODULESLOADDIR)" \
	SYSCONFDIR="$(SYSCONFDIR)" MODDIR="$(MODDIR)" KVER="$(KVER)" \
	KO="$(CURDIR)/canfw.ko" CTL="$(CURDIR)/$(BUILD)/userspace/canfwctl"

# The module for KDIR's kernel, canfwctl, its man page and completion, the
# systemd unit, the modules-load.d entry and an example /etc/canfw.
install: all
	@[ -n "$(KVER)" ] || { echo "no kernel release in $(KDIR): set KDIR" >&2; exit 1; }
	$(INSTALL_ENV) bash dist/install.sh install

# The module's sources where DKMS looks for them: then
# `dkms install canfw/$(VERSION)` builds and installs it for the running
# kernel, and DKMS rebuilds it for every kernel installed later.
VERSION := $(shell sed -n 's/^\#define CANFW_VERSION[^"]*"\(.*\)"/\1/p' kmod/canfw.h)
DKMS_SRC = $(DESTDIR)/usr/src/canfw-$(VERSION)
dkms-src:
	install -d $(DKMS_SRC)
	tar -c --owner=0 --group=0 dkms.conf Kbuild $$(find kmod -name '*.[ch]') | \
		tar -x -C $(DKMS_SRC)
	@echo "sources in $(DKMS_SRC); next: dkms install canfw/$(VERSION)"

# canfwctl alone, with its man page and completion, in $(SBINDIR).
install-tool: tool
	$(INSTALL_ENV) bash dist/install.sh install-tool

# Removes exactly what install or install-tool added (dist/install.sh
# keeps a manifest).
uninstall:
	$(INSTALL_ENV) bash dist/install.sh uninstall

# Side-by-side benchmark against tc and nftables (docs/benchmarks.md).
bench:
	bash bench/run.sh
	bash bench/locks.sh
	bash bench/price.sh

# canfw stopping attacks on a vcan "bus" in a throw-away guest;
# DATA=path/to/candump.log replays a real vehicle log instead.
demo:
	bash demo/run.sh $(if $(DATA),--data $(DATA))

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf $(BUILD)
