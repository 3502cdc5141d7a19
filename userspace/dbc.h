/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A CAN database (DBC) file, read for what a policy needs: the nodes and,
 * per message, its ID, length, frame format, senders, receivers and the
 * attributes that give its timing. Everything else in the file (value
 * tables, comments, signal layout, environment variables...) is skipped.
 */
#ifndef CFW_DBC_H
#define CFW_DBC_H

#include <stdbool.h>
#include <stddef.h>

/* The name DBC files give "no node" as a sender or receiver. */
#define CFW_DBC_NO_NODE		"Vector__XXX"
/* The pseudo message Vector tools keep signals of no message in. */
#define CFW_DBC_PSEUDO_MSG	"VECTOR__INDEPENDENT_SIG_MSG"

/* Names in the order first seen (nodes each once); the strings are owned. */
struct cfw_dbc_names {
	size_t n;
	size_t cap;
	char **v;
};

/* The message attributes read (BA_DEF_ BO_, BA_DEF_DEF_, BA_ ... BO_). */
enum cfw_dbc_attr {
	CFW_DBC_CYCLE_TIME,	/* GenMsgCycleTime, ms */
	CFW_DBC_SEND_TYPE,	/* GenMsgSendType, usually an enum */
	CFW_DBC_FRAME_FORMAT,	/* VFrameFormat: StandardCAN_FD... */
	CFW_DBC_NATTRS,
};

/* An attribute value as written: a number or word, or a quoted string. */
struct cfw_dbc_value {
	char *text;		/* NULL: not given */
	bool quoted;
	unsigned int line;
};

struct cfw_dbc_msg {
	unsigned int raw_id;	/* as the file writes it: bit 31 = 29-bit */
	unsigned int id;	/* the CAN ID, 11 or 29 bits */
	bool ext;
	bool fd;		/* CAN FD: longer than 8 bytes or VFrameFormat */
	unsigned int len;	/* payload bytes */
	unsigned int line;	/* of its BO_ */
	char *name;
	/* Its BO_ sender, then the BO_TX_BU_ ones; never Vector__XXX. */
	struct cfw_dbc_names senders;
	/* The receivers of its signals. */
	struct cfw_dbc_names receivers;
	/*
	 * Resolved once the whole file is read, from its own value, else the
	 * attribute's default; send_type points into the cfw_dbc.
	 */
	unsigned long long cycle_us;	/* GenMsgCycleTime; 0: none */
	const char *send_type;		/* GenMsgSendType's name, or NULL */
	struct cfw_dbc_value attr[CFW_DBC_NATTRS];	/* its own, from BA_ */
};

struct cfw_dbc_attr_def {
	struct cfw_dbc_names enums;	/* ENUM values, by index */
	struct cfw_dbc_value def;	/* BA_DEF_DEF_ */
};

/* A message by the ID its file writes, to find what BA_ and BO_TX_BU_ name. */
struct cfw_dbc_key {
	unsigned int raw_id;
	size_t index;
};

struct cfw_dbc {
	struct cfw_dbc_names nodes;	/* BU_ */
	size_t nmsgs;
	size_t cap;
	struct cfw_dbc_msg *msgs;	/* in file order */
	/* VECTOR__INDEPENDENT_SIG_MSG, left out of msgs. */
	bool has_pseudo;
	unsigned int pseudo_id;
	struct cfw_dbc_attr_def attrs[CFW_DBC_NATTRS];
	struct cfw_dbc_key *by_id;	/* sorted; built when first needed */
	size_t nby_id;
};

struct cfw_dbc_error {
	unsigned int line;	/* 0: about the whole file */
	char msg[256];
};

/*
 * Read the DBC text (LEN bytes, not necessarily NUL-terminated). Returns 0,
 * or -1 with *err set and d empty. Free d with cfw_dbc_free() either way.
 */
int cfw_dbc_parse(const char *text, size_t len, struct cfw_dbc *d,
		  struct cfw_dbc_error *err);
void cfw_dbc_free(struct cfw_dbc *d);

bool cfw_dbc_has_name(const struct cfw_dbc_names *l, const char *name);
/*
 * Whether M is sent on a cycle: it has no send type, or the send type's
 * name says so (see dbc.c).
 */
bool cfw_dbc_cyclic(const struct cfw_dbc_msg *m);

#endif /* CFW_DBC_H */
