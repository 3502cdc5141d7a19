// SPDX-License-Identifier: GPL-2.0
/*
 * The DBC reader's statements: BU_ (the nodes), BO_ and SG_ (messages,
 * their senders and receivers), BO_TX_BU_, and the attribute statements
 * that give a message's cycle time, send type and frame format. Every
 * other statement is skipped (dbc_lex.c says where one ends), and once
 * the whole file is read each message's timing is resolved from its own
 * attribute values or their defaults.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "dbc_int.h"

static const char *const attr_names[CFW_DBC_NATTRS] = {
	[CFW_DBC_CYCLE_TIME] = "GenMsgCycleTime",
	[CFW_DBC_SEND_TYPE] = "GenMsgSendType",
	[CFW_DBC_FRAME_FORMAT] = "VFrameFormat",
};

/* The words of the names: ASCII or Latin-1, compared byte for byte. */
static int names_append(struct cfw_dbc_names *l, const char *s, size_t len)
{
	char *dup;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	dup = strndup(s, len);
	if (!dup)
		return -1;
	l->v[l->n++] = dup;
	return 0;
}

static bool names_have(const struct cfw_dbc_names *l, const char *s,
		       size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == len && !memcmp(l->v[i], s, len))
			return true;
	return false;
}

bool cfw_dbc_has_name(const struct cfw_dbc_names *l, const char *name)
{
	return names_have(l, name, strlen(name));
}

/* A node to a list of nodes: once, and never "no node". */
static int add_node(struct dbc_parser *ps, struct cfw_dbc_names *l,
		    const struct tok *t)
{
	if (dbc_tok_is(t, CFW_DBC_NO_NODE) || names_have(l, t->s, t->len))
		return 0;
	return names_append(l, t->s, t->len) ? dbc_oom(ps) : 0;
}

static void names_free(struct cfw_dbc_names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int set_value(struct dbc_parser *ps, struct cfw_dbc_value *v)
{
	char *text = strndup(ps->tok.s, ps->tok.len);

	if (!text)
		return dbc_oom(ps);
	free(v->text);
	v->text = text;
	v->quoted = ps->tok.type == TOK_STRING;
	v->line = ps->tok.line;
	return 0;
}

static int cmp_key(const void *a, const void *b)
{
	const struct cfw_dbc_key *x = a, *y = b;

	if (x->raw_id != y->raw_id)
		return x->raw_id < y->raw_id ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The message the file writes as RAW (the first, if two share it), or
 * NULL. BA_ lines come in thousands, after every BO_: sort once.
 */
static int find_msg(struct dbc_parser *ps, unsigned long raw,
		    struct cfw_dbc_msg **m)
{
	struct cfw_dbc *d = ps->d;
	size_t lo = 0, hi, i;

	if (d->nby_id != d->nmsgs) {
		struct cfw_dbc_key *k = realloc(d->by_id, (d->nmsgs + 1) *
						sizeof(*k));

		if (!k)
			return dbc_oom(ps);
		for (i = 0; i < d->nmsgs; i++)
			k[i] = (struct cfw_dbc_key){ d->msgs[i].raw_id, i };
		qsort(k, d->nmsgs, sizeof(*k), cmp_key);
		d->by_id = k;
		d->nby_id = d->nmsgs;
	}
	hi = d->nby_id;
	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if (d->by_id[i].raw_id < raw)
			lo = i + 1;
		else
			hi = i;
	}
	*m = lo < d->nby_id && d->by_id[lo].raw_id == raw ?
	     &d->msgs[d->by_id[lo].index] : NULL;
	return 0;
}

/* NS_ : and the keywords it lists, one an indented line, up to BS_. */
static int parse_ns(struct dbc_parser *ps, unsigned int line)
{
	(void)line;
	while (ps->tok.type != TOK_EOF && (!ps->tok.bol || ps->tok.indented) &&
	       !(ps->tok.bol && (dbc_tok_is(&ps->tok, "BS_") ||
				 dbc_tok_is(&ps->tok, "BU_") ||
				 dbc_tok_is(&ps->tok, "BO_"))))
		if (dbc_next(ps))
			return -1;
	return 0;
}

static int parse_rest_of_line(struct dbc_parser *ps, unsigned int line)
{
	(void)line;
	return dbc_skip_line(ps);
}

/* BU_: NODE... on its line and on indented lines after it. */
static int parse_bu(struct dbc_parser *ps, unsigned int line)
{
	(void)line;
	if (dbc_tok_mark(&ps->tok, ':') && dbc_next(ps))
		return -1;
	while (ps->tok.type == TOK_WORD && !dbc_is_keyword(&ps->tok) &&
	       (!ps->tok.bol || ps->tok.indented)) {
		if (add_node(ps, &ps->d->nodes, &ps->tok) || dbc_next(ps))
			return -1;
	}
	return 0;
}

/* The next token of a BO_ line, of type TYPE (a mark: MARK). */
static int bo_take(struct dbc_parser *ps, unsigned int line,
		   enum tok_type type, char mark, struct tok *t)
{
	if (ps->tok.bol || ps->tok.type != type ||
	    (type == TOK_PUNCT && !dbc_tok_mark(&ps->tok, mark)))
		return dbc_fail(ps, line,
			    "BO_ needs an ID, a name, ':', a length and a sender on its line");
	*t = ps->tok;
	return dbc_next(ps);
}

/*
 * The payload length of a DLC field. DBC files write a CAN FD length as
 * the byte count (64), some as its DLC code (9 to 15). 12 is both: as a
 * byte count it is valid, and byte counts are what DBC files write.
 */
static bool dlc_len(unsigned long v, unsigned int *len)
{
	static const unsigned char fd_len[] = { 12, 16, 20, 24, 32, 48, 64 };
	size_t i;

	if (v <= 8) {
		*len = (unsigned int)v;
		return true;
	}
	for (i = 0; i < sizeof(fd_len); i++)
		if (v == fd_len[i]) {
			*len = (unsigned int)v;
			return true;
		}
	if (v <= 15) {
		*len = fd_len[v - 9];
		return true;
	}
	return false;
}

/* The ID a BO_ writes: bit 31 marks a 29-bit ID, nothing else above it. */
static int check_id(struct dbc_parser *ps, unsigned int line,
		    unsigned long raw)
{
	if (raw & 0x60000000UL)
		return dbc_fail(ps, line,
			    "message ID %lu (0x%lX) sets bits above the 29-bit ID other than bit 31, the extended-ID flag",
			    raw, raw);
	if (!(raw & 0x80000000UL) && raw > 0x7FF)
		return dbc_fail(ps, line,
			    "message ID %lu (0x%lX) does not fit 11 bits: a 29-bit ID has bit 31 (0x80000000) set",
			    raw, raw);
	return 0;
}

static int add_msg(struct dbc_parser *ps, struct cfw_dbc_msg **m)
{
	struct cfw_dbc *d = ps->d;

	if (d->nmsgs == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 64;
		struct cfw_dbc_msg *v = realloc(d->msgs, cap * sizeof(*v));

		if (!v)
			return dbc_oom(ps);
		d->msgs = v;
		d->cap = cap;
	}
	*m = &d->msgs[d->nmsgs];
	memset(*m, 0, sizeof(**m));
	ps->cur = d->nmsgs++;
	return 0;
}

/* BO_ ID NAME: LENGTH SENDER */
static int parse_bo(struct dbc_parser *ps, unsigned int line)
{
	struct tok id = { 0 }, name = { 0 }, colon, dlc = { 0 }, sender;
	struct cfw_dbc_msg *m = NULL;
	unsigned long raw, len;
	unsigned int bytes;

	if (bo_take(ps, line, TOK_WORD, 0, &id) ||
	    bo_take(ps, line, TOK_WORD, 0, &name) ||
	    bo_take(ps, line, TOK_PUNCT, ':', &colon) ||
	    bo_take(ps, line, TOK_WORD, 0, &dlc) ||
	    bo_take(ps, line, TOK_WORD, 0, &sender))
		return -1;
	if (!dbc_tok_uint(&id, 0xFFFFFFFFUL, &raw))
		return dbc_fail(ps, line, "message ID '%.*s' is not a decimal number below 2^32",
			    (int)id.len, id.s);
	ps->cur = NO_MSG;
	ps->in_pseudo = dbc_tok_is(&name, CFW_DBC_PSEUDO_MSG);
	if (ps->in_pseudo) {
		ps->d->has_pseudo = true;
		ps->d->pseudo_id = (unsigned int)raw;
		return dbc_skip_line(ps);
	}
	if (!dbc_tok_uint(&dlc, 0xFFFF, &len) || !dlc_len(len, &bytes))
		return dbc_fail(ps, line,
			    "message %.*s: length '%.*s' is none of 0 to 8, a CAN FD DLC code 9 to 15, or 12, 16, 20, 24, 32, 48, 64 bytes",
			    (int)name.len, name.s, (int)dlc.len, dlc.s);
	if (check_id(ps, line, raw) || add_msg(ps, &m))
		return -1;
	m->raw_id = (unsigned int)raw;
	m->ext = raw & 0x80000000UL;
	m->id = (unsigned int)(raw & 0x1FFFFFFFUL);
	m->len = bytes;
	m->fd = bytes > 8;
	m->line = line;
	m->name = strndup(name.s, name.len);
	if (!m->name)
		return dbc_oom(ps);
	if (add_node(ps, &m->senders, &sender))
		return -1;
	return dbc_skip_line(ps);
}

/*
 * SG_ NAME [MUX] : START|SIZE@ORDER (FACTOR,OFFSET) [MIN|MAX] "UNIT" RX,...
 * Only the receivers matter: the words after the unit string.
 */
static int parse_sg(struct dbc_parser *ps, unsigned int line)
{
	struct cfw_dbc_names *rx;

	if (ps->in_pseudo)
		return dbc_skip_line(ps);
	if (ps->cur == NO_MSG)
		return dbc_fail(ps, line, "SG_ without a message: no BO_ before it");
	rx = &ps->d->msgs[ps->cur].receivers;
	while (ps->tok.type != TOK_STRING) {
		if (ps->tok.bol)
			return dbc_fail(ps, line,
				    "SG_ without its unit (\"...\") and receivers on its line");
		if (dbc_next(ps))
			return -1;
	}
	if (dbc_next(ps))
		return -1;
	while (!ps->tok.bol) {
		if (ps->tok.type == TOK_WORD && add_node(ps, rx, &ps->tok))
			return -1;
		if (dbc_next(ps))
			return -1;
	}
	return 0;
}

/* BO_TX_BU_ ID : NODE,...; the message's other senders. */
static int parse_tx_bu(struct dbc_parser *ps, unsigned int line)
{
	struct cfw_dbc_msg *m;
	unsigned long raw;

	if (!dbc_tok_uint(&ps->tok, 0xFFFFFFFFUL, &raw))
		return dbc_fail(ps, line, "BO_TX_BU_ needs a message ID");
	if (find_msg(ps, raw, &m) || dbc_next(ps))
		return -1;
	while (!dbc_at_end(&ps->tok)) {
		if (m && ps->tok.type == TOK_WORD &&
		    add_node(ps, &m->senders, &ps->tok))
			return -1;
		if (dbc_next(ps))
			return -1;
	}
	return dbc_skip_statement(ps);
}

static int attr_find(const struct tok *t)
{
	int a;

	for (a = 0; t->type == TOK_STRING && a < CFW_DBC_NATTRS; a++)
		if (t->len == strlen(attr_names[a]) &&
		    !memcmp(t->s, attr_names[a], t->len))
			return a;
	return -1;
}

/* BA_DEF_ BO_ "NAME" TYPE ...; an ENUM's values are the names by index. */
static int parse_ba_def(struct dbc_parser *ps, unsigned int line)
{
	struct cfw_dbc_attr_def *def;
	int a;

	(void)line;
	if (!dbc_tok_is(&ps->tok, "BO_"))
		return dbc_skip_statement(ps);
	if (dbc_next(ps))
		return -1;
	a = attr_find(&ps->tok);
	if (a < 0)
		return dbc_skip_statement(ps);
	def = &ps->d->attrs[a];
	names_free(&def->enums);
	if (dbc_next(ps))
		return -1;
	if (!dbc_tok_is(&ps->tok, "ENUM"))
		return dbc_skip_statement(ps);
	for (;;) {
		if (dbc_next(ps))
			return -1;
		if (dbc_at_end(&ps->tok))
			return dbc_skip_statement(ps);
		if (ps->tok.type == TOK_STRING &&
		    names_append(&def->enums, ps->tok.s, ps->tok.len))
			return dbc_oom(ps);
	}
}

/* BA_DEF_DEF_ "NAME" VALUE; */
static int parse_ba_def_def(struct dbc_parser *ps, unsigned int line)
{
	int a = attr_find(&ps->tok);

	(void)line;
	if (a < 0)
		return dbc_skip_statement(ps);
	if (dbc_next(ps))
		return -1;
	if (ps->tok.type != TOK_WORD && ps->tok.type != TOK_STRING)
		return dbc_skip_statement(ps);
	if (set_value(ps, &ps->d->attrs[a].def) || dbc_next(ps))
		return -1;
	return dbc_skip_statement(ps);
}

/* BA_ "NAME" BO_ ID VALUE; other objects' attributes are skipped. */
static int parse_ba(struct dbc_parser *ps, unsigned int line)
{
	struct cfw_dbc_msg *m;
	unsigned long raw;
	int a = attr_find(&ps->tok);

	if (a < 0)
		return dbc_skip_statement(ps);
	if (dbc_next(ps))
		return -1;
	if (!dbc_tok_is(&ps->tok, "BO_"))
		return dbc_skip_statement(ps);
	if (dbc_next(ps))
		return -1;
	if (!dbc_tok_uint(&ps->tok, 0xFFFFFFFFUL, &raw))
		return dbc_fail(ps, line, "BA_ \"%s\" BO_ needs a message ID",
			    attr_names[a]);
	if (find_msg(ps, raw, &m) || dbc_next(ps))
		return -1;
	if (ps->tok.type != TOK_WORD && ps->tok.type != TOK_STRING)
		return dbc_fail(ps, line, "BA_ \"%s\" BO_ %lu has no value",
			    attr_names[a], raw);
	/* Messages the file no longer has keep their attributes. */
	if (m && set_value(ps, &m->attr[a]))
		return -1;
	if (dbc_next(ps))
		return -1;
	return dbc_skip_statement(ps);
}

static const struct {
	const char *keyword;
	int (*parse)(struct dbc_parser *ps, unsigned int line);
} statements[] = {
	{ "VERSION", parse_rest_of_line },
	{ "NS_", parse_ns },
	{ "BS_", parse_rest_of_line },
	{ "BU_", parse_bu },
	{ "BO_", parse_bo },
	{ "SG_", parse_sg },
	{ "BO_TX_BU_", parse_tx_bu },
	{ "BA_DEF_", parse_ba_def },
	{ "BA_DEF_DEF_", parse_ba_def_def },
	{ "BA_", parse_ba },
};

static int parse_statements(struct dbc_parser *ps)
{
	while (ps->tok.type != TOK_EOF) {
		unsigned int line = ps->tok.line;
		size_t i;

		for (i = 0; i < sizeof(statements) / sizeof(statements[0]); i++)
			if (dbc_tok_is(&ps->tok, statements[i].keyword))
				break;
		if (dbc_next(ps))
			return -1;
		if (i < sizeof(statements) / sizeof(statements[0])) {
			if (statements[i].parse(ps, line))
				return -1;
		} else if (dbc_skip_statement(ps)) {
			return -1;
		}
	}
	return 0;
}

/* M's value of attribute A, else the attribute's default, else NULL. */
static const struct cfw_dbc_value *value_of(const struct cfw_dbc *d,
					    const struct cfw_dbc_msg *m, int a)
{
	if (m->attr[a].text)
		return &m->attr[a];
	return d->attrs[a].def.text ? &d->attrs[a].def : NULL;
}

/*
 * An enum attribute's value by name: BA_ gives the index, BA_DEF_DEF_ the
 * name. An index the enum does not have names nothing: "".
 */
static const char *enum_name(const struct cfw_dbc *d,
			     const struct cfw_dbc_msg *m, int a)
{
	const struct cfw_dbc_value *v = value_of(d, m, a);
	const struct cfw_dbc_names *e = &d->attrs[a].enums;
	struct tok t = { .type = TOK_WORD };
	unsigned long i;

	if (!v)
		return NULL;
	if (v->quoted || !e->n)
		return v->text;
	t.s = v->text;
	t.len = strlen(v->text);
	return dbc_tok_uint(&t, 0xFFFFFFFFUL, &i) && i < e->n ? e->v[i] : "";
}

/*
 * A cycle time in ms, as a whole or decimal number, to microseconds.
 * Zero and negative times mean none; huge ones are capped, far above
 * anything a policy can time.
 */
static bool cycle_us(const char *s, unsigned long long *us)
{
	unsigned long long ms = 0, frac = 0, scale = 1000;
	bool neg = *s == '-', digits = false;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++, digits = true)
		if (ms < 1000000000000ULL)
			ms = ms * 10 + (unsigned int)(*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits = true)
			if (scale /= 10)
				frac += (unsigned int)(*s - '0') * scale;
	if (*s || !digits)
		return false;
	*us = neg ? 0 : ms * 1000 + frac;
	return true;
}

static int resolve(struct dbc_parser *ps)
{
	struct cfw_dbc *d = ps->d;
	size_t i;

	for (i = 0; i < d->nmsgs; i++) {
		struct cfw_dbc_msg *m = &d->msgs[i];
		const struct cfw_dbc_value *v = value_of(d, m, CFW_DBC_CYCLE_TIME);
		const char *ff = enum_name(d, m, CFW_DBC_FRAME_FORMAT);
		size_t n = ff ? strlen(ff) : 0;

		if (v && !cycle_us(v->text, &m->cycle_us))
			return dbc_fail(ps, v->line,
				    "GenMsgCycleTime '%s' is not a number of milliseconds",
				    v->text);
		m->send_type = enum_name(d, m, CFW_DBC_SEND_TYPE);
		/* StandardCAN_FD, ExtendedCAN_FD: CAN FD frames of any length. */
		if (n >= 3 && !strcasecmp(ff + n - 3, "_FD"))
			m->fd = true;
	}
	return 0;
}

int cfw_dbc_parse(const char *text, size_t len, struct cfw_dbc *d,
		  struct cfw_dbc_error *err)
{
	struct dbc_parser ps = {
		.p = text, .end = text + len, .line = 1, .at_bol = true,
		.d = d, .err = err, .cur = NO_MSG,
	};

	memset(d, 0, sizeof(*d));
	memset(err, 0, sizeof(*err));
	/* Some editors open a file with a UTF-8 byte order mark. */
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		ps.p += 3;
	if (dbc_next(&ps) || parse_statements(&ps) || resolve(&ps)) {
		cfw_dbc_free(d);
		return -1;
	}
	return 0;
}

static void value_free(struct cfw_dbc_value *v)
{
	free(v->text);
	v->text = NULL;
}

void cfw_dbc_free(struct cfw_dbc *d)
{
	size_t i;
	int a;

	for (i = 0; i < d->nmsgs; i++) {
		struct cfw_dbc_msg *m = &d->msgs[i];

		free(m->name);
		names_free(&m->senders);
		names_free(&m->receivers);
		for (a = 0; a < CFW_DBC_NATTRS; a++)
			value_free(&m->attr[a]);
	}
	for (a = 0; a < CFW_DBC_NATTRS; a++) {
		names_free(&d->attrs[a].enums);
		value_free(&d->attrs[a].def);
	}
	names_free(&d->nodes);
	free(d->msgs);
	free(d->by_id);
	memset(d, 0, sizeof(*d));
}

/*
 * Cyclic: no send type, or one whose name says "cyclic" or "periodic" in
 * any case. That takes Vector's Cyclic, CyclicIfActive,
 * CyclicAndSpontaneous... and OEM names such as Ford's FixedPeriodic and
 * EventPeriodic, and leaves out Spontaneous, Event, IfActive, OnChange,
 * NoMsgSendType, NotUsed and an index its enum does not have: a message
 * sent on events has no period to keep, whatever cycle time it is given.
 */
bool cfw_dbc_cyclic(const struct cfw_dbc_msg *m)
{
	return !m->send_type || strcasestr(m->send_type, "cyclic") ||
	       strcasestr(m->send_type, "periodic");
}
