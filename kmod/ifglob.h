/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interface-name globs: '*' matches any run of characters, '?' exactly one,
 * everything else itself; there is no escaping and no character class.
 * The kernel and `canfwctl replay` both use this file, so an interface is
 * bound to the same policy entry in both.
 */
#ifndef CANFW_IFGLOB_H
#define CANFW_IFGLOB_H

#include "canfw_port.h"

bool canfw_is_glob(const char *pat);
bool canfw_glob_match(const char *pat, const char *name);

#endif /* CANFW_IFGLOB_H */
