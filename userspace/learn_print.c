// SPDX-License-Identifier: GPL-2.0
/*
 * canfwctl learn, the policy text: a comment on how it was learnt, then
 * per interface its defaults and one rule per ID, each with the
 * observation behind it as a comment.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "learn.h"

/* Comment lines of the output wrap before this column. */
#define CFW_LEARN_WRAP	76

/* Comment words, wrapped: "# " and words up to CFW_LEARN_WRAP. */
struct wrap {
	FILE *out;
	const char *indent;
	size_t col;
};

static void wrap_word(struct wrap *w, const char *word)
{
	size_t n = strlen(word);

	if (w->col && w->col + 1 + n > CFW_LEARN_WRAP) {
		fputc('\n', w->out);
		w->col = 0;
	}
	if (!w->col)
		w->col = (size_t)fprintf(w->out, "%s#", w->indent);
	w->col += (size_t)fprintf(w->out, " %s", word);
}

/* Each word of TEXT (printf-style) into the wrapped comment. */
static __attribute__((format(printf, 2, 3)))
void wrap_text(struct wrap *w, const char *fmt, ...)
{
	char buf[1024], *word, *save;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (word = strtok_r(buf, " ", &save); word;
	     word = strtok_r(NULL, " ", &save))
		wrap_word(w, word);
}

static void wrap_end(struct wrap *w)
{
	if (w->col)
		fputc('\n', w->out);
	w->col = 0;
}

static const char *resolution(const struct cfw_learn *l)
{
	static const char *const names[] = {
		"1 ns", "10 ns", "100 ns", "1 us", "10 us", "100 us", "1 ms",
		"10 ms", "100 ms", "1 s",
	};

	return names[l->res_exp];
}

static void print_sources(struct wrap *w, const struct cfw_learn *l,
			  char *const *logs, int nlogs)
{
	int i;

	wrap_text(w, "Learnt by canfwctl learn from %d log%s:", nlogs,
		  nlogs == 1 ? "" : "s");
	for (i = 0; i < nlogs; i++)
		wrap_text(w, "%s%s", logs[i], i + 1 < nlogs ? "," : ";");
	wrap_text(w, "%llu frames", (unsigned long long)l->frames);
	if (l->timed > 0)
		wrap_text(w, "in %.3f s, timestamps to %s.",
			  l->seconds_ns / 1e9, resolution(l));
	else
		wrap_text(w, "without timestamps.");
	wrap_end(w);
}

/* Whether anything is learnt beyond IDs, kinds and lengths. */
static bool judges(const struct cfw_learn *l)
{
	return l->rates || (l->timed > 0 && !l->opts.no_timing);
}

static void print_method(struct wrap *w, const struct cfw_learn *l)
{
	const struct cfw_learn_opts *o = &l->opts;
	double m = o->margin / 1000.0;

	wrap_text(w, "Each rule accepts an ID with the kinds and lengths the logs show");
	if (l->rates) {
		wrap_text(w, "and a rate of %g times the most frames seen within a second,", m);
		wrap_text(w, "with a burst %g times the least that lets the logs pass.", m);
	} else if (l->timed > 0) {
		wrap_text(w, "and no rate: the timestamps resolve only %s,",
			  resolution(l));
		wrap_text(w, "rates need 10 ms.");
	} else {
		wrap_text(w, "and no rate or period: the logs have no timestamps.");
	}
	if (l->timed > 0 && !o->no_timing) {
		wrap_text(w, "A periodic ID (at least %u frames, the 90th percentile",
			  CFW_LEARN_PERIODIC_FRAMES);
		wrap_text(w, "interval within 1.5 times the median) gets the median as");
		wrap_text(w, "its period, a jitter %g times what the logs need (at least", m);
		wrap_text(w, "a tenth of the period) and a timeout %g times their", m);
		wrap_text(w, "longest silence (at least three periods).");
	}
	if (judges(l)) {
		wrap_text(w, "IDs with fewer than %u frames are too rare to judge:",
			  o->min_frames);
		wrap_text(w, "accepted without a rate or period.");
	}
	wrap_text(w, "Replayed through this policy (with --iface NAME if learnt");
	wrap_text(w, "with it), none of the frames of the logs is dropped.");
	wrap_text(w, "Other frames received are dropped (rx default drop). A log");
	wrap_text(w, "of the bus says nothing of what this computer sends: tx keeps");
	wrap_text(w, "the default, accept.");
	wrap_end(w);
}

/* "0x123" or "0x18FEF100": the ID as rules name it. */
static void id_text(char *buf, size_t size, u32 can_id)
{
	if (can_id & CAN_EFF_FLAG)
		snprintf(buf, size, "0x%08X", can_id & CAN_EFF_MASK);
	else
		snprintf(buf, size, "0x%03X", can_id);
}

/* Too rare to judge: only said where something is judged at all. */
static bool rare(const struct cfw_learn *l, const struct cfw_learn_id *id)
{
	return id->n < l->opts.min_frames && judges(l);
}

static void print_rare(FILE *out, const struct cfw_learn *l, size_t lo,
		       size_t hi)
{
	struct wrap w = { out, "\t", 0 };
	size_t i, last = hi;
	char id[16];

	for (i = lo; i < hi; i++)
		if (rare(l, &l->ids[i]))
			last = i;
	for (i = lo; last < hi && i <= last; i++) {
		if (!rare(l, &l->ids[i]))
			continue;
		if (!w.col) {
			wrap_text(&w, "Too rare to judge (fewer than %u frames),",
				  l->opts.min_frames);
			wrap_text(&w, "accepted without a rate or period:");
		}
		id_text(id, sizeof(id), l->ids[i].can_id);
		wrap_text(&w, "%s (%zu frame%s)%s", id, l->ids[i].n,
			  l->ids[i].n == 1 ? "" : "s", i < last ? "," : "");
	}
	wrap_end(&w);
}

/* "length 8", "lengths 3, 8", "lengths 0-64": what the frames carried. */
static void print_lengths(FILE *out, const struct cfw_learn_id *id)
{
	const char *sep = "";
	unsigned int len, n = 0;

	for (len = 0; len <= CANFD_MAX_DLEN; len++)
		n += !!(id->lens[len / 8] & (1U << (len % 8)));
	if (id->len_lo == id->len_hi) {
		fprintf(out, ", length %u", id->len_lo);
		return;
	}
	if (id->len_hi > CANFD_MAX_DLEN || n > 4) {
		fprintf(out, ", lengths %u-%u", id->len_lo, id->len_hi);
		return;
	}
	fputs(", lengths ", out);
	for (len = 0; len <= CANFD_MAX_DLEN; len++) {
		if (!(id->lens[len / 8] & (1U << (len % 8))))
			continue;
		fprintf(out, "%s%u", sep, len);
		sep = ", ";
	}
}

/* Why an ID that had enough frames got no period. */
static const char *why_not_timed(u8 why)
{
	switch (why) {
	case CFW_LEARN_FEW:
		return "; too few frames for a period";
	case CFW_LEARN_IRREGULAR:
		return "; not periodic: its 90th percentile interval is over 1.5 times the median";
	case CFW_LEARN_COARSE:
		return "; no period: the timestamps resolve less than a tenth of it";
	case CFW_LEARN_RANGE:
		return "; no period: its median interval is outside 100us to 600s";
	case CFW_LEARN_EARLY:
		return "; not periodic: early even with a jitter of a whole period";
	default:
		return "";
	}
}

/* The observation behind the rule: frames, intervals, lengths. */
static void print_comment(FILE *out, const struct cfw_learn *l,
			  const struct cfw_learn_id *id)
{
	fprintf(out, "  # %zu frame%s", id->n, id->n == 1 ? "" : "s");
	if (id->n > 1 && l->timed > 0)
		fprintf(out, ", interval mean %.3f ms min %.3f ms",
			id->gap_mean / 1e6, id->gap_min / 1e6);
	print_lengths(out, id);
	if (rare(l, id)) {
		fputs(": too rare to judge\n", out);
		return;
	}
	if (l->rates)
		fprintf(out, ", at most %u in a second", id->max_1s);
	if (id->timing == CFW_LEARN_TIMED)
		fprintf(out, ", median interval %.3f ms", id->gap_median / 1e6);
	/* Without timestamps the header says why there is no period. */
	fprintf(out, "%s\n", l->timed > 0 ? why_not_timed(id->timing) : "");
}

static void print_block(FILE *out, const struct cfw_learn *l, u32 iface,
			size_t lo, size_t hi)
{
	char rule[CFW_RULE_TEXT_MAX];
	size_t i;

	fprintf(out, "interface %s {\n\trx default drop\n\ttx default accept\n",
		l->ifnames[iface]);
	if (l->err_frames[iface])
		fprintf(out, "\t# %llu error frame%s: left to err-default accept\n",
			(unsigned long long)l->err_frames[iface],
			l->err_frames[iface] == 1 ? "" : "s");
	print_rare(out, l, lo, hi);
	for (i = lo; i < hi; i++) {
		cfw_format_rule(rule, sizeof(rule), &l->ids[i].rule);
		fprintf(out, "\trx %s", rule);
		print_comment(out, l, &l->ids[i]);
	}
	fputs("}\n", out);
}

static const struct cfw_learn *sorting;

static int cmp_iface(const void *a, const void *b)
{
	return strcmp(sorting->ifnames[*(const u32 *)a],
		      sorting->ifnames[*(const u32 *)b]);
}

int cfw_learn_print(FILE *out, const struct cfw_learn *l, char *const *logs,
		    int nlogs)
{
	struct wrap w = { out, "", 0 };
	u32 *order = malloc(l->nifaces * sizeof(*order)), k;
	size_t lo = 0, hi;

	if (!order)
		return -1;
	for (k = 0; k < l->nifaces; k++)
		order[k] = k;
	sorting = l;
	qsort(order, l->nifaces, sizeof(*order), cmp_iface);
	print_sources(&w, l, logs, nlogs);
	print_method(&w, l);
	/* The IDs are sorted by interface name too. */
	for (k = 0; k < l->nifaces; k++) {
		for (hi = lo; hi < l->nids && l->ids[hi].iface == order[k]; hi++)
			;
		print_block(out, l, order[k], lo, hi);
		lo = hi;
	}
	free(order);
	return 0;
}
