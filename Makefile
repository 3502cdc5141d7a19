# SPDX-License-Identifier: GPL-2.0
# canfw: `make` builds the module for the running kernel (or KDIR=...),
# `make check` runs every test (see README.md).

KDIR ?= /lib/modules/$(shell uname -r)/build
BUILD ?= build
CC ?= gcc

ENGINE_SRC := kmod/idtrie.c kmod/table.c kmod/judge.c kmod/ratelimit.c
ENGINE_HDR := $(wildcard kmod/*.h)
TEST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Ikmod \
	       -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: all module tool unit check clean bench demo

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

# Side-by-side benchmark against tc and nftables (docs/benchmarks.md).
bench:
	bash bench/run.sh

# canfw stopping attacks on a vcan "bus" in a throw-away guest;
# DATA=path/to/candump.log replays a real vehicle log instead.
demo:
	bash demo/run.sh $(if $(DATA),--data $(DATA))

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf $(BUILD)
