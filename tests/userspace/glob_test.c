// SPDX-License-Identifier: GPL-2.0
/* Interface globs and which policy entry an interface gets. */
#include <string.h>
#include "tap.h"
#include "policy.h"
#include "ifglob.h"

static const struct {
	const char *pat;
	const char *name;
	bool match;
} glob_cases[] = {
	{ "can0", "can0", true },
	{ "can0", "can01", false },
	{ "can0", "can", false },
	{ "vcan*", "vcan", true },
	{ "vcan*", "vcan12", true },
	{ "vcan*", "xvcan1", false },
	{ "can?", "can1", true },
	{ "can?", "can", false },
	{ "can?", "can12", false },
	{ "*", "", true },
	{ "*", "anything", true },
	{ "?", "", false },
	{ "*0", "can0", true },
	{ "*0", "can01", false },
	{ "c*n*1", "can1", true },
	{ "c*n*1", "cxnyn1", true },
	{ "c*n*1", "cn1x", false },
	{ "a*a*a*a*b", "aaaaaaaaaaaaaa", false },
	{ "**", "x", true },
	{ "*?", "", false },
	{ "*?", "a", true },
	{ "", "", true },
	{ "", "a", false },
};

static void test_lookup(void)
{
	static const char src[] =
		"interface can* { }\n"
		"interface c* { }\n"
		"interface can1 { }\n"
		"interface ?can1 { }\n";
	struct cfw_policy p;
	struct cfw_error err;
	const struct cfw_iface *i;

	if (cfw_parse(src, strlen(src), &p, &err)) {
		tap_result(false, "lookup: parse: %s", err.msg);
		return;
	}
	i = cfw_policy_lookup(&p, "can1");
	tap_result(i && !strcmp(i->name, "can1"),
		   "lookup: an exact name beats earlier globs");
	i = cfw_policy_lookup(&p, "can2");
	tap_result(i && !strcmp(i->name, "can*"),
		   "lookup: the first matching glob in file order");
	i = cfw_policy_lookup(&p, "cx");
	tap_result(i && !strcmp(i->name, "c*"), "lookup: a later glob");
	i = cfw_policy_lookup(&p, "vcan1");
	tap_result(i && !strcmp(i->name, "?can1"), "lookup: '?' glob");
	tap_result(!cfw_policy_lookup(&p, "eth0"),
		   "lookup: no entry for an uncovered interface");
	cfw_policy_free(&p);
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(glob_cases) / sizeof(glob_cases[0]); i++)
		tap_result(canfw_glob_match(glob_cases[i].pat,
					  glob_cases[i].name) ==
			   glob_cases[i].match, "glob: '%s' %s '%s'",
			   glob_cases[i].pat,
			   glob_cases[i].match ? "matches" : "does not match",
			   glob_cases[i].name);
	test_lookup();
	return tap_exit();
}
