// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the canfw engine. The case functions live in
 * tests/engine/ and also run in userspace (tests/unit/engine_test.c).
 */
#include <kunit/test.h>
#include <linux/module.h>
#include "engine.h"

static unsigned long long canfw_test_seed = 20261124;
module_param_named(seed, canfw_test_seed, ullong, 0444);
MODULE_PARM_DESC(seed, "seed of the randomized differential test");

/* The debug kernel runs emulated with KASAN: a smaller random sample. */
#define DIFF_POLICIES	500
#define DIFF_FRAMES	200

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

static struct kunit_suite canfw_match_suite = {
	.name = "canfw_match",
	.test_cases = canfw_match_cases,
};

static struct kunit_suite canfw_rate_suite = {
	.name = "canfw_rate",
	.test_cases = canfw_rate_cases,
};

static struct kunit_suite canfw_policy_suite = {
	.name = "canfw_policy",
	.test_cases = canfw_policy_cases,
};

static struct kunit_suite canfw_diff_suite = {
	.name = "canfw_diff",
	.test_cases = canfw_diff_cases,
};

static struct kunit_suite canfw_frame_suite = {
	.name = "canfw_frame",
	.test_cases = canfw_frame_cases,
};

static struct kunit_suite canfw_timing_suite = {
	.name = "canfw_timing",
	.test_cases = canfw_timing_cases,
};

static struct kunit_suite canfw_perid_suite = {
	.name = "canfw_perid",
	.test_cases = canfw_perid_cases,
};

static struct kunit_suite canfw_payload_suite = {
	.name = "canfw_payload",
	.test_cases = canfw_payload_cases,
};

static struct kunit_suite canfw_sender_suite = {
	.name = "canfw_sender",
	.test_cases = canfw_sender_cases,
};

static struct kunit_suite canfw_state_suite = {
	.name = "canfw_state",
	.test_cases = canfw_state_cases,
};

static struct kunit_suite canfw_set_suite = {
	.name = "canfw_set",
	.test_cases = canfw_set_cases,
};

kunit_test_suites(&canfw_match_suite, &canfw_rate_suite, &canfw_policy_suite,
		  &canfw_diff_suite, &canfw_frame_suite, &canfw_timing_suite,
		  &canfw_perid_suite, &canfw_payload_suite, &canfw_sender_suite,
		  &canfw_state_suite, &canfw_set_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for the canfw policy engine");
