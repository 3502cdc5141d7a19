// SPDX-License-Identifier: GPL-2.0
/*
 * parse(print(p)) == p: for the policies named on the command line and for
 * random policies drawn from everything the language can express. The
 * printed text must also be a fixed point: printing the reparsed policy
 * gives the same bytes. Each policy also goes through netlink: the LOAD
 * messages `load` sends, split at a random size, decoded as `show`
 * decodes a dump, give the same policy. CFW_SEED=N reruns another random
 * sample. Sender rules name cgroups of a small tree made for the test
 * (CANFW_CGROUP_ROOT), which print as paths, and random ids, which print
 * as "cgroup-id N level L".
 *
 * Usage: roundtrip_test [FILE...]
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tap.h"
#include "cgroup_tree.h"
#include "policy.h"
#include "nl_policy.h"

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

/*
 * Messages of at most this many bytes; load sends 32 KiB ones. The least
 * holds an entry's first nest with eight selectors of two byte matches.
 */
#define NL_LIMIT_MAX	(32 * 1024)
#define NL_LIMIT_MIN	2048

/*
 * 0 when p survives encoding into LOAD messages of at most limit bytes and
 * decoding them as dump replies: a LOAD request's entries and rule nests
 * are those of a GET_POLICY reply, so one decoder reads both.
 */
static int nl_roundtrip(const struct cfw_policy *p, size_t limit,
			const char *what)
{
	/* The nests are written unchecked: room for one more rule's worth. */
	static char buf[NL_LIMIT_MAX + 4096];
	struct cfw_load_cursor cur = { 0 };
	struct cfw_load_msg m = { 0 };
	struct cfw_policy q;
	struct cfw_dump_policy dp = { .policy = &q };
	unsigned int msgs = 0;
	bool done = false;
	int ret = 0;

	cfw_policy_init(&q);
	while (!done && !ret) {
		struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

		mnl_nlmsg_put_extra_header(nlh, sizeof(struct genlmsghdr));
		done = cfw_nl_put_load(nlh, limit, p, &cur, &m);
		msgs++;
		if (nlh->nlmsg_len > limit) {
			tap_diag("%s: a LOAD message of %u bytes, over %zu",
				 what, nlh->nlmsg_len, limit);
			ret = -1;
		} else if (cfw_nl_policy_cb(nlh, &dp) != MNL_CB_OK) {
			tap_diag("%s: message %u does not decode", what, msgs);
			ret = -1;
		} else if (msgs > 1000000) {
			tap_diag("%s: the load makes no progress", what);
			ret = -1;
		}
	}
	if (!ret && !cfw_policy_equal(p, &q)) {
		tap_diag("%s: the policy differs after netlink (%u messages of at most %zu bytes)",
			 what, msgs, limit);
		ret = -1;
	}
	free(m.spans);
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
	if (!ret)
		ret = nl_roundtrip(&p, NL_LIMIT_MAX, path);
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

/* A byte match that fits the first len_hi bytes (at least one). */
static void random_data_match(struct canfw_data_match *m, u32 len_hi)
{
	u32 span = len_hi < CANFW_DATA_SPAN ? len_hi : CANFW_DATA_SPAN;
	u32 full;

	m->len = (u8)(1 + below(span < 4 ? span : 4));
	m->offset = (u8)below(span - m->len + 1);
	full = m->len == 4 ? U32_MAX : (1U << (8 * m->len)) - 1;
	/* Full masks print as none: both forms must come back. */
	m->mask = below(2) ? full : (u32)rnd() & full;
	if (!m->mask)
		m->mask = full;
	m->value = (u32)rnd() & m->mask;
}

/* Services one by one, in runs, or all: every form the printer has. */
static void random_uds(struct canfw_payload_spec *p)
{
	u32 n = 1 + below(6), i, sid, lo, hi;

	for (i = 0; i < n; i++) {
		lo = below(256);
		hi = below(3) ? lo : lo + below(256 - lo);
		if (below(20) == 0) {
			lo = 0;
			hi = 255;
		}
		for (sid = lo; sid <= hi; sid++)
			p->uds[sid / 8] |= (u8)(1U << (sid % 8));
	}
	p->has_uds = 1;
}

/* Payload checks the engine accepts for the rule's kinds and length. */
static void random_payload(struct canfw_rule_spec *r)
{
	struct canfw_payload_spec *p = &r->payload;
	bool tp = !r->kinds || (r->kinds & (CANFW_KIND_DATA | CANFW_KIND_FD));
	u32 n, i;

	if (r->kinds == CANFW_KIND_RTR || below(3))
		return;
	n = r->len_hi ? below(CANFW_DATA_MATCH_MAX + 1) : 0;
	for (i = 0; i < n; i++)
		random_data_match(&p->data[p->ndata++], r->len_hi);
	if (tp && below(2))
		p->isotp = (u8)(1 + below(CANFW_ISOTP_ALL));
	if (tp && below(2)) {
		random_uds(p);
		/* Services come from single and first frames only. */
		if (p->isotp && !(p->isotp & CANFW_ISOTP_SID_FRAMES))
			p->isotp |= CANFW_ISOTP_FRAME_SF << below(2);
	}
}

/* The test's cgroup tree: each directory's id and level. */
static const char *const tree_dirs[] = {
	"a", "a/b", "a/b/c", "system.slice", "system.slice/getty@tty1.service",
};
#define TREE_DIRS	(sizeof(tree_dirs) / sizeof(tree_dirs[0]))
static char tree_root[256];
static struct {
	u64 id;
	u8 level;
} tree[TREE_DIRS];

static bool tree_setup(void)
{
	char path[PATH_MAX];
	struct stat st;
	size_t i;

	if (!cgroup_tree_make(tree_root, sizeof(tree_root)))
		return false;
	for (i = 0; i < TREE_DIRS; i++) {
		const char *c;

		snprintf(path, sizeof(path), "%s/%s", tree_root, tree_dirs[i]);
		if (mkdir(path, 0755) || stat(path, &st))
			return false;
		tree[i].id = (u64)st.st_ino;
		tree[i].level = 1;
		for (c = tree_dirs[i]; (c = strchr(c, '/')); c++)
			tree[i].level++;
	}
	return true;
}

/* A u32 range: one value, a small or a wide range, or all of them. */
static void random_range(u32 *lo, u32 *hi)
{
	u32 a = below(2) ? below(70000) : (u32)rnd();

	*lo = a;
	*hi = below(3) == 0 ? a : a + (u32)(rnd() % ((u64)U32_MAX - a + 1));
	if (below(20) == 0) {
		*lo = 0;
		*hi = U32_MAX;
	}
}

/* uid, gid and a cgroup of the tree or a random id; or no socket. */
static void random_sender(struct canfw_sender_spec *s)
{
	if (below(3))
		return;
	if (below(5) == 0) {
		s->match = CANFW_SENDER_NO_SOCKET;
		return;
	}
	while (!s->match) {
		if (below(2)) {
			s->match |= CANFW_SENDER_UID;
			random_range(&s->uid_lo, &s->uid_hi);
		}
		if (below(2)) {
			s->match |= CANFW_SENDER_GID;
			random_range(&s->gid_lo, &s->gid_hi);
		}
		if (below(2)) {
			u32 t = below(TREE_DIRS);

			s->match |= CANFW_SENDER_CGROUP;
			s->cgroup_id = below(2) ? tree[t].id : 1 + rnd() % ~0ULL;
			s->cgroup_level = below(2) ? tree[t].level :
					  (u8)(1 + below(CANFW_CGROUP_LEVEL_MAX));
		}
	}
}

/*
 * A set: up to the most further ID matches, ranges and masks in both
 * spaces (standard only for CAN XL); cfw_dir_add_rule() copies them.
 */
static void random_set(struct canfw_rule_spec *r)
{
	static struct canfw_id_part parts[CANFW_ID_PARTS_MAX];
	u32 i, a, b, max;

	r->nparts = (u16)(1 + below(CANFW_ID_PARTS_MAX));
	r->parts = parts;
	for (i = 0; i < r->nparts; i++) {
		struct canfw_id_part *part = &parts[i];

		part->space = below(2) || (r->kinds & CANFW_KIND_XL) ?
			      CANFW_SPACE_SFF : CANFW_SPACE_EFF;
		max = part->space == CANFW_SPACE_SFF ? CAN_SFF_MASK :
			CAN_EFF_MASK;
		a = random_id(max);
		b = random_id(max);
		part->match = below(2) ? CANFW_ID_MATCH_RANGE :
			      CANFW_ID_MATCH_MASK;
		part->lo = part->match == CANFW_ID_MATCH_RANGE ?
			   (a < b ? a : b) : a & b;
		part->hi = part->match == CANFW_ID_MATCH_RANGE ?
			   (a < b ? b : a) : b;
	}
}

/* Comments of every byte the language takes in one, up to the longest. */
static const char *random_comment(void)
{
	static char text[CANFW_COMMENT_LEN + 1];
	u32 i, n = below(2) ? CANFW_COMMENT_LEN : below(CANFW_COMMENT_LEN + 1);

	for (i = 0; i < n; i++) {
		text[i] = (char)(' ' + below(0x7f - ' '));
		if (text[i] == '"')
			text[i] = '\'';
	}
	text[n] = 0;
	return text;
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
	if (r->id_match != CANFW_ID_MATCH_ANY && below(4) == 0)
		random_set(r);
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
	random_payload(r);
	random_sender(&r->sender);
	if (below(4) == 0)
		r->comment = (char *)random_comment();
}

/* States with names of every length the language takes, some sticky. */
static void random_states(struct cfw_policy *p)
{
	static const char first[] = "abcdefghijklmnopqrstuvwxyzXYZ_";
	static const char rest[] = "abcxyzABC0123456789-_";
	u32 n = below(3) ? below(5) : below(CANFW_STATES_MAX + 1), i, k, len;

	for (i = 0; i < n; i++) {
		struct canfw_state_def *d = &p->states[p->nstates];

		len = 1 + below(CANFW_STATE_NAME_LEN);
		d->name[0] = first[below(sizeof(first) - 1)];
		for (k = 1; k < len; k++)
			d->name[k] = rest[below(sizeof(rest) - 1)];
		d->name[len] = 0;
		d->flags = below(4) ? 0 : CANFW_STATE_FLAGS_STICKY;
		if (cfw_state_index(p, d->name, len) < 0)
			p->nstates++;
	}
}

static u32 random_mask(u32 nstates)
{
	u32 m = (u32)rnd();

	return nstates >= 32 ? m : m & ((1U << nstates) - 1);
}

/* A window in every unit the printer picks, 1us to 600s. */
static void random_trigger(struct canfw_trigger_spec *t, u32 nstates, u8 event)
{
	static const u32 scale[] = { 1, 1000, 1000000 };

	t->event = event;
	t->count = 1 + below(CANFW_TRIGGER_COUNT_MAX);
	t->window_us = 1 + below(600) * scale[below(3)];
	t->state = (u8)below(nstates);
}

/* States and a trigger the rule can have: one for what it can count. */
static void random_rule_state(struct canfw_rule_spec *r, u32 nstates)
{
	if (!nstates)
		return;
	if (below(3) == 0)
		r->states = random_mask(nstates);
	if (below(3))
		return;
	if (r->rate && below(2))
		random_trigger(&r->trigger, nstates,
			       CANFW_TRIGGER_EVENT_RATE_LIMITED);
	else if (r->timeout_us && below(2))
		random_trigger(&r->trigger, nstates, CANFW_TRIGGER_EVENT_MISSING);
	else if (r->period_us && below(2))
		random_trigger(&r->trigger, nstates, CANFW_TRIGGER_EVENT_EARLY);
	else if (r->action == CANFW_ACTION_DROP)
		random_trigger(&r->trigger, nstates, CANFW_TRIGGER_EVENT_DROPS);
}

/* A default by state, a trigger and, on rx, selectors of distinct IDs. */
static void random_dir_states(struct cfw_dir *d, int dir, u32 nstates)
{
	u32 n, i, k;

	if (!nstates)
		return;
	if (below(2)) {
		d->state_default = (u8)below(2);
		d->state_default_in = random_mask(nstates);
	}
	if (below(2))
		random_trigger(&d->trigger, nstates,
			       (u8)below(CANFW_TRIGGER_EVENT_MISSING + 1));
	n = dir == CANFW_DIR_RX ? below(4) : 0;
	if (n && below(4) == 0)
		n = CANFW_SELECTORS_MAX;
	for (i = 0; i < n; i++) {
		struct canfw_selector_spec *s = &d->sel[d->nsel];

		memset(s, 0, sizeof(*s));
		s->can_id = below(2) ? random_id(CAN_SFF_MASK) :
			    random_id(CAN_EFF_MASK) | CAN_EFF_FLAG;
		for (k = 0; k < d->nsel; k++)
			if (d->sel[k].can_id == s->can_id)
				break;
		if (k < d->nsel)
			continue;
		s->payload.ndata = (u8)below(3);
		for (k = 0; k < s->payload.ndata; k++)
			random_data_match(&s->payload.data[k], 8);
		s->state = (u8)below(nstates);
		s->else_state = below(2) ? CANFW_NO_STATE : (u8)below(nstates);
		if (below(2)) {
			s->period_us = CANFW_PERIOD_MIN + below(100000);
			s->jitter_us = below(s->period_us);
		}
		d->nsel++;
	}
}

static void random_policy(struct cfw_policy *p)
{
	u32 n = below(4), i, j;
	int dir;

	cfw_policy_init(p);
	random_states(p);
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
		if (below(3) == 0)
			strcpy(ifc->comment, random_comment());
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
			random_dir_states(d, dir, p->nstates);
			for (j = 0; j < nr; j++) {
				struct canfw_rule_spec r;

				random_rule(&r);
				if (dir == CANFW_DIR_TX &&
				    r.kinds == CANFW_KIND_ERR)
					r.kinds = CANFW_KIND_DATA;
				random_rule_state(&r, p->nstates);
				cfw_dir_add_rule(d, &r, (struct cfw_pos){ 0 });
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
	if (!tap_result(tree_setup(), "a cgroup tree for sender rules")) {
		if (tree_root[0])
			cgroup_tree_remove(tree_root);
		return tap_exit();
	}

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
		} else if (roundtrip(&p, what) ||
			   nl_roundtrip(&p, NL_LIMIT_MIN +
					below(NL_LIMIT_MAX - NL_LIMIT_MIN + 1),
					what)) {
			bad++;
		}
		cfw_policy_free(&p);
		if (bad + invalid > 5)
			break;
	}
	tap_result(!invalid, "random policies are valid for the engine");
	tap_result(!bad, "roundtrip: %d random policies", RANDOM_POLICIES);
	cgroup_tree_remove(tree_root);
	return tap_exit();
}
