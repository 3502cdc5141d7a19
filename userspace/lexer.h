/* SPDX-License-Identifier: GPL-2.0 */
/* Tokens of the .canfw language. */
#ifndef CFW_LEXER_H
#define CFW_LEXER_H

#include "policy.h"

enum cfw_tok_type {
	CFW_T_EOF,
	CFW_T_NEWLINE,
	CFW_T_SEMI,
	CFW_T_LBRACE,
	CFW_T_RBRACE,
	CFW_T_SLASH,
	CFW_T_DASH,
	CFW_T_LBRACKET,	/* data[N:M] */
	CFW_T_RBRACKET,
	CFW_T_COLON,
	CFW_T_COMMA,	/* isotp sf,ff and uds lists */
	CFW_T_WORD,
	CFW_T_NUMBER,
	CFW_T_NAME,	/* only from cfw_lex_name() */
	CFW_T_EQUALS,	/* define NAME = ... */
	CFW_T_VAR,	/* $NAME: a definition used; s and len hold NAME */
};

struct cfw_token {
	enum cfw_tok_type type;
	const char *s;		/* points into the source */
	unsigned int len;
	struct cfw_pos pos;
	u32 num;		/* CFW_T_NUMBER */
	u64 num64;		/* the same, from cfw_lex_u64() up to 64 bits */
	unsigned int unit;	/* CFW_T_NUMBER: length of a unit ("ms") after it */
	bool hex8;		/* CFW_T_NUMBER written as 0x and 8 digits */
	bool quoted;		/* CFW_T_NAME written in quotes */
};

struct cfw_lexer {
	const char *p;
	const char *end;
	const char *line_start;
	unsigned int line;
	unsigned int file;	/* copied into every token's pos */
};

void cfw_lex_init(struct cfw_lexer *lx, const char *text, size_t len);
int cfw_lex(struct cfw_lexer *lx, struct cfw_token *t, struct cfw_error *err);
/*
 * Interface names are lexed apart: they may hold characters that are
 * operators elsewhere ("can-1", "vcan*"), so the parser asks for one. A
 * name may be quoted, as nft users write it ("can0"): the token is then
 * the text between the quotes.
 */
int cfw_lex_name(struct cfw_lexer *lx, struct cfw_token *t,
		 struct cfw_error *err);

/*
 * A quoted string ("FILE" of an include) into *t, the quotes left out;
 * anything else is an error naming WHAT was expected.
 */
int cfw_lex_string(struct cfw_lexer *lx, struct cfw_token *t,
		   struct cfw_error *err, const char *what);

/* The next token, with numbers up to 64 bits (cgroup ids). */
int cfw_lex_u64(struct cfw_lexer *lx, struct cfw_token *t,
		struct cfw_error *err);

/*
 * Whether C comes right after the last token, with no blank between: the
 * parser's lookahead of one character, so that "data[" starts a byte match
 * while "data" alone stays a frame kind.
 */
bool cfw_lex_follows(const struct cfw_lexer *lx, char c);

bool cfw_tok_is(const struct cfw_token *t, const char *word);
/* The token quoted for a message: 'rx', newline, end of file. */
void cfw_tok_describe(const struct cfw_token *t, char *buf, size_t size);

#endif /* CFW_LEXER_H */
