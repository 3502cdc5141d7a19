// SPDX-License-Identifier: GPL-2.0
/*
 * canfwctl learn: a policy from recorded traffic. The logs are read to
 * the end before anything is printed, so a bad line leaves stdout empty.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "learn.h"

struct learn_args {
	struct cfw_learn_opts opts;
	bool delta;
	char **logs;
	int nlogs;
};

/* FACTOR: 1 to 100, with up to three decimals, in thousandths. */
static int parse_margin(const char *s, u32 *margin)
{
	unsigned long v = 0, frac = 0;
	int digits = 0;
	const char *p = s;

	while (*p >= '0' && *p <= '9' && v <= CFW_LEARN_MARGIN_MAX)
		v = v * 10 + (unsigned long)(*p++ - '0');
	if (p > s && *p == '.') {
		for (p++; *p >= '0' && *p <= '9' && digits < 3; digits++)
			frac = frac * 10 + (unsigned long)(*p++ - '0');
		if (!digits)
			p = s;
	}
	while (digits++ < 3)
		frac *= 10;
	v = v * 1000 + frac;
	if (p == s || *p || v < CFW_LEARN_MARGIN_MIN || v > CFW_LEARN_MARGIN_MAX)
		return cfw_usage_error("learn",
				       "--margin needs a factor from 1 to 100 with up to 3 decimals, not '%s'",
				       s);
	*margin = (u32)v;
	return 0;
}

static int parse_min_frames(const char *s, u32 *n)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || !v || v > 1000000)
		return cfw_usage_error("learn",
				       "--min-frames needs a number from 1 to 1000000, not '%s'",
				       s);
	*n = (u32)v;
	return 0;
}

static int parse_args(int argc, char **argv, struct learn_args *a)
{
	static const struct option longopts[] = {
		{ "iface", required_argument, NULL, 'i' },
		{ "margin", required_argument, NULL, 'm' },
		{ "min-frames", required_argument, NULL, 'f' },
		{ "no-timing", no_argument, NULL, 'T' },
		{ "delta", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	int c, i, stdins = 0;

	memset(a, 0, sizeof(*a));
	a->opts.margin = CFW_LEARN_MARGIN_DEFAULT;
	a->opts.min_frames = CFW_LEARN_MIN_FRAMES_DEFAULT;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:i:", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (!*optarg || strlen(optarg) > CFW_IFNAME_MAX)
				return cfw_usage_error("learn",
						       "--iface needs a name of 1 to 15 characters");
			if (!cfw_learn_block_name_ok(optarg, true))
				return cfw_usage_error("learn",
						       "--iface '%s' cannot name a policy block",
						       optarg);
			a->opts.iface = optarg;
			break;
		case 'm':
			if (parse_margin(optarg, &a->opts.margin))
				return CFW_EXIT_USAGE;
			break;
		case 'f':
			if (parse_min_frames(optarg, &a->opts.min_frames))
				return CFW_EXIT_USAGE;
			break;
		case 'T':
			a->opts.no_timing = true;
			break;
		case 'd':
			a->delta = true;
			break;
		default:
			return cfw_bad_option("learn", c, argv);
		}
	}
	if (optind >= argc)
		return cfw_usage_error("learn", "expected one or more log files");
	a->logs = argv + optind;
	a->nlogs = argc - optind;
	for (i = 0; i < a->nlogs; i++)
		stdins += !strcmp(a->logs[i], "-");
	if (stdins > 1)
		return cfw_usage_error("learn", "stdin ('-') can be read once");
	return 0;
}

static int learn_line(struct cfw_learn *l, struct cfw_log_clock *clock,
		      const char *log, unsigned long lineno, const char *line,
		      size_t len)
{
	struct cfw_log_frame f;
	const char *msg;
	unsigned int col;
	int st = cfw_log_parse_line(line, len, &f, &msg, &col);

	if (st > 0 && (cfw_log_clock_frame(clock, &f, &msg) ||
		       cfw_learn_frame(l, &f, &msg))) {
		st = -1;
		col = 1;
	}
	if (st < 0)
		cfw_log_report(stderr, log, lineno, line, len, col, msg);
	return st < 0 ? -1 : 0;
}

static int learn_log(struct cfw_learn *l, struct cfw_log_clock *clock,
		     const char *log)
{
	FILE *in = strcmp(log, "-") ? fopen(log, "r") : stdin;
	unsigned long lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int ret = CFW_EXIT_OK;

	if (!in) {
		cfw_error("%s: %s", log, strerror(errno));
		return CFW_EXIT_SYSTEM;
	}
	/* Each log starts afresh, as a replay of it does; -t d's sum too. */
	clock->now_ns = 0;
	cfw_learn_start_log(l);
	while ((n = getline(&line, &cap, in)) >= 0) {
		if (learn_line(l, clock, log, ++lineno, line, (size_t)n)) {
			ret = CFW_EXIT_USAGE;
			break;
		}
	}
	if (!ret && ferror(in)) {
		cfw_error("%s: %s", log, strerror(errno));
		ret = CFW_EXIT_SYSTEM;
	}
	cfw_learn_end_log(l);
	free(line);
	if (in != stdin)
		fclose(in);
	return ret;
}

int cmd_learn(int argc, char **argv, struct cfw_opts *o)
{
	struct learn_args a;
	struct cfw_learn l;
	struct cfw_log_clock clock;
	int i, ret;

	(void)o;
	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret;
	memset(&clock, 0, sizeof(clock));
	clock.delta = a.delta;
	cfw_learn_init(&l, &a.opts);
	for (i = 0; i < a.nlogs && !ret; i++)
		ret = learn_log(&l, &clock, a.logs[i]);
	if (!ret && !l.frames) {
		cfw_error("learn: the logs hold no frames");
		ret = CFW_EXIT_USAGE;
	}
	if (!ret && (cfw_learn_finish(&l) ||
		     cfw_learn_print(stdout, &l, a.logs, a.nlogs))) {
		cfw_error("out of memory");
		ret = CFW_EXIT_SYSTEM;
	}
	cfw_learn_free(&l);
	return ret;
}
