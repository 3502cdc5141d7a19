// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: any input either parses or is refused with a positioned
 * message; what parses must also survive print -> parse unchanged and
 * build into engine tables, as `check` promises.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy.h"

static void must(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_parser: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct cfw_policy p, q;
	struct cfw_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (cfw_parse((const char *)data, size, &p, &err)) {
		must(err.pos.line >= 1 && err.pos.col >= 1 && err.msg[0],
		     "a refusal without position or message");
		return 0;
	}
	f = open_memstream(&text, &len);
	must(f != NULL, "open_memstream");
	cfw_print_policy(f, &p);
	fclose(f);
	must(!cfw_parse(text, len, &q, &err), "printed policy does not parse");
	must(cfw_policy_equal(&p, &q), "reparsed policy differs");
	cfw_policy_free(&q);
	cfw_policy_free(&p);
	free(text);
	return 0;
}
