// SPDX-License-Identifier: GPL-2.0
/*
 * canfwctl learn on synthetic logs: the rule each kind of traffic gets,
 * that the policy text parses, and that replaying a log through the
 * policy learnt from it drops nothing.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "learn.h"
#include "replay.h"

#define MS	1000000ULL

/* A log being written: candump -l lines, or candump's text output. */
struct log {
	char *text;
	size_t len;
	FILE *f;
};

static void log_open(struct log *g)
{
	g->text = NULL;
	g->f = open_memstream(&g->text, &g->len);
}

static void log_close(struct log *g)
{
	fclose(g->f);
}

/* "(S.UUUUUU) IF ID#DATA" with LEN bytes 0x11 (RTR: "ID#Rn"). */
static void frame(struct log *g, u64 t_ns, const char *ifc, const char *id,
		  unsigned int len)
{
	unsigned int i;

	fprintf(g->f, "(%llu.%06llu) %s %s#", (unsigned long long)(t_ns / 1000000000),
		(unsigned long long)(t_ns % 1000000000 / 1000), ifc, id);
	for (i = 0; i < len; i++)
		fputs("11", g->f);
	fputc('\n', g->f);
}

/*
 * N frames EVERY apart from FROM, and 123 us: timestamps that are
 * multiples of 10 ms would say they resolve no more (see test_times()).
 */
static void periodic(struct log *g, const char *ifc, const char *id, u64 from,
		     u64 every, unsigned int n)
{
	unsigned int k;

	for (k = 0; k < n; k++)
		frame(g, from + k * every + 123000, ifc, id, 8);
}

/*
 * Learn from the logs. The lines of all logs are parsed as cmd_learn.c
 * parses them; 0, or -1 with what refused a line in *msg.
 */
static int learn(struct cfw_learn *l, const struct cfw_learn_opts *o,
		 bool delta, struct log *logs, int n, const char **msg)
{
	struct cfw_log_clock clk = { .delta = delta };
	struct cfw_log_frame f;
	unsigned int col;
	char *line, *save;
	int i;

	cfw_learn_init(l, o);
	for (i = 0; i < n; i++) {
		clk.now_ns = 0;
		cfw_learn_start_log(l);
		for (line = strtok_r(logs[i].text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			if (cfw_log_parse_line(line, strlen(line), &f, msg,
					       &col) != 1 ||
			    cfw_log_clock_frame(&clk, &f, msg) ||
			    cfw_learn_frame(l, &f, msg))
				return -1;
		}
		cfw_learn_end_log(l);
	}
	*msg = "out of memory";
	return cfw_learn_finish(l);
}

/* The policy text and, parsed, the policy; NULL if it does not parse. */
static char *policy_text(const struct cfw_learn *l, struct cfw_policy *p)
{
	static char *const names[] = { "test.log" };
	struct cfw_error err;
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	cfw_learn_print(f, l, names, 1);
	fclose(f);
	if (cfw_parse(text, len, p, &err)) {
		tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
		printf("%s", text);
		free(text);
		return NULL;
	}
	return text;
}

/* Whether the text says PHRASE, comments joined where they wrap. */
static bool says(const char *text, const char *phrase)
{
	char *flat = malloc(strlen(text) + 1), *o = flat;
	const char *p = text;
	bool found;

	while (*p) {
		if (p[0] == '\n' && (!strncmp(p + 1, "# ", 2) ||
				     !strncmp(p + 1, "\t# ", 3))) {
			p += p[1] == '#' ? 3 : 4;
			*o++ = ' ';
			continue;
		}
		*o++ = *p++;
	}
	*o = 0;
	found = strstr(flat, phrase);
	if (!found)
		tap_diag("it does not say '%s'", phrase);
	free(flat);
	return found;
}

/* The rule line for ID, without its comment, as the text prints it. */
static bool has_rule(const char *text, const char *rule)
{
	char want[512];
	const char *p;

	snprintf(want, sizeof(want), "\trx %s  # ", rule);
	p = strstr(text, want);
	if (!p)
		tap_diag("no line '%s'", want + 1);
	return p;
}

/* A test's verdict; on failure, the policy it was about. */
static void verdict(bool ok, const char *text, const char *name)
{
	const char *line, *nl;

	for (line = text; !ok && line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		tap_diag("%.*s", (int)(nl - line), line);
	}
	tap_result(ok, "%s", name);
}

static struct cfw_learn_opts defaults(void)
{
	return (struct cfw_learn_opts){ CFW_LEARN_MARGIN_DEFAULT,
					CFW_LEARN_MIN_FRAMES_DEFAULT, false,
					NULL };
}

/* What replaying a log through p does: drops, early frames, missing rules. */
struct judged {
	u64 frames, dropped, rate_limited, early, missing;
};

static void count_missing(void *ctx, const struct cfw_iface *ifc, int dir,
			  u32 rule, u32 can_id, u64 now_ns, u64 silent_ns)
{
	(void)ifc, (void)dir, (void)rule, (void)can_id, (void)now_ns;
	(void)silent_ns;
	((struct judged *)ctx)->missing++;
}

static struct judged replay(const struct cfw_policy *p, const char *text,
			    bool delta, const char *ifname)
{
	struct cfw_log_clock clk = { .delta = delta };
	struct judged j = { 0 };
	struct cfw_replay r;
	struct cfw_log_frame f;
	struct canfw_verdict v;
	struct cfw_error err;
	const char *msg, *line = text, *nl;
	unsigned int col;
	u64 last = 0;

	if (cfw_replay_init(&r, p, &err))
		return (struct judged){ .dropped = ~0ULL };
	r.missing = count_missing;
	r.ctx = &j;
	for (; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (cfw_log_parse_line(line, (size_t)(nl - line), &f, &msg,
				       &col) != 1 ||
		    cfw_log_clock_frame(&clk, &f, &msg) ||
		    !cfw_replay_frame(&r, &f, ifname, CANFW_DIR_RX, &v)) {
			j.dropped = ~0ULL;
			break;
		}
		j.frames++;
		j.dropped += v.action == CANFW_ACTION_DROP;
		j.rate_limited += v.reason == CANFW_REASON_RATE;
		j.early += v.reason == CANFW_REASON_EARLY;
		last = f.ts_ns > last ? f.ts_ns : last;
	}
	cfw_replay_end(&r, last);
	cfw_replay_free(&r);
	return j;
}

/* A sender every 10 ms, exactly: the rule every periodic ID starts from. */
static void test_periodic(void)
{
	struct cfw_learn_opts o = defaults();
	struct cfw_policy p;
	struct cfw_learn l;
	struct log g;
	const char *msg;
	char *text;
	bool ok;

	log_open(&g);
	periodic(&g, "can0", "100", 0, 10 * MS, 200);
	log_close(&g);
	text = NULL;
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p));
	ok = ok && has_rule(text, "accept id 0x100 data len 8 rate 150/s burst 2 period 10ms jitter 1ms timeout 30ms") &&
	     strstr(text, "# 200 frames, interval mean 10.000 ms min 10.000 ms, length 8, at most 100 in a second, median interval 10.000 ms\n") &&
	     p.nifaces == 1 && p.ifaces[0].dir[CANFW_DIR_RX].nrules == 1 &&
	     p.ifaces[0].dir[CANFW_DIR_RX].default_action == CANFW_ACTION_DROP &&
	     p.ifaces[0].dir[CANFW_DIR_TX].default_action == CANFW_ACTION_ACCEPT;
	verdict(ok, text, "learn: a 10 ms sender gets rate 150/s burst 2, period 10ms, jitter 1ms, timeout 30ms");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g.text);
}

/*
 * Intervals of 7, 10 and 13 ms: period 10 ms (the median); the first
 * 7 ms frame comes 3 ms early, the later ones are on the schedule the
 * late 13 ms frames keep, so a jitter of 3 ms times the margin; replay
 * agrees.
 */
static void test_jitter(void)
{
	static const u64 offset[] = { 0, 7 * MS, 17 * MS };
	struct cfw_learn_opts o = defaults();
	struct cfw_policy p;
	struct cfw_learn l;
	struct judged j = { 0 };
	struct log g;
	const char *msg;
	char *text = NULL, *copy;
	unsigned int k;
	bool ok;

	log_open(&g);
	for (k = 0; k < 200; k++)
		frame(&g, (k / 3) * 30 * MS + offset[k % 3] + 123000, "can0",
		      "100", 8);
	log_close(&g);
	copy = strdup(g.text);
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p));
	if (ok)
		j = replay(&p, copy, false, NULL);
	ok = ok && has_rule(text, "accept id 0x100 data len 8 rate 152/s burst 2 period 10ms jitter 4500us timeout 30ms") &&
	     j.frames == 200 && !j.dropped && !j.missing;
	verdict(ok, text, "learn: intervals of 7, 10 and 13 ms need a jitter of 3 ms: 4500us with the margin, and replay finds none early");
	if (text)
		cfw_policy_free(&p);
	free(text);
	free(copy);
	cfw_learn_free(&l);
	free(g.text);
}

/*
 * Bursts of 5 frames 1 ms apart every 500 ms: 10 in the busiest second,
 * rate 15/s; at that rate a burst of 5 passes the log (4.94 frames of
 * deficit at its fifth frame), so 8 with the margin; no period.
 */
static void test_sporadic(void)
{
	struct cfw_learn_opts o = defaults();
	struct cfw_policy p;
	struct cfw_learn l;
	struct log g;
	const char *msg;
	char *text = NULL;
	unsigned int b;
	bool ok;

	log_open(&g);
	for (b = 0; b < 4; b++)
		periodic(&g, "can0", "200", b * 500 * MS, 1 * MS, 5);
	log_close(&g);
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     has_rule(text, "accept id 0x200 data len 8 rate 15/s burst 8") &&
	     strstr(text, "# 20 frames, interval mean 79.158 ms min 1.000 ms, length 8, at most 10 in a second; not periodic: its 90th percentile interval is over 1.5 times the median\n");
	verdict(ok, text, "learn: bursts get the burst they need times the margin, and no period");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g.text);
}

/* Kinds, lengths, rare IDs: what one block holds, in ID order. */
static void test_kinds(void)
{
	struct cfw_learn_opts o = defaults();
	struct cfw_policy p;
	struct cfw_learn l;
	struct log g;
	const char *msg;
	char *text = NULL;
	unsigned int k;
	bool ok;

	log_open(&g);
	for (k = 0; k < 12; k++) {
		u64 t = k * 100 * MS;

		fprintf(g.f, "(%llu.%06llu) can0 18FEF100##1%s\n",
			(unsigned long long)(t / 1000000000),
			(unsigned long long)(t % 1000000000 / 1000),
			k % 2 ? "112233445566778899AABBCC" : "11");
		fprintf(g.f, "(%llu.%06llu) can0 400#%s\n",
			(unsigned long long)(t / 1000000000),
			(unsigned long long)(t % 1000000000 / 1000) + 1,
			k % 3 ? "R4" : "11223344");
		frame(&g, t + 2000, "can0", "600", 2 + 3 * (k % 3));
	}
	frame(&g, 5 * MS, "can0", "300", 8);
	frame(&g, 905 * MS, "can0", "300", 8);
	fputs("(1.000000) can0 123###8001000000001122\n"
	      "(1.000000) can0 20000004#0004000000000000\n", g.f);
	log_close(&g);
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     strstr(text, "\t# 1 error frame: left to err-default accept\n"
			  "\t# Too rare to judge (fewer than 10 frames), accepted without a rate or\n"
			  "\t# period: 0x123 (1 frame), 0x300 (2 frames)\n"
			  "\trx accept id 0x123 xl len 2  # 1 frame, length 2: too rare to judge\n"
			  "\trx accept id 0x300 data len 8  # 2 frames, interval mean 900.000 ms min 900.000 ms, length 8: too rare to judge\n") &&
	     has_rule(text, "accept id 0x400 classic len 4 rate 15/s burst 2") &&
	     strstr(text, "  # 12 frames, interval mean 100.000 ms min 100.000 ms, length 4, at most 10 in a second; too few frames for a period\n") &&
	     has_rule(text, "accept id 0x600 data len 2-8 rate 15/s burst 2") &&
	     strstr(text, ", lengths 2, 5, 8, at most 10 in a second;") &&
	     has_rule(text, "accept id 0x18FEF100 fd len 1-12 rate 15/s burst 2") &&
	     strstr(text, "rx accept id 0x600") < strstr(text, "rx accept id 0x18FEF100");
	verdict(ok, text, "learn: kinds (classic, fd, xl), length ranges, rare IDs listed and accepted without a rate, error frames left alone");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g.text);
}

static char *sorted(const char *text);

/* One block per interface, by name; --iface makes them one. */
static void test_ifaces(void)
{
	struct cfw_learn_opts o = defaults();
	struct cfw_policy p;
	struct cfw_learn l;
	struct log g;
	const char *msg;
	char *text = NULL;
	bool ok;

	log_open(&g);
	periodic(&g, "vcan1", "100", 0, 10 * MS, 50);
	periodic(&g, "can0", "100", 5 * MS, 10 * MS, 50);
	log_close(&g);
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     p.nifaces == 2 && !strcmp(p.ifaces[0].name, "can0") &&
	     !strcmp(p.ifaces[1].name, "vcan1") &&
	     p.ifaces[0].dir[CANFW_DIR_RX].nrules == 1 &&
	     p.ifaces[0].dir[CANFW_DIR_RX].rules[0].period_us == 10000;
	verdict(ok, text, "learn: one block per interface, in name order");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g.text);

	/* Both senders as one: every 5 ms. */
	log_open(&g);
	periodic(&g, "vcan1", "100", 0, 10 * MS, 200);
	periodic(&g, "can0", "100", 5 * MS, 10 * MS, 200);
	log_close(&g);
	text = sorted(g.text);
	free(g.text);
	g.text = text;
	o.iface = "bus";
	text = NULL;
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     p.nifaces == 1 && !strcmp(p.ifaces[0].name, "bus") &&
	     has_rule(text, "accept id 0x100 data len 8 rate 300/s burst 2 period 5ms jitter 500us timeout 15ms");
	verdict(ok, text, "learn --iface: every interface's frames as one's");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g.text);
}

/* The margin scales rate, burst, jitter and timeout; --no-timing drops timing. */
static void test_options(void)
{
	struct cfw_learn_opts o = defaults();
	struct cfw_policy p;
	struct cfw_learn l;
	struct log g;
	const char *msg;
	char *text = NULL, *copy;
	bool ok;

	log_open(&g);
	periodic(&g, "can0", "100", 0, 10 * MS, 200);
	log_close(&g);
	copy = strdup(g.text);
	o.margin = 2000;
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     has_rule(text, "accept id 0x100 data len 8 rate 200/s burst 2 period 10ms jitter 1ms timeout 30ms") &&
	     says(text, "a rate of 2 times the most frames seen within a second, with a burst 2 times the least that lets the logs pass.");
	verdict(ok, text, "learn --margin 2: rate 200/s for 100 frames in a second");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);

	o = defaults();
	o.no_timing = true;
	text = NULL;
	memcpy(g.text, copy, g.len + 1);
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     has_rule(text, "accept id 0x100 data len 8 rate 150/s burst 2") &&
	     !l.ids[0].rule.period_us;
	verdict(ok, text, "learn --no-timing: rates without periods");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);

	o = defaults();
	o.min_frames = 201;
	text = NULL;
	memcpy(g.text, copy, g.len + 1);
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     has_rule(text, "accept id 0x100 data len 8") &&
	     says(text, "Too rare to judge (fewer than 201 frames), accepted without a rate or period: 0x100 (200 frames)\n");
	verdict(ok, text, "learn --min-frames 201: 200 frames are too rare to judge");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(copy);
	free(g.text);
}

/*
 * A sender with arbitration delays (frames late, then the catch-up), a
 * bursty one, and one that falls silent for a second: the log passes the
 * policy learnt from it, with nothing early or missing. At margin 1 it
 * passes as well, and one frame less of burst would not.
 */
static void messy(struct log *g)
{
	static const int delay_us[] = { 0, 0, 900, 0, 0, 2500, -300, 0, 0, 4000 };
	unsigned int k;

	for (k = 0; k < 300; k++)
		frame(g, k * 10 * MS + 50 * MS + (u64)(delay_us[k % 10] + 300) * 1000,
		      "can0", "100", 8);
	for (k = 0; k < 60; k++)
		frame(g, (k / 6) * 300 * MS + (k % 6) * 700000 + 7 * MS, "can0",
		      "200", 3);
	for (k = 0; k < 120; k++)
		frame(g, k * 20 * MS + (k >= 60 ? 1000 * MS : 0) + 3 * MS,
		      "can0", "0CF00400", 8);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The log's lines in time order: "(S.U)" sorts as text within a second. */
static char *sorted(const char *text)
{
	char *copy = strdup(text), *out = calloc(1, strlen(text) + 2), **v;
	char *line, *save;
	size_t n = 0, i;

	v = calloc(strlen(text) / 10 + 1, sizeof(*v));
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		v[n++] = line;
	qsort(v, n, sizeof(*v), cmp_line);
	for (i = 0; i < n; i++) {
		strcat(out, v[i]);
		strcat(out, "\n");
	}
	free(v);
	free(copy);
	return out;
}

static void test_replay_passes(u32 margin)
{
	struct cfw_learn_opts o = defaults();
	struct cfw_policy p;
	struct cfw_learn l;
	struct judged j;
	struct log g;
	const char *msg;
	char *text = NULL, *log, *copy;
	bool ok;

	log_open(&g);
	messy(&g);
	log_close(&g);
	log = sorted(g.text);
	copy = strdup(log);
	free(g.text);
	g.text = copy;
	o.margin = margin;
	ok = !learn(&l, &o, false, &g, 1, &msg) && (text = policy_text(&l, &p));
	j = ok ? replay(&p, log, false, NULL) : (struct judged){ 0 };
	ok = ok && j.frames == 480 && !j.dropped && !j.missing &&
	     strstr(text, "rx accept id 0x100 data len 8 rate ") &&
	     strstr(text, margin == 1000 ?
			  "rx accept id 0x0CF00400 data len 8 rate 50/s period 20ms jitter 2ms timeout 1100ms  # " :
			  "rx accept id 0x0CF00400 data len 8 rate 75/s burst 2 period 20ms jitter 2ms timeout 1600ms  # ") &&
	     strstr(text, "rx accept id 0x200 data len 3 rate ") &&
	     says(text, "at most 24 in a second; not periodic: its 90th percentile interval is over 1.5 times the median\n");
	if (!ok)
		tap_diag("frames %llu dropped %llu early %llu missing %llu",
			 (unsigned long long)j.frames,
			 (unsigned long long)j.dropped,
			 (unsigned long long)j.early,
			 (unsigned long long)j.missing);
	if (!ok)
		verdict(ok, text, "learn: the log learnt from replays with no frame dropped, early or missing");
	else
		tap_result(ok, "learn --margin %u.%03u: the log learnt from replays with no frame dropped, early or missing",
			   margin / 1000, margin % 1000);
	if (ok && margin == 1000) {
		/*
		 * The bursty ID's burst is the least: one less drops a frame
		 * of each of its 10 bursts.
		 */
		struct canfw_rule_spec *r = p.ifaces[0].dir[CANFW_DIR_RX].rules;

		r[1].burst--;
		j = replay(&p, log, false, NULL);
		tap_result(r[1].id_lo == 0x200 && j.rate_limited == 10 &&
			   j.dropped == 10,
			   "learn --margin 1: a burst of one frame less rate-limits the log (%llu)",
			   (unsigned long long)j.rate_limited);
	}
	if (text)
		cfw_policy_free(&p);
	free(text);
	free(log);
	cfw_learn_free(&l);
	free(g.text);
}

/* Whole seconds, no timestamps, -t d gaps: what the timestamps allow. */
static void test_times(void)
{
	struct cfw_learn_opts o = defaults();
	struct cfw_policy p;
	struct cfw_learn l;
	struct log g[2];
	const char *msg;
	char *text = NULL;
	unsigned int k;
	bool ok;

	log_open(&g[0]);
	for (k = 0; k < 300; k++)
		fprintf(g[0].f, "(%u.000000) vcan0 21A#00\n", 166 + k / 40);
	log_close(&g[0]);
	ok = !learn(&l, &o, false, g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     has_rule(text, "accept id 0x21A data len 1") && !l.rates &&
	     says(text, "300 frames in 7.000 s, timestamps to 1 s.") &&
	     says(text, "length 1; no period: the timestamps resolve less than a tenth of it\n") &&
	     says(text, "and no rate: the timestamps resolve only 1 s, rates need 10 ms.");
	verdict(ok, text, "learn: whole-second timestamps teach no rate and no period");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g[0].text);

	/* To 10 ms: enough for rates, not for a period of 10 ms. */
	log_open(&g[0]);
	for (k = 0; k < 300; k++)
		fprintf(g[0].f, "(%u.%02u0000) can0 100#00\n", k / 100, k % 100);
	log_close(&g[0]);
	text = NULL;
	ok = !learn(&l, &o, false, g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     has_rule(text, "accept id 0x100 data len 1 rate 150/s burst 2") &&
	     says(text, "timestamps to 10 ms.") &&
	     says(text, "at most 100 in a second; no period: the timestamps resolve less than a tenth of it\n");
	verdict(ok, text, "learn: timestamps to 10 ms give rates, but no period of 10 ms");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g[0].text);

	log_open(&g[0]);
	for (k = 0; k < 30; k++)
		fprintf(g[0].f, "  can0  123   [2]  %02X 00\n", k);
	log_close(&g[0]);
	text = NULL;
	ok = !learn(&l, &o, false, g, 1, &msg) && (text = policy_text(&l, &p)) &&
	     has_rule(text, "accept id 0x123 data len 2") &&
	     says(text, "30 frames without timestamps.") &&
	     says(text, "and no rate or period: the logs have no timestamps.") &&
	     strstr(text, "  # 30 frames, length 2\n");
	verdict(ok, text, "learn: a log without timestamps teaches IDs, kinds and lengths");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g[0].text);

	/* The same sender in -t z and -t d: one policy. */
	log_open(&g[0]);
	log_open(&g[1]);
	for (k = 0; k < 100; k++) {
		fprintf(g[0].f, " (%03u.%06u)  can0  123   [1]  00\n",
			k / 50, k % 50 * 20000 + (k % 4 == 1) * 300);
		fprintf(g[1].f, " (000.%06u)  can0  123   [1]  00\n",
			k ? 20000 + (k % 4 == 1) * 300 - (k % 4 == 2) * 300 : 0);
	}
	log_close(&g[0]);
	log_close(&g[1]);
	{
		struct cfw_learn l2;
		struct cfw_policy p2;
		char *text2 = NULL;

		text = NULL;
		ok = !learn(&l, &o, false, &g[0], 1, &msg) &&
		     (text = policy_text(&l, &p)) &&
		     !learn(&l2, &o, true, &g[1], 1, &msg) &&
		     (text2 = policy_text(&l2, &p2)) && !strcmp(text, text2) &&
		     has_rule(text, "accept id 0x123 data len 1 rate 77/s burst 2 period 20ms jitter 2ms timeout 60ms");
		verdict(ok, text, "learn --delta: candump -t d's gaps learn what -t z's times do");
		if (text2)
			cfw_policy_free(&p2);
		free(text2);
		cfw_learn_free(&l2);
	}
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g[0].text);
	free(g[1].text);
}

/* Two logs: each starts afresh, as a replay of each does. */
static void test_two_logs(void)
{
	struct cfw_learn_opts o = defaults();
	struct cfw_policy p;
	struct cfw_learn l;
	struct log g[2];
	const char *msg;
	char *text = NULL;

	log_open(&g[0]);
	periodic(&g[0], "can0", "100", 0, 10 * MS, 100);
	log_close(&g[0]);
	log_open(&g[1]);
	periodic(&g[1], "can0", "100", 0, 10 * MS, 100);
	log_close(&g[1]);
	tap_result(!learn(&l, &o, false, g, 2, &msg) && (text = policy_text(&l, &p)) &&
		   has_rule(text, "accept id 0x100 data len 8 rate 150/s burst 2 period 10ms jitter 1ms timeout 30ms") &&
		   strstr(text, "# 200 frames, interval mean 10.000 ms min 10.000 ms"),
		   "learn: two logs from 0 s each: no interval between them");
	if (text)
		cfw_policy_free(&p);
	free(text);
	cfw_learn_free(&l);
	free(g[0].text);
	free(g[1].text);
}

static void test_bad_iface(void)
{
	struct cfw_learn_opts o = defaults();
	struct cfw_learn l;
	struct log g;
	const char *msg = NULL;

	log_open(&g);
	frame(&g, 0, "can*", "100", 1);
	log_close(&g);
	tap_result(learn(&l, &o, false, &g, 1, &msg) == -1 && msg &&
		   !strcmp(msg, "this interface's name cannot name a policy block: learn them all as one with --iface NAME"),
		   "learn: an interface name that would be a glob is refused");
	cfw_learn_free(&l);
	free(g.text);
}

int main(void)
{
	test_periodic();
	test_jitter();
	test_sporadic();
	test_kinds();
	test_ifaces();
	test_options();
	test_replay_passes(CFW_LEARN_MARGIN_DEFAULT);
	test_replay_passes(1000);
	test_times();
	test_two_logs();
	test_bad_iface();
	return tap_exit();
}
