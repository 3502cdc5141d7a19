// SPDX-License-Identifier: GPL-2.0
/*
 * include "FILE": the items of another policy file (states, interfaces,
 * further includes), parsed as if they were written where the include
 * is. A relative FILE is found from the directory of the file that
 * includes it, as C's #include "..." and nft's include do, so a policy
 * tree works from any working directory. Positions in an included file
 * carry its index in the policy's files[], so every error, the parser's
 * and the kernel's alike, names the file and line it is about.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parser_int.h"

/* FILE as written, relative to the directory of the including file. */
static int resolve(struct parser *ps, const struct cfw_token *t, char *out,
		   size_t size)
{
	const char *slash = NULL;
	int n;

	if (ps->path && strcmp(ps->path, "-"))
		slash = strrchr(ps->path, '/');
	if (t->s[0] == '/' || !slash)
		n = snprintf(out, size, "%.*s", (int)t->len, t->s);
	else
		n = snprintf(out, size, "%.*s/%.*s", (int)(slash - ps->path),
			     ps->path, (int)t->len, t->s);
	if (n < 0 || (size_t)n >= size)
		return cfw_fail_at(ps, t, "the included file's path is too long");
	return 0;
}

char *cfw_read_stream(FILE *f, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap), *nb;

	while (buf) {
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		cap *= 2;
		nb = realloc(buf, cap);
		if (!nb)
			free(buf);
		buf = nb;
	}
	if (buf && ferror(f)) {
		free(buf);
		return NULL;
	}
	if (buf)
		buf[n] = 0;
	*len = n;
	return buf;
}

/* The file's text, kept until the parse ends: tokens point into it. */
static int read_text(struct parser *ps, const struct cfw_token *t,
		     const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char **n;
	int e;

	if (!f)
		return cfw_fail_at(ps, t, "cannot include '%s': %s", path,
				   strerror(errno));
	errno = 0;
	*text = cfw_read_stream(f, len);
	e = errno ? errno : ENOMEM;
	fclose(f);
	if (!*text)
		/* fopen() opens a directory; reading it fails with EISDIR. */
		return cfw_fail_at(ps, t, "cannot include '%s': %s", path,
				   strerror(e));
	n = realloc(ps->texts, (ps->ntexts + 1) * sizeof(*n));
	if (!n) {
		free(*text);
		return cfw_fail_at(ps, t, "out of memory");
	}
	ps->texts = n;
	ps->texts[ps->ntexts++] = *text;
	return 0;
}

/* A file that is already open further out would include itself forever. */
static int check_cycle(struct parser *ps, const struct cfw_token *t,
		       const char *path, char **real)
{
	unsigned int i;

	if (!ps->depth && !ps->open[0] && ps->path && strcmp(ps->path, "-"))
		ps->open[0] = realpath(ps->path, NULL);
	*real = realpath(path, NULL);
	if (!*real)
		return cfw_fail_at(ps, t, "cannot include '%s': %s", path,
				   strerror(errno));
	for (i = 0; i <= ps->depth; i++)
		if (ps->open[i] && !strcmp(ps->open[i], *real)) {
			free(*real);
			*real = NULL;
			return cfw_fail_at(ps, t,
					   "include cycle: '%s' is already being read",
					   path);
		}
	return 0;
}

static int add_file(struct parser *ps, const struct cfw_token *t,
		    const char *path)
{
	struct cfw_policy *p = ps->p;
	char **n = realloc(p->files, (p->nfiles + 1) * sizeof(*n));

	if (!n)
		return cfw_fail_at(ps, t, "out of memory");
	p->files = n;
	p->files[p->nfiles] = strdup(path);
	if (!p->files[p->nfiles])
		return cfw_fail_at(ps, t, "out of memory");
	p->nfiles++;
	return 0;
}

/* The included file's items, with the lexer and lookahead put back after. */
static int parse_text(struct parser *ps, const char *path, const char *text,
		      size_t len)
{
	struct cfw_lexer saved_lx = ps->lx;
	struct cfw_token saved_tok = ps->tok;
	const char *saved_path = ps->path;
	int ret;

	cfw_lex_init(&ps->lx, text, len);
	ps->lx.file = ps->p->nfiles;
	ps->path = path;
	ret = cfw_advance(ps) || cfw_parse_items(ps) ? -1 : 0;
	ps->lx = saved_lx;
	ps->tok = saved_tok;
	ps->path = saved_path;
	return ret;
}

int cfw_parse_include(struct parser *ps)
{
	struct cfw_token kw = ps->tok, name;
	char path[CFW_PATH_MAX], *text = NULL, *real = NULL;
	size_t len = 0;
	int ret = -1;

	if (cfw_lex_string(&ps->lx, &name, ps->err, "the file to include"))
		return -1;
	cfw_span(&kw, &name);
	if (!ps->from_file)
		return cfw_fail_at(ps, &kw,
				   "include needs a policy read from a file, to find '%.*s' from",
				   (int)name.len, name.s);
	if (ps->depth >= CFW_INCLUDE_DEPTH_MAX)
		return cfw_fail_at(ps, &kw,
				   "includes nest more than %u deep",
				   CFW_INCLUDE_DEPTH_MAX);
	if (resolve(ps, &name, path, sizeof(path)) ||
	    check_cycle(ps, &name, path, &real) ||
	    read_text(ps, &name, path, &text, &len) ||
	    add_file(ps, &name, path))
		goto out;
	ps->open[++ps->depth] = real;
	real = NULL;
	ret = parse_text(ps, ps->p->files[ps->p->nfiles - 1], text, len);
	free(ps->open[ps->depth]);
	ps->open[ps->depth--] = NULL;
	if (!ret)
		ret = cfw_advance(ps);
out:
	free(real);
	return ret;
}

void cfw_include_done(struct parser *ps)
{
	unsigned int i;

	for (i = 0; i < ps->ntexts; i++)
		free(ps->texts[i]);
	free(ps->texts);
	ps->texts = NULL;
	ps->ntexts = 0;
	free(ps->open[0]);
	ps->open[0] = NULL;
}
