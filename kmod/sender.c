// SPDX-License-Identifier: GPL-2.0
/* Sender checks of a rule against what the hook found (sender.h). */
#include "sender.h"

/**
 * canfw_sender_match() - whether a frame's sender passes a rule's checks
 * @s: the rule's checks
 * @snd: the sender, or NULL for a frame without a socket (and in replay)
 *
 * Context: Any; reads only.
 * Return: true when every check the rule has holds.
 */
bool canfw_sender_match(const struct canfw_sender_spec *s,
			const struct canfw_sender *snd)
{
	bool sk = snd && snd->has_sk;

	if (s->match & CANFW_SENDER_NO_SOCKET)
		return !sk;
	if (!sk)
		return false;
	if ((s->match & CANFW_SENDER_UID) &&
	    (snd->uid < s->uid_lo || snd->uid > s->uid_hi))
		return false;
	if ((s->match & CANFW_SENDER_GID) &&
	    (!snd->has_gid || snd->gid < s->gid_lo || snd->gid > s->gid_hi))
		return false;
	/* Below the cgroup: its ancestor at the cgroup's level is it. */
	if ((s->match & CANFW_SENDER_CGROUP) &&
	    (s->cgroup_level > snd->depth ||
	     snd->cgroup[s->cgroup_level] != s->cgroup_id))
		return false;
	return true;
}

int canfw_sender_check(const struct canfw_sender_spec *s, const char **msg)
{
	if (s->match & ~(CANFW_SENDER_UID | CANFW_SENDER_GID |
			 CANFW_SENDER_CGROUP | CANFW_SENDER_NO_SOCKET)) {
		*msg = "unknown sender match";
		return -EINVAL;
	}
	if ((s->match & CANFW_SENDER_NO_SOCKET) &&
	    s->match != CANFW_SENDER_NO_SOCKET) {
		*msg = "a frame without a socket has no uid, gid or cgroup to match";
		return -EINVAL;
	}
	if ((s->match & CANFW_SENDER_UID) && s->uid_lo > s->uid_hi) {
		*msg = "uid range is empty: its low end is above its high end";
		return -EINVAL;
	}
	if ((s->match & CANFW_SENDER_GID) && s->gid_lo > s->gid_hi) {
		*msg = "gid range is empty: its low end is above its high end";
		return -EINVAL;
	}
	if ((s->match & CANFW_SENDER_CGROUP) &&
	    (s->cgroup_level < 1 || s->cgroup_level > CANFW_CGROUP_LEVEL_MAX ||
	     !s->cgroup_id)) {
		*msg = "a cgroup match needs a cgroup id and a level of 1 to 16";
		return -EINVAL;
	}
	return 0;
}
