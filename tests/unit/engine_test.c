// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's KUnit cases (tests/engine/) run against the userspace build
 * of the engine, with a larger random sample than the emulated kernel run.
 * Output: one "ok"/"not ok" line per case, then "N passed, N failed".
 */
#include <inttypes.h>
#include "kunit_shim.h"
#include "engine.h"

static unsigned long long canfw_test_seed = 20261124;

#define DIFF_POLICIES	3000
#define DIFF_FRAMES	400

#include "../engine/match_cases.c"
#include "../engine/rate_cases.c"
#include "../engine/policy_cases.c"
#include "../engine/diff_cases.c"
#include "../engine/frame_cases.c"
#include "../engine/timing_cases.c"
#include "../engine/perid_cases.c"
#include "../engine/payload_cases.c"
#include "../engine/sender_cases.c"
#include "../engine/state_cases.c"
#include "../engine/set_cases.c"

static const struct {
	const char *name;
	struct kunit_case *cases;
} suites[] = {
	{ "canfw_match", canfw_match_cases },
	{ "canfw_rate", canfw_rate_cases },
	{ "canfw_policy", canfw_policy_cases },
	{ "canfw_diff", canfw_diff_cases },
	{ "canfw_frame", canfw_frame_cases },
	{ "canfw_timing", canfw_timing_cases },
	{ "canfw_perid", canfw_perid_cases },
	{ "canfw_payload", canfw_payload_cases },
	{ "canfw_sender", canfw_sender_cases },
	{ "canfw_state", canfw_state_cases },
	{ "canfw_set", canfw_set_cases },
};

/* Kept apart from main() so longjmp cannot clobber main's locals. */
static int run_case(struct kunit_case *c)
{
	struct kunit test = { .name = c->name };

	if (!setjmp(test.abort))
		c->run_case(&test);
	return test.failed;
}

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;
	const char *seed = getenv("CANFW_SEED");
	unsigned int passed = 0, failed = 0;
	size_t i;

	if (seed)
		canfw_test_seed = strtoull(seed, NULL, 0);
	if (!canfw_test_seed)
		canfw_test_seed = 1;	/* xorshift needs a non-zero state */
	for (i = 0; i < ARRAY_LEN(suites); i++) {
		struct kunit_case *c;

		for (c = suites[i].cases; c->run_case; c++) {
			int bad;

			if (only && strcmp(only, c->name) &&
			    strcmp(only, suites[i].name))
				continue;
			bad = run_case(c);
			printf("%s %s.%s\n", bad ? "not ok" : "ok",
			       suites[i].name, c->name);
			if (bad)
				failed++;
			else
				passed++;
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
