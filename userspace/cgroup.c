// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup v2 paths to ids and back. A path is resolved with stat(): the
 * inode number of a cgroup's directory in cgroupfs is its id, the
 * kernel's cgroup_id(). Back from an id, the tree is walked: for a rule,
 * exactly the rule's level down; for a socket's cgroup, every level. The
 * walks are bounded, follow no symlink, and their answers are cached, so
 * that `show` of many rules and a long `monitor` walk once per cgroup.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cgroup.h"

/* Directory entries one walk may read, and how deep one goes at most. */
#define WALK_BUDGET	(1U << 20)
#define WALK_DEPTH	32
#define CACHE_SIZE	64
#define ANY_LEVEL	-1

/* A field of /proc/self/mountinfo, its octal escapes (\040) undone. */
static void unescape(char *s)
{
	char *out = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
					(s[3] - '0'));
			s += 4;
		} else {
			*out++ = *s++;
		}
	}
	*out = 0;
}

/*
 * The cgroup2 mount: one that shows the hierarchy from its root ("/" in
 * mountinfo's root field) if there is one, else the first.
 */
static int find_mount(char *buf, size_t size)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL, root[PATH_MAX], point[PATH_MAX];
	size_t cap = 0;
	int found = 0;

	if (!f)
		return -1;
	while (found < 2 && getline(&line, &cap, f) > 0) {
		const char *sep = strstr(line, " - ");

		if (!sep || strncmp(sep + 3, "cgroup2 ", 8) ||
		    sscanf(line, "%*s %*s %*s %4095s %4095s", root, point) != 2)
			continue;
		unescape(root);
		unescape(point);
		if (!found || !strcmp(root, "/"))
			snprintf(buf, size, "%s", point);
		found = strcmp(root, "/") ? 1 : 2;
	}
	free(line);
	fclose(f);
	return found ? 0 : -1;
}

/* Where the cgroup2 mount is: CANFW_CGROUP_ROOT, else mountinfo's. */
static int cgroup_root(char *buf, size_t size, char *msg, size_t msize)
{
	static char mount[PATH_MAX];
	static int state;	/* 0: not looked for; 1: found; -1: none */
	const char *env = getenv("CANFW_CGROUP_ROOT");

	if (env && *env) {
		snprintf(buf, size, "%s", env);
		return 0;
	}
	if (!state)
		state = find_mount(mount, sizeof(mount)) ? -1 : 1;
	if (state < 0) {
		if (msg)
			snprintf(msg, msize,
				 "no cgroup2 file system is mounted (CANFW_CGROUP_ROOT names where one is)");
		return -1;
	}
	snprintf(buf, size, "%s", mount);
	return 0;
}

int cfw_cgroup_resolve(const char *path, size_t len, u64 *id, u8 *level,
		       char *msg, size_t size)
{
	char root[PATH_MAX], full[PATH_MAX];
	int shown = len > 100 ? 100 : (int)len;
	unsigned int depth = 0;
	struct stat st;
	size_t i = 0, n;
	int flen;

	while (i < len) {
		if (path[i] == '/') {
			i++;
			continue;
		}
		for (n = 0; i + n < len && path[i + n] != '/'; n++)
			;
		if (path[i] == '.' && (n == 1 || (n == 2 && path[i + 1] == '.'))) {
			snprintf(msg, size,
				 "cgroup path '%.*s' has a '%.*s' component: name the cgroup from the root down",
				 shown, path, (int)n, path + i);
			return -1;
		}
		depth++;
		i += n;
	}
	if (!depth) {
		snprintf(msg, size,
			 "cgroup path '%.*s' is the root: name a cgroup below it",
			 shown, path);
		return -1;
	}
	*level = (u8)(depth > 255 ? 255 : depth);
	*id = 0;
	if (depth > CANFW_CGROUP_LEVEL_MAX)
		return 0;
	if (cgroup_root(root, sizeof(root), msg, size))
		return -1;
	flen = snprintf(full, sizeof(full), "%s/%.*s", root, (int)len, path);
	if (flen < 0 || (size_t)flen >= sizeof(full)) {
		snprintf(msg, size, "cgroup path '%.*s...' is too long", shown,
			 path);
		return -1;
	}
	if (stat(full, &st)) {
		if (errno == ENOENT || errno == ENOTDIR)
			snprintf(msg, size, "no cgroup '%.*s' under %.100s",
				 shown, path, root);
		else
			snprintf(msg, size, "cannot look up cgroup '%.*s' under %.100s: %s",
				 shown, path, root, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(msg, size,
			 "no cgroup '%.*s' under %.100s: it is not a directory",
			 shown, path, root);
		return -1;
	}
	*id = (u64)st.st_ino;
	return 0;
}

/* What the lexer reads as one path: no blank, control character or {};# */
static bool spellable(const char *name)
{
	for (; *name; name++)
		if (*name <= ' ' || *name >= 0x7f || *name == '{' ||
		    *name == '}' || *name == ';' || *name == '#')
			return false;
	return true;
}

struct walk {
	u64 id;
	int level;		/* ANY_LEVEL: the first directory with the id */
	char path[CFW_CGROUP_PATH_MAX + 2];	/* "/a/b", a '/' each */
	unsigned int budget;
};

/*
 * Directory FD, at DEPTH below the root, whose path takes LEN characters
 * of w->path: search it, and close it. True with w->path the match.
 */
static bool walk_dir(struct walk *w, int fd, int depth, size_t len)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	bool found = false;

	if (!d) {
		close(fd);
		return false;
	}
	while (!found && w->budget && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		struct stat st;
		int sub;

		w->budget--;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN) ||
		    len + 1 + n >= sizeof(w->path) || !spellable(e->d_name))
			continue;
		w->path[len] = '/';
		memcpy(w->path + len + 1, e->d_name, n + 1);
		if (w->level == ANY_LEVEL || depth + 1 == w->level) {
			if (fstatat(dirfd(d), e->d_name, &st,
				    AT_SYMLINK_NOFOLLOW) || !S_ISDIR(st.st_mode))
				continue;
			if ((u64)st.st_ino == w->id) {
				found = true;
				break;
			}
			if (w->level != ANY_LEVEL)
				continue;
		}
		if (depth + 1 >= (w->level == ANY_LEVEL ? WALK_DEPTH : w->level))
			continue;
		sub = openat(dirfd(d), e->d_name,
			     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0)
			found = walk_dir(w, sub, depth + 1, len + 1 + n);
	}
	if (!found)
		w->path[len] = 0;
	closedir(d);
	return found;
}

static struct {
	char root[PATH_MAX];
	unsigned int n, next;
	struct {
		u64 id;
		int level;
		char *path;	/* "/a/b", or NULL: none found */
	} e[CACHE_SIZE];
} cache;

void cfw_cgroup_forget(void)
{
	unsigned int i;

	for (i = 0; i < cache.n; i++) {
		free(cache.e[i].path);
		cache.e[i].path = NULL;
	}
	cache.n = cache.next = 0;
	cache.root[0] = 0;
}

/* The path of (id, level) with its leading '/', from the cache or a walk. */
static const char *lookup(u64 id, int level)
{
	struct walk w;
	char root[PATH_MAX];
	struct stat st;
	unsigned int i;
	bool found = false;
	int fd;

	if (cgroup_root(root, sizeof(root), NULL, 0))
		return NULL;
	if (strcmp(root, cache.root)) {
		cfw_cgroup_forget();
		snprintf(cache.root, sizeof(cache.root), "%s", root);
	}
	for (i = 0; i < cache.n; i++)
		if (cache.e[i].id == id && cache.e[i].level == level)
			return cache.e[i].path;
	w.id = id;
	w.level = level;
	w.budget = WALK_BUDGET;
	w.path[0] = 0;
	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && level == ANY_LEVEL && !fstat(fd, &st) &&
	    (u64)st.st_ino == id) {
		close(fd);
		snprintf(w.path, sizeof(w.path), "/");
		found = true;
	} else if (fd >= 0) {
		found = walk_dir(&w, fd, 0, 0);
	}
	/* A full cache starts over at its oldest entry. */
	i = cache.n < CACHE_SIZE ? cache.n++ : cache.next++ % CACHE_SIZE;
	free(cache.e[i].path);
	cache.e[i].id = id;
	cache.e[i].level = level;
	cache.e[i].path = found ? strdup(w.path) : NULL;
	return cache.e[i].path;
}

bool cfw_cgroup_path(u64 id, u8 level, char *buf, size_t size)
{
	const char *path;

	if (!id || level < 1 || level > CANFW_CGROUP_LEVEL_MAX)
		return false;
	path = lookup(id, level);
	if (!path || strlen(path + 1) >= size)
		return false;
	memcpy(buf, path + 1, strlen(path + 1) + 1);
	return true;
}

bool cfw_cgroup_find(u64 id, char *buf, size_t size)
{
	const char *path = lookup(id, ANY_LEVEL);

	if (!path || strlen(path) >= size)
		return false;
	memcpy(buf, path, strlen(path) + 1);
	return true;
}
