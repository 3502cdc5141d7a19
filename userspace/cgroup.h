/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cgroup v2 by path and by id. The policy language names a cgroup by its
 * path below the cgroup2 mount; the kernel matches its id (the inode
 * number of its directory in cgroupfs) at its level (the number of path
 * components). The mount is found in /proc/self/mountinfo, or given by
 * the environment variable CANFW_CGROUP_ROOT (tests use a directory tree).
 */
#ifndef CFW_CGROUP_H
#define CFW_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include "engine.h"

/*
 * The longest path printed as a path; a cgroup deeper in characters is
 * printed by id, so that every rule's text fits CFW_RULE_TEXT_MAX.
 */
#define CFW_CGROUP_PATH_MAX	512

/*
 * PATH (LEN bytes, no NUL needed) below the mount, a leading '/' and
 * doubled ones ignored: 0 with its id and level, or -1 with why not in
 * MSG. A path deeper than CANFW_CGROUP_LEVEL_MAX gives its depth (at most
 * 255) and no error: the engine's check says what is wrong with it.
 */
int cfw_cgroup_resolve(const char *path, size_t len, u64 *id, u8 *level,
		       char *msg, size_t size);

/*
 * The path of the cgroup of that id at that level, without a leading '/',
 * found by a bounded walk that follows no symlink: true if there is one
 * the policy language can spell (no blank or "{};#", at most
 * CFW_CGROUP_PATH_MAX characters). Answers are cached.
 */
bool cfw_cgroup_path(u64 id, u8 level, char *buf, size_t size);

/* The same at any level, as "/a/b" ("/" for the root): a socket's cgroup. */
bool cfw_cgroup_find(u64 id, char *buf, size_t size);

/* Forget the cached answers (tests that change the tree). */
void cfw_cgroup_forget(void);

#endif /* CFW_CGROUP_H */
