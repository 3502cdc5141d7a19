// SPDX-License-Identifier: GPL-2.0
/*
 * canfw: a CAN firewall in the SocketCAN data path.
 *
 * This file holds the module's entry points. The policy engine (table.c,
 * judge.c, idtrie.c, ratelimit.c) is self-contained so that the same source
 * also builds into userspace tests and tools.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include "engine.h"

#define CANFW_VERSION	"0.1.0"

static int __init canfw_init(void)
{
	pr_info("canfw %s loaded\n", CANFW_VERSION);
	return 0;
}

static void __exit canfw_exit(void)
{
	pr_info("canfw unloaded\n");
}

module_init(canfw_init);
module_exit(canfw_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("CAN firewall: per-interface CAN-ID rules and rate limits");
MODULE_VERSION(CANFW_VERSION);
