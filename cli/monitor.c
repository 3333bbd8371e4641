/*
 * monitor.c - `virtnet monitor [-j] [-s] [-r BYTES]`: every event of the
 * family's "events" group as it happens, one line each: a JSON object
 * with -j, text otherwise. Joining the group needs no privilege, and
 * neither do the DEV_GET dump and CTRL_GET that resync the output after
 * the event socket overran.
 */
#include "cli.h"

#define CMD_NAME "monitor"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/virtio_config.h>
#include <netlink/socket.h>

#include "bdf.h"
#include "ctrl.h"
#include "output.h"
#include "ops.h"

static const struct cli_opt monitor_opts[] = {
	{ 'j', "json", NULL, "one JSON object per line (default: one line of text per event)", 0 },
	{ 's', "snapshot", NULL,
	  "first print every device, the controller state and the SF pool, as after an overrun", 0 },
	{ 'r', "rcvbuf", "BYTES",
	  "receive buffer of the event socket (SO_RCVBUF; default: the system's)", 0 },
	{ 0 }
};

const struct cli_spec cli_monitor_spec = {
	.name = CMD_NAME,
	.summary = "print device, driver, controller and SF pool events as they happen",
	.opts = monitor_opts,
};

/* Beyond this the kernel caps SO_RCVBUF at net.core.rmem_max anyway. */
static const struct virtnet_num_rule rule_rcvbuf = { 1, 1u << 30, 0, NULL };

static int monitor_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		       char *err, size_t errlen)
{
	struct virtnet_monitor_args *m = ctx;
	uint64_t v;

	switch (opt->short_name) {
	case 'j':
		m->json = true;
		break;
	case 's':
		m->snapshot = true;
		break;
	case 'r':
		if (virtnet_num_parse(&rule_rcvbuf, "--rcvbuf", arg, &v, err, errlen))
			return CLI_FAIL;
		m->rcvbuf = (int)v;
		break;
	}
	return CLI_OK;
}

int virtnet_monitor_args_parse(int argc, char **argv, struct virtnet_monitor_args *out,
			       char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	return cli_parse(&cli_monitor_spec, argc, argv, monitor_opt, out, err, errlen);
}

struct monitor {
	struct cli *cli;
	bool json;
	struct virtnet_genl ev;		/* the group's events, nothing else */
	struct virtnet_genl req;	/* the resync's requests */
};

/* {"event": NAME, "id": ..., "vuid": ..., "device": `query` without queues} */
static json_t *dev_event_json(const char *name, const struct virtnet_dev *dev)
{
	json_t *obj = virtnet_json_dev_query(dev);

	/* Every event would repeat counters that only `stats` keeps current. */
	if (obj)
		json_object_del(obj, "queues");
	return json_pack("{s:s, s:I, s:o, s:o}", "event", name, "id", (json_int_t)dev->id,
			 "vuid", virtnet_json_text(dev->vuid), "device", obj);
}

/* One line: "dev_new id 3 vuid VNETS1D0F0 hotplug PF 85:00.0 port mlx5_0 ..." */
static void dev_text(FILE *f, const char *name, const struct virtnet_dev *dev)
{
	char bdf[VIRTNET_BDF_STRLEN], mac[VIRTNET_MAC_STRLEN];

	fprintf(f, "%s id %u vuid %s %s", name, dev->id, dev->vuid,
		virtnet_dev_type_name(dev->type));
	if (dev->type == VIRTNET_DEV_TYPE_VF)
		fprintf(f, " %u of pf %u", dev->vf_id, dev->parent_id);
	fprintf(f, " %s port %s mac %s mtu %u queues %u queue_size %u link %s rep %s",
		virtnet_bdf_format(dev->bdf, bdf), dev->ibdev,
		virtnet_mac_format(dev->mac, mac), dev->mtu, dev->num_queues,
		dev->queue_size, dev->link_up ? "up" : "down", dev->sf_rep_ifname);
	if (virtnet_dev_mode(dev) == VIRTNET_DEV_MODE_VDPA)
		fprintf(f, " mode vdpa %s", dev->vdpa_name);
	if (virtnet_dev_has(dev, VIRTNET_ATTR_DRIVER_NAME))
		fprintf(f, " driver %s", dev->driver_name);
	if (virtnet_dev_has(dev, VIRTNET_ATTR_HOST_IFNAME))
		fprintf(f, " host_net_device %s", dev->host_ifname);
	fputc('\n', f);
}

/* {"event": NAME, "controller": what `virtnet update -t` prints} */
static json_t *ctrl_event_json(const char *name, const struct virtnet_ctrl_info *info)
{
	return json_pack("{s:s, s:o}", "event", name, "controller", virtnet_json_ctrl(info));
}

static void ctrl_text(FILE *f, const char *name, const struct virtnet_ctrl_info *info)
{
	fprintf(f, "%s%scontroller %s update_status %s log_level %s", name, *name ? " " : "",
		virtnet_ctrl_state_name(info->state),
		virtnet_update_status_name(info->update_status),
		virtnet_log_level_name(info->log_level));
	if (info->version[0])
		fprintf(f, " version %s pid %u", info->version, info->pid);
	if (info->prev_version[0])
		fprintf(f, " previous_version %s", info->prev_version);
	/* Last: the status is free text; "; " keeps the event on one line. */
	if (info->status[0]) {
		fputs(" status ", f);
		for (const char *p = info->status; *p; p++) {
			if (*p != '\n')
				fputc(*p, f);
			else if (p[1])
				fputs("; ", f);
		}
	}
	fputc('\n', f);
}

/* {"event": NAME, "sf_pool_size": N, "pf_total_sf": N, "lag": B, "ports": [...]} */
static json_t *pool_event_json(const char *name, const struct virtnet_info *info)
{
	json_t *ports = json_array();

	for (unsigned int i = 0; ports && i < info->nports; i++) {
		const struct virtnet_port *p = &info->ports[i];
		json_t *port = json_pack("{s:I, s:o, s:I}", "port", (json_int_t)p->index,
					 "ibdev", virtnet_json_text(p->ibdev), "sf_pool_idle",
					 (json_int_t)p->sf_pool_idle);

		if (port && p->netdev[0])
			json_object_set_new(port, "netdev", virtnet_json_text(p->netdev));
		if (!port || json_array_append_new(ports, port)) {
			json_decref(ports);
			return NULL;
		}
	}
	if (!ports)
		return NULL;
	return json_pack("{s:s, s:I, s:I, s:b, s:o}", "event", name, "sf_pool_size",
			 (json_int_t)info->sf_pool_size, "pf_total_sf",
			 (json_int_t)info->pf_total_sf, "lag", info->lag, "ports", ports);
}

/* "sf_pool size 2 total 40 port 0 mlx5_0 idle 2 port 1 mlx5_1 idle 2" */
static void pool_text(FILE *f, const char *name, const struct virtnet_info *info)
{
	fprintf(f, "%s size %u total %u", name, info->sf_pool_size, info->pf_total_sf);
	if (info->lag)
		fputs(" lag", f);
	for (unsigned int i = 0; i < info->nports; i++)
		fprintf(f, " port %u %s idle %u", info->ports[i].index, info->ports[i].ibdev,
			info->ports[i].sf_pool_idle);
	fputc('\n', f);
}

/*
 * After a line: 0, -EPIPE when the reader has gone (the end of a
 * pipeline, not a failure), or -EIO.
 */
static int line_done(struct monitor *m, int ret)
{
	if (!ret && !ferror(m->cli->out) && !fflush(m->cli->out))
		return 0;
	if (errno == EPIPE)
		return -EPIPE;
	cli_error(m->cli, CMD_NAME, "cannot write the output: %s", strerror(errno));
	return -EIO;
}

/* Print and release json as one line. */
static int put_json(struct monitor *m, json_t *json)
{
	int ret;

	if (!json) {
		cli_error(m->cli, CMD_NAME, "out of memory");
		return -EIO;
	}
	ret = virtnet_json_print(m->cli->out, json, false);
	json_decref(json);
	return line_done(m, ret);
}

static int put_dev(struct monitor *m, const char *name, const struct virtnet_dev *dev)
{
	if (m->json)
		return put_json(m, dev_event_json(name, dev));
	dev_text(m->cli->out, name, dev);
	return line_done(m, 0);
}

/* name "" for an event (it says "controller ..."), "sync" in a snapshot. */
static int put_ctrl(struct monitor *m, const char *name, const struct virtnet_ctrl_info *info)
{
	if (m->json)
		return put_json(m, ctrl_event_json(*name ? name : "controller", info));
	ctrl_text(m->cli->out, name, info);
	return line_done(m, 0);
}

/* "sf_pool" for an event, "sync_sf_pool" in a snapshot. */
static int put_pool(struct monitor *m, const char *name, const struct virtnet_info *info)
{
	if (m->json)
		return put_json(m, pool_event_json(name, info));
	pool_text(m->cli->out, name, info);
	return line_done(m, 0);
}

/* DEV_DRIVER: bound once a driver set DRIVER_OK, unbound after its reset. */
static const char *dev_event_name(const struct virtnet_reply *r)
{
	switch (r->cmd) {
	case VIRTNET_CMD_DEV_NEW:
		return "dev_new";
	case VIRTNET_CMD_DEV_DEL:
		return "dev_del";
	case VIRTNET_CMD_DEV_SET:
		return "dev_set";
	case VIRTNET_CMD_DEV_DRIVER:
		if (r->tb[VIRTNET_ATTR_STATUS] &&
		    (nla_get_u8(r->tb[VIRTNET_ATTR_STATUS]) & VIRTIO_CONFIG_S_DRIVER_OK))
			return "driver_bound";
		return "driver_unbound";
	}
	return NULL;
}

static int on_event(const struct virtnet_reply *r, void *arg)
{
	struct monitor *m = arg;
	struct virtnet_ctrl_info info;
	struct virtnet_info pool;
	struct virtnet_dev dev;
	const char *name = dev_event_name(r);
	int ret;

	if (name) {
		ret = virtnet_dev_from_attrs(r->tb, &dev, r->err, r->errlen);
		return ret ? ret : put_dev(m, name, &dev);
	}
	if (r->cmd == VIRTNET_CMD_CTRL_GET) {
		ret = virtnet_ctrl_from_attrs(r->tb, &info, r->err, r->errlen);
		return ret ? ret : put_ctrl(m, "", &info);
	}
	if (r->cmd == VIRTNET_CMD_INFO_GET) {
		ret = virtnet_info_from_attrs(r->tb, &pool, r->err, r->errlen);
		return ret ? ret : put_pool(m, "sf_pool", &pool);
	}
	/* A newer kernel's event: say that it came, not what it means. */
	if (m->json)
		return put_json(m, json_pack("{s:s, s:i}", "event", "unknown", "cmd", r->cmd));
	fprintf(m->cli->out, "unknown cmd %u\n", r->cmd);
	return line_done(m, 0);
}

/*
 * The current devices, controller state and SF pool, each marked "sync"
 * (the pool "sync_sf_pool"), then "sync_end". Events that were queued before are dropped first: older
 * than the snapshot, they would undo it. Events that come during it
 * follow it, and may repeat what it shows.
 */
static int snapshot(struct monitor *m)
{
	struct virtnet_dev_list list;
	struct virtnet_ctrl_info info;
	struct virtnet_info pool;
	int ret;

	do
		ret = virtnet_genl_recv_events(&m->ev, NULL, NULL);
	while (!ret || ret == -ENOBUFS);
	if (ret != -EAGAIN) {
		cli_kernel_error(m->cli, CMD_NAME, &m->ev, ret);
		return -EIO;
	}
	ret = virtnet_ctrl_get(&m->req, &info);
	if (!ret)
		ret = virtnet_info_get(&m->req, &pool);
	if (!ret)
		ret = virtnet_dev_dump(&m->req, &list);
	if (ret) {
		cli_kernel_error(m->cli, CMD_NAME, &m->req, ret);
		return -EIO;
	}
	for (size_t i = 0; !ret && i < list.count; i++)
		ret = put_dev(m, "sync", &list.devs[i]);
	if (!ret)
		ret = put_ctrl(m, "sync", &info);
	if (!ret)
		ret = put_pool(m, "sync_sf_pool", &pool);
	if (!ret && m->json)
		ret = put_json(m, json_pack("{s:s, s:I}", "event", "sync_end",
					    "devices", (json_int_t)list.count));
	else if (!ret)
		ret = line_done(m, fprintf(m->cli->out, "sync_end devices %zu\n",
					   list.count) < 0);
	virtnet_dev_list_free(&list);
	return ret;
}

static int overrun(struct monitor *m)
{
	static const char msg[] = "events were lost: the event socket's receive "
				  "buffer overran (a larger --rcvbuf helps); resyncing";
	int ret;

	if (m->json)
		ret = put_json(m, json_pack("{s:s, s:s}", "event", "overrun", "message", msg));
	else
		ret = line_done(m, fprintf(m->cli->out, "overrun %s\n", msg) < 0);
	return ret ? ret : snapshot(m);
}

/*
 * Sockets for the events (non-blocking: poll() says when, and a signal is
 * never held up by a read) and for the resync's requests.
 */
static int monitor_open(struct monitor *m, const struct virtnet_monitor_args *args)
{
	int ret;

	if (cli_open(m->cli, &m->ev))
		return -EIO;
	if (cli_open(m->cli, &m->req)) {
		virtnet_genl_close(&m->ev);
		return -EIO;
	}
	ret = virtnet_genl_subscribe(&m->ev);
	if (!ret && nl_socket_set_nonblocking(m->ev.sk) < 0)
		ret = -errno;
	if (!ret && args->rcvbuf &&
	    setsockopt(nl_socket_get_fd(m->ev.sk), SOL_SOCKET, SO_RCVBUF,
		       &args->rcvbuf, sizeof(args->rcvbuf)))
		ret = -errno;
	if (ret) {
		cli_error(m->cli, CMD_NAME, "%s", m->ev.errmsg[0] ? m->ev.errmsg : strerror(-ret));
		virtnet_genl_close(&m->req);
		virtnet_genl_close(&m->ev);
		return -EIO;
	}
	return 0;
}

/* Events until a signal in sigfd (0), the reader went away (-EPIPE) or -EIO. */
static int monitor_loop(struct monitor *m, int sigfd)
{
	struct pollfd fds[2] = {
		{ .fd = nl_socket_get_fd(m->ev.sk), .events = POLLIN },
		{ .fd = sigfd, .events = POLLIN },
	};
	int ret;

	for (;;) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)	/* stopped and continued */
				continue;
			cli_error(m->cli, CMD_NAME, "poll: %s", strerror(errno));
			return -EIO;
		}
		if (fds[1].revents)
			return 0;
		ret = virtnet_genl_recv_events(&m->ev, on_event, m);
		if (ret == -ENOBUFS)
			ret = overrun(m);
		if (ret == -EPIPE)
			return ret;
		if (ret && ret != -EAGAIN) {
			if (ret != -EIO)
				cli_kernel_error(m->cli, CMD_NAME, &m->ev, ret);
			return -EIO;
		}
	}
}

int cmd_monitor(struct cli *cli, int argc, char **argv)
{
	struct virtnet_monitor_args args;
	struct monitor m = { .cli = cli };
	struct sigaction ign = { .sa_handler = SIG_IGN };
	char err[CLI_ERRLEN];
	sigset_t stop;
	int ret, sigfd;

	ret = virtnet_monitor_args_parse(argc, argv, &args, err, sizeof(err));
	if (ret)
		return cli_parse_done(cli, &cli_monitor_spec, ret, err);
	/* `virtnet -j monitor` asks for JSON lines as much as `monitor -j`. */
	m.json = args.json || !cli->pretty;
	if (monitor_open(&m, &args))
		return CLI_FAIL;

	/*
	 * SIGINT and SIGTERM arrive through a descriptor, between lines, so
	 * no line is left half written; a reader that went away is EPIPE on
	 * write. They stay so: the program ends with this command, and one
	 * that came in the meantime must not end it with another status.
	 */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	sigaction(SIGPIPE, &ign, NULL);
	sigfd = signalfd(-1, &stop, SFD_CLOEXEC);
	if (sigfd < 0) {
		cli_error(cli, CMD_NAME, "signalfd: %s", strerror(errno));
		ret = -EIO;
	} else {
		ret = args.snapshot ? snapshot(&m) : 0;
		if (!ret)
			ret = monitor_loop(&m, sigfd);
		if (ret == -EPIPE)
			ret = 0;
		close(sigfd);
	}
	virtnet_genl_close(&m.req);
	virtnet_genl_close(&m.ev);
	return ret ? CLI_FAIL : CLI_OK;
}
