// SPDX-License-Identifier: GPL-2.0
/*
 * canfwctl dbc: an allow-list policy from a CAN database (DBC) file. The
 * policy is written to memory and parsed back before anything is printed,
 * so what reaches stdout is always a policy `check` accepts.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "dbc.h"

/*
 * Timing from GenMsgCycleTime. A DBC says when a sender means to send, not
 * how far its clock, its scheduler and arbitration move a frame: the jitter
 * is half the period, and early frames are logged, never dropped, so that
 * a policy read from a DBC drops nothing on timing. The timeout is three
 * periods: a message is missing once two frames in a row are lost.
 */
#define DBC_JITTER_DIV	2
#define DBC_TIMEOUT_MUL	3

struct dbc_args {
	const char *path;
	const char *name;	/* the path, or <stdin> */
	const char *iface;
	const char **nodes;
	size_t nnodes;
	bool timing;
};

/* What a message gets: a tx rule, an rx rule. */
struct dbc_pick {
	const struct cfw_dbc_msg *m;
	bool tx, rx;
};

struct dbc_counts {
	size_t msgs, ext, fd, cycle, rx, tx;
};

/* Names from the file in comments: printable ASCII, the rest as '?'. */
static void put_safe(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s >= ' ' && *s < 0x7f ? *s : '?', f);
}

static void put_names(FILE *f, const struct cfw_dbc_names *l, const char *sep)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			fputs(sep, f);
		put_safe(f, l->v[i]);
	}
}

/* As the canonical form writes times: the largest unit that keeps them whole. */
static void put_time(FILE *f, unsigned long long us)
{
	if (us % 1000000 == 0)
		fprintf(f, "%llus", us / 1000000);
	else if (us % 1000 == 0)
		fprintf(f, "%llums", us / 1000);
	else
		fprintf(f, "%lluus", us);
}

/*
 * The timing words of M's rule, or a note on why it has none (or no
 * timeout) where the engine's limits (kmod/timing.c) refuse what its cycle
 * time would give: periods of 100us to 600s, timeouts of 1ms to 600s.
 */
static void put_timing(FILE *f, const struct cfw_dbc_msg *m, const char **note)
{
	unsigned long long p = m->cycle_us, t = p * DBC_TIMEOUT_MUL;

	if (p < CANFW_PERIOD_MIN || p > CANFW_TIME_MAX) {
		*note = p < CANFW_PERIOD_MIN ?
			"no timing: its cycle time is below 100us" :
			"no timing: its cycle time is above 600s";
		return;
	}
	if (t < CANFW_TIMEOUT_MIN)
		t = CANFW_TIMEOUT_MIN;
	fputs(" period ", f);
	put_time(f, p);
	fputs(" jitter ", f);
	put_time(f, p / DBC_JITTER_DIV);
	if (t <= CANFW_TIME_MAX) {
		fputs(" timeout ", f);
		put_time(f, t);
	} else {
		*note = "no timeout: three cycles are above 600s";
	}
	fputs(" early log", f);
}

/*
 * One rule. The kind is what makes it take that message's frames and
 * nothing else: `data` is classical data frames only (no remote frames, no
 * CAN FD or CAN XL frames, which a rule without a kind word would take as
 * well), `fd` CAN FD frames; and `len` the message's exact length.
 */
static void put_rule(FILE *f, const char *dir, const struct cfw_dbc_msg *m,
		     const struct dbc_args *a)
{
	const char *note = NULL;

	if (m->ext)
		fprintf(f, "\t%s accept id 0x%08X eff", dir, m->id);
	else
		fprintf(f, "\t%s accept id 0x%03X", dir, m->id);
	fprintf(f, " %s len %u", m->fd ? "fd" : "data", m->len);
	if (a->timing && m->cycle_us && cfw_dbc_cyclic(m))
		put_timing(f, m, &note);
	fputs("\t# ", f);
	put_safe(f, m->name);
	if (m->senders.n) {
		fputs(" from ", f);
		put_names(f, &m->senders, ",");
	} else {
		fputs(", no sender", f);
	}
	if (note)
		fprintf(f, "; %s", note);
	fputc('\n', f);
}

static bool any_node(const struct dbc_args *a, const struct cfw_dbc_names *l)
{
	size_t i;

	for (i = 0; i < a->nnodes; i++)
		if (cfw_dbc_has_name(l, a->nodes[i]))
			return true;
	return false;
}

static int cmp_pick(const void *x, const void *y)
{
	const struct cfw_dbc_msg *a = ((const struct dbc_pick *)x)->m;
	const struct cfw_dbc_msg *b = ((const struct dbc_pick *)y)->m;

	if (a->ext != b->ext)
		return a->ext ? 1 : -1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/*
 * Without nodes, every message in rx. With them, tx takes what they send
 * and rx what their signals receive. Sorted by ID, standard IDs first.
 */
static struct dbc_pick *pick(const struct cfw_dbc *d, const struct dbc_args *a,
			     struct dbc_counts *c)
{
	struct dbc_pick *v = calloc(d->nmsgs + 1, sizeof(*v));
	size_t i;

	if (!v)
		return NULL;
	memset(c, 0, sizeof(*c));
	for (i = 0; i < d->nmsgs; i++) {
		const struct cfw_dbc_msg *m = &d->msgs[i];

		v[i].m = m;
		v[i].tx = a->nnodes && any_node(a, &m->senders);
		v[i].rx = !a->nnodes || any_node(a, &m->receivers);
		c->msgs++;
		c->ext += m->ext;
		c->fd += m->fd;
		c->cycle += m->cycle_us && cfw_dbc_cyclic(m);
		c->tx += v[i].tx;
		c->rx += v[i].rx;
	}
	qsort(v, d->nmsgs, sizeof(*v), cmp_pick);
	return v;
}

static void put_header(FILE *f, const struct cfw_dbc *d,
		       const struct dbc_args *a, const struct dbc_counts *c)
{
	size_t i;

	fputs("# canfw policy from the CAN database ", f);
	put_safe(f, a->name);
	fputs(", written by canfwctl dbc\n", f);
	fprintf(f, "# %zu messages: %zu with a 29-bit ID, %zu CAN FD, %zu cyclic with a cycle time\n",
		c->msgs, c->ext, c->fd, c->cycle);
	if (!a->nnodes) {
		fputs("# no --node: rx accepts every message of the file, tx is left open\n", f);
	} else {
		fputs("# nodes", f);
		for (i = 0; i < a->nnodes; i++) {
			fputc(' ', f);
			put_safe(f, a->nodes[i]);
		}
		fputs(": tx accepts the messages they send (BO_, BO_TX_BU_), rx those with a signal they receive\n", f);
	}
	fprintf(f, "# %zu rx rules, %zu tx rules; every other frame is dropped%s\n",
		c->rx, c->tx, a->nnodes ? "" : " in rx");
	if (a->timing && c->cycle)
		fputs("# timing: period = GenMsgCycleTime, jitter = half of it (early frames are logged, not dropped), timeout = 3 periods\n", f);
	else if (c->cycle)
		fputs("# timing: none (--no-timing)\n", f);
	/* LANGUAGE.md, Timing: a timed rule's state is its block's. */
	if (a->timing && c->cycle && strpbrk(a->iface, "*?"))
		fputs("# the timed rules keep one schedule for all the interfaces the glob matches: one bus each only\n", f);
	if (d->has_pseudo)
		fprintf(f, "# skipped " CFW_DBC_PSEUDO_MSG " (0x%08X): Vector's container for signals of no message\n",
			d->pseudo_id);
}

static void put_policy(FILE *f, const struct cfw_dbc *d,
		       const struct dbc_args *a, const struct dbc_pick *v,
		       const struct dbc_counts *c, long *iface_at)
{
	size_t i;

	put_header(f, d, a, c);
	*iface_at = ftell(f);
	fprintf(f, "interface %s {\n", a->iface);
	fputs("\trx default drop\n", f);
	fprintf(f, "\ttx default %s\n", a->nnodes ? "drop" : "accept");
	for (i = 0; i < d->nmsgs; i++)
		if (v[i].rx)
			put_rule(f, "rx", v[i].m, a);
	for (i = 0; i < d->nmsgs; i++)
		if (v[i].tx)
			put_rule(f, "tx", v[i].m, a);
	fputs("}\n", f);
}

/*
 * The policy parsed back. A bad --iface fails here as the parser words it;
 * one that parses must still be the one block it names.
 */
static int check_policy(const char *text, size_t len, long iface_at,
			const struct dbc_args *a)
{
	unsigned int line = 1;
	struct cfw_policy p;
	struct cfw_error err;
	bool one;
	long i;

	for (i = 0; i < iface_at; i++)
		line += text[i] == '\n';
	if (cfw_parse(text, len, &p, &err)) {
		if (err.pos.line == line)
			return cfw_usage_error("dbc", "--iface '%s': %s", a->iface,
					       err.msg);
		cfw_error("dbc: the policy written does not parse, line %u: %s",
			  err.pos.line, err.msg);
		return CFW_EXIT_USAGE;
	}
	one = p.nifaces == 1 && !strcmp(p.ifaces[0].name, a->iface);
	cfw_policy_free(&p);
	if (!one)
		return cfw_usage_error("dbc", "--iface '%s' is not one interface name or glob",
				       a->iface);
	return 0;
}

static int write_policy(const struct cfw_dbc *d, const struct dbc_args *a)
{
	struct dbc_counts c;
	struct dbc_pick *v = pick(d, a, &c);
	char *text = NULL;
	size_t len = 0;
	long iface_at = 0;
	FILE *f = v ? open_memstream(&text, &len) : NULL;
	int ret;

	if (!f) {
		free(v);
		cfw_error("out of memory");
		return CFW_EXIT_SYSTEM;
	}
	put_policy(f, d, a, v, &c, &iface_at);
	free(v);
	if (fclose(f)) {
		free(text);
		cfw_error("out of memory");
		return CFW_EXIT_SYSTEM;
	}
	ret = check_policy(text, len, iface_at, a);
	if (!ret && (fwrite(text, 1, len, stdout) != len || fflush(stdout))) {
		cfw_error("stdout: %m");
		ret = CFW_EXIT_SYSTEM;
	}
	free(text);
	return ret;
}

/* Every --node must be one of the file's; the error lists them. */
static int check_nodes(const struct cfw_dbc *d, const struct dbc_args *a)
{
	size_t i;

	for (i = 0; i < a->nnodes; i++) {
		char *list = NULL;
		size_t len = 0;
		FILE *f;

		if (cfw_dbc_has_name(&d->nodes, a->nodes[i]))
			continue;
		f = open_memstream(&list, &len);
		if (f) {
			put_names(f, &d->nodes, " ");
			fclose(f);
		}
		if (list && *list)
			cfw_error("%s: no node '%s'; its nodes (BU_): %s", a->name,
				  a->nodes[i], list);
		else
			cfw_error("%s: no node '%s'; the file lists no nodes (BU_)",
				  a->name, a->nodes[i]);
		free(list);
		return CFW_EXIT_USAGE;
	}
	return 0;
}

/* Names fit for an interface block: see LANGUAGE.md, Interface blocks. */
static bool iface_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > CFW_IFNAME_MAX)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s >= 0x7f || strchr("{};#\"", *s))
			return false;
	return true;
}

static void add_node_arg(struct dbc_args *a, const char *node)
{
	size_t i;

	for (i = 0; i < a->nnodes; i++)
		if (!strcmp(a->nodes[i], node))
			return;
	a->nodes[a->nnodes++] = node;
}

/* Long options without a short one: getopt_long gives 0 and their index. */
enum { OPT_NODE, OPT_IFACE, OPT_NO_TIMING };

static int parse_args(int argc, char **argv, struct dbc_args *a)
{
	/*
	 * --node and --no-timing have val 0, so that a missing argument is
	 * reported by the option's name, not by a short option it lacks.
	 */
	static const struct option longopts[] = {
		[OPT_NODE] = { "node", required_argument, NULL, 0 },
		[OPT_IFACE] = { "iface", required_argument, NULL, 'i' },
		[OPT_NO_TIMING] = { "no-timing", no_argument, NULL, 0 },
		{ NULL, 0, NULL, 0 },
	};
	int c, li;

	a->iface = "can0";
	a->timing = true;
	/*
	 * No '+': options may follow the file, as in `canfwctl dbc car.dbc
	 * --node ECU`; getopt moves the file after them.
	 */
	optind = 0;
	while ((c = getopt_long(argc, argv, ":i:", longopts, &li)) != -1) {
		if (c == 0 && li == OPT_NODE) {
			add_node_arg(a, optarg);
		} else if (c == 0 && li == OPT_NO_TIMING) {
			a->timing = false;
		} else if (c == 'i') {
			if (!iface_ok(optarg))
				return cfw_usage_error("dbc",
						       "--iface needs a name or glob of 1 to 15 characters, without blanks or { } ; # \"");
			a->iface = optarg;
		} else {
			return cfw_bad_option("dbc", c, argv);
		}
	}
	if (argc - optind != 1)
		return cfw_usage_error("dbc", "expected one DBC file");
	a->path = argv[optind];
	a->name = strcmp(a->path, "-") ? a->path : "<stdin>";
	return 0;
}

static void report(const struct dbc_args *a, const struct cfw_dbc_error *err)
{
	if (err->line)
		cfw_error("%s:%u: %s", a->name, err->line, err->msg);
	else
		cfw_error("%s: %s", a->name, err->msg);
}

int cmd_dbc(int argc, char **argv, struct cfw_opts *o)
{
	struct dbc_args a = { 0 };
	struct cfw_dbc_error err;
	struct cfw_dbc d;
	char *text = NULL;
	size_t len;
	int ret;

	(void)o;
	a.nodes = calloc((size_t)argc, sizeof(*a.nodes));
	if (!a.nodes) {
		cfw_error("out of memory");
		return CFW_EXIT_SYSTEM;
	}
	ret = parse_args(argc, argv, &a);
	if (!ret)
		ret = cfw_read_file(a.path, &text, &len);
	if (ret)
		goto out;
	if (cfw_dbc_parse(text, len, &d, &err)) {
		report(&a, &err);
		ret = CFW_EXIT_USAGE;
		goto out;
	}
	ret = check_nodes(&d, &a);
	if (!ret && !d.nmsgs) {
		cfw_error("%s: no messages (BO_): nothing to write a policy for",
			  a.name);
		ret = CFW_EXIT_USAGE;
	}
	if (!ret)
		ret = write_policy(&d, &a);
	cfw_dbc_free(&d);
out:
	free(text);
	free(a.nodes);
	return ret;
}
