/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A scratch directory that stands in for the cgroup2 mount in the tests of
 * sender rules: canfwctl looks there (CANFW_CGROUP_ROOT), and the inode
 * numbers of the directories made below it are their cgroup ids.
 */
#ifndef CFW_CGROUP_TREE_H
#define CFW_CGROUP_TREE_H

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* Make the directory in $TMPDIR (or /tmp) and point canfwctl at it. */
static inline bool cgroup_tree_make(char *root, size_t size)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(root, size, "%s/canfw-cgroup-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(root) && !setenv("CANFW_CGROUP_ROOT", root, 1);
}

static inline int cgroup_tree_rm_entry(const char *path,
				       const struct stat *st, int flag,
				       struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove it with everything below it, links not followed. */
static inline void cgroup_tree_remove(const char *root)
{
	if (root[0])
		nftw(root, cgroup_tree_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif /* CFW_CGROUP_TREE_H */
