// SPDX-License-Identifier: GPL-2.0
/*
 * Rule handles, as nft's -a shows them but for a policy that is replaced
 * whole: a handle is derived from what the rule says (its entry, its
 * direction and its text, the comment aside), so it is the same in every
 * policy that holds that rule, wherever the rule moved and whatever was
 * added or removed around it. canfwctl sends it with the rule, the kernel
 * keeps it and puts it in the rule's events, and replay, which never sees
 * the kernel, derives the same one.
 *
 * 24 bits of FNV-1a keep it short to read; the rare rule whose handle an
 * earlier rule of its direction took (a twin, or a collision) takes the
 * next free one, so handles are unique in a direction.
 */
#include <stdlib.h>
#include <string.h>
#include "policy.h"

#define HANDLE_MASK	0xFFFFFFu

static u32 fnv1a(u32 h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static u32 derive(const struct cfw_policy *p, const struct cfw_iface *ifc,
		  int dir, const struct canfw_rule_spec *r)
{
	struct canfw_rule_spec plain = *r;
	char text[CFW_RULE_TEXT_MAX];
	size_t len;
	u32 h = 2166136261u;

	plain.comment = NULL;
	len = cfw_format_rule_in(text, sizeof(text), p, &plain);
	h = fnv1a(h, ifc->name, strlen(ifc->name) + 1);
	h = fnv1a(h, cfw_dir_name(dir), 3);
	h = fnv1a(h, text, len < sizeof(text) ? len : sizeof(text) - 1);
	h = (h >> 24 ^ h) & HANDLE_MASK;
	return h ? h : 1;
}

/* Open addressing over twice the rules: each probe is cheap. */
static void set_dir(const struct cfw_policy *p, const struct cfw_iface *ifc,
		    int dir, struct cfw_dir *d)
{
	u32 size = 2, i, k, h;
	u32 *taken;

	while (size < 2 * d->nrules)
		size <<= 1;
	taken = calloc(size, sizeof(*taken));
	for (i = 0; i < d->nrules; i++) {
		h = derive(p, ifc, dir, &d->rules[i]);
		for (;;) {
			for (k = h & (size - 1); taken && taken[k] &&
			     taken[k] != h; k = (k + 1) & (size - 1))
				;
			if (!taken || !taken[k])
				break;
			h = h % HANDLE_MASK + 1;	/* taken: the next one */
		}
		if (taken)
			taken[k] = h;
		d->rules[i].handle = h;
	}
	free(taken);
}

void cfw_policy_set_handles(struct cfw_policy *p)
{
	size_t i;
	int dir;

	for (i = 0; i < p->nifaces; i++)
		for (dir = 0; dir < CFW_NDIRS; dir++)
			set_dir(p, &p->ifaces[i], dir, &p->ifaces[i].dir[dir]);
}
