// SPDX-License-Identifier: GPL-2.0
#include "json.h"

/*
 * Interface names come from users and may hold any byte but '/' and ':';
 * bytes that are not printable ASCII are escaped so the output stays valid
 * JSON (and valid UTF-8) whatever they are.
 */
void cfw_json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p >= 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}
