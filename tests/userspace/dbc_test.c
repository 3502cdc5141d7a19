// SPDX-License-Identifier: GPL-2.0
/*
 * The DBC reader on small files written here: what real DBC files do
 * (CRLF, Latin-1, multiplexing, comments over several lines, extended IDs,
 * CAN FD lengths, timing attributes, extra senders) and what malformed
 * ones get (the line and the message).
 */
#include <string.h>
#include "tap.h"
#include "dbc.h"

#define MS	1000ULL

static const struct cfw_dbc_msg *msg(const struct cfw_dbc *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nmsgs; i++)
		if (!strcmp(d->msgs[i].name, name))
			return &d->msgs[i];
	return NULL;
}

/* "A,B": a list of names, to compare in one go. */
static const char *joined(const struct cfw_dbc_names *l)
{
	static char buf[256];
	size_t i, n = 0;

	buf[0] = 0;
	for (i = 0; i < l->n && n < sizeof(buf); i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
				      i ? "," : "", l->v[i]);
	return buf;
}

static bool parse_ok(const char *name, const char *text, size_t len,
		     struct cfw_dbc *d)
{
	struct cfw_dbc_error err;

	if (cfw_dbc_parse(text, len, d, &err)) {
		tap_diag("line %u: %s", err.line, err.msg);
		tap_result(false, "%s: parses", name);
		return false;
	}
	return true;
}

static void expect_error(const char *name, const char *text, size_t len,
			 unsigned int line, const char *want)
{
	struct cfw_dbc_error err;
	struct cfw_dbc d;
	bool ok;

	if (!cfw_dbc_parse(text, len, &d, &err)) {
		cfw_dbc_free(&d);
		tap_result(false, "%s: refused", name);
		return;
	}
	ok = err.line == line && !strcmp(err.msg, want);
	if (!ok)
		tap_diag("got line %u: %s; want line %u: %s", err.line,
			 err.msg, line, want);
	tap_result(ok, "%s: refused at line %u", name, line);
	cfw_dbc_free(&d);
}

#define ERR(name, text, line, msg) \
	expect_error(name, text, sizeof(text) - 1, line, msg)

/* The head most DBC files open with: VERSION, NS_ with its keywords, BS_. */
#define HEAD "VERSION \"\"\n\n\nNS_ :\n\tNS_DESC_\n\tCM_\n\tBA_DEF_\n" \
	"\tBA_\n\tVAL_\n\tBO_TX_BU_\n\tSG_MUL_VAL_\n\nBS_:\n\n"

static void test_basic(void)
{
	static const char text[] = HEAD
		"BU_: ECU GW DASH\n\n"
		"BO_ 256 Engine: 8 ECU\n"
		" SG_ Rpm : 0|16@1+ (0.25,0) [0|16383.75] \"rpm\"  GW,DASH\n"
		" SG_ Temp : 16|8@1- (1,-40) [-40|215] \"C\" DASH,GW,Vector__XXX\n\n"
		"BO_ 1809 Diag: 3 Vector__XXX\n"
		" SG_ Req : 0|24@1+ (1,0) [0|0] \"\" Vector__XXX\n\n";
	const struct cfw_dbc_msg *m;
	struct cfw_dbc d;

	if (!parse_ok("basic", text, sizeof(text) - 1, &d))
		return;
	tap_result(d.nmsgs == 2 && !strcmp(joined(&d.nodes), "ECU,GW,DASH"),
		   "basic: two messages, nodes from BU_ in order");
	m = msg(&d, "Engine");
	tap_result(m && m->id == 0x100 && !m->ext && !m->fd && m->len == 8 &&
		   m->line == 17 && !strcmp(joined(&m->senders), "ECU"),
		   "basic: BO_ gives ID, length, line and sender");
	tap_result(m && !strcmp(joined(&m->receivers), "GW,DASH"),
		   "basic: receivers of all signals, each once, no Vector__XXX");
	m = msg(&d, "Diag");
	tap_result(m && m->id == 0x711 && m->len == 3 && !m->senders.n &&
		   !m->receivers.n,
		   "basic: Vector__XXX is no sender and no receiver");
	tap_result(m && !m->cycle_us && !m->send_type && cfw_dbc_cyclic(m),
		   "basic: no timing attributes: no cycle time, no send type");
	tap_result(cfw_dbc_has_name(&d.nodes, "GW") &&
		   !cfw_dbc_has_name(&d.nodes, "gw"),
		   "basic: node names are case-sensitive");
	cfw_dbc_free(&d);
}

/* CRLF endings count as one line each; error lines prove it. */
static void test_crlf(void)
{
	static const char text[] =
		"VERSION \"\"\r\n\r\nBS_:\r\n\r\nBU_: A B\r\n\r\n"
		"BO_ 16 M1: 8 A\r\n"
		" SG_ S : 0|8@1+ (1,0) [0|0] \"\" B\r\n\r\n"
		"CM_ BO_ 16 \"two\r\nlines\";\r\n";
	static const char bad[] =
		"BU_: A\r\n\r\nCM_ \"x\r\ny\";\r\nBO_ 16 M1: 8\r\nBO_ 17 M2: 8 A\r\n";
	struct cfw_dbc d;

	if (parse_ok("crlf", text, sizeof(text) - 1, &d)) {
		const struct cfw_dbc_msg *m = msg(&d, "M1");

		tap_result(m && m->line == 7 && !strcmp(joined(&m->receivers), "B") &&
			   !strcmp(joined(&d.nodes), "A,B"),
			   "crlf: no CR in names, lines counted once");
		cfw_dbc_free(&d);
	}
	ERR("crlf: BO_ without sender", bad, 5,
	    "BO_ needs an ID, a name, ':', a length and a sender on its line");
}

/* Latin-1 bytes in strings and names pass as they are. */
static void test_latin1(void)
{
	static const char text[] =
		"BU_: ECU K\xD6R\n"
		"BO_ 300 Temp\xE9rature: 8 ECU\n"
		" SG_ T : 0|8@1+ (1,0) [0|0] \"\xB0" "C\" K\xD6R\n"
		"CM_ SG_ 300 T \"Temp\xE9rature in \xB0" "C; \xA9 K\xD6R\";\n"
		"VAL_ 300 T 0 \"k\xE4lt\" 1 \"hei\xDF\" ;\n";
	struct cfw_dbc d;

	if (!parse_ok("latin1", text, sizeof(text) - 1, &d))
		return;
	tap_result(d.nmsgs == 1 && !strcmp(d.msgs[0].name, "Temp\xE9rature") &&
		   !strcmp(joined(&d.msgs[0].receivers), "K\xD6R"),
		   "latin1: names and receivers byte for byte");
	cfw_dbc_free(&d);
}

static void test_multiplexed(void)
{
	static const char text[] =
		"BU_: A B C D\n"
		"BO_ 512 Mux: 8 A\n"
		" SG_ Sel M : 0|8@1+ (1,0) [0|255] \"\" B\n"
		" SG_ Low m0 : 8|16@1+ (1,0) [0|0] \"\" C\n"
		" SG_ High m1 : 8|16@1+ (1,0) [0|0] \"\" B,D\n"
		" SG_ Sub m2M : 24|8@1+ (1,0) [0|0] \"\" C\n"
		"SG_MUL_VAL_ 512 Sub Sel 2-2;\n"
		"SIG_GROUP_ 512 G 1 : Low High;\n";
	struct cfw_dbc d;

	if (!parse_ok("multiplexed", text, sizeof(text) - 1, &d))
		return;
	tap_result(d.nmsgs == 1 && !strcmp(joined(&d.msgs[0].receivers), "B,C,D"),
		   "multiplexed: M, m0, m2M signals give their receivers");
	cfw_dbc_free(&d);
}

/*
 * A comment over lines, with ';', quotes and what looks like a BO_ line:
 * one string. The error after it is on the right line.
 */
static void test_comment(void)
{
	static const char text[] =
		"BU_: A\n"
		"CM_ BO_ 1 \"first; still\n"
		"BO_ 2 Fake: 8 A\n"
		"a \\\"quoted\\\" word\n"
		"end\";\n"
		"BO_ 1 Real: 8 A\n"
		"CM_ \"no semicolon\"\n"
		"BO_ 3 After: 2 A\n";
	static const char bad[] =
		"BU_: A\nCM_ \"one\ntwo; three\nfour\";\nBO_ 2 Bad: x A\n";
	static const char open[] =
		"BU_: A\nBO_ 1 M: 8 A\n\nCM_ BO_ 1 \"never closed;\nBO_ 2 N: 8 A\n";
	struct cfw_dbc d;

	if (parse_ok("comment", text, sizeof(text) - 1, &d)) {
		tap_result(d.nmsgs == 2 && msg(&d, "Real") && msg(&d, "After") &&
			   !msg(&d, "Fake") && msg(&d, "After")->line == 8,
			   "comment: a string over lines is one token; a missing ';' costs nothing");
		cfw_dbc_free(&d);
	}
	ERR("comment: line after a 3-line comment", bad, 5,
	    "message Bad: length 'x' is none of 0 to 8, a CAN FD DLC code 9 to 15, or 12, 16, 20, 24, 32, 48, 64 bytes");
	ERR("comment: a string not closed", open, 4,
	    "string not closed: no '\"' after this one");
}

static void test_ids(void)
{
	static const char text[] =
		"BU_: A\n"
		"BO_ 2566840064 J1939: 8 A\n"		/* 0x80000000 | 0x18FEDF00 */
		"BO_ 2147485695 LowExt: 8 A\n"		/* 0x80000000 | 0x7FF */
		"BO_ 2047 Top: 8 A\n"
		"BO_ 3221225472 VECTOR__INDEPENDENT_SIG_MSG: 0 Vector__XXX\n"
		" SG_ Orphan : 0|8@1+ (1,0) [0|0] \"\" A\n";
	static const char old_pseudo[] =
		"BU_: A\nBO_ 1073741824 VECTOR__INDEPENDENT_SIG_MSG: 0 Vector__XXX\n"
		" SG_ X : 0|8@1+ (1,0) [0|0] \"\" A\nBO_ 5 M: 1 A\n";
	const struct cfw_dbc_msg *m;
	struct cfw_dbc d;

	if (parse_ok("ids", text, sizeof(text) - 1, &d)) {
		m = msg(&d, "J1939");
		tap_result(m && m->ext && m->id == 0x18FEDF00 &&
			   m->raw_id == 0x98FEDF00,
			   "ids: bit 31 makes a 29-bit ID");
		m = msg(&d, "LowExt");
		tap_result(m && m->ext && m->id == 0x7FF,
			   "ids: a 29-bit ID may be small");
		m = msg(&d, "Top");
		tap_result(m && !m->ext && m->id == 0x7FF,
			   "ids: 0x7FF is a standard ID");
		tap_result(d.nmsgs == 3 && d.has_pseudo &&
			   d.pseudo_id == 0xC0000000,
			   "ids: VECTOR__INDEPENDENT_SIG_MSG is skipped, its signals too");
		cfw_dbc_free(&d);
	}
	if (parse_ok("ids: pseudo at 0x40000000", old_pseudo,
		     sizeof(old_pseudo) - 1, &d)) {
		tap_result(d.nmsgs == 1 && d.has_pseudo &&
			   d.pseudo_id == 0x40000000 &&
			   !d.msgs[0].receivers.n,
			   "ids: the pseudo message of older tools (0x40000000)");
		cfw_dbc_free(&d);
	}
	ERR("ids: bit 30", "BU_: A\nBO_ 1073741825 M: 8 A\n", 2,
	    "message ID 1073741825 (0x40000001) sets bits above the 29-bit ID other than bit 31, the extended-ID flag");
	ERR("ids: bit 29 with bit 31", "BU_: A\n\nBO_ 2684354560 M: 8 A\n", 3,
	    "message ID 2684354560 (0xA0000000) sets bits above the 29-bit ID other than bit 31, the extended-ID flag");
	ERR("ids: 0x800 without bit 31", "BO_ 2048 M: 8 A\n", 1,
	    "message ID 2048 (0x800) does not fit 11 bits: a 29-bit ID has bit 31 (0x80000000) set");
	ERR("ids: not a number", "BO_ 0x100 M: 8 A\n", 1,
	    "message ID '0x100' is not a decimal number below 2^32");
	ERR("ids: above 32 bits", "BO_ 4294967296 M: 8 A\n", 1,
	    "message ID '4294967296' is not a decimal number below 2^32");
}

static void test_lengths(void)
{
	static const char text[] =
		"BO_ 1 L0: 0 A\nBO_ 2 L8: 8 A\nBO_ 3 Fd64: 64 A\n"
		"BO_ 4 Code9: 9 A\nBO_ 5 Code15: 15 A\nBO_ 6 Twelve: 12 A\n"
		"BO_ 7 Code13: 13 A\nBO_ 8 Fd48: 48 A\n";
	static const struct { const char *name; unsigned int len; bool fd; }
	want[] = {
		{ "L0", 0, false }, { "L8", 8, false }, { "Fd64", 64, true },
		{ "Code9", 12, true }, { "Code15", 64, true },
		{ "Twelve", 12, true }, { "Code13", 32, true },
		{ "Fd48", 48, true },
	};
	struct cfw_dbc d;
	size_t i;

	if (parse_ok("lengths", text, sizeof(text) - 1, &d)) {
		for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			const struct cfw_dbc_msg *m = msg(&d, want[i].name);

			tap_result(m && m->len == want[i].len &&
				   m->fd == want[i].fd,
				   "lengths: %s is %u bytes%s", want[i].name,
				   want[i].len, want[i].fd ? ", CAN FD" : "");
		}
		cfw_dbc_free(&d);
	}
	ERR("lengths: 65", "BO_ 1 Big: 65 A\n", 1,
	    "message Big: length '65' is none of 0 to 8, a CAN FD DLC code 9 to 15, or 12, 16, 20, 24, 32, 48, 64 bytes");
	ERR("lengths: 17", "\n\nBO_ 1 Odd: 17 A\n", 3,
	    "message Odd: length '17' is none of 0 to 8, a CAN FD DLC code 9 to 15, or 12, 16, 20, 24, 32, 48, 64 bytes");
}

#define TIMING_DEFS \
	"BA_DEF_ BO_  \"GenMsgCycleTime\" INT 0 65535;\n" \
	"BA_DEF_ BO_  \"GenMsgSendType\" ENUM  \"Cyclic\",\"Spontaneous\"," \
	"\"CyclicIfActive\",\"IfActive\",\"FixedPeriodic\",\"NoMsgSendType\";\n" \
	"BA_DEF_ SG_  \"GenSigSendType\" ENUM  \"Cyclic\",\"OnWrite\";\n"

static void test_cycle_time(void)
{
	static const char text[] =
		"BO_ 1 Dflt: 8 A\nBO_ 2 Own: 8 A\nBO_ 3 Zero: 8 A\n"
		"BO_ 4 Half: 8 A\nBO_ 5 Neg: 8 A\n"
		TIMING_DEFS
		"BA_DEF_DEF_  \"GenMsgCycleTime\" 100;\n"
		"BA_ \"GenMsgCycleTime\" BO_ 2 20;\n"
		"BA_ \"GenMsgCycleTime\" BO_ 3 0;\n"
		"BA_ \"GenMsgCycleTime\" BO_ 4 2.5;\n"
		"BA_ \"GenMsgCycleTime\" BO_ 5 -1;\n"
		"BA_ \"GenMsgCycleTime\" BO_ 99 10;\n"
		"BA_ \"GenSigCycleTime\" SG_ 2 S 7;\n";
	static const char no_default[] =
		"BO_ 1 M: 8 A\nBA_DEF_ BO_ \"GenMsgCycleTime\" INT 0 0;\n";
	struct cfw_dbc d;

	if (parse_ok("cycle time", text, sizeof(text) - 1, &d)) {
		tap_result(msg(&d, "Dflt")->cycle_us == 100 * MS,
			   "cycle time: BA_DEF_DEF_ is the default");
		tap_result(msg(&d, "Own")->cycle_us == 20 * MS,
			   "cycle time: BA_ of the message beats the default");
		tap_result(msg(&d, "Zero")->cycle_us == 0 &&
			   msg(&d, "Neg")->cycle_us == 0,
			   "cycle time: 0 and negative are none");
		tap_result(msg(&d, "Half")->cycle_us == 2500,
			   "cycle time: 2.5 ms is 2500 us");
		cfw_dbc_free(&d);
	}
	if (parse_ok("cycle time: no default", no_default,
		     sizeof(no_default) - 1, &d)) {
		tap_result(d.msgs[0].cycle_us == 0,
			   "cycle time: defined without default or value: none");
		cfw_dbc_free(&d);
	}
	ERR("cycle time: not a number",
	    "BO_ 1 M: 8 A\n\nBA_ \"GenMsgCycleTime\" BO_ 1 fast;\n", 3,
	    "GenMsgCycleTime 'fast' is not a number of milliseconds");
	ERR("cycle time: bad default",
	    "BO_ 1 M: 8 A\nBA_DEF_DEF_ \"GenMsgCycleTime\" \"\";\n", 2,
	    "GenMsgCycleTime '' is not a number of milliseconds");
	ERR("cycle time: no value", "BO_ 1 M: 8 A\nBA_ \"GenMsgCycleTime\" BO_ 1;\n",
	    2, "BA_ \"GenMsgCycleTime\" BO_ 1 has no value");
}

static void test_send_type(void)
{
	static const char text[] =
		"BO_ 1 Dflt: 8 A\nBO_ 2 Cyc: 8 A\nBO_ 3 IfAct: 8 A\n"
		"BO_ 4 CycIfAct: 8 A\nBO_ 5 Fixed: 8 A\nBO_ 6 Beyond: 8 A\n"
		"BO_ 7 None: 8 A\n"
		TIMING_DEFS
		"BA_DEF_DEF_  \"GenMsgSendType\" \"Spontaneous\";\n"
		"BA_ \"GenMsgSendType\" BO_ 2 0;\n"
		"BA_ \"GenMsgSendType\" BO_ 3 3;\n"
		"BA_ \"GenMsgSendType\" BO_ 4 2;\n"
		"BA_ \"GenMsgSendType\" BO_ 5 4;\n"
		"BA_ \"GenMsgSendType\" BO_ 6 6;\n"
		"BA_ \"GenMsgSendType\" BO_ 7 5;\n";
	static const struct { const char *msg, *type; bool cyclic; } want[] = {
		{ "Dflt", "Spontaneous", false }, { "Cyc", "Cyclic", true },
		{ "IfAct", "IfActive", false },
		{ "CycIfAct", "CyclicIfActive", true },
		{ "Fixed", "FixedPeriodic", true }, { "Beyond", "", false },
		{ "None", "NoMsgSendType", false },
	};
	struct cfw_dbc d;
	size_t i;

	if (!parse_ok("send type", text, sizeof(text) - 1, &d))
		return;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct cfw_dbc_msg *m = msg(&d, want[i].msg);

		tap_result(m && m->send_type && !strcmp(m->send_type, want[i].type) &&
			   cfw_dbc_cyclic(m) == want[i].cyclic,
			   "send type: %s is '%s', %s", want[i].msg, want[i].type,
			   want[i].cyclic ? "cyclic" : "not cyclic");
	}
	cfw_dbc_free(&d);
}

static void test_frame_format(void)
{
	static const char text[] =
		"BO_ 1 Classic: 8 A\nBO_ 2 Fd8: 8 A\nBO_ 2147483651 FdExt: 8 A\n"
		"BA_DEF_ BO_  \"VFrameFormat\" ENUM  \"StandardCAN\",\"ExtendedCAN\","
		"\"reserved\",\"reserved\",\"reserved\",\"reserved\",\"reserved\","
		"\"reserved\",\"reserved\",\"reserved\",\"reserved\",\"reserved\","
		"\"reserved\",\"reserved\",\"StandardCAN_FD\",\"ExtendedCAN_FD\";\n"
		"BA_DEF_DEF_  \"VFrameFormat\" \"StandardCAN\";\n"
		"BA_ \"VFrameFormat\" BO_ 2 14;\n"
		"BA_ \"VFrameFormat\" BO_ 2147483651 15;\n";
	struct cfw_dbc d;

	if (!parse_ok("frame format", text, sizeof(text) - 1, &d))
		return;
	tap_result(!msg(&d, "Classic")->fd && msg(&d, "Fd8")->fd &&
		   msg(&d, "Fd8")->len == 8 && msg(&d, "FdExt")->fd &&
		   msg(&d, "FdExt")->ext,
		   "frame format: VFrameFormat *_FD makes an 8-byte message CAN FD");
	cfw_dbc_free(&d);
}

static void test_tx_bu(void)
{
	static const char text[] =
		"BU_: A B C\n"
		"BO_ 100 Shared: 8 A\n"
		"BO_ 2147483848 SharedExt: 8 Vector__XXX\n"
		"BO_TX_BU_ 100 : B,C;\n"
		"BO_TX_BU_ 2147483848 : C, A;\n"
		"BO_TX_BU_ 555 : B;\n";
	struct cfw_dbc d;

	if (!parse_ok("BO_TX_BU_", text, sizeof(text) - 1, &d))
		return;
	tap_result(!strcmp(joined(&msg(&d, "Shared")->senders), "A,B,C") &&
		   !strcmp(joined(&msg(&d, "SharedExt")->senders), "C,A"),
		   "BO_TX_BU_: more senders; one for no message is ignored");
	cfw_dbc_free(&d);
	ERR("BO_TX_BU_: no ID", "BO_ 1 M: 8 A\nBO_TX_BU_ : A;\n", 2,
	    "BO_TX_BU_ needs a message ID");
}

/* Everything else a Vector file has, skipped without a trace. */
static void test_skipped(void)
{
	static const char text[] = "\xEF\xBB\xBF" HEAD
		"BU_:\n\tA\n\tB\n\n"
		"VAL_TABLE_ OnOff 1 \"On\" 0 \"Off\" ;\n"
		"BO_ 7 M: 8 A\n"
		" SG_ S : 0|1@1+ (1,0) [0|1] \"\" B\n"
		"EV_ Env: 0 [0|1] \"\" 0 1 DUMMY_NODE_VECTOR0 Vector__XXX;\n"
		"ENVVAR_DATA_ Env: 4;\n"
		"CM_ EV_ Env \"x\";\n"
		"BA_DEF_ BU_ \"NodeLayer\" STRING ;\n"
		"BA_DEF_REL_ BU_SG_REL_ \"Rel\" INT 0 1;\n"
		"BA_ \"NodeLayer\" BU_ A \"x\";\n"
		"VAL_ 7 S 1 \"On\" 0 \"Off\" ;\n"
		"SIG_VALTYPE_ 7 S : 1;\n"
		"BU_SG_REL_ B SG_ 7 S;\n"
		"FUTURE_KEYWORD_ 1 2 3\n"
		"BO_ 8 N: 1 B\n";
	struct cfw_dbc d;

	if (!parse_ok("skipped", text, sizeof(text) - 1, &d))
		return;
	tap_result(d.nmsgs == 2 && msg(&d, "N") && msg(&d, "N")->line == 32 &&
		   !strcmp(joined(&d.nodes), "A,B") &&
		   !strcmp(joined(&msg(&d, "M")->receivers), "B"),
		   "skipped: BOM, NS_, BS_, BU_ over lines, EV_, VAL_..., unknown keywords");
	cfw_dbc_free(&d);
}

static void test_malformed(void)
{
	ERR("malformed: SG_ before any BO_", "BU_: A\n SG_ S : 0|8@1+ (1,0) [0|0] \"\" A\n",
	    2, "SG_ without a message: no BO_ before it");
	ERR("malformed: SG_ without unit", "BO_ 1 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|0]\n"
	    "BO_ 2 N: 8 A\n", 2,
	    "SG_ without its unit (\"...\") and receivers on its line");
	ERR("malformed: BO_ without ':'", "BO_ 1 M 8 A\n", 1,
	    "BO_ needs an ID, a name, ':', a length and a sender on its line");
	ERR("malformed: BO_ over two lines", "\nBO_ 1 M:\n 8 A\n", 2,
	    "BO_ needs an ID, a name, ':', a length and a sender on its line");
	expect_error("malformed: NUL byte", "BO_ 1 M: 8 A\nBO_\0", 17, 2,
		     "NUL byte: not a text file");
}

static void test_empty(void)
{
	struct cfw_dbc d;

	if (parse_ok("empty", "", 0, &d)) {
		tap_result(d.nmsgs == 0 && d.nodes.n == 0,
			   "empty: no messages, no nodes");
		cfw_dbc_free(&d);
	}
}

int main(void)
{
	test_basic();
	test_crlf();
	test_latin1();
	test_multiplexed();
	test_comment();
	test_ids();
	test_lengths();
	test_cycle_time();
	test_send_type();
	test_frame_format();
	test_tx_bu();
	test_skipped();
	test_malformed();
	test_empty();
	return tap_exit();
}
