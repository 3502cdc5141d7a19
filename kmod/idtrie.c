// SPDX-License-Identifier: GPL-2.0
#include "idtrie.h"

/*
 * Strides, most significant bits first. Small nodes (16 references) keep
 * memory low for sparse exact IDs; the first stride takes the odd bits.
 */
static const u8 sff_strides[] = { 3, 4, 4 };
static const u8 eff_strides[] = { 5, 4, 4, 4, 4, 4, 4 };
#define MAX_STRIDE	5

/* Memo entry: one built subtree and the rule set that produced it. */
struct memo_slot {
	u64 hash;
	size_t off;		/* the rule set, in the arena */
	u32 n;
	u32 ref;
	u8 level;
	u8 used;
};

struct builder {
	const u8 *strides;
	unsigned int nlevels;
	u32 *nodes;
	size_t nodes_len, nodes_cap;
	u32 *lists;
	size_t lists_len, lists_cap;
	struct canfw_idtrie_input *arena;
	size_t arena_len, arena_cap;
	struct memo_slot *memo;
	size_t memo_cap, memo_used;
	size_t bytes, max_bytes;
};

/* Grow *p to hold at least need elements, doubling, within the budget. */
static int grow(struct builder *b, void **p, size_t *cap, size_t need,
		size_t elem)
{
	size_t ncap = *cap ? *cap : 64;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	if (b->bytes + (ncap - *cap) * elem > b->max_bytes)
		return -E2BIG;
	np = kvcalloc(ncap, elem, CANFW_GFP);
	if (!np)
		return -ENOMEM;
	if (*p)
		memcpy(np, *p, *cap * elem);
	kvfree(*p);
	b->bytes += (ncap - *cap) * elem;
	*p = np;
	*cap = ncap;
	return 0;
}

static u64 hash_set(unsigned int level, const struct canfw_idtrie_input *e,
		    u32 n)
{
	u64 h = 0x9e3779b97f4a7c15ULL ^ ((u64)level << 32) ^ n;
	u32 i;

	for (i = 0; i < n; i++) {
		h ^= e[i].rule + ((u64)e[i].match << 32);
		h *= 0xff51afd7ed558ccdULL;
		h ^= e[i].a + ((u64)e[i].b << 32);
		h *= 0xc4ceb9fe1a85ec53ULL;
		h ^= h >> 29;
	}
	return h;
}

static bool same_set(const struct canfw_idtrie_input *x,
		     const struct canfw_idtrie_input *y, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (x[i].rule != y[i].rule || x[i].match != y[i].match ||
		    x[i].a != y[i].a || x[i].b != y[i].b)
			return false;
	return true;
}

static struct memo_slot *memo_find(struct builder *b, u64 hash,
				   unsigned int level,
				   const struct canfw_idtrie_input *e, u32 n)
{
	size_t i = hash & (b->memo_cap - 1);

	for (;; i = (i + 1) & (b->memo_cap - 1)) {
		struct memo_slot *s = &b->memo[i];

		if (!s->used)
			return s;
		if (s->hash == hash && s->level == level && s->n == n &&
		    (!n || same_set(&b->arena[s->off], e, n)))
			return s;
	}
}

static int memo_resize(struct builder *b)
{
	size_t ncap = b->memo_cap * 2, i, j;
	struct memo_slot *nm;

	if (b->bytes + b->memo_cap * sizeof(*nm) > b->max_bytes)
		return -E2BIG;
	nm = kvcalloc(ncap, sizeof(*nm), CANFW_GFP);
	if (!nm)
		return -ENOMEM;
	for (i = 0; i < b->memo_cap; i++) {
		if (!b->memo[i].used)
			continue;
		j = b->memo[i].hash & (ncap - 1);
		while (nm[j].used)
			j = (j + 1) & (ncap - 1);
		nm[j] = b->memo[i];
	}
	kvfree(b->memo);
	b->bytes += b->memo_cap * sizeof(*nm);
	b->memo = nm;
	b->memo_cap = ncap;
	return 0;
}

static int memo_insert(struct builder *b, u64 hash, unsigned int level,
		       const struct canfw_idtrie_input *e, u32 n, u32 ref)
{
	struct memo_slot *s;
	int err;

	err = grow(b, (void **)&b->arena, &b->arena_cap, b->arena_len + n,
		   sizeof(*e));
	if (err)
		return err;
	if (n)
		memcpy(&b->arena[b->arena_len], e, n * sizeof(*e));
	s = memo_find(b, hash, level, e, n);
	s->hash = hash;
	s->off = b->arena_len;
	s->n = n;
	s->ref = ref;
	s->level = level;
	s->used = 1;
	b->arena_len += n;
	if (++b->memo_used * 2 > b->memo_cap)
		return memo_resize(b);
	return 0;
}

/*
 * The rules of one child subspace [c << rem, ((c + 1) << rem) - 1], with
 * their ID parts made relative to it. A rule covering the whole subspace
 * becomes ANY; after a terminal ANY rule nothing else can decide, so the
 * set ends there.
 */
static u32 restrict_set(const struct canfw_idtrie_input *in, u32 n, u32 c,
			unsigned int rem, struct canfw_idtrie_input *out)
{
	u32 full = (1U << rem) - 1;
	u32 lo = c << rem, hi = lo + full;
	u32 i, m = 0;

	for (i = 0; i < n; i++) {
		const struct canfw_idtrie_input *e = &in[i];
		struct canfw_idtrie_input *o = &out[m];

		*o = *e;
		if (e->match == CANFW_ID_MATCH_RANGE) {
			if (e->b < lo || e->a > hi)
				continue;
			o->a = max_t(u32, e->a, lo) - lo;
			o->b = min_t(u32, e->b, hi) - lo;
			if (o->a == 0 && o->b == full)
				o->match = CANFW_ID_MATCH_ANY;
		} else if (e->match == CANFW_ID_MATCH_MASK) {
			if ((c & (e->b >> rem)) != (e->a >> rem))
				continue;
			o->a = e->a & full;
			o->b = e->b & full;
			if (!o->b)
				o->match = CANFW_ID_MATCH_ANY;
		}
		if (o->match == CANFW_ID_MATCH_ANY) {
			o->a = 0;
			o->b = 0;
		}
		m++;
		if (o->match == CANFW_ID_MATCH_ANY && o->terminal)
			break;
	}
	return m;
}

/*
 * A rule over a set of IDs has one input per ID match, adjacent; where
 * several of them reach one list, the rule is listed once.
 */
static int emit_list(struct builder *b, const struct canfw_idtrie_input *e,
		     u32 n, u32 *ref)
{
	u32 i, count = 0;
	int err;

	err = grow(b, (void **)&b->lists, &b->lists_cap, b->lists_len + n + 1,
		   sizeof(u32));
	if (err)
		return err;
	if (b->lists_len > U32_MAX - n - 1)
		return -E2BIG;
	*ref = b->lists_len++;
	for (i = 0; i < n; i++) {
		if (i && e[i].rule == e[i - 1].rule)
			continue;
		b->lists[b->lists_len++] = e[i].rule;
		count++;
	}
	b->lists[*ref] = count;
	return 0;
}

static int build(struct builder *b, unsigned int level, unsigned int width,
		 const struct canfw_idtrie_input *e, u32 n, u32 *ref)
{
	u32 children[1U << MAX_STRIDE];
	struct canfw_idtrie_input *sub;
	unsigned int stride, rem;
	struct memo_slot *s;
	u64 hash;
	u32 c, m;
	int err;

	hash = hash_set(level, e, n);
	s = memo_find(b, hash, level, e, n);
	if (s->used) {
		*ref = s->ref;
		return 0;
	}

	if (level == b->nlevels) {
		err = emit_list(b, e, n, ref);
		if (err)
			return err;
		return memo_insert(b, hash, level, e, n, *ref);
	}

	cond_resched();
	stride = b->strides[level];
	rem = width - stride;
	sub = kvcalloc(n, sizeof(*sub), CANFW_GFP);
	if (!sub)
		return -ENOMEM;
	for (c = 0; c < (1U << stride); c++) {
		m = restrict_set(e, n, c, rem, sub);
		err = build(b, level + 1, rem, sub, m, &children[c]);
		if (err)
			goto out;
	}

	err = grow(b, (void **)&b->nodes, &b->nodes_cap,
		   b->nodes_len + (1U << stride), sizeof(u32));
	if (err)
		goto out;
	if (b->nodes_len > U32_MAX - (1U << stride)) {
		err = -E2BIG;
		goto out;
	}
	*ref = b->nodes_len;
	memcpy(&b->nodes[b->nodes_len], children, sizeof(u32) << stride);
	b->nodes_len += 1U << stride;
	err = memo_insert(b, hash, level, e, n, *ref);
out:
	kvfree(sub);
	return err;
}

/* Copy a finished array into an allocation of exactly its size. */
static u32 *shrink(const u32 *p, size_t len)
{
	u32 *np = kvcalloc(len, sizeof(u32), CANFW_GFP);

	if (np)
		memcpy(np, p, len * sizeof(u32));
	return np;
}

/*
 * Inputs must be in rule order with their ID parts inside the space:
 * RANGE a <= b < 2^id_bits, MASK with a == a & b.
 */
int canfw_idtrie_build(struct canfw_idtrie *t, unsigned int id_bits,
		       const struct canfw_idtrie_input *in, u32 n,
		       size_t max_bytes)
{
	struct builder b = { .max_bytes = max_bytes };
	unsigned int i, shift = id_bits;
	struct canfw_idtrie_input *top;
	u32 m;
	int err;

	memset(t, 0, sizeof(*t));
	if (id_bits == 11) {
		b.strides = sff_strides;
		b.nlevels = sizeof(sff_strides);
	} else {
		b.strides = eff_strides;
		b.nlevels = sizeof(eff_strides);
	}
	t->nlevels = b.nlevels;
	for (i = 0; i < b.nlevels; i++) {
		shift -= b.strides[i];
		t->shift[i] = shift;
		t->mask[i] = (1U << b.strides[i]) - 1;
	}

	b.memo_cap = 1024;
	b.memo = kvcalloc(b.memo_cap, sizeof(*b.memo), CANFW_GFP);
	top = kvcalloc(n, sizeof(*top), CANFW_GFP);
	err = -ENOMEM;
	if (!b.memo || !top)
		goto out;
	/* The whole space is child 0 of a virtual level with no bits. */
	m = restrict_set(in, n, 0, id_bits, top);
	err = build(&b, 0, id_bits, top, m, &t->root);
	if (err)
		goto out;

	err = -ENOMEM;
	t->nodes = shrink(b.nodes, b.nodes_len);
	t->lists = shrink(b.lists, b.lists_len);
	if (!t->nodes || !t->lists) {
		canfw_idtrie_free(t);
		goto out;
	}
	t->nodes_len = b.nodes_len;
	t->lists_len = b.lists_len;
	err = 0;
out:
	kvfree(top);
	kvfree(b.memo);
	kvfree(b.arena);
	kvfree(b.nodes);
	kvfree(b.lists);
	return err;
}

void canfw_idtrie_free(struct canfw_idtrie *t)
{
	kvfree(t->nodes);
	kvfree(t->lists);
	t->nodes = NULL;
	t->lists = NULL;
}
