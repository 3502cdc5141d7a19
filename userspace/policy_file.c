// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"

int cfw_read_file(const char *path, char **text, size_t *len)
{
	bool is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	char *buf;

	if (!f) {
		cfw_error("%s: %s", path, strerror(errno));
		return CFW_EXIT_SYSTEM;
	}
	errno = 0;
	buf = cfw_read_stream(f, len);
	if (!buf) {
		/* fopen() opens a directory; reading it fails with EISDIR. */
		cfw_error("%s: %s", is_stdin ? "stdin" : path,
			  errno ? strerror(errno) : "out of memory");
		if (!is_stdin)
			fclose(f);
		return CFW_EXIT_SYSTEM;
	}
	if (!is_stdin)
		fclose(f);
	*text = buf;
	return 0;
}

int cfw_load_policy_file(const char *path, struct cfw_policy *p)
{
	struct cfw_error err;
	char *text;
	size_t len;
	int ret;

	ret = cfw_read_file(path, &text, &len);
	if (ret)
		return ret;
	if (cfw_parse_file(path, text, len, p, &err)) {
		cfw_report_error(stderr, strcmp(path, "-") ? path : "<stdin>",
				 text, len, &err);
		ret = CFW_EXIT_USAGE;
	}
	free(text);
	return ret;
}
