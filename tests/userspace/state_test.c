// SPDX-License-Identifier: GPL-2.0
/*
 * Vehicle states in the policy language: each accepted form with the
 * exact engine spec it must produce, each refused form with its exact
 * message and position, the canonical text and JSON of one policy, and
 * that policy through LOAD messages and back as `show` reads a dump.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "policy.h"
#include "nl_policy.h"

/* Every case's policy starts with these, indices 0 to 3. */
#define STATES	"state parked\nstate driving\nstate diagnostic\n" \
		"state lockdown sticky\n"
#define PARKED		CANFW_STATE_BIT(0)
#define DRIVING		CANFW_STATE_BIT(1)
#define DIAG		CANFW_STATE_BIT(2)
#define LOCKDOWN	CANFW_STATE_BIT(3)

static bool parse(const char *src, struct cfw_policy *p, struct cfw_error *err)
{
	if (!cfw_parse(src, strlen(src), p, err))
		return true;
	tap_diag("%u:%u: %s", err->pos.line, err->pos.col, err->msg);
	return false;
}

/* The declarations: order, flags, where each was written. */
static void test_declarations(void)
{
	struct cfw_policy p;
	struct cfw_error err;
	bool ok;

	if (!tap_result(parse(STATES "state a_b-9;state Z\n", &p, &err),
			"states: declarations parse"))
		return;
	ok = p.nstates == 6 && !strcmp(p.states[0].name, "parked") &&
	     !strcmp(p.states[3].name, "lockdown") &&
	     p.states[3].flags == CANFW_STATE_FLAGS_STICKY &&
	     !p.states[0].flags && !strcmp(p.states[4].name, "a_b-9") &&
	     !strcmp(p.states[5].name, "Z") && p.state_pos[1].line == 2 &&
	     p.state_pos[5].line == 5 && p.state_pos[5].col == 13 &&
	     p.nifaces == 0;
	tap_result(ok, "states: in order, sticky flagged, positions kept");
	cfw_policy_free(&p);
}

static const struct rule_case {
	const char *rule;	/* a line inside "interface can0 { }" */
	u32 states;
	u8 event;
	u32 count, window;	/* count 0: no trigger */
	u8 to;
} rule_cases[] = {
	{ "rx accept id 0x7E0 in parked", PARKED, 0, 0, 0, 0 },
	{ "rx accept id 0x7E0 in parked,diagnostic", PARKED | DIAG, 0, 0, 0, 0 },
	{ "rx accept id 0x7E0 in diagnostic , parked log", PARKED | DIAG, 0, 0, 0, 0 },
	{ "rx accept in lockdown,lockdown", LOCKDOWN, 0, 0, 0, 0 },
	{ "rx accept in parked,driving,diagnostic,lockdown",
	  PARKED | DRIVING | DIAG | LOCKDOWN, 0, 0, 0, 0 },
	{ "rx drop id 0x666 on drops 20 within 1s state lockdown", 0,
	  CANFW_TRIGGER_EVENT_DROPS, 20, 1000000, 3 },
	{ "rx drop on drops 1 within 1us state parked log", 0,
	  CANFW_TRIGGER_EVENT_DROPS, 1, 1, 0 },
	{ "rx drop on drops 1024 within 600s state driving in parked", PARKED,
	  CANFW_TRIGGER_EVENT_DROPS, 1024, 600000000, 1 },
	{ "rx accept id 0x100 rate 10/s on rate-limited 3 within 250ms state lockdown",
	  0, CANFW_TRIGGER_EVENT_RATE_LIMITED, 3, 250000, 3 },
	{ "rx accept id 0x100 period 10ms on early 2 within 1s state lockdown",
	  0, CANFW_TRIGGER_EVENT_EARLY, 2, 1000000, 3 },
	{ "rx accept id 0x100 period 10ms on drops 2 within 1s state lockdown",
	  0, CANFW_TRIGGER_EVENT_DROPS, 2, 1000000, 3 },
	{ "rx accept id 0x100 timeout 50ms on missing 1 within 10s state driving",
	  0, CANFW_TRIGGER_EVENT_MISSING, 1, 10000000, 1 },
	{ "tx drop id 0x123 in lockdown on drops 3 within 2s state lockdown",
	  LOCKDOWN, CANFW_TRIGGER_EVENT_DROPS, 3, 2000000, 3 },
};

/* The spec each rule makes, and its text printed back parses the same. */
static void run_rule_case(const struct rule_case *c)
{
	struct cfw_policy p, q;
	struct cfw_error err;
	const struct canfw_rule_spec *r;
	char src[CFW_RULE_TEXT_MAX + 256], text[CFW_RULE_TEXT_MAX];
	int dir = !strncmp(c->rule, "tx", 2);
	bool ok;

	snprintf(src, sizeof(src), STATES "interface can0 {\n%s\n}\n", c->rule);
	if (!parse(src, &p, &err)) {
		tap_result(false, "rule: %s", c->rule);
		return;
	}
	r = &p.ifaces[0].dir[dir].rules[0];
	ok = r->states == c->states && r->trigger.count == c->count &&
	     (!c->count || (r->trigger.event == c->event &&
			    r->trigger.window_us == c->window &&
			    r->trigger.state == c->to));
	if (!ok)
		tap_diag("states 0x%X event %u count %u window %u state %u",
			 r->states, r->trigger.event, r->trigger.count,
			 r->trigger.window_us, r->trigger.state);
	cfw_format_rule_in(text, sizeof(text), &p, r);
	snprintf(src, sizeof(src), STATES "interface can0 {\n%s %s\n}\n",
		 dir ? "tx" : "rx", text);
	if (!parse(src, &q, &err)) {
		ok = false;
	} else {
		ok = ok && cfw_policy_equal(&p, &q);
		cfw_policy_free(&q);
	}
	tap_result(ok, "rule: %s (printed as '%s')", c->rule, text);
	cfw_policy_free(&p);
}

/* A direction's state default, trigger and selectors. */
static void test_dir_settings(void)
{
	static const char src[] = STATES
		"interface can0 {\n"
		"\trx default accept\n"
		"\trx default drop in lockdown\n"
		"\ttx default drop in driving,lockdown\n"
		"\trx on drops 20 within 1s state lockdown\n"
		"\ttx on rate-limited 5 within 100ms state diagnostic\n"
		"\trx select id 0x0B4 data[0:2] 0x0000 state parked else driving period 10ms jitter 2ms\n"
		"\trx select id 0x18FEF100 state diagnostic\n"
		"\trx select id 0x12 eff data[1] 0x01/0x0F data[7] 0xFF state parked period 1s\n"
		"}\n";
	const struct cfw_dir *rx, *tx;
	const struct canfw_selector_spec *s;
	struct cfw_policy p;
	struct cfw_error err;
	bool ok;

	if (!tap_result(parse(src, &p, &err), "entry: state settings parse"))
		return;
	rx = &p.ifaces[0].dir[CANFW_DIR_RX];
	tx = &p.ifaces[0].dir[CANFW_DIR_TX];
	ok = rx->default_action == CANFW_ACTION_ACCEPT &&
	     rx->state_default == CANFW_ACTION_DROP &&
	     rx->state_default_in == LOCKDOWN &&
	     tx->default_action == CANFW_ACTION_ACCEPT &&
	     tx->state_default == CANFW_ACTION_DROP &&
	     tx->state_default_in == (DRIVING | LOCKDOWN) &&
	     rx->trigger.event == CANFW_TRIGGER_EVENT_DROPS &&
	     rx->trigger.count == 20 && rx->trigger.window_us == 1000000 &&
	     rx->trigger.state == 3 &&
	     tx->trigger.event == CANFW_TRIGGER_EVENT_RATE_LIMITED &&
	     tx->trigger.count == 5 && tx->trigger.window_us == 100000 &&
	     tx->trigger.state == 2 && rx->nsel == 3 && tx->nsel == 0;
	tap_result(ok, "entry: state defaults and triggers per direction");
	s = rx->sel;
	ok = s[0].can_id == 0x0B4 && s[0].state == 0 && s[0].else_state == 1 &&
	     s[0].period_us == 10000 && s[0].jitter_us == 2000 &&
	     s[0].payload.ndata == 1 && s[0].payload.data[0].offset == 0 &&
	     s[0].payload.data[0].len == 2 && s[0].payload.data[0].value == 0 &&
	     s[0].payload.data[0].mask == 0xFFFF;
	tap_result(ok, "selector: standard ID, bytes, else, period and jitter");
	ok = s[1].can_id == (0x18FEF100 | CAN_EFF_FLAG) && s[1].state == 2 &&
	     s[1].else_state == CANFW_NO_STATE && !s[1].period_us &&
	     !s[1].jitter_us && !s[1].payload.ndata;
	tap_result(ok, "selector: an extended ID by its size, no else, no period");
	ok = s[2].can_id == (0x12 | CAN_EFF_FLAG) && s[2].payload.ndata == 2 &&
	     s[2].payload.data[0].mask == 0x0F &&
	     s[2].payload.data[1].offset == 7 && s[2].period_us == 1000000 &&
	     s[2].jitter_us == 100000;
	tap_result(ok, "selector: a low extended ID by 'eff', jitter a tenth of the period");
	ok = rx->state_default_pos.line == 7 && rx->trigger_pos.line == 9 &&
	     rx->sel_pos[1].line == 12 && rx->sel_pos[1].col == 5;
	tap_result(ok, "entry: positions of state settings");
	cfw_policy_free(&p);
}

/* Refusals: the exact message at the exact place. */
static const struct err_case {
	const char *name;
	const char *src;	/* after STATES, so lines count from 5 */
	const char *want;
} err_cases[] = {
	{ "unknown state in 'in'",
	  "interface can0 {\n\trx accept id 1 in parked,flying\n}\n",
	  "6:27: unknown state 'flying': states are declared with 'state NAME' before they are used" },
	{ "'in' without a name",
	  "interface can0 {\n\trx accept id 1 in\n}\n",
	  "6:19: expected a state name after 'in', got end of line" },
	{ "'in' ending in a comma",
	  "interface can0 {\n\trx accept id 1 in parked,\n}\n",
	  "6:27: expected a state name after ',', got end of line" },
	{ "'in' twice",
	  "interface can0 {\n\trx accept in parked in driving\n}\n",
	  "6:22: duplicate 'in' in this rule" },
	{ "unknown trigger event",
	  "interface can0 {\n\trx drop on frames 3 within 1s state lockdown\n}\n",
	  "6:13: expected 'drops', 'rate-limited', 'early' or 'missing' after 'on', got 'frames'" },
	{ "trigger count 0",
	  "interface can0 {\n\trx drop on drops 0 within 1s state lockdown\n}\n",
	  "6:19: a trigger counts 1 to 1024 events" },
	{ "trigger count 1025",
	  "interface can0 {\n\trx drop on drops 1025 within 1s state lockdown\n}\n",
	  "6:19: a trigger counts 1 to 1024 events" },
	{ "trigger without 'within'",
	  "interface can0 {\n\trx drop on drops 3 in 1s state lockdown\n}\n",
	  "6:21: expected 'within' after the trigger's count, got 'in'" },
	{ "trigger window without a unit",
	  "interface can0 {\n\trx drop on drops 3 within 10 state lockdown\n}\n",
	  "6:28: '10' needs a unit: us, ms or s" },
	{ "trigger window too long",
	  "interface can0 {\n\trx drop on drops 3 within 601s state lockdown\n}\n",
	  "6:28: a trigger's window must be 1us to 600s" },
	{ "trigger window 0",
	  "interface can0 {\n\trx drop on drops 3 within 0ms state lockdown\n}\n",
	  "6:28: a trigger's window must be 1us to 600s" },
	{ "trigger without 'state'",
	  "interface can0 {\n\trx drop on drops 3 within 1s lockdown\n}\n",
	  "6:31: expected 'state' after the trigger's window, got 'lockdown'" },
	{ "trigger to an unknown state",
	  "interface can0 {\n\trx drop on drops 3 within 1s state off\n}\n",
	  "6:37: unknown state 'off': states are declared with 'state NAME' before they are used" },
	{ "rate-limited trigger without a rate",
	  "interface can0 {\n\trx accept id 1 on rate-limited 3 within 1s state lockdown\n}\n",
	  "6:17: a rate-limited trigger needs a rule with a rate" },
	{ "early trigger without a period",
	  "interface can0 {\n\trx accept id 1 on early 3 within 1s state lockdown\n}\n",
	  "6:17: an early trigger needs a rule with a period" },
	{ "missing trigger without a timeout",
	  "interface can0 {\n\trx accept id 1 period 10ms on missing 3 within 1s state lockdown\n}\n",
	  "6:29: a missing trigger needs a rule with a timeout" },
	{ "drops trigger on a rule that drops nothing",
	  "interface can0 {\n\trx accept id 1 on drops 3 within 1s state lockdown\n}\n",
	  "6:17: the rule drops no frame: a drops trigger on it would never fire" },
	{ "two triggers on a rule",
	  "interface can0 {\n\trx drop on drops 3 within 1s state lockdown on drops 4 within 1s state parked\n}\n",
	  "6:46: duplicate 'on' in this rule" },
	{ "duplicate direction trigger",
	  "interface can0 {\n\trx on drops 3 within 1s state lockdown\n\trx on drops 9 within 1s state lockdown\n}\n",
	  "7:5: duplicate 'rx on' statement (first given on line 6)" },
	{ "duplicate state default",
	  "interface can0 {\n\trx default drop in lockdown\n\trx default accept in parked\n}\n",
	  "7:20: duplicate 'rx default ... in' statement (first given on line 6)" },
	{ "state default with an unknown state",
	  "interface can0 {\n\ttx default drop in limp\n}\n",
	  "6:21: unknown state 'limp': states are declared with 'state NAME' before they are used" },
	{ "selector on tx",
	  "interface can0 {\n\ttx select id 0x0B4 state parked\n}\n",
	  "6:5: selectors read received frames: rx only" },
	{ "selector without an id",
	  "interface can0 {\n\trx select data[0] 0x00 state parked\n}\n",
	  "6:5: a selector needs an 'id'" },
	{ "selector without a state",
	  "interface can0 {\n\trx select id 0x0B4 else driving\n}\n",
	  "6:5: a selector needs a 'state'" },
	{ "selector with a range",
	  "interface can0 {\n\trx select id 0x0B4-0x0B5 state parked\n}\n",
	  "6:20: a selector names one ID, not a range or a mask: got '-'" },
	{ "selector ID too large",
	  "interface can0 {\n\trx select id 0x20000000 state parked\n}\n",
	  "6:12: a selector names one standard or extended ID" },
	{ "selector 'sff' ID too large",
	  "interface can0 {\n\trx select id 0x800 sff state parked\n}\n",
	  "6:12: a selector names one standard or extended ID" },
	{ "selector of an unknown state",
	  "interface can0 {\n\trx select id 0x0B4 state parked else moving\n}\n",
	  "6:39: unknown state 'moving': states are declared with 'state NAME' before they are used" },
	{ "selector jitter without a period",
	  "interface can0 {\n\trx select id 0x0B4 state parked jitter 1ms\n}\n",
	  "6:34: 'jitter' needs a 'period'" },
	{ "selector period too short",
	  "interface can0 {\n\trx select id 0x0B4 state parked period 50us\n}\n",
	  "6:34: period must be 100us to 600s" },
	{ "selector jitter not below the period",
	  "interface can0 {\n\trx select id 0x0B4 state parked period 10ms jitter 10ms\n}\n",
	  "6:46: jitter must be shorter than the period" },
	{ "selector with ISO-TP",
	  "interface can0 {\n\trx select id 0x0B4 uds 0x22 state parked\n}\n",
	  "6:21: expected a selector's 'id', 'data[...]', 'state', 'else', 'period' or 'jitter', got 'uds'" },
	{ "selector byte match past 64 bytes",
	  "interface can0 {\n\trx select id 0x0B4 data[63:65] 0 state parked\n}\n",
	  "6:21: byte matches reach only the first 64 payload bytes" },
	{ "selector value too wide",
	  "interface can0 {\n\trx select id 0x0B4 data[0] 0x100 state parked\n}\n",
	  "6:29: value '0x100' does not fit in 1 byte" },
	{ "second selector of one ID",
	  "interface can0 {\n\trx select id 0x0B4 state parked\n\trx select id 0x0B4 data[0] 1 state driving\n}\n",
	  "7:12: a selector of this ID is given on line 6: only the first would act" },
	{ "nine selectors",
	  "interface can0 {\n"
	  "\trx select id 1 state parked; rx select id 2 state parked\n"
	  "\trx select id 3 state parked; rx select id 4 state parked\n"
	  "\trx select id 5 state parked; rx select id 6 state parked\n"
	  "\trx select id 7 state parked; rx select id 8 state parked\n"
	  "\trx select id 9 state parked\n}\n",
	  "10:5: an entry has at most 8 selectors" },
	{ "unknown selector word",
	  "interface can0 {\n\trx select id 1 state parked log\n}\n",
	  "6:30: expected a selector's 'id', 'data[...]', 'state', 'else', 'period' or 'jitter', got 'log'" },
	{ "state inside a block",
	  "interface can0 {\n\tstate limp\n}\n",
	  "6:2: states are declared outside interface blocks, before them" },
	{ "duplicate state", "state driving\n",
	  "5:7: duplicate state 'driving' (first declared on line 2)" },
	{ "state name too long", "state abcdefghijklmnop\n",
	  "5:7: state name 'abcdefghijklmnop' is longer than 15 characters" },
	{ "state name a number", "state 1st\n",
	  "5:7: expected a state name after 'state', got '1st'" },
	{ "state without a name", "state\n",
	  "5:6: expected a state name after 'state', got end of line" },
	{ "state with an unknown flag", "state limp sticky quiet\n",
	  "5:19: expected end of statement, got 'quiet'" },
	{ "state used before it is declared",
	  "interface can0 {\n\trx accept in limp\n}\nstate limp\n",
	  "6:15: unknown state 'limp': states are declared with 'state NAME' before they are used" },
};

/* A policy without states: no name can be used. */
static const struct err_case nostate_cases[] = {
	{ "'in' with no states", "interface can0 {\n\trx accept in parked\n}\n",
	  "2:12: 'in' names states, and the policy declares none: declare them with 'state NAME' first" },
	{ "trigger with no states",
	  "interface can0 {\n\trx drop on drops 3 within 1s state lockdown\n}\n",
	  "2:10: a trigger switches to a state, and the policy declares none: declare them with 'state NAME' first" },
	{ "selector with no states",
	  "interface can0 {\n\trx select id 1 state parked\n}\n",
	  "2:5: a selector selects a state, and the policy declares none: declare them with 'state NAME' first" },
	{ "33 states",
	  "state s0\nstate s1\nstate s2\nstate s3\nstate s4\nstate s5\nstate s6\n"
	  "state s7\nstate s8\nstate s9\nstate s10\nstate s11\nstate s12\n"
	  "state s13\nstate s14\nstate s15\nstate s16\nstate s17\nstate s18\n"
	  "state s19\nstate s20\nstate s21\nstate s22\nstate s23\nstate s24\n"
	  "state s25\nstate s26\nstate s27\nstate s28\nstate s29\nstate s30\n"
	  "state s31\nstate s32\n",
	  "33:1: a policy declares at most 32 states" },
};

static void run_err_case(const struct err_case *c, const char *prefix)
{
	struct cfw_policy p;
	struct cfw_error err;
	char src[2048], got[512];

	snprintf(src, sizeof(src), "%s%s", prefix, c->src);
	if (!cfw_parse(src, strlen(src), &p, &err)) {
		cfw_policy_free(&p);
		tap_diag("accepted, want %s", c->want);
		tap_result(false, "refused: %s", c->name);
		return;
	}
	snprintf(got, sizeof(got), "%u:%u: %s", err.pos.line, err.pos.col,
		 err.msg);
	if (strcmp(got, c->want))
		tap_diag("got  %s\n# want %s", got, c->want);
	tap_result(!strcmp(got, c->want) && !p.nifaces && !p.nstates,
		   "refused: %s", c->name);
}

/* A policy using every state form, in canonical text and JSON. */
static const char full_src[] =
	"# states first\n"
	"state parked\n"
	"state driving\n"
	"state lockdown sticky\n"
	"interface can0 {\n"
	"\trx accept id 0x7E0 uds 0x22 in parked\n"
	"\trx drop id 0x666 on drops 5 within 1000ms state lockdown log\n"
	"\trx default drop in lockdown\n"
	"\ttx on drops 3 within 2s state lockdown\n"
	"\trx select id 0x0B4 data[0:2] 0x0000 state parked else driving period 100ms\n"
	"}\n";

static const char full_text[] =
	"state parked\n"
	"state driving\n"
	"state lockdown sticky\n"
	"\n"
	"interface can0 {\n"
	"\tmode enforce\n"
	"\trx default accept\n"
	"\trx default drop in lockdown\n"
	"\ttx default accept\n"
	"\trx select id 0x0B4 data[0:2] 0x0000 state parked else driving period 100ms jitter 10ms\n"
	"\ttx on drops 3 within 2s state lockdown\n"
	"\n"
	"\trx accept id 0x7E0 uds 0x22 in parked\n"
	"\trx drop id 0x666 log on drops 5 within 1s state lockdown\n"
	"}\n";

static const char full_json[] =
	"{\"states\": [{\"name\": \"parked\", \"sticky\": false}, "
	"{\"name\": \"driving\", \"sticky\": false}, "
	"{\"name\": \"lockdown\", \"sticky\": true}], "
	"\"interfaces\": [{\"name\": \"can0\", \"mode\": \"enforce\", "
	"\"events\": {\"per_second\": 100, \"burst\": 20}, "
	"\"rx\": {\"default\": \"accept\", \"err_default\": \"accept\", \"log_default\": false, "
	"\"state_default\": {\"action\": \"drop\", \"in\": [\"lockdown\"]}, "
	"\"trigger\": null, "
	"\"selectors\": [{\"id\": \"0x0B4\", \"eff\": false, "
	"\"data\": [{\"offset\": 0, \"len\": 2, \"value\": 0, \"mask\": 65535}], "
	"\"state\": \"parked\", \"else\": \"driving\", \"period_us\": 100000, \"jitter_us\": 10000, "
	"\"text\": \"select id 0x0B4 data[0:2] 0x0000 state parked else driving period 100ms jitter 10ms\"}], "
	"\"rules\": [{\"action\": \"accept\", \"id\": {\"space\": \"sff\", \"from\": \"0x7E0\", \"to\": \"0x7E0\"}, "
	"\"kinds\": [\"data\", \"rtr\", \"fd\", \"xl\"], \"len\": {\"min\": 0, \"max\": 2048}, "
	"\"uds\": [34], \"in\": [\"parked\"], \"log\": false, "
	"\"text\": \"accept id 0x7E0 uds 0x22 in parked\"}, "
	"{\"action\": \"drop\", \"id\": {\"space\": \"sff\", \"from\": \"0x666\", \"to\": \"0x666\"}, "
	"\"kinds\": [\"data\", \"rtr\", \"fd\", \"xl\"], \"len\": {\"min\": 0, \"max\": 2048}, "
	"\"trigger\": {\"event\": \"drops\", \"count\": 5, \"window_us\": 1000000, \"state\": \"lockdown\"}, "
	"\"log\": true, \"text\": \"drop id 0x666 log on drops 5 within 1s state lockdown\"}]}, "
	"\"tx\": {\"default\": \"accept\", \"err_default\": \"accept\", \"log_default\": false, "
	"\"state_default\": null, "
	"\"trigger\": {\"event\": \"drops\", \"count\": 3, \"window_us\": 2000000, \"state\": \"lockdown\"}, "
	"\"selectors\": [], \"rules\": []}}]}\n";

static char *printed(const struct cfw_policy *p, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	if (json)
		cfw_print_policy_json(f, p);
	else
		cfw_print_policy(f, p);
	fclose(f);
	return buf;
}

static bool same_text(const char *what, const char *got, const char *want)
{
	if (!strcmp(got, want))
		return true;
	tap_diag("%s: got", what);
	fputs(got, stdout);
	tap_diag("%s: want", what);
	fputs(want, stdout);
	return false;
}

static void test_print(void)
{
	struct cfw_policy p, q;
	struct cfw_error err;
	char *text, *again, *json;

	if (!tap_result(parse(full_src, &p, &err), "print: the policy parses"))
		return;
	text = printed(&p, false);
	tap_result(same_text("text", text, full_text),
		   "print: canonical text, states first");
	if (parse(text, &q, &err)) {
		again = printed(&q, false);
		tap_result(cfw_policy_equal(&p, &q) && !strcmp(text, again),
			   "print: parse(print(p)) is p, and prints the same");
		free(again);
		cfw_policy_free(&q);
	} else {
		tap_result(false, "print: parse(print(p)) is p, and prints the same");
	}
	json = printed(&p, true);
	tap_result(same_text("json", json, full_json),
		   "print: JSON with states, state settings and rules' states");
	free(json);
	free(text);
	cfw_policy_free(&p);
}

/*
 * LOAD messages of the policy, decoded as a dump is: the states come in
 * the first message only, and with the current state a dump adds, show
 * prints it as a comment that parsing skips.
 */
static void test_netlink(void)
{
	static char buf[64 * 1024];
	struct cfw_load_cursor cur = { 0 };
	struct cfw_load_msg m = { 0 };
	struct cfw_policy p, q, r;
	struct cfw_dump_policy dp = { .policy = &q };
	struct cfw_error err;
	const struct nlattr *a;
	struct nlmsghdr *nlh;
	unsigned int nstate_attrs = 0, msgs = 0;
	bool done = false;
	char *text;

	if (!parse(full_src, &p, &err)) {
		tap_result(false, "netlink: the policy parses");
		return;
	}
	cfw_policy_init(&q);
	while (!done && msgs < 100) {
		nlh = mnl_nlmsg_put_header(buf);
		mnl_nlmsg_put_extra_header(nlh, sizeof(struct genlmsghdr));
		/* Small messages: one entry's head each. */
		done = cfw_nl_put_load(nlh, 2048, &p, &cur, &m);
		mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
			if (mnl_attr_get_type(a) == CANFW_A_STATE)
				nstate_attrs += msgs ? 100 : 1;
		cfw_nl_policy_cb(nlh, &dp);
		msgs++;
	}
	tap_result(nstate_attrs == 3, "netlink: the three states go in the first message only");
	tap_result(cfw_policy_equal(&p, &q), "netlink: the policy comes back whole");
	/* A dump's first message also says what is current. */
	nlh = mnl_nlmsg_put_header(buf);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct genlmsghdr));
	mnl_attr_put_strz(nlh, CANFW_A_STATE_NAME, "driving");
	mnl_attr_put_u32(nlh, CANFW_A_STATE_SEQ, 3);
	cfw_nl_policy_cb(nlh, &dp);
	text = printed(&q, false);
	tap_result(!strncmp(text, "# state driving (seq 3)\nstate parked\n", 37),
		   "show: the current state as a comment line first");
	tap_result(parse(text, &r, &err) && cfw_policy_equal(&p, &r),
		   "show: its output loads as the same policy");
	cfw_policy_free(&r);
	free(text);
	free(m.spans);
	cfw_policy_free(&q);
	cfw_policy_free(&p);
}

/* The engine builds every table of a policy with states, as the kernel. */
static void test_engine(void)
{
	struct cfw_policy p;
	struct cfw_error err;

	cfw_policy_init(&p);
	strcpy(p.states[0].name, "a");
	p.nstates = 1;
	cfw_policy_add_iface(&p, "can0");
	p.ifaces[0].dir[CANFW_DIR_RX].state_default_in = CANFW_STATE_BIT(1);
	tap_result(cfw_validate(&p, &err) &&
		   !strcmp(err.msg, "the default is limited to a state the policy does not declare"),
		   "engine: a dumped mask past the declared states is refused");
	p.ifaces[0].dir[CANFW_DIR_RX].state_default_in = 0;
	strcpy(p.states[0].name, "a b");
	tap_result(cfw_validate(&p, &err) &&
		   !strcmp(err.msg, "state names are letters, digits, - and _"),
		   "engine: a state name the kernel refuses is refused");
	cfw_policy_free(&p);
}

int main(void)
{
	size_t i;

	test_declarations();
	for (i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]); i++)
		run_rule_case(&rule_cases[i]);
	test_dir_settings();
	for (i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++)
		run_err_case(&err_cases[i], STATES);
	for (i = 0; i < sizeof(nostate_cases) / sizeof(nostate_cases[0]); i++)
		run_err_case(&nostate_cases[i], "");
	test_print();
	test_netlink();
	test_engine();
	return tap_exit();
}
