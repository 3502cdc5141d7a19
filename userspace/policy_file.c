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
	size_t cap = 4096, n = 0;
	char *buf;

	if (!f) {
		cfw_error("%s: %s", path, strerror(errno));
		return CFW_EXIT_SYSTEM;
	}
	buf = malloc(cap);
	while (buf) {
		char *nb;

		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		cap *= 2;
		nb = realloc(buf, cap);
		if (!nb)
			free(buf);
		buf = nb;
	}
	if (!buf || ferror(f)) {
		/* fopen() opens a directory; reading it fails with EISDIR. */
		cfw_error("%s: %s", is_stdin ? "stdin" : path,
			  buf ? strerror(errno) : "out of memory");
		free(buf);
		if (!is_stdin)
			fclose(f);
		return CFW_EXIT_SYSTEM;
	}
	if (!is_stdin)
		fclose(f);
	buf[n] = 0;
	*text = buf;
	*len = n;
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
