// SPDX-License-Identifier: GPL-2.0
/*
 * canfwctl state [NAME]: the namespace's vehicle state, as the vehicle's
 * state manager reads and sets it. A switch is one step in the kernel; it
 * leaves a sticky state too, which triggers and selectors cannot.
 */
#include <stdio.h>
#include <string.h>
#include "json.h"
#include "nl.h"

struct state_reply {
	u32 generation;
	bool has_name;
	char name[CANFW_STATE_NAME_LEN + 1];
	u32 seq;
	u32 n;
	struct canfw_state_def def[CANFW_STATES_MAX];
};

static void get_def(const struct nlattr *nest, struct state_reply *sr)
{
	struct canfw_state_def *d;
	const struct nlattr *a;

	if (sr->n == CANFW_STATES_MAX)
		return;
	d = &sr->def[sr->n++];
	memset(d, 0, sizeof(*d));
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == CANFW_STATE_A_NAME &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			snprintf(d->name, sizeof(d->name), "%s",
				 mnl_attr_get_str(a));
		else if (mnl_attr_get_type(a) == CANFW_STATE_A_FLAGS &&
			 !mnl_attr_validate(a, MNL_TYPE_U32))
			d->flags = mnl_attr_get_u32(a);
	}
}

static int state_cb(const struct nlmsghdr *nlh, void *data)
{
	struct state_reply *sr = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_A_GENERATION:
			if (!mnl_attr_validate(a, MNL_TYPE_U32))
				sr->generation = mnl_attr_get_u32(a);
			break;
		case CANFW_A_STATE_NAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
				break;
			snprintf(sr->name, sizeof(sr->name), "%s",
				 mnl_attr_get_str(a));
			sr->has_name = true;
			break;
		case CANFW_A_STATE_SEQ:
			if (!mnl_attr_validate(a, MNL_TYPE_U32))
				sr->seq = mnl_attr_get_u32(a);
			break;
		case CANFW_A_STATE:
			get_def(a, sr);
			break;
		}
	}
	return MNL_CB_OK;
}

/*
 * "state parked seq 3" and "states parked driving lockdown:sticky", or
 * "state none" when no policy, or one without states, is in force.
 */
static void print_text(const struct state_reply *sr)
{
	u32 i;

	if (!sr->has_name || !sr->n) {
		puts("state none");
		return;
	}
	printf("state %s seq %u\nstates", sr->name, sr->seq);
	for (i = 0; i < sr->n; i++)
		printf(" %s%s", sr->def[i].name,
		       sr->def[i].flags & CANFW_STATE_FLAGS_STICKY ?
		       ":sticky" : "");
	putchar('\n');
}

static void print_json(const struct state_reply *sr)
{
	bool none = !sr->has_name || !sr->n;
	u32 i;

	fputs("{\"state\": ", stdout);
	if (none)
		fputs("null", stdout);
	else
		cfw_json_string(stdout, sr->name);
	printf(", \"seq\": %u, \"generation\": %u, \"states\": [", sr->seq,
	       sr->generation);
	for (i = 0; !none && i < sr->n; i++) {
		fputs(i ? ", {\"name\": " : "{\"name\": ", stdout);
		cfw_json_string(stdout, sr->def[i].name);
		printf(", \"sticky\": %s}",
		       sr->def[i].flags & CANFW_STATE_FLAGS_STICKY ?
		       "true" : "false");
	}
	puts("]}");
}

static int show_state(struct cfw_nl *nl, const struct cfw_opts *o)
{
	struct state_reply sr;
	struct nlmsghdr *req;

	memset(&sr, 0, sizeof(sr));
	req = cfw_nl_request(nl, CANFW_CMD_STATE_GET, 0);
	if (cfw_nl_talk(nl, req, state_cb, &sr, NULL))
		return CFW_EXIT_SYSTEM;
	if (o->json)
		print_json(&sr);
	else
		print_text(&sr);
	return CFW_EXIT_OK;
}

/* The kernel knows the policy's states and says why a name is refused. */
static int set_state(struct cfw_nl *nl, const char *name)
{
	struct state_reply sr;
	struct nlmsghdr *req;

	memset(&sr, 0, sizeof(sr));
	req = cfw_nl_request(nl, CANFW_CMD_STATE_SET, 0);
	mnl_attr_put_strz(req, CANFW_A_STATE_NAME, name);
	nl->quiet_errors = true;
	if (cfw_nl_talk(nl, req, state_cb, &sr, NULL)) {
		cfw_error("state: %s", nl->err_msg);
		return CFW_EXIT_SYSTEM;
	}
	return CFW_EXIT_OK;
}

int cmd_state(int argc, char **argv, struct cfw_opts *o)
{
	struct cfw_nl nl;
	int ret;

	if (argc > 2)
		return cfw_usage_error("state", "expected at most one state name");
	/* Names the kernel could not take are refused before asking it. */
	if (argc == 2 && (!*argv[1] || strlen(argv[1]) > CANFW_STATE_NAME_LEN))
		return cfw_usage_error("state", "a state name has 1 to %u characters",
				       CANFW_STATE_NAME_LEN);
	ret = cfw_nl_open(&nl);
	if (ret)
		return ret;
	ret = argc == 2 ? set_state(&nl, argv[1]) : show_state(&nl, o);
	cfw_nl_close(&nl);
	return ret;
}
