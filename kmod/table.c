// SPDX-License-Identifier: GPL-2.0
/* Validating rule specifications and compiling them into a table. */
#include "engine.h"

#define SFF_BITS	11
#define EFF_BITS	29

static u32 space_max(u8 space)
{
	return space == CANFW_SPACE_EFF ? CAN_EFF_MASK : CAN_SFF_MASK;
}

/* The rule's ID part; the parser asks for this alone to point at the ID. */
int canfw_rule_check_id(const struct canfw_rule_spec *r, const char **msg)
{
	u32 max;

	if (r->id_match == CANFW_ID_MATCH_ANY) {
		if (!r->space || (r->space & ~CANFW_SPACE_BOTH)) {
			*msg = "ID space must be standard, extended or both";
			return -EINVAL;
		}
		return 0;
	}
	if (r->id_match != CANFW_ID_MATCH_RANGE && r->id_match != CANFW_ID_MATCH_MASK) {
		*msg = "unknown ID match type";
		return -EINVAL;
	}
	if (r->space != CANFW_SPACE_SFF && r->space != CANFW_SPACE_EFF) {
		*msg = "an ID match needs exactly one ID space, standard or extended";
		return -EINVAL;
	}
	max = space_max(r->space);
	if (r->id_lo > max || r->id_hi > max) {
		*msg = r->space == CANFW_SPACE_SFF ?
		       "ID does not fit the 11-bit standard ID space" :
		       "ID does not fit the 29-bit extended ID space";
		return -ERANGE;
	}
	if (r->id_match == CANFW_ID_MATCH_RANGE && r->id_lo > r->id_hi) {
		*msg = "ID range is empty: its low end is above its high end";
		return -EINVAL;
	}
	if (r->id_match == CANFW_ID_MATCH_MASK && (r->id_lo & ~r->id_hi)) {
		*msg = "ID value has bits set outside its mask";
		return -EINVAL;
	}
	return 0;
}

/* The longest payload a rule limited to these kinds can meet. */
u16 canfw_kinds_max_len(u8 kinds)
{
	if (!kinds || (kinds & CANFW_KIND_XL))
		return CANXL_MAX_DLEN;
	if (kinds & CANFW_KIND_FD)
		return CANFD_MAX_DLEN;
	return CAN_MAX_DLEN;
}

/* The lengths a CAN FD frame can have: 0-8, 12, 16, 20, 24, 32, 48, 64. */
static bool fd_len_valid(u16 len)
{
	return len <= 8 || (len <= 24 && !(len % 4)) || len == 32 ||
	       len == 48 || len == 64;
}

/* The length range against the rule's kinds of frame. */
int canfw_rule_check_len(const struct canfw_rule_spec *r, const char **msg)
{
	if (r->len_lo > r->len_hi) {
		*msg = "length range is empty: its low end is above its high end";
		return -EINVAL;
	}
	if (r->len_hi > canfw_kinds_max_len(r->kinds)) {
		switch (canfw_kinds_max_len(r->kinds)) {
		case CAN_MAX_DLEN:
			*msg = "classical CAN frames carry at most 8 bytes";
			break;
		case CANFD_MAX_DLEN:
			*msg = "length exceeds 64 bytes, the CAN FD maximum";
			break;
		default:
			*msg = "length exceeds 2048 bytes, the CAN XL maximum";
			break;
		}
		return -ERANGE;
	}
	if (r->kinds == CANFW_KIND_FD &&
	    (!fd_len_valid(r->len_lo) || !fd_len_valid(r->len_hi))) {
		*msg = "CAN FD frames carry 0 to 8, 12, 16, 20, 24, 32, 48 or 64 bytes";
		return -EINVAL;
	}
	if (r->kinds == CANFW_KIND_XL && r->len_hi < CANXL_MIN_DLEN) {
		*msg = "CAN XL frames carry 1 to 2048 bytes";
		return -EINVAL;
	}
	return 0;
}

/**
 * canfw_rule_check_part() - one further ID match of a rule over a set
 * @r: the rule, whose kinds it must fit
 * @part: the match
 * @msg: why it is not valid
 *
 * Context: Any.
 * Return: 0, or a negative errno with @msg set.
 */
int canfw_rule_check_part(const struct canfw_rule_spec *r,
			  const struct canfw_id_part *part, const char **msg)
{
	struct canfw_rule_spec one = {
		.id_match = part->match, .space = part->space,
		.id_lo = part->lo, .id_hi = part->hi,
	};

	if (part->match == CANFW_ID_MATCH_ANY) {
		*msg = "a set of IDs holds IDs, ranges and masks, not any";
		return -EINVAL;
	}
	if ((r->kinds & CANFW_KIND_XL) && part->space == CANFW_SPACE_EFF) {
		*msg = "a CAN XL priority is a standard ID: xl rules cannot match extended IDs";
		return -EINVAL;
	}
	return canfw_rule_check_id(&one, msg);
}

/* A set's further matches: within the limit, on a rule with an ID. */
static int check_parts(const struct canfw_rule_spec *r, const char **msg)
{
	u32 i;
	int err;

	if (!r->nparts)
		return 0;
	if (r->nparts > CANFW_ID_PARTS_MAX || !r->parts) {
		*msg = "a set holds at most 32 IDs, ranges and masks";
		return -E2BIG;
	}
	if (r->id_match == CANFW_ID_MATCH_ANY) {
		*msg = "a rule over any ID takes no set of IDs";
		return -EINVAL;
	}
	for (i = 0; i < r->nparts; i++) {
		err = canfw_rule_check_part(r, &r->parts[i], msg);
		if (err)
			return err;
	}
	return 0;
}

static int check_kind_len(const struct canfw_rule_spec *r, const char **msg)
{
	if (r->kinds & ~(CANFW_KIND_ALL_ID | CANFW_KIND_ERR)) {
		*msg = "unknown frame kind bits";
		return -EINVAL;
	}
	if ((r->kinds & CANFW_KIND_ERR) && r->kinds != CANFW_KIND_ERR) {
		*msg = "error frames cannot be combined with other frame kinds";
		return -EINVAL;
	}
	if (r->kinds == CANFW_KIND_ERR && r->id_match != CANFW_ID_MATCH_ANY) {
		*msg = "error frames carry no CAN ID: an error-frame rule must match any ID";
		return -EINVAL;
	}
	if ((r->kinds & CANFW_KIND_XL) && r->space == CANFW_SPACE_EFF) {
		*msg = "a CAN XL priority is a standard ID: xl rules cannot match extended IDs";
		return -EINVAL;
	}
	return canfw_rule_check_len(r, msg);
}

/**
 * canfw_rule_check() - the one judge of whether a rule is valid
 * @r: the rule
 * @msg: why it is not
 *
 * canfwctl's parser and the kernel's load both call it, so the kernel
 * never refuses a rule the parser accepted.
 *
 * Context: Any.
 * Return: 0, or a negative errno with @msg set.
 */
int canfw_rule_check(const struct canfw_rule_spec *r, const char **msg)
{
	int err;

	if (r->action != CANFW_ACTION_ACCEPT && r->action != CANFW_ACTION_DROP) {
		*msg = "rule action must be accept or drop";
		return -EINVAL;
	}
	if (r->flags & ~(CANFW_RULE_FLAGS_LOG | CANFW_RULE_FLAGS_EARLY_LOG)) {
		*msg = "unknown rule flags";
		return -EOPNOTSUPP;
	}
	err = canfw_rule_check_id(r, msg);
	if (!err)
		err = check_kind_len(r, msg);
	if (!err)
		err = check_parts(r, msg);
	if (!err)
		err = canfw_rule_check_timing(r, msg);
	if (!err)
		err = canfw_rule_check_rate(r, msg);
	if (!err)
		err = canfw_rule_check_per_id(r, msg);
	if (!err)
		err = canfw_rule_check_payload(r, msg);
	if (!err)
		err = canfw_rule_check_sender(r, msg);
	return err;
}

/* uid, gid, cgroup, or no socket. */
int canfw_rule_check_sender(const struct canfw_rule_spec *r, const char **msg)
{
	return canfw_sender_check(&r->sender, msg);
}

/* Byte matches, ISO-TP frame types and services. */
int canfw_rule_check_payload(const struct canfw_rule_spec *r, const char **msg)
{
	return canfw_payload_check(&r->payload, r->kinds, r->len_hi, msg);
}

/* per-id: a cap, and state to keep per ID. */
int canfw_rule_check_per_id(const struct canfw_rule_spec *r, const char **msg)
{
	if (!r->per_id)
		return 0;
	if (r->per_id > CANFW_PER_ID_MAX) {
		*msg = "per-id keeps state for 1 to 4096 IDs";
		return -ERANGE;
	}
	if (!r->rate && !r->period_us && !r->timeout_us) {
		*msg = "per-id needs a rate, period or timeout to keep per ID";
		return -EINVAL;
	}
	return 0;
}

/* A rule's period, jitter, timeout and early-log flag. */
int canfw_rule_check_timing(const struct canfw_rule_spec *r, const char **msg)
{
	int err = canfw_timing_check(r->period_us, r->jitter_us, r->timeout_us,
				     msg);

	if (err)
		return err;
	if ((r->period_us || r->timeout_us) &&
	    r->action != CANFW_ACTION_ACCEPT) {
		*msg = "only accept rules can carry a period or timeout";
		return -EINVAL;
	}
	if ((r->flags & CANFW_RULE_FLAGS_EARLY_LOG) && !r->period_us) {
		*msg = "early-log needs a period";
		return -EINVAL;
	}
	return 0;
}

/* A rule's rate limit. */
int canfw_rule_check_rate(const struct canfw_rule_spec *r, const char **msg)
{
	if (!r->rate) {
		if (r->burst) {
			*msg = "a burst needs a rate";
			return -EINVAL;
		}
		return 0;
	}
	if (r->action != CANFW_ACTION_ACCEPT) {
		*msg = "only accept rules can carry a rate limit";
		return -EINVAL;
	}
	return canfw_bucket_check(r->rate, r->burst, msg);
}

static const char tx_err_default_msg[] =
	"error frames are judged on rx only: on tx an error flag is judged by its wire form";
static const char tx_err_rule_msg[] =
	"error-frame rules apply to rx only: on tx an error flag is judged by its wire form";

static int check_table(const struct canfw_table_spec *s,
		       struct canfw_build_error *e)
{
	u32 i;

	if (s->dir > CANFW_DIR_TX) {
		e->msg = "direction must be rx or tx";
		return -EINVAL;
	}
	/* See canfw_frame_kind(): TX never sees an error frame. */
	if (s->dir == CANFW_DIR_TX && s->err_action != CANFW_ACTION_ACCEPT) {
		e->msg = tx_err_default_msg;
		return -EINVAL;
	}
	for (i = 0; s->dir == CANFW_DIR_TX && i < s->nrules; i++) {
		if (s->rules[i].kinds == CANFW_KIND_ERR) {
			e->msg = tx_err_rule_msg;
			e->rule = i;
			return -EINVAL;
		}
	}
	if (s->default_action > CANFW_ACTION_DROP || s->err_action > CANFW_ACTION_DROP) {
		e->msg = "default action must be accept or drop";
		return -EINVAL;
	}
	if (s->mode > CANFW_MODE_MONITOR) {
		e->msg = "mode must be enforce or monitor";
		return -EINVAL;
	}
	if (s->log_default > 1) {
		e->msg = "log-default is a boolean";
		return -EINVAL;
	}
	if (s->nrules > CANFW_MAX_RULES) {
		e->msg = "too many rules: at most 65536 per interface and direction";
		return -E2BIG;
	}
	return 0;
}

/* A terminal rule decides every frame its ID part matches. */
static bool is_terminal(const struct canfw_rule *r)
{
	return r->kinds == CANFW_KIND_ALL_ID && r->len_lo == 0 &&
	       r->len_hi >= CANFW_MAX_LEN && !r->checks && !r->states;
}

/*
 * The inputs of one space: each rule's first ID match and then the
 * further ones of a set, so that a rule's inputs are adjacent and in
 * rule order, as the builder wants them.
 */
static int build_trie(struct canfw_table *t, struct canfw_idtrie *trie,
		      u8 space, struct canfw_idtrie_input *in, size_t budget)
{
	u32 i, k, n = 0;
	int err;

	for (i = 0; i < t->nrules; i++) {
		const struct canfw_rule_spec *s = &t->specs[i];
		struct canfw_idtrie_input *e;

		if (t->rules[i].kinds == CANFW_KIND_ERR)
			continue;
		if (s->space & space) {
			e = &in[n++];
			e->rule = i;
			e->match = s->id_match;
			e->terminal = is_terminal(&t->rules[i]);
			e->a = s->id_lo;
			e->b = s->id_hi;
			if (e->match == CANFW_ID_MATCH_ANY) {
				e->a = 0;
				e->b = 0;
			}
		}
		for (k = 0; k < s->nparts; k++) {
			if (s->parts[k].space != space)
				continue;
			e = &in[n++];
			e->rule = i;
			e->match = s->parts[k].match;
			e->terminal = is_terminal(&t->rules[i]);
			e->a = s->parts[k].lo;
			e->b = s->parts[k].hi;
		}
	}
	if (t->bytes >= budget)
		return -E2BIG;
	err = canfw_idtrie_build(trie, space == CANFW_SPACE_SFF ?
				 SFF_BITS : EFF_BITS, in, n, budget - t->bytes);
	t->bytes += ((size_t)trie->nodes_len + trie->lists_len) * sizeof(u32);
	return err;
}

static size_t perid_bytes(const struct canfw_table *t)
{
	size_t n = 0;
	u32 i;

	for (i = 0; i < t->nrules; i++)
		if (t->specs[i].per_id)
			n += sizeof(struct canfw_perid) +
			     (size_t)canfw_perid_slots(t->specs[i].per_id) *
			     sizeof(struct canfw_perid_slot);
	return n;
}

/* What the table holds besides its tries, per-CPU counters included. */
static size_t fixed_bytes(const struct canfw_table *t)
{
	return sizeof(*t) + (size_t)t->nrules * (sizeof(*t->specs) +
						 sizeof(*t->rules)) +
	       (size_t)t->nparts * sizeof(*t->parts) + t->comments_len +
	       (size_t)t->nbuckets * sizeof(*t->buckets) +
	       (size_t)t->ntiming * sizeof(*t->timing) +
	       perid_bytes(t) +
	       ((size_t)t->nerr + 1) * sizeof(u32) +
	       nr_cpu_ids * (sizeof(*t->pcpu) +
				sizeof(struct canfw_cpu_counters) +
				(size_t)t->nrules *
				sizeof(struct canfw_rule_cpu_counters));
}

static int alloc_counters(struct canfw_table *t)
{
	size_t size = sizeof(struct canfw_cpu_counters) +
		      (size_t)t->nrules * sizeof(struct canfw_rule_cpu_counters);
	unsigned int cpu;

	t->pcpu = kvcalloc(nr_cpu_ids, sizeof(*t->pcpu), CANFW_GFP);
	if (!t->pcpu)
		return -ENOMEM;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		t->pcpu[cpu] = kvzalloc(size, CANFW_GFP);
		if (!t->pcpu[cpu])
			return -ENOMEM;
	}
	return 0;
}

/* Every slot ready before any frame claims one: claiming is a key write. */
static int init_perid(struct canfw_perid *p, u32 rule,
		      const struct canfw_rule_spec *s)
{
	u32 i, n = canfw_perid_slots(s->per_id);

	p->cap = s->per_id;
	p->mask = n - 1;
	atomic_set(&p->used, 0);
	atomic64_set(&p->full, 0);
	p->slots = kvcalloc(n, sizeof(*p->slots), CANFW_GFP);
	if (!p->slots)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (s->rate)
			canfw_bucket_init(&p->slots[i].bucket, s->rate,
					  s->burst);
		canfw_timing_init(&p->slots[i].timing, rule, s->period_us,
				  s->jitter_us, s->timeout_us);
	}
	return 0;
}

/*
 * Per-frame rule data, buckets for rate limits, timing state for timed
 * rules, slot tables for per-id rules, the error-rule list.
 */
static int compile_rules(struct canfw_table *t)
{
	u32 i, nb = 0, ne = 0, nt = 0;

	for (i = 0; i < t->nrules; i++) {
		const struct canfw_rule_spec *s = &t->specs[i];
		struct canfw_rule *r = &t->rules[i];

		r->kinds = s->kinds ? s->kinds : CANFW_KIND_ALL_ID;
		r->len_lo = s->len_lo;
		r->len_hi = s->len_hi;
		r->action = s->action;
		r->flags = s->flags;
		r->checks = (canfw_payload_set(&s->payload) ?
			     CANFW_CHECK_PAYLOAD : 0) |
			    (s->sender.match ? CANFW_CHECK_SENDER : 0);
		if (s->sender.match)
			t->has_sender = 1;
		if ((s->sender.match & CANFW_SENDER_CGROUP) &&
		    s->sender.cgroup_level > t->sender_depth)
			t->sender_depth = s->sender.cgroup_level;
		r->bucket = s->rate ? t->nbuckets++ : CANFW_NO_BUCKET;
		r->timing = s->period_us || s->timeout_us ? t->ntiming++ :
			    CANFW_NO_TIMING;
		r->perid = s->per_id ? t->nperid++ : CANFW_NO_PERID;
		r->states = s->states;
		r->trigger = s->trigger.count ? t->ntrig++ : CANFW_NO_TRIGGER;
		if (r->kinds == CANFW_KIND_ERR)
			t->nerr++;
	}
	t->buckets = kvcalloc(t->nbuckets, sizeof(*t->buckets), CANFW_GFP);
	t->timing = kvcalloc(t->ntiming, sizeof(*t->timing), CANFW_GFP);
	t->perid = kvcalloc(t->nperid, sizeof(*t->perid), CANFW_GFP);
	t->err_rules = kvcalloc(t->nerr + 1, sizeof(u32), CANFW_GFP);
	if (!t->buckets || !t->timing || !t->perid || !t->err_rules)
		return -ENOMEM;
	t->err_rules[0] = t->nerr;
	for (i = 0; i < t->nrules; i++) {
		const struct canfw_rule_spec *s = &t->specs[i];

		if (s->rate)
			canfw_bucket_init(&t->buckets[nb++], s->rate, s->burst);
		if (t->rules[i].timing != CANFW_NO_TIMING)
			canfw_timing_init(&t->timing[nt++], i, s->period_us,
					  s->jitter_us, s->timeout_us);
		if (s->per_id &&
		    init_perid(&t->perid[t->rules[i].perid], i, s))
			return -ENOMEM;
		if (s->timeout_us &&
		    (!t->min_timeout_ns ||
		     s->timeout_us * 1000ULL < t->min_timeout_ns))
			t->min_timeout_ns = s->timeout_us * 1000ULL;
		if (t->rules[i].kinds == CANFW_KIND_ERR)
			t->err_rules[++ne] = i;
	}
	return 0;
}

/* Bytes the rules' comments take, their NULs included. */
static size_t comments_bytes(const struct canfw_rule_spec *rules, u32 n)
{
	size_t bytes = 0;
	u32 i;

	for (i = 0; i < n; i++)
		if (rules[i].comment)
			bytes += strlen(rules[i].comment) + 1;
	return bytes;
}

/* The table's own copy of the comments, which its specs then point into. */
static void copy_comments(struct canfw_table *t)
{
	size_t off = 0, len;
	u32 i;

	for (i = 0; i < t->nrules; i++) {
		struct canfw_rule_spec *s = &t->specs[i];

		if (!s->comment)
			continue;
		len = strlen(s->comment) + 1;
		memcpy(&t->comments[off], s->comment, len);
		s->comment = &t->comments[off];
		off += len;
	}
}

/* The table's own copy of the sets, which its specs then point into. */
static void copy_parts(struct canfw_table *t)
{
	u32 i, n = 0;

	for (i = 0; i < t->nrules; i++) {
		struct canfw_rule_spec *s = &t->specs[i];

		if (!s->nparts) {
			s->parts = NULL;
			continue;
		}
		memcpy(&t->parts[n], s->parts, s->nparts * sizeof(*s->parts));
		s->parts = &t->parts[n];
		n += s->nparts;
	}
}

/**
 * canfw_table_build() - compile one direction of one interface entry
 * @spec: its settings and rules, which the engine validates first
 * @out: the compiled table
 * @e: why a build failed: a message and the rule, if one is to blame
 *
 * Context: Process context; may sleep; takes no lock.
 * Return: 0, -EINVAL or -ERANGE for an invalid rule or setting, -E2BIG
 * when the table would exceed spec->max_bytes, or -ENOMEM.
 */
int canfw_table_build(const struct canfw_table_spec *spec,
		      struct canfw_table **out, struct canfw_build_error *e)
{
	size_t budget = spec->max_bytes ? spec->max_bytes :
			CANFW_MAX_POLICY_BYTES;
	struct canfw_idtrie_input *in = NULL;
	struct canfw_table *t;
	u32 i;
	int err;

	e->msg = NULL;
	e->rule = CANFW_NO_RULE;
	err = check_table(spec, e);
	if (err)
		return err;
	for (i = 0; i < spec->nrules; i++) {
		err = canfw_rule_check(&spec->rules[i], &e->msg);
		if (err) {
			e->rule = i;
			return err;
		}
	}
	err = canfw_table_check_states(spec, e);
	if (err)
		return err;

	t = kvzalloc(sizeof(*t), CANFW_GFP);
	if (!t)
		goto nomem;
	t->dir = spec->dir;
	t->default_action = spec->default_action;
	t->err_action = spec->err_action;
	t->mode = spec->mode;
	t->log_default = spec->log_default;
	t->nrules = spec->nrules;
	t->specs = kvcalloc(t->nrules, sizeof(*t->specs), CANFW_GFP);
	t->rules = kvcalloc(t->nrules, sizeof(*t->rules), CANFW_GFP);
	for (i = 0; i < t->nrules; i++)
		t->nparts += spec->rules[i].nparts;
	if ((size_t)t->nparts * sizeof(*t->parts) > budget) {
		canfw_table_free(t);
		e->msg = "policy too large: its lookup tables and counters need over 64 MiB";
		return -E2BIG;
	}
	t->parts = kvcalloc(t->nparts, sizeof(*t->parts), CANFW_GFP);
	t->comments_len = comments_bytes(spec->rules, t->nrules);
	t->comments = kvcalloc(t->comments_len + 1, 1, CANFW_GFP);
	in = kvcalloc((size_t)t->nrules + t->nparts, sizeof(*in), CANFW_GFP);
	if (!t->specs || !t->rules || !t->parts || !t->comments || !in)
		goto nomem_table;
	if (t->nrules)
		memcpy(t->specs, spec->rules, t->nrules * sizeof(*t->specs));
	copy_parts(t);
	copy_comments(t);

	/* Slot tables are the one part whose size the user picks per rule. */
	err = perid_bytes(t) > budget ? -E2BIG : compile_rules(t);
	if (!err)
		err = canfw_table_build_states(t, spec);
	t->bytes = fixed_bytes(t) + canfw_table_state_bytes(spec);
	if (!err && t->bytes > budget)
		err = -E2BIG;
	if (!err)
		err = alloc_counters(t);
	if (!err)
		err = build_trie(t, &t->sff, CANFW_SPACE_SFF, in, budget);
	if (!err)
		err = build_trie(t, &t->eff, CANFW_SPACE_EFF, in, budget);
	kvfree(in);
	if (err) {
		e->msg = err == -E2BIG ?
			 "policy too large: its lookup tables and counters need over 64 MiB" :
			 "out of memory compiling the policy";
		canfw_table_free(t);
		return err;
	}
	*out = t;
	return 0;

nomem_table:
	kvfree(in);
	canfw_table_free(t);
nomem:
	e->msg = "out of memory compiling the policy";
	return -ENOMEM;
}

void canfw_table_free(struct canfw_table *t)
{
	unsigned int cpu;
	u32 i;

	if (!t)
		return;
	if (t->pcpu) {
		for (cpu = 0; cpu < nr_cpu_ids; cpu++)
			kvfree(t->pcpu[cpu]);
		kvfree(t->pcpu);
	}
	canfw_idtrie_free(&t->sff);
	canfw_idtrie_free(&t->eff);
	canfw_table_free_states(t);
	kvfree(t->err_rules);
	kvfree(t->buckets);
	kvfree(t->timing);
	for (i = 0; t->perid && i < t->nperid; i++)
		kvfree(t->perid[i].slots);
	kvfree(t->perid);
	kvfree(t->rules);
	kvfree(t->specs);
	kvfree(t->parts);
	kvfree(t->comments);
	kvfree(t);
}
