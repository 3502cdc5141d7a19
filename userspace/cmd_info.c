// SPDX-License-Identifier: GPL-2.0
/* canfwctl info: what the loaded module is and how it treats the unnamed. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "json.h"
#include "nl.h"

struct info {
	uint32_t generation;
	uint32_t max_rules;
	uint32_t max_ifaces;
	char version[32];
	int fail_closed;
	uint64_t unmatched_dropped;
};

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	struct info *in = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_A_GENERATION:
			in->generation = mnl_attr_get_u32(a);
			break;
		case CANFW_A_MAX_RULES:
			in->max_rules = mnl_attr_get_u32(a);
			break;
		case CANFW_A_MAX_IFACES:
			in->max_ifaces = mnl_attr_get_u32(a);
			break;
		case CANFW_A_VERSION:
			snprintf(in->version, sizeof(in->version), "%.*s",
				 (int)strnlen(mnl_attr_get_str(a),
					      mnl_attr_get_payload_len(a)),
				 mnl_attr_get_str(a));
			break;
		case CANFW_A_FAIL_CLOSED:
			in->fail_closed = mnl_attr_get_u8(a);
			break;
		case CANFW_A_UNMATCHED_DROPPED:
			in->unmatched_dropped = mnl_attr_get_u64(a);
			break;
		}
	}
	return MNL_CB_OK;
}

int cmd_info(int argc, char **argv, struct cfw_opts *o)
{
	struct info in = { .fail_closed = -1 };
	struct nlmsghdr *req;
	struct cfw_nl nl;
	int ret;

	(void)argv;
	if (argc > 1)
		return cfw_usage_error("info", "takes no arguments");
	ret = cfw_nl_open(&nl);
	if (ret)
		return ret;
	req = cfw_nl_request(&nl, CANFW_CMD_GET_INFO, 0);
	ret = cfw_nl_talk(&nl, req, info_cb, &in, NULL) ? CFW_EXIT_SYSTEM :
							      CFW_EXIT_OK;
	cfw_nl_close(&nl);
	if (ret)
		return ret;
	if (o->json) {
		printf("{\"version\": ");
		cfw_json_string(stdout, in.version);
		printf(", \"generation\": %" PRIu32 ", \"max_rules\": %" PRIu32
		       ", \"max_ifaces\": %" PRIu32, in.generation,
		       in.max_rules, in.max_ifaces);
		if (in.fail_closed >= 0)
			printf(", \"fail_closed\": %s, \"unmatched_dropped\": %"
			       PRIu64, in.fail_closed ? "true" : "false",
			       in.unmatched_dropped);
		printf("}\n");
		return CFW_EXIT_OK;
	}
	printf("version %s\ngeneration %" PRIu32 "\n", in.version,
	       in.generation);
	printf("limits %" PRIu32 " rules per direction, %" PRIu32
	       " interface entries\n", in.max_rules, in.max_ifaces);
	/* A module older than this tool says nothing about fail_closed. */
	if (in.fail_closed >= 0)
		printf("unnamed interfaces %s\nunmatched dropped %" PRIu64 "\n",
		       in.fail_closed ? "drop (fail-closed)" :
					"pass (fail-open)",
		       in.unmatched_dropped);
	return CFW_EXIT_OK;
}
