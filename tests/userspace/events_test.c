// SPDX-License-Identifier: GPL-2.0
/*
 * Events as `canfwctl monitor` prints them: CANFW_CMD_EVENT messages built
 * as the kernel builds them (events.c), decoded and printed as text and
 * JSON. The sender's process, uid and cgroup appear only when the event
 * carries them; cgroups are those of a directory tree made for the test
 * (CANFW_CGROUP_ROOT), whose inode numbers are their ids.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/can.h>
#include <linux/genetlink.h>
#include "tap.h"
#include "cgroup_tree.h"
#include "include/uapi/linux/canfw.h"
#include "nl_events.h"

static char root[256];

static unsigned long long dir_id(const char *rel)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return stat(path, &st) ? 0 : (unsigned long long)st.st_ino;
}

static bool tree_setup(void)
{
	char path[PATH_MAX];

	if (!cgroup_tree_make(root, sizeof(root)))
		return false;
	snprintf(path, sizeof(path), "%s/canfw-test", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/canfw-test/media.service", root);
	mkdir(path, 0755);
	return dir_id("canfw-test/media.service");
}

/* What the sender part of an event carries; 0 / NULL: left out. */
struct sender {
	bool pid;
	const char *comm;
	bool uid;
	unsigned long long cgroup;
	const char *state;	/* the state the frame was judged in */
	const char *comment;	/* the rule's, with its handle 4711 */
};

/* A frame event of a drop by rule 1 on vxcan0 tx: 0C0#03. */
static struct nlmsghdr *put_event(char *buf, const struct sender *s)
{
	static const unsigned char data[] = { 0x03 };
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	struct nlattr *ev;

	g->cmd = CANFW_CMD_EVENT;
	g->version = CANFW_FAMILY_VERSION;
	mnl_attr_put_strz(nlh, CANFW_A_IFNAME, "vxcan0");
	ev = mnl_attr_nest_start(nlh, CANFW_A_EVENT);
	mnl_attr_put_u64(nlh, CANFW_EV_A_TIMESTAMP, 1764021600123456000ULL);
	mnl_attr_put_u32(nlh, CANFW_EV_A_IFINDEX, 5);
	mnl_attr_put_u8(nlh, CANFW_EV_A_DIR, CANFW_DIR_TX);
	mnl_attr_put_u32(nlh, CANFW_EV_A_CAN_ID, 0x0C0);
	mnl_attr_put_u8(nlh, CANFW_EV_A_KIND, CANFW_KIND_DATA);
	mnl_attr_put_u16(nlh, CANFW_EV_A_LEN, 1);
	mnl_attr_put_u8(nlh, CANFW_EV_A_ACTION, CANFW_ACTION_DROP);
	mnl_attr_put_u8(nlh, CANFW_EV_A_REASON, CANFW_REASON_RULE);
	mnl_attr_put_u32(nlh, CANFW_EV_A_SUPPRESSED, 0);
	mnl_attr_put_u32(nlh, CANFW_EV_A_GENERATION, 1);
	mnl_attr_put_u8(nlh, CANFW_EV_A_TYPE, CANFW_EVENT_TYPE_FRAME);
	mnl_attr_put_u32(nlh, CANFW_EV_A_RULE, 1);
	if (s->comment) {
		mnl_attr_put_u32(nlh, CANFW_EV_A_RULE_HANDLE, 4711);
		mnl_attr_put_strz(nlh, CANFW_EV_A_COMMENT, s->comment);
	}
	if (s->uid)
		mnl_attr_put_u32(nlh, CANFW_EV_A_UID, 1001);
	if (s->cgroup)
		mnl_attr_put_u64(nlh, CANFW_EV_A_CGROUP, s->cgroup);
	if (s->pid)
		mnl_attr_put_u32(nlh, CANFW_EV_A_PID, 4242);
	if (s->comm)
		mnl_attr_put_strz(nlh, CANFW_EV_A_COMM, s->comm);
	if (s->state) {
		mnl_attr_put_strz(nlh, CANFW_EV_A_STATE_TO, s->state);
		mnl_attr_put_u32(nlh, CANFW_EV_A_STATE_SEQ, 7);
	}
	mnl_attr_put(nlh, CANFW_EV_A_DATA, sizeof(data), data);
	mnl_attr_nest_end(nlh, ev);
	return nlh;
}

/* What a state event carries; NULL ifname: a switch by command. */
struct change {
	const char *ifname;
	const char *from, *to;
	uint8_t cause;
	bool rule;		/* a rule's trigger: rule 2 */
	bool selector;		/* selector 1 */
};

/* A state event as the kernel's states.c builds one, at sequence 4. */
static struct nlmsghdr *put_state_event(char *buf, const struct change *c)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	struct nlattr *ev;

	g->cmd = CANFW_CMD_EVENT;
	g->version = CANFW_FAMILY_VERSION;
	if (c->ifname)
		mnl_attr_put_strz(nlh, CANFW_A_IFNAME, c->ifname);
	ev = mnl_attr_nest_start(nlh, CANFW_A_EVENT);
	mnl_attr_put_u64(nlh, CANFW_EV_A_TIMESTAMP, 1764021600123456000ULL);
	mnl_attr_put_u8(nlh, CANFW_EV_A_TYPE, CANFW_EVENT_TYPE_STATE);
	if (c->ifname)
		mnl_attr_put_u8(nlh, CANFW_EV_A_DIR, CANFW_DIR_RX);
	mnl_attr_put_strz(nlh, CANFW_EV_A_STATE_FROM, c->from);
	mnl_attr_put_strz(nlh, CANFW_EV_A_STATE_TO, c->to);
	mnl_attr_put_u32(nlh, CANFW_EV_A_STATE_SEQ, 4);
	mnl_attr_put_u8(nlh, CANFW_EV_A_CAUSE, c->cause);
	if (c->rule)
		mnl_attr_put_u32(nlh, CANFW_EV_A_RULE, 2);
	if (c->selector)
		mnl_attr_put_u32(nlh, CANFW_EV_A_SELECTOR, 1);
	mnl_attr_put_u32(nlh, CANFW_EV_A_GENERATION, 3);
	mnl_attr_nest_end(nlh, ev);
	return nlh;
}

static void check_printed(const char *name, const struct nlmsghdr *nlh,
			  const char *text, const char *json)
{
	char *out = NULL;
	size_t len = 0;
	struct cfw_event ev;
	FILE *f;

	if (cfw_event_parse(nlh, &ev) != 1) {
		tap_result(false, "%s: decoded", name);
		return;
	}
	f = open_memstream(&out, &len);
	cfw_event_print_text(f, &ev);
	fclose(f);
	if (strcmp(out, text))
		tap_diag("got  %s# want %s", out, text);
	tap_result(!strcmp(out, text), "%s: text", name);
	free(out);
	out = NULL;
	f = open_memstream(&out, &len);
	cfw_event_print_json(f, &ev);
	fclose(f);
	if (strcmp(out, json))
		tap_diag("got  %s# want %s", out, json);
	tap_result(!strcmp(out, json), "%s: json", name);
	free(out);
}

static void run_state_case(const char *name, const struct change *c,
			   const char *text, const char *json)
{
	static char buf[8192];

	check_printed(name, put_state_event(buf, c), text, json);
}

static void run_case(const char *name, const struct sender *s,
		     const char *text, const char *json)
{
	static char buf[8192];

	check_printed(name, put_event(buf, s), text, json);
}

#define HEAD	"(1764021600.123456) vxcan0 tx 0C0#03 drop rule 1"
#define JHEAD	"{\"timestamp\": \"1764021600.123456\", \"iface\": \"vxcan0\", " \
		"\"ifindex\": 5, \"dir\": \"tx\", \"type\": \"frame\", " \
		"\"id\": \"0x0C0\", \"kind\": \"data\", \"eff\": false, " \
		"\"rtr\": false, \"fd\": false, \"err\": false, \"len\": 1, " \
		"\"data\": \"03\", \"rule\": 1"
#define JTAIL	", \"action\": \"drop\", \"reason\": \"rule\", " \
		"\"would_drop\": false, \"suppressed\": 0, \"generation\": 1}\n"

int main(void)
{
	unsigned long long media;
	char text[512], json[1024];

	if (!tap_result(tree_setup(), "a cgroup tree for events")) {
		if (root[0])
			cgroup_tree_remove(root);
		return tap_exit();
	}
	media = dir_id("canfw-test/media.service");

	run_case("no socket", &(struct sender){ 0 }, HEAD "\n",
		 JHEAD JTAIL);

	snprintf(text, sizeof(text),
		 HEAD " pid 4242 (cansend) uid 1001 cgroup /canfw-test/media.service\n");
	snprintf(json, sizeof(json), JHEAD ", \"pid\": 4242, \"comm\": \"cansend\", \"uid\": 1001, \"cgroup\": %llu" JTAIL,
		 media);
	run_case("the process that sent it",
		 &(struct sender){ true, "cansend", true, media, NULL, NULL }, text, json);

	snprintf(text, sizeof(text), HEAD " uid 1001 cgroup /canfw-test\n");
	snprintf(json, sizeof(json), JHEAD ", \"uid\": 1001, \"cgroup\": %llu" JTAIL,
		 dir_id("canfw-test"));
	run_case("a kernel timer for its socket",
		 &(struct sender){ false, NULL, true, dir_id("canfw-test"), NULL, NULL },
		 text, json);

	snprintf(json, sizeof(json), JHEAD ", \"uid\": 1001, \"cgroup\": %llu" JTAIL,
		 dir_id(""));
	run_case("the root cgroup",
		 &(struct sender){ false, NULL, true, dir_id(""), NULL, NULL },
		 HEAD " uid 1001 cgroup /\n", json);

	run_case("a cgroup that is gone",
		 &(struct sender){ true, "a\tb\"c", true, 987654321987ULL, NULL, NULL },
		 HEAD " pid 4242 (a?b\"c) uid 1001 cgroup-id 987654321987\n",
		 JHEAD ", \"pid\": 4242, \"comm\": \"a\\tb\\\"c\", \"uid\": 1001, \"cgroup\": 987654321987" JTAIL);

	/* The rule's handle and comment, as the kernel adds them. */
	run_case("a rule's handle and comment",
		 &(struct sender){ .comment = "OBD \\ requests" },
		 "(1764021600.123456) vxcan0 tx 0C0#03 drop rule 1 handle 4711 \"OBD \\ requests\"\n",
		 JHEAD ", \"handle\": 4711, \"comment\": \"OBD \\\\ requests\"" JTAIL);

	/* States: the frame's, then each cause of a switch. */
	run_case("a frame judged in a state",
		 &(struct sender){ .state = "driving" },
		 HEAD " state driving\n",
		 JHEAD ", \"state\": \"driving\", \"state_seq\": 7" JTAIL);
	run_state_case("state: a rule's trigger",
		       &(struct change){ "vxcan0", "parked", "lockdown",
					 CANFW_STATE_CAUSE_TRIGGER, true, false },
		       "(1764021600.123456) vxcan0 rx state parked -> lockdown seq 4 cause trigger rule 2\n",
		       "{\"timestamp\": \"1764021600.123456\", \"iface\": \"vxcan0\", \"dir\": \"rx\", \"type\": \"state\", \"from\": \"parked\", \"to\": \"lockdown\", \"seq\": 4, \"cause\": \"trigger\", \"rule\": 2, \"selector\": null}\n");
	run_state_case("state: a direction's trigger",
		       &(struct change){ "vxcan0", "parked", "lockdown",
					 CANFW_STATE_CAUSE_TRIGGER, false, false },
		       "(1764021600.123456) vxcan0 rx state parked -> lockdown seq 4 cause trigger\n",
		       "{\"timestamp\": \"1764021600.123456\", \"iface\": \"vxcan0\", \"dir\": \"rx\", \"type\": \"state\", \"from\": \"parked\", \"to\": \"lockdown\", \"seq\": 4, \"cause\": \"trigger\", \"rule\": null, \"selector\": null}\n");
	run_state_case("state: a selector",
		       &(struct change){ "vxcan0", "parked", "driving",
					 CANFW_STATE_CAUSE_SELECTOR, false, true },
		       "(1764021600.123456) vxcan0 rx state parked -> driving seq 4 cause selector 1\n",
		       "{\"timestamp\": \"1764021600.123456\", \"iface\": \"vxcan0\", \"dir\": \"rx\", \"type\": \"state\", \"from\": \"parked\", \"to\": \"driving\", \"seq\": 4, \"cause\": \"selector\", \"rule\": null, \"selector\": 1}\n");
	run_state_case("state: a command",
		       &(struct change){ NULL, "lockdown", "parked",
					 CANFW_STATE_CAUSE_COMMAND, false, false },
		       "(1764021600.123456) - state lockdown -> parked seq 4 cause command\n",
		       "{\"timestamp\": \"1764021600.123456\", \"iface\": null, \"dir\": null, \"type\": \"state\", \"from\": \"lockdown\", \"to\": \"parked\", \"seq\": 4, \"cause\": \"command\", \"rule\": null, \"selector\": null}\n");

	cgroup_tree_remove(root);
	return tap_exit();
}
