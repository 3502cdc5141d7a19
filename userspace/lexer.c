// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include "lexer.h"

#ifndef U64_MAX
#define U64_MAX	((u64)~0ULL)
#endif

void cfw_lex_init(struct cfw_lexer *lx, const char *text, size_t len)
{
	lx->p = text;
	lx->end = text + len;
	lx->line_start = text;
	lx->line = 1;
	lx->file = 0;
}

static bool is_word_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_word_char(char c)
{
	return is_word_start(c) || is_digit(c) || c == '-';
}

static int hexval(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void lex_error(struct cfw_error *err, const struct cfw_token *t,
		      const char *fmt, const char *what)
{
	err->pos = t->pos;
	err->len = t->len ? t->len : 1;
	snprintf(err->msg, sizeof(err->msg), fmt, what);
}

static void skip_blank(struct cfw_lexer *lx)
{
	while (lx->p < lx->end) {
		char c = *lx->p;

		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
		    c == '\v') {
			lx->p++;
		} else if (c == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else {
			break;
		}
	}
}

static bool is_unit(const char *s, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			return false;
	return true;
}

static void start_token(struct cfw_lexer *lx, struct cfw_token *t)
{
	t->s = lx->p;
	t->len = 0;
	t->num = 0;
	t->num64 = 0;
	t->unit = 0;
	t->hex8 = false;
	t->quoted = false;
	t->pos.file = lx->file;
	t->pos.line = lx->line;
	t->pos.col = (unsigned int)(lx->p - lx->line_start) + 1;
}

/*
 * Decimal or 0x hex, always unsigned and at most max (32 bits, or 64 for
 * cfw_lex_u64). A leading zero does not mean octal: "010" is ten, as a
 * reader of a policy would expect. Letters after a decimal number are its
 * unit ("10ms"); the parser says where a unit is wanted.
 */
static int lex_number(struct cfw_token *t, u64 max, struct cfw_error *err)
{
	char text[64];
	u64 v = 0;
	unsigned int i = 0, base = 10;
	bool any = false;

	snprintf(text, sizeof(text), "%.*s", (int)(t->len > 40 ? 40 : t->len),
		 t->s);
	if (t->len > 2 && t->s[0] == '0' && (t->s[1] == 'x' || t->s[1] == 'X')) {
		base = 16;
		i = 2;
		/* candump's notation: eight digits make an extended ID. */
		t->hex8 = t->len == 10;
	}
	for (; i < t->len; i++) {
		int d = hexval(t->s[i]);

		if (base == 10 && any && is_unit(t->s + i, t->len - i)) {
			t->unit = t->len - i;
			break;
		}
		if (d < 0 || (unsigned int)d >= base) {
			lex_error(err, t, "bad number '%s'", text);
			return -1;
		}
		if (v > (max - (unsigned int)d) / base) {
			lex_error(err, t, "number '%s' is too large", text);
			return -1;
		}
		v = v * base + (unsigned int)d;
		any = true;
	}
	if (!any) {
		lex_error(err, t, "bad number '%s'", text);
		return -1;
	}
	t->num = (u32)v;
	t->num64 = v;
	return 0;
}

static int lex(struct cfw_lexer *lx, struct cfw_token *t, u64 max,
	       struct cfw_error *err)
{
	char c, what[16];

	skip_blank(lx);
	start_token(lx, t);
	if (lx->p >= lx->end) {
		t->type = CFW_T_EOF;
		return 0;
	}
	c = *lx->p;
	if (is_digit(c)) {
		while (lx->p < lx->end &&
		       (is_word_start(*lx->p) || is_digit(*lx->p)))
			lx->p++;
		t->len = (unsigned int)(lx->p - t->s);
		t->type = CFW_T_NUMBER;
		return lex_number(t, max, err);
	}
	if (is_word_start(c)) {
		while (lx->p < lx->end && is_word_char(*lx->p))
			lx->p++;
		t->len = (unsigned int)(lx->p - t->s);
		t->type = CFW_T_WORD;
		return 0;
	}
	t->len = 1;
	switch (c) {
	case '\n':
		t->type = CFW_T_NEWLINE;
		lx->p++;
		lx->line++;
		lx->line_start = lx->p;
		return 0;
	case ';':
		t->type = CFW_T_SEMI;
		break;
	case '{':
		t->type = CFW_T_LBRACE;
		break;
	case '}':
		t->type = CFW_T_RBRACE;
		break;
	case '/':
		t->type = CFW_T_SLASH;
		break;
	case '-':
		t->type = CFW_T_DASH;
		break;
	case '[':
		t->type = CFW_T_LBRACKET;
		break;
	case ']':
		t->type = CFW_T_RBRACKET;
		break;
	case ':':
		t->type = CFW_T_COLON;
		break;
	case ',':
		t->type = CFW_T_COMMA;
		break;
	case '=':
		t->type = CFW_T_EQUALS;
		break;
	case '$':
		/* The name that follows, as a word: "$DIAG". */
		lx->p++;
		while (lx->p < lx->end && is_word_char(*lx->p))
			lx->p++;
		t->len = (unsigned int)(lx->p - t->s);
		if (t->len == 1 || !is_word_start(t->s[1])) {
			lex_error(err, t, "%s", "expected a name after '$'");
			return -1;
		}
		t->type = CFW_T_VAR;
		return 0;
	default:
		if (c > ' ' && c < 0x7f)
			snprintf(what, sizeof(what), "'%c'", c);
		else
			snprintf(what, sizeof(what), "byte 0x%02X",
				 (unsigned char)c);
		lex_error(err, t, "unexpected character %s", what);
		return -1;
	}
	lx->p++;
	return 0;
}

int cfw_lex(struct cfw_lexer *lx, struct cfw_token *t, struct cfw_error *err)
{
	return lex(lx, t, U32_MAX, err);
}

int cfw_lex_u64(struct cfw_lexer *lx, struct cfw_token *t,
		struct cfw_error *err)
{
	return lex(lx, t, U64_MAX, err);
}

static bool is_name_char(char c)
{
	return c > ' ' && c < 0x7f && c != '{' && c != '}' && c != ';' &&
	       c != '#';
}

/* After the opening quote: the text up to the closing one, on one line. */
static int lex_quoted(struct cfw_lexer *lx, struct cfw_token *t,
		      struct cfw_error *err)
{
	const char *q = ++lx->p;

	while (lx->p < lx->end && *lx->p != '"' && *lx->p != '\n')
		lx->p++;
	if (lx->p >= lx->end || *lx->p != '"') {
		t->len = (unsigned int)(lx->p - t->s);
		lex_error(err, t, "%s", "missing '\"' at the end of this string");
		return -1;
	}
	t->s = q;
	t->len = (unsigned int)(lx->p - q);
	t->quoted = true;
	lx->p++;
	return 0;
}

int cfw_lex_string(struct cfw_lexer *lx, struct cfw_token *t,
		   struct cfw_error *err, const char *what)
{
	char got[64];

	skip_blank(lx);
	start_token(lx, t);
	if (lx->p < lx->end && *lx->p == '"') {
		t->type = CFW_T_NAME;
		return lex_quoted(lx, t, err);
	}
	if (cfw_lex(lx, t, err))
		return -1;
	cfw_tok_describe(t, got, sizeof(got));
	err->pos = t->pos;
	err->len = t->len ? t->len : 1;
	snprintf(err->msg, sizeof(err->msg), "expected %s in quotes, got %s",
		 what, got);
	return -1;
}

int cfw_lex_name(struct cfw_lexer *lx, struct cfw_token *t,
		 struct cfw_error *err)
{
	skip_blank(lx);
	start_token(lx, t);
	if (lx->p < lx->end && *lx->p == '"') {
		t->type = CFW_T_NAME;
		return lex_quoted(lx, t, err);
	}
	while (lx->p < lx->end && is_name_char(*lx->p))
		lx->p++;
	t->len = (unsigned int)(lx->p - t->s);
	if (!t->len)
		return cfw_lex(lx, t, err);
	t->type = CFW_T_NAME;
	return 0;
}

bool cfw_lex_follows(const struct cfw_lexer *lx, char c)
{
	return lx->p < lx->end && *lx->p == c;
}

bool cfw_tok_is(const struct cfw_token *t, const char *word)
{
	return t->type == CFW_T_WORD && strlen(word) == t->len &&
	       !memcmp(t->s, word, t->len);
}

void cfw_tok_describe(const struct cfw_token *t, char *buf, size_t size)
{
	switch (t->type) {
	case CFW_T_EOF:
		snprintf(buf, size, "end of file");
		break;
	case CFW_T_NEWLINE:
		snprintf(buf, size, "end of line");
		break;
	default:
		snprintf(buf, size, "'%.*s'", (int)(t->len > 40 ? 40 : t->len),
			 t->s);
		break;
	}
}
