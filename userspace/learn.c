// SPDX-License-Identifier: GPL-2.0
/*
 * canfwctl learn, the counting: each frame of the logs to the record of
 * its interface and ID, found through an open-addressing hash (a fuzzed
 * log holds thousands of IDs), with its time kept for learn_rule.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "learn.h"

/* The records per ID; they move as the array grows, the hash holds indexes. */
#define CFW_LEARN_HASH_MIN	256

void cfw_learn_init(struct cfw_learn *l, const struct cfw_learn_opts *o)
{
	memset(l, 0, sizeof(*l));
	l->opts = *o;
	l->res_exp = 9;
}

void cfw_learn_free(struct cfw_learn *l)
{
	size_t i;

	for (i = 0; i < l->nids; i++) {
		free(l->ids[i].times);
		free(l->ids[i].segs);
	}
	free(l->ids);
	free(l->hash);
	free(l->ifnames);
	free(l->err_frames);
	memset(l, 0, sizeof(*l));
}

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 8;
	void *q;

	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

bool cfw_learn_block_name_ok(const char *name, bool glob)
{
	size_t i;

	if (!strcmp(name, ".") || !strcmp(name, "..") || name[0] == '"')
		return false;
	for (i = 0; name[i]; i++)
		if (name[i] <= ' ' || name[i] >= 0x7f)
			return false;
	return !strpbrk(name, glob ? "{};#/:" : "{};#/:*?");
}

static int find_iface(struct cfw_learn *l, const char *name, u32 *iface,
		      const char **msg)
{
	size_t cap = l->nifaces, cap2 = l->nifaces;
	u32 i;

	if (l->opts.iface)
		name = l->opts.iface;
	for (i = 0; i < l->nifaces; i++) {
		if (!strcmp(l->ifnames[i], name)) {
			*iface = i;
			return 0;
		}
	}
	if (!l->opts.iface && !cfw_learn_block_name_ok(name, false)) {
		*msg = "this interface's name cannot name a policy block: learn them all as one with --iface NAME";
		return -1;
	}
	if (!grow((void **)&l->ifnames, &cap, l->nifaces + 1,
		  sizeof(*l->ifnames)) ||
	    !grow((void **)&l->err_frames, &cap2, l->nifaces + 1,
		  sizeof(*l->err_frames))) {
		*msg = "out of memory";
		return -1;
	}
	snprintf(l->ifnames[l->nifaces], sizeof(*l->ifnames), "%s", name);
	l->err_frames[l->nifaces] = 0;
	*iface = l->nifaces++;
	return 0;
}

static size_t slot(const struct cfw_learn *l, u32 iface, u32 can_id)
{
	u64 key = (u64)iface << 32 | can_id;

	return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 17) &
	       (l->hashcap - 1);
}

static bool rehash(struct cfw_learn *l)
{
	size_t cap = l->hashcap ? l->hashcap * 2 : CFW_LEARN_HASH_MIN;
	size_t *h = calloc(cap, sizeof(*h));
	size_t i, s;

	if (!h)
		return false;
	free(l->hash);
	l->hash = h;
	l->hashcap = cap;
	for (i = 0; i < l->nids; i++) {
		s = slot(l, l->ids[i].iface, l->ids[i].can_id);
		while (h[s])
			s = (s + 1) & (cap - 1);
		h[s] = i + 1;
	}
	return true;
}

static struct cfw_learn_id *lookup(struct cfw_learn *l, u32 iface,
				   u32 can_id)
{
	struct cfw_learn_id *id;
	size_t s;

	if (2 * (l->nids + 1) > l->hashcap && !rehash(l))
		return NULL;
	for (s = slot(l, iface, can_id); l->hash[s];
	     s = (s + 1) & (l->hashcap - 1)) {
		id = &l->ids[l->hash[s] - 1];
		if (id->iface == iface && id->can_id == can_id)
			return id;
	}
	if (!grow((void **)&l->ids, &l->idcap, l->nids + 1, sizeof(*l->ids)))
		return NULL;
	id = &l->ids[l->nids];
	memset(id, 0, sizeof(*id));
	id->iface = iface;
	id->can_id = can_id;
	id->len_lo = U16_MAX;
	l->hash[s] = ++l->nids;
	return id;
}

void cfw_learn_start_log(struct cfw_learn *l)
{
	l->logs++;
	l->log_has_frame = false;
}

/* The log's span, and how finely its timestamps resolve time. */
static void note_time(struct cfw_learn *l, const struct cfw_log_frame *f)
{
	static const u64 pow10[] = {
		1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
		100000000, 1000000000,
	};

	l->frames++;
	l->timed = f->no_ts ? -1 : 1;
	if (!l->log_has_frame) {
		l->log_has_frame = true;
		l->log_first_ns = f->ts_ns;
		l->log_last_ns = f->ts_ns;
	}
	if (f->ts_ns > l->log_last_ns)
		l->log_last_ns = f->ts_ns;
	while (!f->no_ts && l->res_exp && f->ts_ns % pow10[l->res_exp])
		l->res_exp--;
}

/* The frame's kind and length, and its time in a segment of this log. */
static int add_frame(struct cfw_learn *l, struct cfw_learn_id *id, u8 kind,
		     const struct cfw_log_frame *f)
{
	u16 len = f->frame.len;
	size_t segcap = id->segcap;
	struct cfw_learn_seg *seg;

	if (!grow((void **)&id->times, &id->cap, id->n + 1, sizeof(u64)))
		return -1;
	if (!id->nsegs || id->segs[id->nsegs - 1].log != l->logs) {
		if (!grow((void **)&id->segs, &segcap, id->nsegs + 1,
			  sizeof(*id->segs)))
			return -1;
		id->segcap = (u32)segcap;
		seg = &id->segs[id->nsegs++];
		seg->first = id->n;
		seg->log = l->logs;
		seg->end_ns = f->ts_ns;
	}
	id->times[id->n++] = f->ts_ns;
	id->kinds |= kind;
	if (len < id->len_lo)
		id->len_lo = len;
	if (len > id->len_hi)
		id->len_hi = len;
	if (len <= CANFD_MAX_DLEN)
		id->lens[len / 8] |= (u8)(1U << (len % 8));
	return 0;
}

int cfw_learn_frame(struct cfw_learn *l, const struct cfw_log_frame *f,
		    const char **msg)
{
	u8 kind = canfw_frame_kind(&f->frame, CANFW_DIR_RX);
	struct cfw_learn_id *id;
	u32 iface, can_id;

	if (find_iface(l, f->ifname, &iface, msg))
		return -1;
	note_time(l, f);
	/* Error frames are the controllers' (err-default accept). */
	if (kind == CANFW_KIND_ERR || !kind) {
		l->err_frames[iface]++;
		return 0;
	}
	if (kind == CANFW_KIND_XL)
		can_id = f->frame.can_id & CANXL_PRIO_MASK;
	else if (f->frame.can_id & CAN_EFF_FLAG)
		can_id = f->frame.can_id & (CAN_EFF_FLAG | CAN_EFF_MASK);
	else
		can_id = f->frame.can_id & CAN_SFF_MASK;
	id = lookup(l, iface, can_id);
	if (!id || add_frame(l, id, kind, f)) {
		*msg = "out of memory";
		return -1;
	}
	return 0;
}

void cfw_learn_end_log(struct cfw_learn *l)
{
	struct cfw_learn_seg *seg;
	size_t i;

	if (!l->log_has_frame)
		return;
	l->seconds_ns += l->log_last_ns - l->log_first_ns;
	for (i = 0; i < l->nids; i++) {
		if (!l->ids[i].nsegs)
			continue;
		seg = &l->ids[i].segs[l->ids[i].nsegs - 1];
		if (seg->log == l->logs)
			seg->end_ns = l->log_last_ns;
	}
}

static const struct cfw_learn *sorting;

/* By interface name, standard IDs before extended ones, then by ID. */
static int cmp_id(const void *a, const void *b)
{
	const struct cfw_learn_id *x = a, *y = b;
	int c = strcmp(sorting->ifnames[x->iface], sorting->ifnames[y->iface]);

	if (c)
		return c;
	if ((x->can_id ^ y->can_id) & CAN_EFF_FLAG)
		return x->can_id & CAN_EFF_FLAG ? 1 : -1;
	return x->can_id < y->can_id ? -1 : x->can_id > y->can_id;
}

int cfw_learn_finish(struct cfw_learn *l)
{
	size_t i;

	/* Rates need 10 ms: a hundredth of the second they are counted in. */
	l->rates = l->timed > 0 && l->res_exp <= 7;
	for (i = 0; i < l->nids; i++)
		if (cfw_learn_derive(l, &l->ids[i]))
			return -1;
	sorting = l;
	qsort(l->ids, l->nids, sizeof(*l->ids), cmp_id);
	sorting = NULL;
	/* The order changed: the hash no longer finds anything. */
	free(l->hash);
	l->hash = NULL;
	l->hashcap = 0;
	return 0;
}
