// SPDX-License-Identifier: GPL-2.0
/*
 * The language for policies that live for years: 29-bit IDs written in
 * candump's eight digits, quoted interface names, rules and defaults for
 * both directions, and includes (their paths, cycles, depth, and errors
 * that name the included file and line).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tap.h"
#include "policy.h"

static char dir[] = "/tmp/cfw-language-XXXXXX";

static bool parse(const char *src, struct cfw_policy *p, struct cfw_error *e)
{
	return !cfw_parse(src, strlen(src), p, e);
}

/* The one rule of "interface can0 { RULE }", rx. */
static bool one_rule(const char *rule, struct canfw_rule_spec *out)
{
	struct cfw_policy p;
	struct cfw_error e;
	char src[256];

	snprintf(src, sizeof(src), "interface can0 {\n%s\n}\n", rule);
	if (!parse(src, &p, &e)) {
		tap_diag("%u:%u: %s", e.pos.line, e.pos.col, e.msg);
		return false;
	}
	*out = p.ifaces[0].dir[CANFW_DIR_RX].rules[0];
	cfw_policy_free(&p);
	return true;
}

static void test_hex8(void)
{
	static const struct {
		const char *rule;
		u8 space;
		u32 lo;
	} cases[] = {
		{ "rx accept id 0x00000017", CANFW_SPACE_EFF, 0x17 },
		{ "rx accept id 0x00000017/0x000000FF", CANFW_SPACE_EFF, 0x17 },
		{ "rx accept id 0x00000100-0x00000200", CANFW_SPACE_EFF, 0x100 },
		{ "rx accept id 0x100-0x00000200", CANFW_SPACE_EFF, 0x100 },
		{ "rx accept id 0x017/0x0FF", CANFW_SPACE_SFF, 0x17 },
		{ "rx accept id 0x0017", CANFW_SPACE_SFF, 0x17 },
		{ "rx accept id 0x17", CANFW_SPACE_SFF, 0x17 },
		/* Decimal digits say nothing of the space. */
		{ "rx accept id 00000017", CANFW_SPACE_SFF, 17 },
		{ "rx accept id 0x00000017 sff", CANFW_SPACE_SFF, 0x17 },
	};
	struct canfw_rule_spec r;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = one_rule(cases[i].rule, &r);

		if (ok && (r.space != cases[i].space || r.id_lo != cases[i].lo))
			tap_diag("space %u id 0x%X, want %u 0x%X", r.space,
				 r.id_lo, cases[i].space, cases[i].lo);
		tap_result(ok && r.space == cases[i].space &&
			   r.id_lo == cases[i].lo,
			   "8 hex digits: %s", cases[i].rule);
	}
}

/* What cfw_parse() says of SRC: "LINE:COL: message", or "ok". */
static const char *error_of(const char *src)
{
	static char buf[512];
	struct cfw_policy p;
	struct cfw_error e;

	if (parse(src, &p, &e)) {
		cfw_policy_free(&p);
		return "ok";
	}
	snprintf(buf, sizeof(buf), "%u:%u: %s", e.pos.line, e.pos.col, e.msg);
	return buf;
}

static void expect(const char *name, const char *src, const char *want)
{
	const char *got = error_of(src);

	if (strcmp(got, want))
		tap_diag("got  %s\n# want %s", got, want);
	tap_result(!strcmp(got, want), "%s", name);
}

static void test_quoted(void)
{
	struct cfw_policy p;
	struct cfw_error e;
	const char *src = "interface \"can0\" {\n}\ninterface \"vcan*\" {\n}\n";
	bool ok = parse(src, &p, &e);

	tap_result(ok && p.nifaces == 2 && !strcmp(p.ifaces[0].name, "can0") &&
		   !strcmp(p.ifaces[1].name, "vcan*"),
		   "quoted names: \"can0\" is can0, \"vcan*\" a glob");
	if (ok)
		cfw_policy_free(&p);
	expect("quoted names: the same name twice",
	       "interface can0 {\n}\ninterface \"can0\" {\n}\n",
	       "3:11: duplicate interface block 'can0' (first on line 1)");
	expect("quoted names: unterminated",
	       "interface \"can0 {\n}\n",
	       "1:11: missing '\"' at the end of this string");
	expect("quoted names: empty", "interface \"\" {\n}\n",
	       "1:11: an interface name cannot be empty");
	expect("quoted names: a blank", "interface \"can 0\" {\n}\n",
	       "1:11: interface name 'can 0' contains a blank, a control character or one of # { } ;");
	expect("quoted names: a brace", "interface \"can{\" {\n}\n",
	       "1:11: interface name 'can{' contains a blank, a control character or one of # { } ;");
	expect("quoted names: a colon", "interface \"can:1\" {\n}\n",
	       "1:11: interface name 'can:1' contains ':'");
}

static void test_both(void)
{
	struct cfw_policy p;
	struct cfw_error e;
	const char *src = "interface can0 {\n"
			  "\tboth default drop\n"
			  "\trx accept id 0x100\n"
			  "\tboth drop id 0x7DF log\n"
			  "\ttx accept id 0x200\n"
			  "}\n";
	const struct cfw_dir *rx, *tx;
	bool ok = parse(src, &p, &e);

	if (!ok) {
		tap_diag("%u:%u: %s", e.pos.line, e.pos.col, e.msg);
		tap_result(false, "both: a default and a rule in each direction");
		return;
	}
	rx = &p.ifaces[0].dir[CANFW_DIR_RX];
	tx = &p.ifaces[0].dir[CANFW_DIR_TX];
	tap_result(rx->default_action == CANFW_ACTION_DROP &&
		   tx->default_action == CANFW_ACTION_DROP &&
		   rx->nrules == 2 && tx->nrules == 2 &&
		   rx->rules[1].id_lo == 0x7DF && tx->rules[0].id_lo == 0x7DF &&
		   rx->rules[1].action == CANFW_ACTION_DROP &&
		   (tx->rules[0].flags & CANFW_RULE_FLAGS_LOG) &&
		   rx->pos[1].line == 4 && tx->pos[0].line == 4 &&
		   tx->rules[1].id_lo == 0x200,
		   "both: a default and a rule in each direction, in file order");
	cfw_policy_free(&p);
	expect("both: tx refuses error-frame rules at the word",
	       "interface can0 {\n\tboth drop err\n}\n",
	       "2:2: error-frame rules apply to rx only: on tx an error flag is judged by its wire form");
	expect("both: a second default is a duplicate",
	       "interface can0 {\n\trx default drop\n\tboth default accept\n}\n",
	       "3:7: duplicate 'rx default' statement (first given on line 2)");
	expect("both: needs a rule or a default",
	       "interface can0 {\n\tboth select id 0x100\n}\n",
	       "2:7: expected 'accept', 'drop' or 'default' after 'both', got 'select'");
}

static void test_sets(void)
{
	struct cfw_policy p;
	struct cfw_error e;
	const char *src = "define DIAG = { 0x7DF, 0x7E0-0x7E7 }\n"
			  "define UDS29 = 0x18DA0000/0x1FFF0000\n"
			  "interface can0 {\n"
			  "\tboth drop id $DIAG log\n"
			  "\trx drop id {\n\t\t$DIAG,\n\t\t$UDS29,\n\t\t0x00000100,\n\t}\n"
			  "\ttx accept id { 0x100, 0x200 } eff\n"
			  "}\n";
	const struct canfw_rule_spec *r0, *r1, *t1;
	char text[CFW_RULE_TEXT_MAX];
	bool ok = parse(src, &p, &e);

	if (!ok) {
		tap_diag("%u:%u: %s", e.pos.line, e.pos.col, e.msg);
		tap_result(false, "sets: defined, inline, nested and with eff");
		return;
	}
	r0 = &p.ifaces[0].dir[CANFW_DIR_RX].rules[0];
	r1 = &p.ifaces[0].dir[CANFW_DIR_RX].rules[1];
	t1 = &p.ifaces[0].dir[CANFW_DIR_TX].rules[1];
	tap_result(p.ifaces[0].dir[CANFW_DIR_RX].nrules == 2 &&
		   r0->id_lo == 0x7DF && r0->space == CANFW_SPACE_SFF &&
		   r0->nparts == 1 && r0->parts[0].lo == 0x7E0 &&
		   r0->parts[0].hi == 0x7E7 &&
		   r1->nparts == 3 &&
		   r1->parts[1].match == CANFW_ID_MATCH_MASK &&
		   r1->parts[1].space == CANFW_SPACE_EFF &&
		   r1->parts[2].space == CANFW_SPACE_EFF &&
		   r1->parts[2].lo == 0x100 &&
		   t1->space == CANFW_SPACE_EFF && t1->nparts == 1 &&
		   t1->parts[0].space == CANFW_SPACE_EFF,
		   "sets: defined, inline, nested and with eff");
	cfw_format_rule(text, sizeof(text), r1);
	tap_result(!strcmp(text, "drop id { 0x7DF, 0x7E0-0x7E7, 0x18DA0000/0x1FFF0000, 0x00000100 }"),
		   "sets: printed as one set, each element in its space's digits");
	if (strcmp(text, "drop id { 0x7DF, 0x7E0-0x7E7, 0x18DA0000/0x1FFF0000, 0x00000100 }"))
		tap_diag("got '%s'", text);
	cfw_policy_free(&p);

	expect("sets: an undefined name", "interface can0 {\n\trx drop id $NOPE\n}\n",
	       "2:13: '$NOPE' is not defined: define it before it is used");
	expect("sets: defined twice", "define A = 1\n\ndefine A = 2\n",
	       "3:8: 'A' is already defined (on line 1)");
	expect("sets: an empty set", "interface can0 {\n\trx drop id { }\n}\n",
	       "2:13: a set needs at least one ID");
	expect("sets: not closed", "define A = { 1, 2\n",
	       "1:12: missing '}': this set is not closed");
	expect("sets: any is no element", "interface can0 {\n\trx drop id { any }\n}\n",
	       "2:15: expected an ID, a range, a mask or a $NAME in the set, got 'any'");
	expect("sets: two elements without a comma",
	       "interface can0 {\n\trx drop id { 1 2 }\n}\n",
	       "2:17: expected ',' or '}' in the set, got '2'");
	expect("sets: an element the engine refuses, at the element",
	       "interface can0 {\n\trx drop id { 0x100, 0x800 } sff\n}\n",
	       "2:22: ID does not fit the 11-bit standard ID space");
	expect("sets: a CAN XL rule takes no extended element",
	       "interface can0 {\n\trx drop xl id { 0x100, 0x18DA0000 }\n}\n",
	       "2:25: a CAN XL priority is a standard ID: xl rules cannot match extended IDs");
	expect("sets: a define used where it is wrong names the use",
	       "define X = 0x800\ninterface can0 {\n\trx drop id { 1, $X } sff\n}\n",
	       "3:18: ID does not fit the 11-bit standard ID space");
	expect("sets: '$' alone", "interface can0 {\n\trx drop id $\n}\n",
	       "2:13: expected a name after '$'");
	expect("sets: define needs '='", "define A { 1 }\n",
	       "1:10: expected '=' after the name, got '{'");
}

static void test_comments(void)
{
	struct cfw_policy p;
	struct cfw_error e;
	const char *src = "interface can0 {\n"
			  "\tcomment \"gateway to the powertrain bus\"\n"
			  "\trx drop id 0x7DF comment \"no OBD-II from outside\" log\n"
			  "\trx accept id 0x100\n"
			  "}\n";
	char text[CFW_RULE_TEXT_MAX];
	bool ok = parse(src, &p, &e);

	if (!ok) {
		tap_diag("%u:%u: %s", e.pos.line, e.pos.col, e.msg);
		tap_result(false, "comments: a block's and a rule's");
		return;
	}
	cfw_format_rule_in(text, sizeof(text), &p,
			   &p.ifaces[0].dir[CANFW_DIR_RX].rules[0]);
	tap_result(!strcmp(p.ifaces[0].comment, "gateway to the powertrain bus") &&
		   !strcmp(text, "drop id 0x7DF log comment \"no OBD-II from outside\"") &&
		   !p.ifaces[0].dir[CANFW_DIR_RX].rules[1].comment,
		   "comments: a block's and a rule's, printed last in the rule");
	cfw_policy_free(&p);
	expect("comments: twice on a rule",
	       "interface can0 {\n\trx drop comment \"a\" comment \"b\"\n}\n",
	       "2:22: duplicate 'comment' here");
	expect("comments: twice on a block",
	       "interface can0 {\n\tcomment \"a\"\n\tcomment \"b\"\n}\n",
	       "3:2: duplicate 'comment' here");
	expect("comments: unquoted",
	       "interface can0 {\n\trx drop comment gone\n}\n",
	       "2:18: expected the comment's text in quotes, got 'gone'");
	expect("comments: a tab inside",
	       "interface can0 {\n\trx drop comment \"a\tb\"\n}\n",
	       "2:18: a comment holds no control characters");
	expect("comments: 128 bytes",
	       "interface can0 {\n\trx drop comment \""
	       "0123456789012345678901234567890123456789012345678901234567890123"
	       "0123456789012345678901234567890123456789012345678901234567890123"
	       "\"\n}\n",
	       "2:18: a comment has at most 127 bytes");
}

/* The handle of the rule "rx drop id 0x7DF" of can0 in SRC. */
static u32 handle_in(const char *src, u32 index)
{
	struct cfw_policy p;
	struct cfw_error e;
	u32 h;

	if (!parse(src, &p, &e)) {
		tap_diag("%u:%u: %s", e.pos.line, e.pos.col, e.msg);
		return 0;
	}
	h = p.ifaces[0].dir[CANFW_DIR_RX].rules[index].handle;
	cfw_policy_free(&p);
	return h;
}

static void test_handles(void)
{
	u32 a = handle_in("interface can0 {\n\trx drop id 0x7DF\n}\n", 0);
	u32 b = handle_in("interface can0 {\n\trx accept id 0x100\n"
			  "\trx accept id 0x200\n\trx drop id 0x7DF\n}\n", 2);
	u32 c = handle_in("interface can0 {\n\trx drop id 0x7DF comment \"x\"\n}\n", 0);
	u32 d = handle_in("interface can0 {\n\trx drop id 0x7DE\n}\n", 0);
	u32 e = handle_in("interface can1 {\n\trx drop id 0x7DF\n}\n", 0);
	u32 t0 = handle_in("interface can0 {\n\trx drop id 0x7DF\n\trx drop id 0x7DF\n}\n", 0);
	u32 t1 = handle_in("interface can0 {\n\trx drop id 0x7DF\n\trx drop id 0x7DF\n}\n", 1);

	tap_result(a && a <= 0xFFFFFF, "handles: a rule has one, of at most 24 bits");
	tap_result(a == b, "handles: the same with rules added before it");
	tap_result(a == c, "handles: a comment does not change it");
	tap_result(a != d && a != e, "handles: another ID or entry gives another");
	tap_result(t0 == a && t1 == a % 0xFFFFFF + 1,
		   "handles: a twin takes the next free one");
}

/* A set of exactly the most elements, and one more. */
static void test_set_limit(void)
{
	char src[2048], want[128];
	size_t n;
	int i;

	n = (size_t)snprintf(src, sizeof(src), "interface can0 {\n\trx drop id {");
	for (i = 0; i < CANFW_ID_PARTS_MAX + 1; i++)
		n += (size_t)snprintf(src + n, sizeof(src) - n, " %d,", i + 1);
	snprintf(src + n, sizeof(src) - n, " }\n}\n");
	expect("sets: 32 elements", src, "ok");
	snprintf(src + n, sizeof(src) - n, " 99 }\n}\n");
	snprintf(want, sizeof(want),
		 "2:%zu: a set holds at most 32 IDs, ranges and masks", n - 15);
	expect("sets: 33 elements are refused at the 33rd", src, want);
}

static void put(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Parse DIR/NAME as canfwctl would; the error as "FILE:LINE:COL: msg". */
static const char *parse_path(const char *name, struct cfw_policy *p)
{
	static char buf[1024];
	char path[256], text[4096];
	struct cfw_error e;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return "cannot open";
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = 0;
	if (!cfw_parse_file(path, text, n, p, &e))
		return "ok";
	snprintf(buf, sizeof(buf), "%s:%u:%u: %s",
		 e.file[0] ? e.file + strlen(dir) + 1 : name,
		 e.pos.line, e.pos.col, e.msg);
	return buf;
}

/* WANT with each '@' standing for the test directory and a slash. */
static void expect_file(const char *what, const char *name, const char *want)
{
	struct cfw_policy p;
	const char *got = parse_path(name, &p);
	char buf[1024];
	size_t n = 0;

	for (; *want && n < sizeof(buf) - 64; want++)
		if (*want == '@')
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s/", dir);
		else
			buf[n++] = *want;
	buf[n] = 0;
	want = buf;

	if (!strcmp(got, "ok"))
		cfw_policy_free(&p);
	if (strcmp(got, want))
		tap_diag("got  %s\n# want %s", got, want);
	tap_result(!strcmp(got, want), "include: %s", what);
}

static void test_include(void)
{
	struct cfw_policy p;
	char sub[256];
	const char *got;

	snprintf(sub, sizeof(sub), "%s/lib", dir);
	mkdir(sub, 0755);
	put("states.canfw", "state parked\nstate driving\n");
	put("lib/diag.canfw", "# diagnostics\ninterface can1 {\n\ttx drop id 0x7DF\n}\n");
	put("lib/both.canfw", "include \"diag.canfw\"\n");
	put("main.canfw", "include \"states.canfw\"\ninclude \"lib/both.canfw\"\n"
	    "interface can0 {\n\trx accept id 0x100 in parked\n}\n");
	got = parse_path("main.canfw", &p);
	tap_result(!strcmp(got, "ok") && p.nstates == 2 && p.nifaces == 2 &&
		   !strcmp(p.ifaces[0].name, "can1") &&
		   !strcmp(p.ifaces[1].name, "can0") && p.nfiles == 3 &&
		   p.ifaces[0].dir[CANFW_DIR_TX].pos[0].line == 3 &&
		   p.ifaces[0].dir[CANFW_DIR_TX].pos[0].file == 3 &&
		   strstr(cfw_pos_file(&p, p.ifaces[0].pos, "main"),
			  "lib/diag.canfw") &&
		   p.ifaces[1].dir[CANFW_DIR_RX].pos[0].file == 0,
		   "include: states and blocks from files relative to the includer, positions kept");
	if (!strcmp(got, "ok"))
		cfw_policy_free(&p);
	else
		tap_diag("%s", got);

	put("bad.canfw", "interface can2 {\n\trx accept id 0x800 sff\n}\n");
	put("uses-bad.canfw", "\ninclude \"bad.canfw\"\n");
	expect_file("an error inside names the included file and line",
		    "uses-bad.canfw",
		    "bad.canfw:2:15: ID does not fit the 11-bit standard ID space");
	put("missing.canfw", "include \"nowhere.canfw\"\n");
	expect_file("a missing file", "missing.canfw",
		    "missing.canfw:1:9: cannot include '@nowhere.canfw': No such file or directory");
	put("loop-a.canfw", "include \"loop-b.canfw\"\n");
	put("loop-b.canfw", "\ninclude \"loop-a.canfw\"\n");
	expect_file("a cycle is refused where it closes", "loop-a.canfw",
		    "loop-b.canfw:2:9: include cycle: '@loop-a.canfw' is already being read");
	put("self.canfw", "include \"self.canfw\"\n");
	expect_file("a file including itself", "self.canfw",
		    "self.canfw:1:9: include cycle: '@self.canfw' is already being read");
	put("unquoted.canfw", "include states.canfw\n");
	expect_file("the file is quoted", "unquoted.canfw",
		    "unquoted.canfw:1:9: expected the file to include in quotes, got 'states'");
	put("dir.canfw", "include \"lib\"\n");
	expect_file("a directory", "dir.canfw",
		    "dir.canfw:1:9: cannot include '@lib': Is a directory");
	put("dup.canfw", "include \"lib/diag.canfw\"\ninclude \"lib/diag.canfw\"\n");
	expect_file("the same block twice is a duplicate", "dup.canfw",
		    "lib/diag.canfw:2:11: duplicate interface block 'can1' (first on line 2)");
	expect("include: refused without a file",
	       "include \"x.canfw\"\n",
	       "1:1: include needs a policy read from a file, to find 'x.canfw' from");
	expect("include: inside a block", "interface can0 {\n\tinclude \"x\"\n}\n",
	       "2:2: unknown keyword 'include'");
}

/* Includes nested deeper than the limit: 0 includes 1 includes 2 ... */
static void test_include_depth(void)
{
	char name[32], text[64], want[128];
	unsigned int i, n = CFW_INCLUDE_DEPTH_MAX + 1;

	for (i = 0; i <= n; i++) {
		snprintf(name, sizeof(name), "deep%u.canfw", i);
		snprintf(text, sizeof(text), "include \"deep%u.canfw\"\n", i + 1);
		put(name, i == n ? "state s\n" : text);
	}
	snprintf(want, sizeof(want),
		 "deep%u.canfw:1:1: includes nest more than %u deep",
		 CFW_INCLUDE_DEPTH_MAX, CFW_INCLUDE_DEPTH_MAX);
	expect_file("nesting deeper than the limit", "deep0.canfw", want);
	/* Exactly as deep as the limit is fine. */
	snprintf(name, sizeof(name), "deep%u.canfw", CFW_INCLUDE_DEPTH_MAX);
	put(name, "state s\n");
	expect_file("nesting up to the limit", "deep0.canfw", "ok");
}

int main(void)
{
	char rm[64];

	if (!mkdtemp(dir)) {
		tap_result(false, "a temporary directory");
		return tap_exit();
	}
	test_hex8();
	test_quoted();
	test_both();
	test_sets();
	test_set_limit();
	test_comments();
	test_handles();
	test_include();
	test_include_depth();
	snprintf(rm, sizeof(rm), "rm -rf %s", dir);
	if (system(rm) != 0)
		tap_diag("could not remove %s", dir);
	return tap_exit();
}
