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
 * The engine's error messages are static strings chosen at run time, which
 * NL_SET_ERR_MSG() (a literal) cannot take. NL_SET_ERR_MSG_FMT() copies
 * one; 6.1 lacks it, and there the pointer itself is stored, which is
 * what NL_SET_ERR_MSG() does too (the strings live as long as the module).
 */
#ifdef NL_SET_ERR_MSG_FMT
#define canfw_set_err_msg(extack, msg)	NL_SET_ERR_MSG_FMT(extack, "%s", msg)
#else
static inline void canfw_set_err_msg(struct netlink_ext_ack *extack,
				     const char *msg)
{
	if (extack)
		extack->_msg = msg;
}
#endif

#endif /* CANFW_COMPAT_H */
