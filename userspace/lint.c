// SPDX-License-Identifier: GPL-2.0
/*
 * check -W: what is valid but almost certainly not meant.
 *
 * Shadowed rules: a rule that an earlier one decides every frame of never
 * counts a frame, and an edit that put it there usually meant it to act.
 * The engine already finds most: its lookup lists stop at the first rule
 * that decides every frame of an ID, so a rule in no list is shadowed by
 * the rules before it together. A rule an earlier one covers in kinds and
 * lengths too (accept id 0x100 len 8 after drop id 0x100 data) stays in
 * the lists and is found by comparing it with the rules listed before it
 * at its lowest ID.
 *
 * Timestamps: a rate or a timing a log's clock cannot resolve is judged
 * wrongly when that log is replayed: all frames of one tick arrive at
 * once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "candump_log.h"
#include "cmd.h"
#include "lint.h"

/* Every non-error kind, as the engine reads a rule's 0. */
static u8 kinds_of(const struct canfw_rule_spec *r)
{
	return r->kinds ? r->kinds : CANFW_KIND_ALL_ID;
}

static u32 space_mask(u8 space)
{
	return space == CANFW_SPACE_SFF ? CAN_SFF_MASK : CAN_EFF_MASK;
}

/* The lowest ID R matches in SPACE. */
static u32 low_id(const struct canfw_rule_spec *r)
{
	if (r->id_match == CANFW_ID_MATCH_ANY)
		return 0;
	if (r->id_match == CANFW_ID_MATCH_MASK)
		return r->id_lo & r->id_hi;
	return r->id_lo;
}

static bool id_matches(const struct canfw_rule_spec *r, u32 id)
{
	if (r->id_match == CANFW_ID_MATCH_ANY)
		return true;
	if (r->id_match == CANFW_ID_MATCH_MASK)
		return (id & r->id_hi) == (r->id_lo & r->id_hi);
	return id >= r->id_lo && id <= r->id_hi;
}

/* Whether every ID of J (in SPACE) is one of I's. */
static bool ids_cover(const struct canfw_rule_spec *i,
		      const struct canfw_rule_spec *j, u8 space)
{
	u32 full = space_mask(space), lo, hi, id;

	if (i->id_match == CANFW_ID_MATCH_ANY)
		return true;
	if (j->id_match == CANFW_ID_MATCH_ANY)
		return false;
	if (j->id_match == CANFW_ID_MATCH_MASK) {
		if (i->id_match == CANFW_ID_MATCH_MASK)
			return !(i->id_hi & ~j->id_hi) &&
			       ((j->id_lo & i->id_hi) == (i->id_lo & i->id_hi));
		lo = j->id_lo & j->id_hi;
		hi = lo | (~j->id_hi & full);
		return i->id_lo <= lo && hi <= i->id_hi;
	}
	if (i->id_match == CANFW_ID_MATCH_RANGE)
		return i->id_lo <= j->id_lo && j->id_hi <= i->id_hi;
	/* A range against a mask: only short ranges are worth walking. */
	if (j->id_hi - j->id_lo > 4096)
		return false;
	for (id = j->id_lo; id <= j->id_hi; id++)
		if (!id_matches(i, id))
			return false;
	return true;
}

/* Whether I, earlier, decides every frame J could match. */
static bool covers(const struct canfw_rule_spec *i,
		   const struct canfw_rule_spec *j, u8 space)
{
	static const struct canfw_payload_spec none;

	/* Only a rule's first ID match is compared: a set is not judged. */
	if (j->nparts)
		return false;
	if (memcmp(&i->payload, &none, sizeof(none)) || i->sender.match)
		return false;
	if (i->states && (!j->states || (j->states & ~i->states)))
		return false;
	if (kinds_of(j) & ~kinds_of(i))
		return false;
	if (i->len_lo > j->len_lo || i->len_hi < j->len_hi)
		return false;
	return ids_cover(i, j, space);
}

static int nwarnings;

static void warn(const struct lint *l, struct cfw_pos pos, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));

static void warn(const struct lint *l, struct cfw_pos pos, const char *fmt,
		 ...)
{
	va_list ap;

	nwarnings++;
	fprintf(stderr, "%s:%u:%u: warning: ",
		cfw_pos_file(l->p, pos, l->file), pos.line, pos.col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Rule indexes referenced by a trie's lists: [count, rules...] blocks. */
static void mark_listed(const struct canfw_idtrie *t, bool *listed)
{
	u32 off = 0, n, k;

	while (off < t->lists_len) {
		n = t->lists[off++];
		for (k = 0; k < n && off < t->lists_len; k++)
			listed[t->lists[off++]] = true;
	}
}

static const u32 *lookup(const struct canfw_table *t, u8 space, u32 id)
{
	return canfw_idtrie_lookup(space == CANFW_SPACE_SFF ? &t->sff : &t->eff,
				   id);
}

/* J in one of its spaces: the earlier rule that shadows it, if any. */
static u32 shadowed_by(const struct canfw_table *t, u32 j, u8 space,
		       bool listed)
{
	const struct canfw_rule_spec *r = &t->specs[j];
	const u32 *list = lookup(t, space, low_id(r) & space_mask(space));
	u32 k;

	/* Not listed: the last rule of its list decided first. */
	if (!listed)
		return list[0] && list[list[0]] < j ? list[list[0]] :
		       CANFW_NO_RULE;
	for (k = 1; k <= list[0] && list[k] < j; k++)
		if (covers(&t->specs[list[k]], r, space))
			return list[k];
	return CANFW_NO_RULE;
}

static void lint_shadow(const struct lint *l, const struct cfw_dir *d,
			const struct canfw_table *t, int dir)
{
	bool *listed = calloc(t->nrules ? t->nrules : 1, sizeof(*listed));
	u32 j, by;
	u8 sp;

	if (!listed)
		return;
	mark_listed(&t->sff, listed);
	mark_listed(&t->eff, listed);
	for (j = 0; j < t->nrules; j++) {
		if (kinds_of(&t->specs[j]) == CANFW_KIND_ERR)
			continue;
		by = CANFW_NO_RULE;
		for (sp = CANFW_SPACE_SFF; sp <= CANFW_SPACE_EFF && by == CANFW_NO_RULE; sp <<= 1)
			if (t->specs[j].space & sp)
				by = shadowed_by(t, j, sp, listed[j]);
		if (!listed[j] && by == CANFW_NO_RULE)
			warn(l, d->pos[j],
			     "%s rule never decides a frame: the rules before it decide every frame it matches",
			     cfw_dir_name(dir));
		else if (by != CANFW_NO_RULE)
			warn(l, d->pos[j],
			     "%s rule never decides a frame: the rule on line %u decides every frame it matches",
			     cfw_dir_name(dir), d->pos[by].line);
	}
	free(listed);
}

/* "1 s", "250 ms", "10 us": a time as the language would write it. */
static const char *duration(char *buf, size_t size, u64 ns)
{
	u64 us = ns / 1000;

	if (us && !(us % 1000000))
		snprintf(buf, size, "%llus", (unsigned long long)(us / 1000000));
	else if (us && !(us % 1000))
		snprintf(buf, size, "%llums", (unsigned long long)(us / 1000));
	else
		snprintf(buf, size, "%lluus", (unsigned long long)us);
	return buf;
}

/* Rates and timings that LOG's clock resolution cannot judge. */
static void lint_clock(const struct lint *l, const struct cfw_dir *d)
{
	u64 res = l->log_resolution_ns;
	char a[32], b[32], c[32];
	u32 j;

	for (j = 0; j < d->nrules; j++) {
		const struct canfw_rule_spec *r = &d->rules[j];

		/* Frames of one tick come at once: more than a burst's worth. */
		if (r->rate && res > (u64)r->burst * 1000000000ULL / r->rate)
			warn(l, d->pos[j],
			     "rate %u/s burst %u cannot be judged on %s: its timestamps are %s apart at best, in which %llu frames may come at once",
			     r->rate, r->burst, l->log,
			     duration(a, sizeof(a), res),
			     (unsigned long long)(res / (1000000000ULL / r->rate)));
		if (r->period_us && res > (u64)r->jitter_us * 1000)
			warn(l, d->pos[j],
			     "period %s jitter %s cannot be judged on %s: its timestamps are %s apart at best",
			     duration(a, sizeof(a), (u64)r->period_us * 1000),
			     duration(b, sizeof(b), (u64)r->jitter_us * 1000),
			     l->log, duration(c, sizeof(c), res));
	}
}

int cfw_lint(const struct lint *l)
{
	const struct cfw_policy *p = l->p;
	struct canfw_table_spec spec;
	struct canfw_build_error be;
	struct canfw_table *t;
	size_t i;
	int dir;

	nwarnings = 0;
	for (i = 0; i < p->nifaces; i++) {
		for (dir = 0; dir < CFW_NDIRS; dir++) {
			const struct cfw_dir *d = &p->ifaces[i].dir[dir];

			if (l->log)
				lint_clock(l, d);
			cfw_dir_table_spec(p, &p->ifaces[i], dir, &spec);
			if (canfw_table_build(&spec, &t, &be))
				return -1;
			lint_shadow(l, d, t, dir);
			canfw_table_free(t);
		}
	}
	return nwarnings;
}

int cfw_log_resolution(const char *path, u64 *ns)
{
	struct cfw_log_frame *f = malloc(sizeof(*f));
	u64 prev = 0, best = ~0ULL;
	unsigned int col, lineno = 0;
	char *text, *line, *next;
	const char *msg;
	bool any = false;
	size_t len;
	int ret;

	if (!f)
		return CFW_EXIT_SYSTEM;
	ret = cfw_read_file(path, &text, &len);
	if (ret) {
		free(f);
		return ret;
	}
	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		lineno++;
		ret = cfw_log_parse_line(line, next ? (size_t)(next - line) :
					 strlen(line), f, &msg, &col);
		if (next)
			next++;
		if (ret < 0) {
			cfw_error("%s:%u:%u: %s", path, lineno, col, msg);
			ret = CFW_EXIT_USAGE;
			goto out;
		}
		if (!ret)
			continue;
		if (any && f->ts_ns > prev && f->ts_ns - prev < best)
			best = f->ts_ns - prev;
		prev = f->ts_ns;
		any = true;
	}
	*ns = best;
	ret = 0;
out:
	free(text);
	free(f);
	return ret;
}
