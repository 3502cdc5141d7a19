// SPDX-License-Identifier: GPL-2.0
/* canfwctl check: validate a policy without the kernel. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "json.h"
#include "lint.h"

static void summary_text(const struct cfw_policy *p)
{
	size_t i;
	int dir;
	u32 k;

	/* As `canfwctl state` lists them, the first the initial one. */
	if (p->nstates) {
		fputs("states", stdout);
		for (k = 0; k < p->nstates; k++)
			printf(" %s%s", p->states[k].name,
			       p->states[k].flags & CANFW_STATE_FLAGS_STICKY ?
			       ":sticky" : "");
		putchar('\n');
	}

	for (i = 0; i < p->nifaces; i++) {
		const struct cfw_iface *ifc = &p->ifaces[i];

		printf("interface %s: mode %s", ifc->name,
		       cfw_mode_name(ifc->mode));
		for (dir = 0; dir < CFW_NDIRS; dir++)
			printf(", %s default %s, %u rule%s", cfw_dir_name(dir),
			       cfw_action_name(ifc->dir[dir].default_action),
			       ifc->dir[dir].nrules,
			       ifc->dir[dir].nrules == 1 ? "" : "s");
		putchar('\n');
	}
}

static void summary_json(const struct cfw_policy *p)
{
	size_t i;
	int dir;

	fputs("{\"interfaces\": [", stdout);
	for (i = 0; i < p->nifaces; i++) {
		const struct cfw_iface *ifc = &p->ifaces[i];

		fputs(i ? ", {\"name\": " : "{\"name\": ", stdout);
		cfw_json_string(stdout, ifc->name);
		printf(", \"mode\": \"%s\"", cfw_mode_name(ifc->mode));
		for (dir = 0; dir < CFW_NDIRS; dir++) {
			const struct cfw_dir *d = &ifc->dir[dir];

			printf(", \"%s\": {\"default\": \"%s\", \"err_default\": \"%s\", \"log_default\": %s, \"rules\": %u}",
			       cfw_dir_name(dir),
			       cfw_action_name(d->default_action),
			       cfw_action_name(d->err_default),
			       d->log_default ? "true" : "false", d->nrules);
		}
		putchar('}');
	}
	puts("]}");
}

int cmd_check(int argc, char **argv, struct cfw_opts *o)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ "print", no_argument, NULL, 'p' },
		{ "warnings", no_argument, NULL, 'W' },
		{ "log", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct lint lint = { 0 };
	struct cfw_policy p;
	bool print = false, warnings = false;
	int c, ret;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+:vjpW", longopts, NULL)) != -1) {
		if (c == 'v')
			o->verbose++;
		else if (c == 'j')
			o->json = true;
		else if (c == 'p')
			print = true;
		else if (c == 'W')
			warnings = true;
		else if (c == 'l')
			lint.log = optarg;
		else
			return cfw_bad_option("check", c, argv);
	}
	if (argc - optind != 1)
		return cfw_usage_error("check", "expected one policy file");
	if (lint.log && !warnings)
		return cfw_usage_error("check", "--log is for -W's warnings");
	ret = cfw_load_policy_file(argv[optind], &p);
	if (ret)
		return ret;
	if (lint.log) {
		ret = cfw_log_resolution(lint.log, &lint.log_resolution_ns);
		if (ret) {
			cfw_policy_free(&p);
			return ret;
		}
	}
	if (warnings) {
		lint.p = &p;
		lint.file = strcmp(argv[optind], "-") ? argv[optind] : "<stdin>";
		if (cfw_lint(&lint) < 0) {
			cfw_policy_free(&p);
			cfw_error("out of memory");
			return CFW_EXIT_SYSTEM;
		}
	}
	if (print && o->json)
		cfw_print_policy_json_handles(stdout, &p, o->handles);
	else if (print)
		cfw_print_policy_handles(stdout, &p, o->handles);
	else if (o->verbose && o->json)
		summary_json(&p);
	else if (o->verbose)
		summary_text(&p);
	cfw_policy_free(&p);
	return CFW_EXIT_OK;
}
