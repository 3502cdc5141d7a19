// SPDX-License-Identifier: GPL-2.0
/*
 * canfwctl: the command-line side of canfw. Commands are looked up like
 * ip(8) does: the first one in the table whose name starts with what was
 * typed, so keep the most used commands first when adding new ones.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"

#ifndef CANFWCTL_VERSION
#define CANFWCTL_VERSION "unknown"
#endif

static int cmd_help(int argc, char **argv, struct cfw_opts *o);
static int cmd_version(int argc, char **argv, struct cfw_opts *o);

static const struct cfw_cmd commands[] = {
	{ "load", cmd_load, "load FILE",
	  "Check a policy file (\"-\" reads stdin), then replace the whole\n"
	  "policy of this network namespace with it in one step. Prints the\n"
	  "new generation number. Nothing changes if anything is wrong.",
	  true },
	{ "show", cmd_show, "show",
	  "Print the policy the kernel holds, in the policy language:\n"
	  "`canfwctl show > f; canfwctl load f` reproduces it exactly.\n"
	  "With -j, as JSON.", false },
	{ "stats", cmd_stats, "stats [--prometheus] [IFACE]",
	  "Print counters per interface entry and direction, then per rule;\n"
	  "with IFACE, only the entry that covers it. --prometheus prints\n"
	  "them in the Prometheus text format (node_exporter's textfile\n"
	  "collector).", false },
	{ "state", cmd_state, "state [NAME]",
	  "Without NAME, print the current state and its sequence number,\n"
	  "then the policy's states in order (sticky ones as NAME:sticky),\n"
	  "or \"state none\" when the policy declares none. With NAME,\n"
	  "switch to it at once, sticky states too; prints nothing. Changes\n"
	  "what frames pass, so it is run only by its full name.", true },
	{ "reset", cmd_reset, "reset", "Zero every counter; the policy stays.",
	  true },
	{ "flush", cmd_flush, "flush",
	  "Remove the policy: every frame passes untouched.", true },
	{ "info", cmd_info, "info",
	  "Print the module's version, generation, limits, whether CAN\n"
	  "interfaces that no entry names pass or drop (module parameter\n"
	  "fail_closed) and how many frames fail-closed dropped.", false },
	{ "monitor", cmd_monitor, "monitor [-c|--count COUNT]",
	  "Print security events as they happen, one line each, candump-like:\n"
	  "  (SECONDS.USEC) IFACE rx|tx FRAME accept|drop [rate|default]\n"
	  "  [rule N] [would-drop] [(N events suppressed)]\n"
	  "FRAME is as `candump -L` shows it (FD frames always with flags\n"
	  "nibble 1: events do not carry the FD flags; CAN XL frames as\n"
	  "PRIO###FFSSAAAAAAAADATA; MALFORMED for frames that are none). With\n"
	  "-j, one JSON object per line. Events come from rules with `log` and\n"
	  "`log-default`; the kernel rate-limits them per device and direction\n"
	  "(`events N/s burst M` in the policy) and\n"
	  "reports how many it suppressed with the next one. -c exits after\n"
	  "COUNT events; -v says \"monitoring events\" on stderr once joined.\n"
	  "Ctrl-C exits with status 0. Needs CAP_NET_ADMIN.", false },
	{ "check", cmd_check,
	  "check [-v] [-p|--print] [-W|--warnings] [--log LOGFILE] FILE",
	  "Validate a policy file (\"-\" reads stdin); print nothing if it is\n"
	  "valid, a summary with -v, the policy in canonical form with -p\n"
	  "(as JSON with -j). -W also warns, as FILE:LINE:COL: warning:, of\n"
	  "rules that never decide a frame because earlier rules decide all\n"
	  "they match, and with --log of rates and timings that the log's\n"
	  "timestamps are too coarse to judge; warnings do not change the\n"
	  "exit status.\n"
	  "Needs neither root nor the module.", false },
	{ "replay", cmd_replay,
	  "replay [-v] [--iface NAME] [--tx] [--state NAME] [--prometheus] [--delta] POLICY LOGFILE",
	  "Judge every frame of a candump log (candump -l or -L, or candump's\n"
	  "text output with -t a, -t z or -t d; --delta for -t d, whose times\n"
	  "are gaps) with the policy, through the kernel's own engine, using\n"
	  "the log's timestamps for rate limits, and print the counters. Frames are\n"
	  "judged as received on the interface named in each line; --iface\n"
	  "judges them all as NAME's, --tx as sent. -v lists each dropped\n"
	  "frame (on stderr with -j or --prometheus). Frames on interfaces\n"
	  "the policy does not cover pass untouched and are not counted.\n"
	  "--prometheus prints the counters as stats --prometheus does.\n"
	  "A policy with states is replayed with them: each frame is judged\n"
	  "in the current state, and each switch a trigger or selector makes\n"
	  "is printed as monitor prints it (on stderr with -j or\n"
	  "--prometheus); --state starts the log in NAME, not the first\n"
	  "state. A log without timestamps (candump without -t) is judged\n"
	  "only by a policy without rates, periods, timeouts or triggers.",
	  false },
	{ "dbc", cmd_dbc,
	  "dbc [--node NODE]... [--iface NAME] [--no-timing] DBCFILE",
	  "Write on stdout a policy for the messages of a CAN database (DBC)\n"
	  "file (\"-\" reads stdin). Without --node, rx accepts every message\n"
	  "of the file and tx is left open; with --node (repeatable), tx\n"
	  "accepts the messages the nodes send (BO_, BO_TX_BU_) and rx those\n"
	  "with a signal they receive. Each rule takes one ID, the message's\n"
	  "frame kind (data, or fd for CAN FD) and its exact length; other\n"
	  "frames are dropped. Cyclic messages with a GenMsgCycleTime get a\n"
	  "period, half of it as jitter with early log (never dropped) and a\n"
	  "timeout of three periods; --no-timing leaves them out. --iface\n"
	  "names the interface block (default can0; a glob such as can* too).\n"
	  "Errors in the file print as FILE:LINE: message.", false },
	{ "learn", cmd_learn,
	  "learn [--iface NAME] [--margin FACTOR] [--min-frames N] [--no-timing] [--delta] LOGFILE...",
	  "Write on stdout a policy learnt from candump logs (the forms\n"
	  "replay reads; \"-\" reads stdin): per interface (or all as NAME's\n"
	  "with --iface) rx default drop and, per ID, an accept rule with the\n"
	  "kinds and lengths seen, a rate of FACTOR (default 1.5) times the\n"
	  "most frames in a second with the burst the logs need times FACTOR,\n"
	  "and for periodic IDs a period, jitter and timeout; --no-timing\n"
	  "leaves those out. IDs with fewer than N frames (default 10) get\n"
	  "no rate or period; neither do logs whose timestamps are too\n"
	  "coarse. Each rule's comment gives what it was learnt from.\n"
	  "Replaying a log it was learnt from drops none of its frames. A bad\n"
	  "log line prints as LOG:LINE:COL: message, with nothing on stdout.",
	  false },
	{ "help", cmd_help, "help [COMMAND]", "Show help for all or one command.", false },
	{ "version", cmd_version, "version", "Show canfwctl's version.", false },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/*
 * The command NAME names: its full name, or the first in this order that
 * it abbreviates. Load, state, reset and flush change what the kernel
 * holds and are run only by their full names, and an abbreviation that
 * would also fit one of them runs nothing: a typo must not flush the
 * firewall.
 * With @any (help), every command may be abbreviated.
 */
static const struct cfw_cmd *find_command(const char *name, bool any)
{
	const struct cfw_cmd *first = NULL;
	size_t i, n = strlen(name);

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	for (i = 0; n && i < NCOMMANDS; i++) {
		if (strncmp(commands[i].name, name, n))
			continue;
		if (commands[i].full_name && !any) {
			cfw_usage_error(NULL, "'%s' could be %s, which is run only by its full name",
					name, commands[i].name);
			return NULL;
		}
		if (!first)
			first = &commands[i];
	}
	if (!first)
		cfw_usage_error(NULL, "unknown command '%s'", name);
	return first;
}

static void usage(FILE *f)
{
	size_t i;

	fputs("Usage: canfwctl [-j|--json] [-v|--verbose] [-q|--quiet] "
	      "[-a|--handle]\n                [-n|--netns NAME] COMMAND [ARGS]\n\n"
	      "Commands:\n", f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s\n", commands[i].usage);
	fputs("\nCommands may be abbreviated, but for load, state, reset and flush. "
	      "Exit status:\n0 success, 1 bad usage or invalid policy, 2 "
	      "system or kernel error.\n", f);
}

void cfw_error(const char *fmt, ...)
{
	va_list ap;

	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cfw_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("Error: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'canfwctl help%s%s')\n", cmd ? " " : "",
		cmd ? cmd : "");
	return CFW_EXIT_USAGE;
}

/*
 * getopt's own messages are off (opterr): they name the program by its
 * path and come on a line of their own, before the usage.
 */
int cfw_bad_option(const char *cmd, int c, char **argv)
{
	char opt[3] = { '-', (char)optopt, 0 };
	const char *name = optopt ? opt : argv[optind - 1];

	if (c == ':')
		return cfw_usage_error(cmd, "option '%s' needs an argument",
				       name);
	return cfw_usage_error(cmd, "unknown option '%s'", name);
}

static int cmd_help(int argc, char **argv, struct cfw_opts *o)
{
	const struct cfw_cmd *c;

	(void)o;
	if (argc < 2) {
		usage(stdout);
		return CFW_EXIT_OK;
	}
	if (argc > 2)
		return cfw_usage_error("help", "expected at most one command");
	c = find_command(argv[1], true);
	if (!c)
		return CFW_EXIT_USAGE;
	printf("Usage: canfwctl %s\n\n%s\n", c->usage, c->help);
	return CFW_EXIT_OK;
}

static int cmd_version(int argc, char **argv, struct cfw_opts *o)
{
	(void)argv;
	(void)o;
	if (argc > 1)
		return cfw_usage_error("version", "takes no arguments");
	printf("canfwctl %s\n", CANFWCTL_VERSION);
	return CFW_EXIT_OK;
}

/* Like `ip -n NAME`: act in the namespace that `ip netns add NAME` made. */
static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd;

	if (!*name || strchr(name, '/')) {
		cfw_error("invalid network namespace name '%s'", name);
		return -1;
	}
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
		cfw_error("cannot enter network namespace %s: %s", name,
			  strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * Global options after the command, as `canfwctl stats -j can0` has them:
 * taken out of the command's arguments (up to a "--"), so that every
 * command accepts them where ip and nft users put them. Returns the new
 * argument count, or -1 if a namespace could not be entered.
 */
static int global_opts_after(int argc, char **argv, struct cfw_opts *o)
{
	int i, n = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *ns = NULL;

		if (!strcmp(a, "--")) {
			while (i < argc)
				argv[n++] = argv[i++];
			break;
		}
		if (!strcmp(a, "--json")) {
			o->json = true;
		} else if (!strcmp(a, "--verbose")) {
			o->verbose++;
		} else if (!strcmp(a, "--quiet")) {
			o->quiet = true;
		} else if (!strcmp(a, "--handle")) {
			o->handles = true;
		} else if (!strcmp(a, "--netns") || !strcmp(a, "-n")) {
			if (i + 1 == argc) {
				argv[n++] = argv[i];
				continue;
			}
			ns = argv[++i];
		} else if (!strncmp(a, "--netns=", 8)) {
			ns = a + 8;
		} else if (a[0] == '-' && a[1] && strspn(a + 1, "jvqa") == strlen(a + 1)) {
			for (a++; *a; a++) {
				if (*a == 'j')
					o->json = true;
				else if (*a == 'v')
					o->verbose++;
				else if (*a == 'a')
					o->handles = true;
				else
					o->quiet = true;
			}
		} else {
			argv[n++] = argv[i];
			continue;
		}
		if (ns && enter_netns(ns))
			return -1;
	}
	argv[n] = NULL;
	return n;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "netns", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "handle", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct cfw_opts o = { 0 };
	const struct cfw_cmd *cmd;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:jvqan:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o.handles = true;
			break;
		case 'j':
			o.json = true;
			break;
		case 'v':
			o.verbose++;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'n':
			if (enter_netns(optarg))
				return CFW_EXIT_SYSTEM;
			break;
		case 'h':
			usage(stdout);
			return CFW_EXIT_OK;
		case 'V':
			printf("canfwctl %s\n", CANFWCTL_VERSION);
			return CFW_EXIT_OK;
		default:
			return cfw_bad_option(NULL, c, argv);
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return CFW_EXIT_USAGE;
	}
	cmd = find_command(argv[optind], false);
	if (!cmd)
		return CFW_EXIT_USAGE;
	argc = global_opts_after(argc - optind, argv + optind, &o);
	if (argc < 0)
		return CFW_EXIT_SYSTEM;
	return cmd->run(argc, argv + optind, &o);
}
