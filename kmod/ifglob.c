// SPDX-License-Identifier: GPL-2.0
#include "ifglob.h"

bool canfw_is_glob(const char *pat)
{
	for (; *pat; pat++)
		if (*pat == '*' || *pat == '?')
			return true;
	return false;
}

/*
 * Backtracking to the most recent '*' only is enough: a later star can
 * absorb anything an earlier one would have, so the loop is O(n * m) at
 * worst and needs no recursion (kernel stacks are small).
 */
bool canfw_glob_match(const char *pat, const char *name)
{
	const char *star = NULL, *resume = NULL;

	while (*name) {
		if (*pat == '*') {
			star = pat++;
			resume = name;
		} else if (*pat && (*pat == '?' || *pat == *name)) {
			pat++;
			name++;
		} else if (star) {
			pat = star + 1;
			name = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}
