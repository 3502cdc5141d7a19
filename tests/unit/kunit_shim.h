/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The subset of the KUnit API that the engine's test cases use, for running
 * the very same case functions in a userspace binary. A failed ASSERT ends
 * the case through longjmp, as KUnit ends the case's kthread.
 */
#ifndef CANFW_KUNIT_SHIM_H
#define CANFW_KUNIT_SHIM_H

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

struct kunit {
	const char *name;
	int failed;
	jmp_buf abort;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
};

#define KUNIT_CASE(fn)	{ .run_case = fn, .name = #fn }

#define kunit_info(test, fmt, ...) \
	printf("    # %s: " fmt, (test)->name, ##__VA_ARGS__)

#define kunit_shim_fail(test, fmt, ...) do {				\
		printf("    # %s: %s:%d: " fmt "\n", (test)->name,		\
		       __FILE__, __LINE__, ##__VA_ARGS__);			\
		(test)->failed = 1;					\
	} while (0)

#define KUNIT_SHIM_CMP(test, a, op, b, fatal, msg, ...) do {		\
		long long _a = (long long)(a), _b = (long long)(b);	\
		if (!(_a op _b)) {					\
			kunit_shim_fail(test, "expected %s " #op " %s, "	\
					"got %lld vs %lld " msg, #a, #b,	\
					_a, _b, ##__VA_ARGS__);		\
			if (fatal)					\
				longjmp((test)->abort, 1);		\
		}							\
	} while (0)

#define KUNIT_EXPECT_EQ(t, a, b)	KUNIT_SHIM_CMP(t, a, ==, b, 0, "")
#define KUNIT_EXPECT_NE(t, a, b)	KUNIT_SHIM_CMP(t, a, !=, b, 0, "")
#define KUNIT_EXPECT_LE(t, a, b)	KUNIT_SHIM_CMP(t, a, <=, b, 0, "")
#define KUNIT_EXPECT_TRUE(t, a)		KUNIT_SHIM_CMP(t, !!(a), ==, 1, 0, "")
#define KUNIT_EXPECT_FALSE(t, a)	KUNIT_SHIM_CMP(t, !!(a), ==, 0, 0, "")
#define KUNIT_ASSERT_EQ(t, a, b)	KUNIT_SHIM_CMP(t, a, ==, b, 1, "")
#define KUNIT_ASSERT_TRUE(t, a)		KUNIT_SHIM_CMP(t, !!(a), ==, 1, 1, "")
#define KUNIT_EXPECT_EQ_MSG(t, a, b, fmt, ...) \
	KUNIT_SHIM_CMP(t, a, ==, b, 0, "(" fmt ")", ##__VA_ARGS__)
#define KUNIT_ASSERT_EQ_MSG(t, a, b, fmt, ...) \
	KUNIT_SHIM_CMP(t, a, ==, b, 1, "(" fmt ")", ##__VA_ARGS__)
#define KUNIT_EXPECT_NULL(t, a)	KUNIT_SHIM_CMP(t, (a) == NULL, ==, 1, 0, "")
#define KUNIT_EXPECT_STREQ_MSG(t, a, b, fmt, ...) do {		\
		const char *_x = (a), *_y = (b);			\
		if (!_x || !_y || strcmp(_x, _y))			\
			kunit_shim_fail(t, "expected \"%s\", got \"%s\" " fmt, \
					_y ? _y : "(null)",		\
					_x ? _x : "(null)", ##__VA_ARGS__); \
	} while (0)
#define KUNIT_EXPECT_STREQ(t, a, b)	KUNIT_EXPECT_STREQ_MSG(t, a, b, "")

#endif /* CANFW_KUNIT_SHIM_H */
