/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels canfw supports (Debian's 6.1, 6.1
 * PREEMPT_RT and 6.12) live here and nowhere else.
 */
#ifndef CANFW_COMPAT_H
#define CANFW_COMPAT_H

#include <linux/netlink.h>
#include <linux/if_ether.h>

#ifndef ETH_P_CANXL
#define ETH_P_CANXL	0x000E	/* CAN XL, from 6.2 */
#endif

/*
 * The engine's error messages are static strings chosen at run time, but
 * NL_SET_ERR_MSG() takes a literal and NL_SET_ERR_MSG_FMT() only came in
 * 6.2; the message pointer itself is the same field everywhere.
 */
static inline void canfw_set_err_msg(struct netlink_ext_ack *extack,
				     const char *msg)
{
	if (extack)
		extack->_msg = msg;
}

#endif /* CANFW_COMPAT_H */
