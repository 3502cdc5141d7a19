// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's verdict on a whole policy: each direction of each interface
 * is compiled exactly as the kernel will compile it, and a refusal is
 * pinned to the rule (or block) it concerns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy.h"

static int fail(struct cfw_error *err, struct cfw_pos pos, const char *msg)
{
	err->pos = pos;
	err->len = 1;
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	return -1;
}

static int check_dir(const struct cfw_policy *p, const struct cfw_iface *ifc,
		     int dir, struct cfw_error *err)
{
	const struct cfw_dir *d = &ifc->dir[dir];
	struct canfw_table_spec spec;
	struct canfw_build_error be;
	struct canfw_table *t = NULL;
	u32 i;

	for (i = 0; i < d->nrules; i++) {
		const char *msg;

		if (canfw_rule_check(&d->rules[i], &msg))
			return fail(err, d->pos[i], msg);
	}
	cfw_dir_table_spec(p, ifc, dir, &spec);
	if (!canfw_table_build(&spec, &t, &be)) {
		canfw_table_free(t);
		return 0;
	}
	if (be.rule < d->nrules)
		return fail(err, d->pos[be.rule], be.msg);
	/* A table-wide refusal: too many rules is best shown at the first one over. */
	if (d->nrules > CANFW_MAX_RULES)
		return fail(err, d->pos[CANFW_MAX_RULES], be.msg);
	return fail(err, ifc->pos, be.msg);
}

int cfw_validate(const struct cfw_policy *p, struct cfw_error *err)
{
	const char *msg;
	size_t i;
	int dir;

	/* A dump's states are the kernel's; a file's were checked as read. */
	if (canfw_states_check(p->states, p->nstates, &msg))
		return fail(err, p->nstates && p->nstates <= CANFW_STATES_MAX ?
			    p->state_pos[0] : (struct cfw_pos){ 0 }, msg);

	for (i = 0; i < p->nifaces; i++)
		for (dir = 0; dir < CFW_NDIRS; dir++)
			if (check_dir(p, &p->ifaces[i], dir, err))
				return -1;
	return 0;
}

/* The source line holding pos, without its newline. */
static const char *find_line(const char *text, size_t len, unsigned int line,
			     size_t *line_len)
{
	const char *p = text, *end = text + len, *nl;

	while (--line && p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	*line_len = (size_t)((nl ? nl : end) - p);
	if (*line_len && p[*line_len - 1] == '\r')
		(*line_len)--;
	return p;
}

/* An included file's text, for the line an error is on; NULL if unreadable. */
static char *read_include(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 &&
	    !fseek(f, 0, SEEK_SET)) {
		buf = malloc((size_t)n + 1);
		if (buf)
			*len = fread(buf, 1, (size_t)n, f);
	}
	fclose(f);
	return buf;
}

static void show_line(FILE *f, const char *text, size_t len,
		      const struct cfw_error *err);

void cfw_report_error(FILE *f, const char *file, const char *text, size_t len,
		      const struct cfw_error *err)
{
	char *inc = NULL;

	if (err->file[0]) {
		file = err->file;
		text = inc = read_include(file, &len);
	}
	fprintf(f, "%s:%u:%u: %s\n", file, err->pos.line, err->pos.col,
		err->msg);
	if (text)
		show_line(f, text, len, err);
	free(inc);
}

static void show_line(FILE *f, const char *text, size_t len,
		      const struct cfw_error *err)
{
	const char *line;
	size_t n = 0, i, col;
	unsigned int w;

	line = find_line(text, len, err->pos.line, &n);
	if (!line || !err->pos.line)
		return;
	fputs("    ", f);
	for (i = 0; i < n; i++)
		fputc(line[i] == '\t' || (line[i] >= ' ' && line[i] < 0x7f) ?
		      line[i] : '?', f);
	fputs("\n    ", f);
	/* Tabs copied through keep the caret under the text in any terminal. */
	col = err->pos.col - 1;
	for (i = 0; i < col && i < n; i++)
		fputc(line[i] == '\t' ? '\t' : ' ', f);
	fputc('^', f);
	for (w = 1; w < err->len && col + w < n; w++)
		fputc('~', f);
	fputc('\n', f);
}
