/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the DBC reader's files share: the tokens (dbc_lex.c cuts the text
 * into them) and the reader's state, which the statements (dbc.c) fill.
 * Not for the rest of canfwctl, which has dbc.h.
 */
#ifndef CFW_DBC_INT_H
#define CFW_DBC_INT_H

#include "dbc.h"

enum tok_type { TOK_EOF, TOK_WORD, TOK_STRING, TOK_PUNCT };

struct tok {
	enum tok_type type;
	const char *s;		/* the word, the string's contents, the mark */
	size_t len;
	unsigned int line;
	bool bol;		/* first token of its line (EOF: always) */
	bool indented;		/* ...with blanks before it */
};

struct dbc_parser {
	const char *p, *end;
	unsigned int line;
	bool at_bol, indented;
	struct tok tok;
	struct cfw_dbc *d;
	struct cfw_dbc_error *err;
	size_t cur;		/* the message SG_ lines belong to */
	bool in_pseudo;		/* ...or the pseudo message: skip them */
};

#define NO_MSG ((size_t)-1)

/*
 * dbc_lex.c: errors as FILE:LINE (the caller adds the file), tokens and
 * skipping what the reader has no use for. Each returns 0 or -1 with
 * ps->err set, or says yes or no.
 */
__attribute__((format(printf, 3, 4)))
int dbc_fail(struct dbc_parser *ps, unsigned int line, const char *fmt, ...);
int dbc_oom(struct dbc_parser *ps);
bool dbc_tok_is(const struct tok *t, const char *word);
bool dbc_tok_mark(const struct tok *t, char c);
bool dbc_is_keyword(const struct tok *t);
/* The next token into ps->tok. */
int dbc_next(struct dbc_parser *ps);
bool dbc_at_end(const struct tok *t);
int dbc_skip_statement(struct dbc_parser *ps);
int dbc_skip_line(struct dbc_parser *ps);
bool dbc_tok_uint(const struct tok *t, unsigned long max, unsigned long *v);

#endif /* CFW_DBC_INT_H */
