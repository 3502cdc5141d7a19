/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interface-name globs: '*' matches any run of characters, '?' exactly one,
 * everything else itself; there is no escaping and no character class.
 * Kept free of libc so the kernel can carry the same code and bind an
 * interface to the same policy entry that `canfwctl replay` picks.
 */
#ifndef CFW_IFGLOB_H
#define CFW_IFGLOB_H

#include <stdbool.h>

bool cfw_is_glob(const char *pat);
bool cfw_glob_match(const char *pat, const char *name);

#endif /* CFW_IFGLOB_H */
