// SPDX-License-Identifier: GPL-2.0
/*
 * parse(print(p)) == p: for the policies named on the command line and for
 * random policies drawn from everything the language can express. The
 * printed text must also be a fixed point: printing the reparsed policy
 * gives the same bytes. CFW_SEED=N reruns another random sample.
 *
 * Usage: roundtrip_test [FILE...]
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "policy.h"

#define RANDOM_POLICIES	2000

static uint64_t rng_state;

/* splitmix64: tiny, seedable, the same sequence everywhere. */
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static u32 below(u32 n)
{
	return (u32)(rnd() % n);
}

static char *print_to_string(const struct cfw_policy *p, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		abort();
	cfw_print_policy(f, p);
	fclose(f);
	return buf;
}

/* 0 when p survives print -> parse -> print unchanged. */
static int roundtrip(const struct cfw_policy *p, const char *what)
{
	struct cfw_policy q;
	struct cfw_error err;
	size_t len, len2;
	char *text = print_to_string(p, &len), *text2;
	int ret = 0;

	if (cfw_parse(text, len, &q, &err)) {
		tap_diag("%s: printed policy does not parse: %u:%u: %s", what,
			 err.pos.line, err.pos.col, err.msg);
		fputs(text, stdout);
		free(text);
		return -1;
	}
	if (!cfw_policy_equal(p, &q)) {
		tap_diag("%s: reparsed policy differs; printed text:", what);
		fputs(text, stdout);
		ret = -1;
	}
	text2 = print_to_string(&q, &len2);
	if (len != len2 || memcmp(text, text2, len)) {
		tap_diag("%s: printing is not a fixed point", what);
		ret = -1;
	}
	free(text2);
	free(text);
	cfw_policy_free(&q);
	return ret;
}

static int file_roundtrip(const char *path)
{
	struct cfw_policy p;
	struct cfw_error err;
	char *text = NULL;
	size_t len = 0, cap = 0;
	FILE *f = fopen(path, "rb");
	int ret;

	if (!f) {
		tap_diag("%s: cannot open", path);
		return -1;
	}
	for (;;) {
		if (len + 4096 > cap) {
			cap = cap * 2 + 4096;
			text = realloc(text, cap);
		}
		size_t n = fread(text + len, 1, cap - len, f);

		if (!n)
			break;
		len += n;
	}
	fclose(f);
	if (cfw_parse(text, len, &p, &err)) {
		tap_diag("%s:%u:%u: %s", path, err.pos.line, err.pos.col,
			 err.msg);
		free(text);
		return -1;
	}
	ret = roundtrip(&p, path);
	cfw_policy_free(&p);
	free(text);
	return ret;
}

static void random_name(char *name)
{
	static const char chars[] =
		"abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-.*?@+=,%!";
	u32 n = 1 + below(CFW_IFNAME_MAX), i;

	for (i = 0; i < n; i++)
		name[i] = chars[below(sizeof(chars) - 1)];
	name[n] = 0;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		strcpy(name, "can0");
}

static u32 random_id(u32 max)
{
	/* Favour the edges, where standard and extended IDs meet. */
	switch (below(4)) {
	case 0:
		return below(0x800) <= max ? below(0x800) & max : 0;
	case 1:
		return max - below(4);
	default:
		return below(max + 1);
	}
}

static void random_rule(struct canfw_rule_spec *r)
{
	static const u8 kinds[] = {
		0, CANFW_KIND_DATA, CANFW_KIND_RTR, CANFW_KIND_FD,
		CANFW_KIND_DATA | CANFW_KIND_RTR,
		CANFW_KIND_DATA | CANFW_KIND_FD,
		CANFW_KIND_RTR | CANFW_KIND_FD, CANFW_KIND_ALL_ID,
		CANFW_KIND_ERR, CANFW_KIND_XL, CANFW_KIND_FD | CANFW_KIND_XL,
	};
	u32 max, a, b;

	memset(r, 0, sizeof(*r));
	r->action = below(2) ? CANFW_ACTION_ACCEPT : CANFW_ACTION_DROP;
	r->kinds = kinds[below(sizeof(kinds))];
	r->id_match = r->kinds == CANFW_KIND_ERR ? CANFW_ID_MATCH_ANY : below(3);
	if (r->id_match == CANFW_ID_MATCH_ANY) {
		r->space = r->kinds == CANFW_KIND_ERR ? CANFW_SPACE_BOTH :
			   1 + below(3);
		/* CAN XL priorities are standard IDs. */
		if ((r->kinds & CANFW_KIND_XL) && r->space == CANFW_SPACE_EFF)
			r->space = CANFW_SPACE_BOTH;
	} else {
		r->space = below(2) || (r->kinds & CANFW_KIND_XL) ?
			   CANFW_SPACE_SFF : CANFW_SPACE_EFF;
		max = r->space == CANFW_SPACE_SFF ? CAN_SFF_MASK : CAN_EFF_MASK;
		a = random_id(max);
		b = random_id(max);
		if (r->id_match == CANFW_ID_MATCH_RANGE) {
			r->id_lo = a < b ? a : b;
			r->id_hi = a < b ? b : a;
			if (below(4) == 0)
				r->id_hi = r->id_lo;
		} else {
			r->id_hi = b;
			r->id_lo = a & b;
		}
	}
	max = canfw_kinds_max_len(r->kinds);
	r->len_hi = (u16)max;
	if (below(2)) {
		a = below(max + 1);
		b = below(max + 1);
		r->len_lo = (u16)(a < b ? a : b);
		r->len_hi = (u16)(a < b ? b : a);
	}
	/* FD-only rules take the lengths CAN FD has; XL ones at least 1. */
	if (r->kinds == CANFW_KIND_FD) {
		r->len_lo = r->len_lo > 8 ? 8 : r->len_lo;
		r->len_hi = r->len_hi > 8 ? 64 : r->len_hi;
	}
	if (r->kinds == CANFW_KIND_XL && !r->len_hi)
		r->len_hi = 1;
	if (r->action == CANFW_ACTION_ACCEPT && below(3) == 0) {
		r->rate = below(2) ? 1 + below(CANFW_RATE_MAX) : 1 + below(100);
		r->burst = below(2) ? 1 : 1 + below(CANFW_BURST_MAX);
	}
	if (below(3) == 0)
		r->flags = CANFW_RULE_FLAGS_LOG;
	/* Times in every unit the printer picks: us, ms and s. */
	if (r->action == CANFW_ACTION_ACCEPT && below(3) == 0) {
		static const u32 scale[] = { 1, 1000, 1000000 };

		r->period_us = CANFW_PERIOD_MIN + below(600) * scale[below(3)];
		r->jitter_us = below(r->period_us);
		if (below(2))
			r->flags |= CANFW_RULE_FLAGS_EARLY_LOG;
	}
	if (r->action == CANFW_ACTION_ACCEPT && below(3) == 0 &&
	    r->period_us < CANFW_TIME_MAX / 4)
		r->timeout_us = r->period_us + r->jitter_us + CANFW_TIMEOUT_MIN +
				below(1000) * 1000;
	if ((r->rate || r->period_us || r->timeout_us) && below(2))
		r->per_id = 1 + below(CANFW_PER_ID_MAX);
}

static void random_policy(struct cfw_policy *p)
{
	u32 n = below(4), i, j;
	int dir;

	cfw_policy_init(p);
	for (i = 0; i < n; i++) {
		struct cfw_iface *ifc;
		char name[CFW_IFNAME_MAX + 1];

		do {
			random_name(name);
			for (j = 0; j < p->nifaces; j++)
				if (!strcmp(p->ifaces[j].name, name))
					break;
		} while (j < p->nifaces);
		ifc = cfw_policy_add_iface(p, name);
		ifc->mode = below(2) ? CANFW_MODE_ENFORCE : CANFW_MODE_MONITOR;
		if (below(3) == 0) {
			ifc->event_rate = 1 + below(CANFW_RATE_MAX);
			ifc->event_burst = 1 + below(100);
		}
		for (dir = 0; dir < CFW_NDIRS; dir++) {
			struct cfw_dir *d = &ifc->dir[dir];
			u32 nr = below(8);

			d->default_action = below(2);
			/* TX has no error frames: see canfw_frame_kind(). */
			d->err_default = dir == CANFW_DIR_RX ? below(2) :
				       CANFW_ACTION_ACCEPT;
			d->log_default = below(2);
			for (j = 0; j < nr; j++) {
				struct canfw_rule_spec r;

				random_rule(&r);
				if (dir == CANFW_DIR_TX &&
				    r.kinds == CANFW_KIND_ERR)
					r.kinds = CANFW_KIND_DATA;
				cfw_dir_add_rule(d, &r, (struct cfw_pos){ 0, 0 });
			}
		}
	}
}

int main(int argc, char **argv)
{
	const char *seed = getenv("CFW_SEED");
	struct cfw_policy p;
	struct cfw_error err;
	int i, bad = 0, invalid = 0;

	for (i = 1; i < argc; i++)
		tap_result(!file_roundtrip(argv[i]), "roundtrip: %s", argv[i]);

	rng_state = seed ? strtoull(seed, NULL, 0) : 20261124;
	tap_diag("random policies: CFW_SEED=%" PRIu64, rng_state);
	for (i = 0; i < RANDOM_POLICIES; i++) {
		char what[32];

		random_policy(&p);
		snprintf(what, sizeof(what), "random policy %d", i);
		/* The generator must stay inside what the kernel accepts. */
		if (cfw_validate(&p, &err)) {
			tap_diag("%s: invalid: %s", what, err.msg);
			invalid++;
		} else if (roundtrip(&p, what)) {
			bad++;
		}
		cfw_policy_free(&p);
		if (bad + invalid > 5)
			break;
	}
	tap_result(!invalid, "random policies are valid for the engine");
	tap_result(!bad, "roundtrip: %d random policies", RANDOM_POLICIES);
	return tap_exit();
}
