/* SPDX-License-Identifier: GPL-2.0 */
/* Just enough JSON output for canfwctl -j, without a library. */
#ifndef CFW_JSON_H
#define CFW_JSON_H

#include <stdio.h>

void cfw_json_string(FILE *f, const char *s);

#endif /* CFW_JSON_H */
