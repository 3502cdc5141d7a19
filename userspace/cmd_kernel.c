// SPDX-License-Identifier: GPL-2.0
/* Commands that talk to the kernel: load, show, stats, reset, flush. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "nl_policy.h"

static int gen_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == CANFW_A_GENERATION)
			*(u32 *)data = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

/* A do-command whose reply carries the generation. */
static int simple(struct cfw_nl *nl, u8 cmd, u32 *gen)
{
	struct nlmsghdr *req = cfw_nl_request(nl, cmd, 0);

	return cfw_nl_talk(nl, req, gen_cb, gen, NULL);
}

static int no_args(const char *cmd, int argc)
{
	if (argc > 1)
		return cfw_usage_error(cmd, "takes no arguments");
	return CFW_EXIT_OK;
}

/* A LOAD message stays well under a nest's 64 KiB and a socket's buffer. */
#define CFW_LOAD_MSG_BYTES	(32 * 1024)

/*
 * Say what the kernel refused: at the rule or entry its offset points
 * into, as FILE:LINE:COL when the policy came from a file.
 */
static void report_load_error(const struct cfw_nl *nl, const char *file,
			      const struct cfw_policy *p,
			      const struct cfw_load_msg *m)
{
	const struct cfw_load_span *sp = NULL;
	struct cfw_error err = { .len = 1 };
	char *text = NULL;
	size_t len = 0;

	if (nl->have_err_off)
		sp = cfw_load_find(m, nl->err_off);
	if (sp && sp->dir == CFW_SPAN_STATE) {
		err.pos = p->state_pos[sp->rule];
	} else if (sp) {
		const struct cfw_iface *f = &p->ifaces[sp->iface];

		err.pos = sp->dir < 0 ? f->pos : f->dir[sp->dir].pos[sp->rule];
	}
	/* Standard input has been read: the message alone. */
	if (!sp || !err.pos.line || !strcmp(file, "-") ||
	    cfw_read_file(file, &text, &len)) {
		fprintf(stderr, "Error: %s\n", nl->err_msg);
		free(text);
		return;
	}
	memcpy(err.msg, nl->err_msg, sizeof(err.msg));
	if (err.pos.file)
		snprintf(err.file, sizeof(err.file), "%s",
			 cfw_pos_file(p, err.pos, file));
	cfw_report_error(stderr, file, text, len, &err);
	free(text);
}

/*
 * A policy that fits in one message is one load. A larger one is a
 * transaction: load-begin, loads, load-commit; the kernel discards it on
 * any error or when this socket closes, so a failure changes nothing.
 */
static int load_policy(struct cfw_nl *nl, const char *file,
		       const struct cfw_policy *p, u32 *gen)
{
	struct cfw_load_cursor cur = { 0 };
	struct cfw_load_msg m = { 0 };
	struct nlmsghdr *req;
	bool done, txn;
	int err;

	if (cfw_nl_reserve(nl, CFW_LOAD_MSG_BYTES + 4096))
		return -ENOMEM;
	req = cfw_nl_request(nl, CANFW_CMD_LOAD, 0);
	done = cfw_nl_put_load(req, CFW_LOAD_MSG_BYTES, p, &cur, &m);
	txn = !done;
	if (txn) {
		err = cfw_nl_talk(nl, cfw_nl_request(nl, CANFW_CMD_LOAD_BEGIN, 0),
				  NULL, NULL, NULL);
		if (err) {
			fprintf(stderr, "Error: %s\n", nl->err_msg);
			goto out;
		}
		memset(&cur, 0, sizeof(cur));
		req = cfw_nl_request(nl, CANFW_CMD_LOAD, 0);
		done = cfw_nl_put_load(req, CFW_LOAD_MSG_BYTES, p, &cur, &m);
	}
	for (;;) {
		err = cfw_nl_talk(nl, req, gen_cb, gen, NULL);
		if (err) {
			report_load_error(nl, file, p, &m);
			goto out;
		}
		if (done)
			break;
		req = cfw_nl_request(nl, CANFW_CMD_LOAD, 0);
		done = cfw_nl_put_load(req, CFW_LOAD_MSG_BYTES, p, &cur, &m);
	}
	if (txn) {
		req = cfw_nl_request(nl, CANFW_CMD_LOAD_COMMIT, 0);
		m.nspans = 0;
		err = cfw_nl_talk(nl, req, gen_cb, gen, NULL);
		if (err)
			report_load_error(nl, file, p, &m);
	}
out:
	free(m.spans);
	return err;
}

int cmd_load(int argc, char **argv, struct cfw_opts *o)
{
	struct cfw_policy p;
	struct cfw_nl nl;
	u32 gen = 0;
	int ret;

	if (argc != 2)
		return cfw_usage_error("load", "expected one policy file");
	cfw_policy_init(&p);
	ret = cfw_load_policy_file(argv[1], &p);
	if (ret)
		return ret;
	ret = cfw_nl_open(&nl);
	if (ret)
		goto out_policy;
	nl.quiet_errors = true;
	ret = CFW_EXIT_SYSTEM;
	if (load_policy(&nl, argv[1], &p, &gen))
		goto out;
	if (o->json)
		printf("{\"generation\": %u}\n", gen);
	else if (!o->quiet)
		printf("generation %u\n", gen);
	ret = CFW_EXIT_OK;
out:
	cfw_nl_close(&nl);
out_policy:
	cfw_policy_free(&p);
	return ret;
}

int cmd_show(int argc, char **argv, struct cfw_opts *o)
{
	struct cfw_policy p;
	struct cfw_nl nl;
	u32 gen;
	int ret;

	(void)argv;
	ret = no_args("show", argc);
	if (ret)
		return ret;
	ret = cfw_nl_open(&nl);
	if (ret)
		return ret;
	cfw_policy_init(&p);
	ret = CFW_EXIT_SYSTEM;
	if (!cfw_nl_get_policy(&nl, &p, &gen)) {
		if (o->json)
			cfw_print_policy_json_handles(stdout, &p, o->handles);
		else
			cfw_print_policy_handles(stdout, &p, o->handles);
		ret = CFW_EXIT_OK;
	}
	cfw_policy_free(&p);
	cfw_nl_close(&nl);
	return ret;
}

int cmd_stats(int argc, char **argv, struct cfw_opts *o)
{
	struct cfw_counters c = { 0 };
	struct cfw_policy p;
	struct cfw_nl nl;
	const char *iface = NULL;
	size_t i, j;
	int ret, k;

	for (k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--prometheus"))
			o->prometheus = true;
		else if (argv[k][0] == '-' && argv[k][1])
			return cfw_usage_error("stats", "unknown option '%s'",
					       argv[k]);
		else if (iface)
			return cfw_usage_error("stats", "expected at most one interface");
		else
			iface = argv[k];
	}
	if (o->prometheus && o->json)
		return cfw_usage_error("stats", "-j and --prometheus exclude each other");
	ret = cfw_nl_open(&nl);
	if (ret)
		return ret;
	cfw_policy_init(&p);
	ret = CFW_EXIT_SYSTEM;
	if (cfw_nl_get_counters(&nl, &p, &c))
		goto out;
	if (iface) {
		/* Keep only the entry that names or matches IFACE. */
		const struct cfw_iface *ifc = cfw_policy_lookup(&p, iface);

		for (i = 0, j = 0; i < c.nifaces; i++) {
			if (c.ifaces[i].ifc == ifc) {
				struct cfw_iface_counters t = c.ifaces[j];

				c.ifaces[j++] = c.ifaces[i];
				c.ifaces[i] = t;
			}
		}
		for (i = j; i < c.nifaces; i++) {
			free(c.ifaces[i].rules[0]);
			free(c.ifaces[i].rules[1]);
		}
		c.nifaces = j;
		if (!j) {
			cfw_error("stats: no policy entry covers %s", iface);
			ret = CFW_EXIT_USAGE;
			goto out;
		}
	}
	c.handles = o->handles;
	if (o->json) {
		cfw_counters_print_json(stdout, &c);
	} else if (o->prometheus) {
		cfw_counters_print_prometheus(stdout, &c);
	} else {
		/* The state the counters were read in, as `state` says it. */
		if (c.has_state && p.nstates)
			printf("state %s seq %u\n", c.state, c.state_seq);
		cfw_counters_print_text(stdout, &c);
	}
	ret = CFW_EXIT_OK;
out:
	cfw_counters_free(&c);
	cfw_policy_free(&p);
	cfw_nl_close(&nl);
	return ret;
}

static int gen_command(const char *name, u8 cmd, int argc,
		       struct cfw_opts *o)
{
	struct cfw_nl nl;
	u32 gen = 0;
	int ret = no_args(name, argc);

	if (ret)
		return ret;
	ret = cfw_nl_open(&nl);
	if (ret)
		return ret;
	ret = simple(&nl, cmd, &gen) ? CFW_EXIT_SYSTEM : CFW_EXIT_OK;
	if (!ret && o->json)
		printf("{\"generation\": %u}\n", gen);
	else if (!ret && !o->quiet && cmd != CANFW_CMD_RESET_COUNTERS)
		printf("generation %u\n", gen);
	cfw_nl_close(&nl);
	return ret;
}

int cmd_reset(int argc, char **argv, struct cfw_opts *o)
{
	(void)argv;
	return gen_command("reset", CANFW_CMD_RESET_COUNTERS, argc, o);
}

int cmd_flush(int argc, char **argv, struct cfw_opts *o)
{
	(void)argv;
	return gen_command("flush", CANFW_CMD_FLUSH, argc, o);
}
