/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parser's files share: parser.c (the core and the basic rule
 * terms), parser_payload.c (byte matches, isotp, uds) and parser_sender.c
 * (uid, gid, cgroup, socket none). Not for the rest of canfwctl, which
 * has cfw_parse() in policy.h.
 */
#ifndef CFW_PARSER_INT_H
#define CFW_PARSER_INT_H

#include "lexer.h"

/* How many IDs, ranges and masks one set holds: a rule's first and more. */
#define CFW_SET_MAX	(CANFW_ID_PARTS_MAX + 1)

/* One element of an ID set as written; its space is known at the rule. */
struct id_elem {
	u8 match;		/* RANGE or MASK */
	bool hex8;		/* written in 8 hex digits: extended */
	u32 lo, hi;
	struct cfw_token at;	/* where it was written, or used */
};

/* "define NAME = ...": a named set, for "id $NAME". */
struct cfw_define {
	char name[32];
	struct cfw_pos pos;
	u32 n;
	struct id_elem elem[CFW_SET_MAX];
};

/*
 * The lexer, its one token of lookahead, and where errors and rules go;
 * and for includes, the files open now (outermost first, as their real
 * paths, to find cycles) and every text read, which tokens point into.
 */
struct parser {
	struct cfw_lexer lx;
	struct cfw_token tok;
	struct cfw_error *err;
	struct cfw_policy *p;
	bool from_file;		/* cfw_parse_file(): includes are allowed */
	const char *path;	/* the file being read, as opened; "-": stdin */
	unsigned int depth;
	char *open[CFW_INCLUDE_DEPTH_MAX + 1];
	unsigned int ntexts;
	char **texts;
	unsigned int ndefines;
	struct cfw_define *defines;
};

/* A rule being parsed: the spec plus where each part was written. */
struct rule_src {
	struct canfw_rule_spec r;
	struct cfw_token id_kw, id, space, kind, len, rate, burst;
	struct cfw_token period, jitter, timeout, early, per_id;
	struct cfw_token data[CANFW_DATA_MATCH_MAX];	/* "data[N:M]" */
	struct cfw_token isotp, uds, payload;	/* payload: the first of all */
	struct cfw_token uid, gid, socket;
	struct cfw_token cgroup, cgroup_level;	/* the path or the id; level */
	struct cfw_token in, on;	/* "in S,...", the trigger */
	bool has_in, has_on;
	bool has_id, has_space, has_len, has_rate, has_burst, has_log;
	bool has_period, has_jitter, has_timeout, has_early, has_per_id;
	bool has_isotp, has_uds, has_payload;
	bool has_uid, has_gid, has_cgroup, has_socket;
	bool cgroup_by_id;	/* "cgroup-id N level L" rather than a path */
	bool id_any;
	/* The IDs: one, or a set ("id { ... }", "id $NAME"). */
	u32 nids;
	bool id_set;
	struct id_elem ids[CFW_SET_MAX];
	struct canfw_id_part parts[CANFW_ID_PARTS_MAX];
	bool has_comment;
	struct cfw_token comment_at;
	char comment[CANFW_COMMENT_LEN + 1];
	u8 space_word;
	u8 kind_words;
	u32 len_lo, len_hi;
};

/*
 * Helpers, in parser.c. Every parse and check returns 0, or -1 with
 * *ps->err saying why and where.
 */
/* Point *ps->err at T with the message; returns -1. */
int cfw_fail_at(struct parser *ps, const struct cfw_token *t,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* FROM stretched to the end of TO, if TO is on its line. */
void cfw_span(struct cfw_token *from, const struct cfw_token *to);
/* The next token into ps->tok. */
int cfw_advance(struct parser *ps);
/* ps->tok quoted for a message, in BUF. */
const char *cfw_describe(struct parser *ps, char *buf, size_t size);
/* A number without a unit into *V, then the next token; AFTER for messages. */
int cfw_number(struct parser *ps, u32 *v, const char *after);
/* A term a rule gives at most once: refused if *HAS, else *HAS, *WHERE set. */
int cfw_no_repeat(struct parser *ps, bool *has, struct cfw_token *where);

/* A time with its unit ("250us", "10ms", "2s") into *US; AFTER for messages. */
int cfw_duration(struct parser *ps, u32 *us, const char *after);
/*
 * parser_idset.c: "id" and what follows (called at "id"), the rule's IDs
 * once its space words are known, and "define" at the top level.
 */
int cfw_parse_id(struct parser *ps, struct rule_src *rs);
int cfw_check_ids(struct parser *ps, struct rule_src *rs);
int cfw_parse_define(struct parser *ps);
void cfw_defines_free(struct parser *ps);

/*
 * parser_comment.c: at "comment": the quoted text into BUF (which holds
 * CANFW_COMMENT_LEN + 1), once per rule or block (*HAS).
 */
int cfw_parse_comment(struct parser *ps, bool *has, struct cfw_token *at,
		      char *buf);

/* Top-level items (states, interfaces, includes) up to the end of file. */
int cfw_parse_items(struct parser *ps);
int cfw_expect_end_of_statement(struct parser *ps);

/*
 * parser_include.c: at "include": the file's items, as if written here;
 * cfw_include_done() frees what includes read once the parse is over.
 */
int cfw_parse_include(struct parser *ps);
void cfw_include_done(struct parser *ps);

/* "accept" or "drop" into *ACTION, then the next token. */
int cfw_parse_action(struct parser *ps, u8 *action);

/* parser_payload.c: each called at its keyword ("data" with its '['). */
int cfw_parse_data_match(struct parser *ps, struct rule_src *rs);
int cfw_parse_isotp(struct parser *ps, struct rule_src *rs);
int cfw_parse_uds(struct parser *ps, struct rule_src *rs);
/* Once the whole rule is read: the payload against its length and kinds. */
int cfw_check_payload(struct parser *ps, struct rule_src *rs);

/*
 * parser_sender.c: each called at its keyword; "uid" and "gid" share
 * cfw_parse_owner(), and their caller sets the match bit.
 */
int cfw_parse_owner(struct parser *ps, bool *has, struct cfw_token *at,
		    u32 *lo, u32 *hi);
int cfw_parse_cgroup(struct parser *ps, struct rule_src *rs);
int cfw_parse_cgroup_id(struct parser *ps, struct rule_src *rs);
int cfw_parse_socket(struct parser *ps, struct rule_src *rs);
/* Once the whole rule is read: the engine's verdict on the sender. */
int cfw_check_sender(struct parser *ps, struct rule_src *rs);

/*
 * parser_state.c: the states. "state NAME [sticky]" at the top level;
 * "in" and "on" in a rule; a direction's "default ACTION in", "on" and
 * "select" statements, each called at the word named.
 */
int cfw_parse_state_decl(struct parser *ps);
int cfw_parse_in(struct parser *ps, struct rule_src *rs);
int cfw_parse_on(struct parser *ps, struct rule_src *rs);
/* Once the whole rule is read: the engine's verdict on its states. */
int cfw_check_rule_state(struct parser *ps, struct rule_src *rs);
int cfw_parse_states_list(struct parser *ps, u32 *mask, struct cfw_token *at);
int cfw_parse_dir_trigger(struct parser *ps, struct cfw_dir *d,
			  unsigned int *first, const char *dir);
int cfw_parse_selector(struct parser *ps, struct cfw_dir *d, int dir);

#endif /* CFW_PARSER_INT_H */
