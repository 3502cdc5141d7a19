/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CAN-ID lookup: maps an ID to the ordered list of rules whose ID part
 * matches it, in a fixed number of memory reads whatever the policy size.
 *
 * The ID is consumed a few bits at a time through a multibit trie. The trie
 * is built as a DAG: a subtree is built once per distinct set of rules that
 * reach it, so a mask such as 0x0000FF (don't-care high bits) or a wide range
 * costs a handful of nodes, not millions. Leaves are rule lists cut after the
 * first rule that matches every frame of the ID, since nothing after it can
 * ever decide.
 */
#ifndef CANFW_IDTRIE_H
#define CANFW_IDTRIE_H

#include "canfw_port.h"
#include "include/uapi/linux/canfw.h"

#define CANFW_IDTRIE_MAX_LEVELS	8

/* One rule's ID match as given to the builder, in the trie's ID space. */
struct canfw_idtrie_input {
	u32 rule;		/* index of the rule; inputs are in rule order */
	u8 match;		/* enum canfw_id_match */
	u8 terminal;		/* the rule decides every frame whose ID it matches */
	u32 a;			/* RANGE: lo, MASK: value */
	u32 b;			/* RANGE: hi, MASK: mask */
};

struct canfw_idtrie {
	u32 root;
	u8 nlevels;
	u8 shift[CANFW_IDTRIE_MAX_LEVELS];
	u32 mask[CANFW_IDTRIE_MAX_LEVELS];
	/*
	 * nodes[]: each node is 2^stride child references; a reference at the
	 * last level is an offset into lists[], otherwise into nodes[].
	 * lists[]: a count followed by that many rule indexes, in rule order.
	 */
	u32 *nodes;
	u32 *lists;
	u32 nodes_len;
	u32 lists_len;
};

int canfw_idtrie_build(struct canfw_idtrie *t, unsigned int id_bits,
		       const struct canfw_idtrie_input *in, u32 n,
		       size_t max_bytes);
void canfw_idtrie_free(struct canfw_idtrie *t);

static inline const u32 *canfw_idtrie_lookup(const struct canfw_idtrie *t,
					     u32 id)
{
	u32 ref = t->root;
	unsigned int i;

	for (i = 0; i < t->nlevels; i++)
		ref = t->nodes[ref + ((id >> t->shift[i]) & t->mask[i])];
	return &t->lists[ref];
}

#endif /* CANFW_IDTRIE_H */
