// SPDX-License-Identifier: GPL-2.0
/* canfwctl replay: what a policy would have done to a recorded bus. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "replay.h"

struct replay_args {
	const char *policy;
	const char *log;
	const char *ifname;	/* --iface: judge every frame as this one's */
	const char *state;	/* --state: the state the log starts in */
	int dir;
	bool delta;		/* --delta: candump -t d timestamps */
};

/* "#3", or with -a "#3 handle 4711": which rule, for people. */
static const char *rule_ref(char *buf, size_t size, const struct cfw_iface *ifc,
			    int dir, u32 r, bool handles)
{
	u32 h = ifc->dir[dir].rules[r].handle;

	if (handles && h)
		snprintf(buf, size, "#%u handle %u", r, h);
	else
		snprintf(buf, size, "#%u", r);
	return buf;
}

static void print_drop(FILE *out, const struct cfw_policy *p,
		       const struct cfw_log_frame *f,
		       const struct cfw_iface *ifc, int dir,
		       const struct canfw_verdict *v, bool handles)
{
	/* A CAN XL frame: 2048 data bytes in hex and its header. */
	char frame[4352], rule[CFW_RULE_TEXT_MAX], ref[40];
	const char *what = v->would_drop ? "would drop" : "drop";

	cfw_log_format(frame, sizeof(frame), f);
	if (v->reason == CANFW_REASON_MALFORMED) {
		fprintf(out, "%s  %s %s %s: not a valid CAN, CAN FD or CAN XL frame\n",
			frame, ifc->name, cfw_dir_name(dir), what);
		return;
	}
	if (v->reason == CANFW_REASON_DEFAULT) {
		fprintf(out, "%s  %s %s %s by default\n", frame, ifc->name,
			cfw_dir_name(dir), what);
		return;
	}
	cfw_format_rule_in(rule, sizeof(rule), p, &ifc->dir[dir].rules[v->rule]);
	rule_ref(ref, sizeof(ref), ifc, dir, v->rule, handles);
	if (v->reason == CANFW_REASON_EARLY) {
		fprintf(out, "%s  %s %s %s early by rule %s, %.3f ms after the previous frame was due: %s\n",
			frame, ifc->name, cfw_dir_name(dir),
			v->action == CANFW_ACTION_DROP || v->would_drop ?
			what : "accept", ref, v->interval / 1e6, rule);
		return;
	}
	if (v->timing == CANFW_TIMING_RECOVERED &&
	    v->action == CANFW_ACTION_ACCEPT && !v->would_drop) {
		fprintf(out, "%s  %s %s recovered after %.3f ms by rule %s: %s\n",
			frame, ifc->name, cfw_dir_name(dir), v->interval / 1e6,
			ref, rule);
		return;
	}
	fprintf(out, "%s  %s %s %s by %srule %s: %s\n", frame, ifc->name,
		cfw_dir_name(dir), what,
		v->reason == CANFW_REASON_RATE ? "rate limit of " : "", ref,
		rule);
}

/* Where replay prints frames, misses and switches, and with what names. */
struct replay_print {
	FILE *out;
	const struct cfw_policy *policy;
	int verbose;
	bool handles;
};

/* A selector frame that came early, which a forged one between genuine ones does. */
static void print_ignored(FILE *out, const struct cfw_policy *p,
			  const struct cfw_log_frame *f,
			  const struct cfw_iface *ifc, u32 sel)
{
	char frame[4352], text[CFW_RULE_TEXT_MAX];

	cfw_log_format(frame, sizeof(frame), f);
	cfw_format_selector(text, sizeof(text), p,
			    &ifc->dir[CANFW_DIR_RX].sel[sel]);
	fprintf(out, "%s  %s rx ignored early by selector #%u: %s\n", frame,
		ifc->name, sel, text);
}

static void print_missing(FILE *out, const struct cfw_policy *p,
			  const struct cfw_iface *ifc, int dir, u32 r,
			  u32 can_id, u64 now_ns, u64 silent_ns, bool handles)
{
	char rule[CFW_RULE_TEXT_MAX], id[16] = "", ref[40];

	cfw_format_rule_in(rule, sizeof(rule), p, &ifc->dir[dir].rules[r]);
	/* A per-id rule says which of its IDs went silent. */
	if (can_id != CANFW_NO_ID)
		snprintf(id, sizeof(id), (can_id & CAN_EFF_FLAG) ?
			 " 0x%08X" : " 0x%03X", can_id & CAN_EFF_MASK);
	fprintf(out, "(%llu.%06llu)  %s %s missing:%s rule %s silent for %.3f ms: %s\n",
		(unsigned long long)(now_ns / 1000000000),
		(unsigned long long)(now_ns % 1000000000 / 1000), ifc->name,
		cfw_dir_name(dir), id,
		rule_ref(ref, sizeof(ref), ifc, dir, r, handles),
		silent_ns / 1e6, rule);
}

/*
 * A switch, as monitor prints a state event: "(T) can0 rx state parked
 * -> lockdown seq 1 cause trigger rule 2".
 */
static void print_state(void *ctx, const char *ifname, int dir, s64 from,
			s64 to, u8 cause, u32 index, u64 now_ns)
{
	struct replay_print *rp = ctx;
	const struct cfw_policy *p = rp->policy;

	fprintf(rp->out, "(%llu.%06llu) %s %s state %s -> %s seq %u cause %s",
		(unsigned long long)(now_ns / 1000000000),
		(unsigned long long)(now_ns % 1000000000 / 1000), ifname,
		cfw_dir_name(dir), cfw_state_name(p, canfw_state_index(from)),
		cfw_state_name(p, canfw_state_index(to)), canfw_state_seq(to),
		cfw_state_cause_name(cause));
	if (cause == CANFW_STATE_CAUSE_SELECTOR)
		fprintf(rp->out, " %u", index);
	else if (index != CANFW_NO_RULE)
		fprintf(rp->out, " rule %u", index);
	fputc('\n', rp->out);
}

static void print_missing_cb(void *ctx, const struct cfw_iface *ifc, int dir,
			     u32 r, u32 can_id, u64 now_ns, u64 silent_ns)
{
	struct replay_print *rp = ctx;

	if (rp->verbose)
		print_missing(rp->out, rp->policy, ifc, dir, r, can_id, now_ns,
			      silent_ns, rp->handles);
}

/*
 * What judging a frame needs of time: rates, periods, timeouts, the
 * windows of triggers and selectors' periods. Without them a log without
 * timestamps is judged as well as one with.
 */
static bool dir_needs_time(const struct cfw_dir *d)
{
	u32 i;

	if (d->trigger.count)
		return true;
	for (i = 0; i < d->nsel; i++)
		if (d->sel[i].period_us)
			return true;
	for (i = 0; i < d->nrules; i++) {
		const struct canfw_rule_spec *r = &d->rules[i];

		if (r->rate || r->period_us || r->timeout_us ||
		    r->trigger.count)
			return true;
	}
	return false;
}

static bool policy_needs_time(const struct cfw_policy *p)
{
	size_t i;

	for (i = 0; i < p->nifaces; i++)
		if (dir_needs_time(&p->ifaces[i].dir[CANFW_DIR_RX]) ||
		    dir_needs_time(&p->ifaces[i].dir[CANFW_DIR_TX]))
			return true;
	return false;
}

/*
 * The frame's time on the log's clock. A log without timestamps is
 * judged as if every frame came at 0, which only a policy that needs no
 * time can do.
 */
static int log_time(struct cfw_log_clock *clock, struct cfw_log_frame *f,
		    bool needs_time, const char **msg)
{
	if (cfw_log_clock_frame(clock, f, msg))
		return -1;
	if (f->no_ts && needs_time) {
		*msg = "no timestamp, which the policy's rates, periods, timeouts or triggers need: record with candump -l, or -t a, -t z or -t d";
		return -1;
	}
	return 0;
}

static int run_log(struct cfw_replay *r, const struct replay_args *a,
		   const struct cfw_opts *o)
{
	FILE *in = strcmp(a->log, "-") ? fopen(a->log, "r") : stdin;
	FILE *out = o->json || o->prometheus ? stderr : stdout;
	struct replay_print rp = { out, r->policy, o->verbose, o->handles };
	unsigned long lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int ret = CFW_EXIT_OK;
	u64 last_ns = 0;
	struct cfw_log_clock clock = { .delta = a->delta };
	bool needs_time = policy_needs_time(r->policy);

	if (!in) {
		cfw_error("%s: %s", a->log, strerror(errno));
		return CFW_EXIT_SYSTEM;
	}
	/* State changes are what a replay of a policy with states is for. */
	r->missing = print_missing_cb;
	r->state_changed = print_state;
	r->ctx = &rp;
	while ((n = getline(&line, &cap, in)) >= 0) {
		struct cfw_log_frame f;
		struct canfw_verdict v;
		const struct cfw_iface *ifc;
		const char *msg;
		unsigned int col;
		int st;

		lineno++;
		st = cfw_log_parse_line(line, (size_t)n, &f, &msg, &col);
		if (st > 0 && log_time(&clock, &f, needs_time, &msg)) {
			st = -1;
			col = 1;
		}
		if (st < 0) {
			cfw_log_report(stderr, a->log, lineno, line, (size_t)n,
				       col, msg);
			ret = CFW_EXIT_USAGE;
			break;
		}
		if (!st)
			continue;
		ifc = cfw_replay_frame(r, &f, a->ifname, a->dir, &v);
		if (f.ts_ns > last_ns)
			last_ns = f.ts_ns;
		if (ifc && o->verbose && (v.action == CANFW_ACTION_DROP ||
					  v.would_drop ||
					  v.reason == CANFW_REASON_EARLY ||
					  v.timing == CANFW_TIMING_RECOVERED))
			print_drop(out, r->policy, &f, ifc, a->dir, &v,
				   o->handles);
		if (ifc && o->verbose && r->sel_ignored != CANFW_NO_RULE)
			print_ignored(out, r->policy, &f, ifc, r->sel_ignored);
		if (ifc)
			cfw_replay_follow(r, &f, a->ifname, a->dir, &v);
	}
	if (!ret)
		cfw_replay_end(r, last_ns);
	if (!ret && ferror(in)) {
		cfw_error("%s: %s", a->log, strerror(errno));
		ret = CFW_EXIT_SYSTEM;
	}
	free(line);
	if (in != stdin)
		fclose(in);
	return ret;
}

static int parse_args(int argc, char **argv, struct cfw_opts *o,
		      struct replay_args *a)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ "iface", required_argument, NULL, 'i' },
		{ "tx", no_argument, NULL, 't' },
		{ "prometheus", no_argument, NULL, 'P' },
		{ "state", required_argument, NULL, 's' },
		{ "delta", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(a, 0, sizeof(*a));
	a->dir = CANFW_DIR_RX;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:vji:t", longopts, NULL)) != -1) {
		switch (c) {
		case 'v':
			o->verbose++;
			break;
		case 'j':
			o->json = true;
			break;
		case 'i':
			if (!*optarg || strlen(optarg) > CFW_IFNAME_MAX)
				return cfw_usage_error("replay",
						       "--iface needs a name of 1 to 15 characters");
			a->ifname = optarg;
			break;
		case 't':
			a->dir = CANFW_DIR_TX;
			break;
		case 'P':
			o->prometheus = true;
			break;
		case 's':
			a->state = optarg;
			break;
		case 'd':
			a->delta = true;
			break;
		default:
			return cfw_bad_option("replay", c, argv);
		}
	}
	if (o->prometheus && o->json)
		return cfw_usage_error("replay", "-j and --prometheus exclude each other");
	if (argc - optind != 2)
		return cfw_usage_error("replay",
				       "expected a policy file and a log file");
	a->policy = argv[optind];
	a->log = argv[optind + 1];
	if (!strcmp(a->policy, "-") && !strcmp(a->log, "-"))
		return cfw_usage_error("replay",
				       "the policy and the log cannot both be stdin");
	return 0;
}

int cmd_replay(int argc, char **argv, struct cfw_opts *o)
{
	struct replay_args a;
	struct cfw_policy p;
	struct cfw_replay r;
	struct cfw_counters c;
	struct cfw_error err;
	int ret;

	ret = parse_args(argc, argv, o, &a);
	if (ret)
		return ret;
	ret = cfw_load_policy_file(a.policy, &p);
	if (ret)
		return ret;
	if (cfw_replay_init(&r, &p, &err)) {
		cfw_error("%s: %s", a.policy, err.msg);
		cfw_policy_free(&p);
		return CFW_EXIT_SYSTEM;
	}
	if (a.state && cfw_replay_set_state(&r, a.state)) {
		ret = p.nstates ?
		      cfw_usage_error("replay", "--state: the policy declares no state '%s'",
				      a.state) :
		      cfw_usage_error("replay", "--state: the policy declares no states");
		cfw_replay_free(&r);
		cfw_policy_free(&p);
		return ret;
	}
	ret = run_log(&r, &a, o);
	if (!ret && cfw_replay_counters(&r, &c)) {
		cfw_error("out of memory");
		ret = CFW_EXIT_SYSTEM;
	}
	/* The state the log ends in; its sequence counts the log's switches. */
	if (!ret && p.nstates) {
		c.has_state = true;
		snprintf(c.state, sizeof(c.state), "%s", cfw_replay_state(&r));
		c.state_seq = (u32)r.state_changes;
	}
	c.handles = o->handles;
	if (!ret) {
		if (o->json) {
			cfw_counters_print_json(stdout, &c);
		} else if (o->prometheus) {
			cfw_counters_print_prometheus(stdout, &c);
		} else {
			cfw_counters_print_text(stdout, &c);
			if (r.untouched)
				printf("%llu frames on interfaces no policy entry covers passed untouched\n",
				       (unsigned long long)r.untouched);
			if (p.nstates)
				printf("%llu state change%s; the log ends in state %s\n",
				       (unsigned long long)r.state_changes,
				       r.state_changes == 1 ? "" : "s",
				       cfw_replay_state(&r));
		}
		cfw_counters_free(&c);
	}
	cfw_replay_free(&r);
	cfw_policy_free(&p);
	return ret;
}
