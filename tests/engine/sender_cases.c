// SPDX-License-Identifier: GPL-2.0
/*
 * Sender rules: the same ID allowed from one uid, gid or cgroup and
 * refused from another, frames without a socket, and the checks.
 */
#include "helpers.h"

static u32 sender_rule(struct canfw_table *t, const struct canfw_sender *snd)
{
	struct canfw_frame f;
	struct canfw_verdict v;

	canfw_frame_init(&f, CANFW_PROTO_CAN, 0x0C0, 8);
	f.sender = snd;
	canfw_table_judge(t, &f, 0, &v);
	return v.rule;
}

/* A process in system.slice/engine.service (levels 1 and 2). */
static const struct canfw_sender engine_svc = {
	.has_sk = 1, .has_gid = 1, .depth = 2, .uid = 0, .gid = 0,
	.cgroup = { 1, 100, 200 },
};

/* uid 1001 in user.slice (level 1 only). */
static const struct canfw_sender media_app = {
	.has_sk = 1, .has_gid = 1, .depth = 1, .uid = 1001, .gid = 1001,
	.cgroup = { 1, 300 },
};

static void sender_split(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x0C0, 0x0C0), ACCEPT, ANYLEN,
		  .sender = { .match = CANFW_SENDER_CGROUP, .cgroup_level = 2,
			      .cgroup_id = 200 } },
		{ RANGE(SFF_SP, 0x0C0, 0x0C0), DROP, ANYLEN,
		  .sender = { .match = CANFW_SENDER_UID, .uid_lo = 1000,
			      .uid_hi = 1999 } },
		{ RANGE(SFF_SP, 0x0C0, 0x0C0), ACCEPT, ANYLEN,
		  .sender = { .match = CANFW_SENDER_NO_SOCKET } },
		{ RANGE(SFF_SP, 0x0C0, 0x0C0), ACCEPT, ANYLEN,
		  .sender = { .match = CANFW_SENDER_GID, .gid_lo = 0,
			      .gid_hi = 0 } },
	};
	const struct canfw_sender no_sk = { .has_sk = 0 };
	struct canfw_sender root_shell = engine_svc;
	struct canfw_sender fileless = engine_svc;
	struct canfw_table *t = mk_table(test, rules, ARRAY_LEN(rules), D,
					 CANFW_MODE_ENFORCE);

	root_shell.cgroup[2] = 201;
	fileless.cgroup[2] = 201;
	fileless.has_gid = 0;
	KUNIT_EXPECT_EQ(test, sender_rule(t, &engine_svc), 0);
	KUNIT_EXPECT_EQ(test, sender_rule(t, &media_app), 1);
	KUNIT_EXPECT_EQ(test, sender_rule(t, &no_sk), 2);
	KUNIT_EXPECT_EQ(test, sender_rule(t, NULL), 2);
	KUNIT_EXPECT_EQ(test, sender_rule(t, &root_shell), 3);
	KUNIT_EXPECT_EQ(test, sender_rule(t, &fileless), NONE);
	/* Not a leaf match: a cgroup below engine.service is in it too. */
	root_shell = engine_svc;
	root_shell.depth = 3;
	root_shell.cgroup[3] = 999;
	KUNIT_EXPECT_EQ(test, sender_rule(t, &root_shell), 0);
	/* Shallower than the rule's level: not below it. */
	root_shell.depth = 1;
	KUNIT_EXPECT_EQ(test, sender_rule(t, &root_shell), 3);
	KUNIT_EXPECT_EQ(test, candidates(t, 0x0C0), 4);
	KUNIT_EXPECT_EQ(test, t->has_sender, 1);
	KUNIT_EXPECT_EQ(test, t->sender_depth, 2);
	canfw_table_free(t);
}

static void sender_checked(struct kunit *test)
{
	static const struct refusal bad[] = {
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .sender = { .match = CANFW_SENDER_NO_SOCKET |
					 CANFW_SENDER_UID } },
		  "a frame without a socket has no uid, gid or cgroup to match" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .sender = { .match = CANFW_SENDER_UID, .uid_lo = 2,
				.uid_hi = 1 } },
		  "uid range is empty: its low end is above its high end" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .sender = { .match = CANFW_SENDER_GID, .gid_lo = 2,
				.gid_hi = 1 } },
		  "gid range is empty: its low end is above its high end" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .sender = { .match = CANFW_SENDER_CGROUP,
				.cgroup_level = 17, .cgroup_id = 5 } },
		  "a cgroup match needs a cgroup id and a level of 1 to 16" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .sender = { .match = CANFW_SENDER_CGROUP,
				.cgroup_level = 1 } },
		  "a cgroup match needs a cgroup id and a level of 1 to 16" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .sender = { .match = 0x10 } },
		  "unknown sender match" },
	};

	expect_refused(test, bad, ARRAY_LEN(bad));
}

static struct kunit_case canfw_sender_cases[] = {
	KUNIT_CASE(sender_split),
	KUNIT_CASE(sender_checked),
	{}
};
