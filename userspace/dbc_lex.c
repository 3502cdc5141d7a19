// SPDX-License-Identifier: GPL-2.0
/*
 * The DBC reader's tokens: words, quoted strings (which may span lines
 * and hold ';') and punctuation, each knowing its line and whether it
 * opens it, so that a statement the reader skips ends at its ';' or at
 * the next line opening with a keyword, whichever comes first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "dbc_int.h"

/* Every statement keyword: a line opening with one ends a skipped statement. */
static const char *const keywords[] = {
	"VERSION", "NS_", "NS_DESC_", "BS_", "BU_", "BO_", "SG_", "EV_",
	"CM_", "BA_DEF_", "BA_", "VAL_", "CAT_DEF_", "CAT_", "FILTER",
	"BA_DEF_DEF_", "EV_DATA_", "ENVVAR_DATA_", "SGTYPE_", "SGTYPE_VAL_",
	"BA_DEF_SGTYPE_", "BA_SGTYPE_", "SIG_TYPE_REF_", "VAL_TABLE_",
	"SIG_GROUP_", "SIG_VALTYPE_", "SIGTYPE_VALTYPE_", "BO_TX_BU_",
	"BA_DEF_REL_", "BA_REL_", "BA_DEF_DEF_REL_", "BU_SG_REL_",
	"BU_EV_REL_", "BU_BO_REL_", "SG_MUL_VAL_",
};

__attribute__((format(printf, 3, 4)))
int dbc_fail(struct dbc_parser *ps, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	ps->err->line = line;
	va_start(ap, fmt);
	vsnprintf(ps->err->msg, sizeof(ps->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int dbc_oom(struct dbc_parser *ps)
{
	return dbc_fail(ps, 0, "out of memory");
}

bool dbc_tok_is(const struct tok *t, const char *word)
{
	return t->type == TOK_WORD && t->len == strlen(word) &&
	       !memcmp(t->s, word, t->len);
}

bool dbc_tok_mark(const struct tok *t, char c)
{
	return t->type == TOK_PUNCT && *t->s == c;
}

bool dbc_is_keyword(const struct tok *t)
{
	size_t i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (dbc_tok_is(t, keywords[i]))
			return true;
	return false;
}

static bool is_mark(char c)
{
	return c && strchr(":;,|@()[]", c);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Blanks and line ends; "\r\n" ends a line once, as "\n" does. */
static void skip_blanks(struct dbc_parser *ps)
{
	for (; ps->p < ps->end; ps->p++) {
		if (*ps->p == '\n') {
			ps->line++;
			ps->at_bol = true;
			ps->indented = false;
		} else if (is_blank(*ps->p)) {
			ps->indented = ps->at_bol;
		} else {
			break;
		}
	}
}

/* After the opening quote; a backslash escapes the next byte. */
static int lex_string(struct dbc_parser *ps, struct tok *t)
{
	const char *q = ++ps->p;

	while (ps->p < ps->end && *ps->p != '"') {
		if (*ps->p == '\\' && ps->p + 1 < ps->end)
			ps->p++;
		if (*ps->p == '\n')
			ps->line++;
		ps->p++;
	}
	if (ps->p == ps->end)
		return dbc_fail(ps, t->line, "string not closed: no '\"' after this one");
	t->s = q;
	t->len = (size_t)(ps->p - q);
	ps->p++;
	return 0;
}

int dbc_next(struct dbc_parser *ps)
{
	struct tok *t = &ps->tok;
	char c;

	skip_blanks(ps);
	t->line = ps->line;
	t->bol = ps->at_bol || ps->p == ps->end;
	t->indented = ps->indented;
	ps->at_bol = false;
	ps->indented = false;
	if (ps->p == ps->end) {
		t->type = TOK_EOF;
		t->s = "";
		t->len = 0;
		return 0;
	}
	c = *ps->p;
	if (!c)
		return dbc_fail(ps, t->line, "NUL byte: not a text file");
	if (c == '"') {
		t->type = TOK_STRING;
		return lex_string(ps, t);
	}
	t->s = ps->p;
	if (is_mark(c)) {
		t->type = TOK_PUNCT;
		ps->p++;
	} else {
		t->type = TOK_WORD;
		while (ps->p < ps->end && *ps->p && *ps->p != '"' &&
		       *ps->p != '\n' && !is_blank(*ps->p) && !is_mark(*ps->p))
			ps->p++;
	}
	t->len = (size_t)(ps->p - t->s);
	return 0;
}

/* Where a ';'-terminated statement ends, even one that lacks its ';'. */
bool dbc_at_end(const struct tok *t)
{
	return t->type == TOK_EOF || dbc_tok_mark(t, ';') ||
	       (t->bol && dbc_is_keyword(t));
}

int dbc_skip_statement(struct dbc_parser *ps)
{
	while (!dbc_at_end(&ps->tok))
		if (dbc_next(ps))
			return -1;
	return dbc_tok_mark(&ps->tok, ';') ? dbc_next(ps) : 0;
}

int dbc_skip_line(struct dbc_parser *ps)
{
	while (!ps->tok.bol)
		if (dbc_next(ps))
			return -1;
	return 0;
}

/* A decimal number up to MAX, digits only, as DBC files write IDs. */
bool dbc_tok_uint(const struct tok *t, unsigned long max,
		     unsigned long *v)
{
	size_t i;

	if (t->type != TOK_WORD || !t->len)
		return false;
	*v = 0;
	for (i = 0; i < t->len; i++) {
		unsigned int dig = (unsigned char)t->s[i] - '0';

		if (dig > 9 || *v > (max - dig) / 10)
			return false;
		*v = *v * 10 + dig;
	}
	return true;
}
