/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-memory form of a .canfw policy: what the parser produces, the
 * printer prints, replay judges with and (later) the loader sends to the
 * kernel. Rules are kept as the engine's own canfw_rule_spec so that what
 * `check` validates is exactly what the kernel will be given.
 */
#ifndef CFW_POLICY_H
#define CFW_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "engine.h"

#define CFW_IFNAME_MAX	15	/* IFNAMSIZ - 1 */
#define CFW_NDIRS	2	/* indexed by enum canfw_dir */

/*
 * Where something came from in the source, for error messages: file 0 is
 * the policy file itself, file N the policy's files[N - 1] (its includes).
 */
struct cfw_pos {
	unsigned int file;
	unsigned int line;
	unsigned int col;
};

/* How deep includes may nest: deeper is refused as a likely loop. */
#define CFW_INCLUDE_DEPTH_MAX	16
#define CFW_PATH_MAX		1024

struct cfw_dir {
	u8 default_action;	/* enum canfw_action */
	u8 err_default;		/* for error frames no rule matches */
	u8 log_default;		/* default drops raise events */
	u32 nrules;
	u32 cap;
	struct canfw_rule_spec *rules;
	struct cfw_pos *pos;	/* source position of each rule, may be 0:0 */
	/* States: "rx default drop in S", "rx on ...", "rx select ...". */
	u8 state_default;	/* the default in the states of state_default_in */
	u32 state_default_in;	/* CANFW_STATE_BIT()s; 0: none */
	struct canfw_trigger_spec trigger;	/* count 0: none */
	u32 nsel;
	struct canfw_selector_spec sel[CANFW_SELECTORS_MAX];
	struct cfw_pos state_default_pos, trigger_pos;
	struct cfw_pos sel_pos[CANFW_SELECTORS_MAX];
};

struct cfw_iface {
	char name[CFW_IFNAME_MAX + 1];	/* name or glob (* and ?) */
	u8 mode;			/* enum canfw_mode */
	u32 event_rate;			/* events/s per device and direction */
	u32 event_burst;
	char comment[CANFW_COMMENT_LEN + 1];	/* "": none */
	struct cfw_pos pos;
	struct cfw_dir dir[CFW_NDIRS];
};

struct cfw_policy {
	size_t nifaces;
	size_t cap;
	struct cfw_iface *ifaces;
	/* The declared states, in order: the first is the initial one. */
	u32 nstates;
	struct canfw_state_def states[CANFW_STATES_MAX];
	struct cfw_pos state_pos[CANFW_STATES_MAX];
	/*
	 * What a dump says is current (show prints it as a comment); not
	 * part of the policy, so cfw_policy_equal() ignores it.
	 */
	bool has_cur_state;
	char cur_state[CANFW_STATE_NAME_LEN + 1];
	u32 state_seq;
	/* The files it included, as opened: what cfw_pos.file indexes. */
	u32 nfiles;
	char **files;
};

/* A diagnostic: position, width of the offending text and a message. */
struct cfw_error {
	struct cfw_pos pos;
	unsigned int len;
	char msg[256];
	/* The included file pos is in, or empty for the policy file. */
	char file[CFW_PATH_MAX];
};

void cfw_policy_init(struct cfw_policy *p);
void cfw_policy_free(struct cfw_policy *p);
struct cfw_iface *cfw_policy_add_iface(struct cfw_policy *p, const char *name);
int cfw_dir_add_rule(struct cfw_dir *d, const struct canfw_rule_spec *r,
		     struct cfw_pos pos);

/*
 * Give every rule its handle: a name derived from its text (comment
 * aside), its entry and direction, unique in the direction, so that it
 * stays the same whatever is added, removed or moved around it.
 */
void cfw_policy_set_handles(struct cfw_policy *p);

/*
 * Equal in everything the kernel sees; source positions are ignored, and
 * handles, which follow from the rest.
 */
bool cfw_policy_equal(const struct cfw_policy *a, const struct cfw_policy *b);

const struct cfw_iface *cfw_policy_lookup(const struct cfw_policy *p,
					  const char *ifname);

/* Build the engine table for one direction, as the kernel will. */
void cfw_dir_table_spec(const struct cfw_policy *p, const struct cfw_iface *ifc,
			int dir, struct canfw_table_spec *spec);

/* States by name, index and mask (policy_state.c). */
int cfw_state_index(const struct cfw_policy *p, const char *name, size_t len);
/* STATE's name, or "?" for an index the policy does not declare. */
const char *cfw_state_name(const struct cfw_policy *p, u32 state);
/* "parked,driving": the states of MASK, in declaration order. */
size_t cfw_format_states(char *buf, size_t size, const struct cfw_policy *p,
			 u32 mask);
/* Trigger events by name: "drops", "rate-limited", "early", "missing". */
const char *cfw_trigger_event_name(u8 event);
int cfw_trigger_event_find(const char *name, size_t len);
const char *cfw_state_cause_name(u8 cause);

/*
 * parser.c: text in, policy out; on failure *err says why and p is empty.
 * cfw_parse() refuses includes: it has no file to find them from.
 */
int cfw_parse(const char *text, size_t len, struct cfw_policy *p,
	      struct cfw_error *err);
/*
 * The same for the text of the file PATH ("-" for standard input, whose
 * includes are found from the working directory).
 */
int cfw_parse_file(const char *path, const char *text, size_t len,
		   struct cfw_policy *p, struct cfw_error *err);
/*
 * All of F, NUL-terminated (*len without the NUL); NULL with errno set on
 * a read error, or with errno 0 when out of memory.
 */
char *cfw_read_stream(FILE *f, size_t *len);
/* The name of the file POS is in: PATH for file 0, else an include's. */
const char *cfw_pos_file(const struct cfw_policy *p, struct cfw_pos pos,
			 const char *path);
/* Everything the parser does, plus building each table with the engine. */
int cfw_validate(const struct cfw_policy *p, struct cfw_error *err);

/* printer.c: the canonical text; parse(print(p)) equals p. */
void cfw_print_policy(FILE *f, const struct cfw_policy *p);
/* The same with each rule's handle after it as a comment (-a). */
void cfw_print_policy_handles(FILE *f, const struct cfw_policy *p,
			      bool handles);
/* printer_json.c: the same policy as JSON, with handles (-a) or not */
void cfw_print_policy_json(FILE *f, const struct cfw_policy *p);
void cfw_print_policy_json_handles(FILE *f, const struct cfw_policy *p,
				   bool handles);
/*
 * One rule without its direction, as in "accept id 0x100 log"; returns the
 * length the text needs. CFW_RULE_TEXT_MAX holds any rule: a uds list can
 * take some 860 characters (services in pairs, each pair apart), four byte
 * matches 140, a cgroup path up to CFW_CGROUP_PATH_MAX (512), "in" and 32
 * state names 550, a trigger 70, a set of 32 masks 740, everything else
 * under 260.
 */
#define CFW_RULE_TEXT_MAX	4096
size_t cfw_format_rule(char *buf, size_t size, const struct canfw_rule_spec *r);
/*
 * The same with its state words ("in parked", "on drops ..."), which name
 * the policy's states: what the printer and replay show.
 */
size_t cfw_format_rule_in(char *buf, size_t size, const struct cfw_policy *p,
			  const struct canfw_rule_spec *r);
/* "on drops 20 within 1s state lockdown", without a leading blank. */
size_t cfw_format_trigger(char *buf, size_t size, const struct cfw_policy *p,
			  const struct canfw_trigger_spec *t);
/* "select id 0x0B4 data[0:2] 0x0000 state parked else driving ...". */
size_t cfw_format_selector(char *buf, size_t size, const struct cfw_policy *p,
			   const struct canfw_selector_spec *s);

const char *cfw_dir_name(int dir);
const char *cfw_action_name(u8 action);
const char *cfw_mode_name(u8 mode);
/* ISO-TP frame type I (0 to 3) is CANFW_ISOTP_FRAME_* bit 1 << I: "sf"... */
#define CFW_ISOTP_NTYPES	4
const char *cfw_isotp_name(unsigned int i);

/*
 * Print "FILE:LINE:COL: message", the source line and a caret under it.
 * An error in an included file (err->file) is shown from that file.
 */
void cfw_report_error(FILE *f, const char *file, const char *text, size_t len,
		      const struct cfw_error *err);

#endif /* CFW_POLICY_H */
