/*
 * stats.c - `virtnet stats (-p ID [-v VF_ID] | -u VUID) [-q QID]`: the
 * per-virtqueue counters of one device (DEV_GET's VIRTNET_ATTR_QUEUES),
 * each queue named by what it is to the host driver, with receive and
 * transmit totals.
 */
#include "cli.h"

#define CMD_NAME "stats"

#include <inttypes.h>
#include <string.h>

#include "output.h"
#include "names.h"
#include "ops.h"

static const struct cli_opt stats_opts[] = {
	CLI_OPT_PF,
	CLI_OPT_VF,
	CLI_OPT_VUID,
	{ 'q', "qid", "QID",
	  "only this virtqueue: 2i is the host's receive queue i, 2i+1 its transmit "
	  "queue i, the last one the control queue", 0 },
	{ 0 }
};

const struct cli_spec cli_stats_spec = {
	.name = CMD_NAME,
	.summary = "show the queue statistics of a virtnet device",
	.opts = stats_opts,
	.one_of = "pu",
	.usage = "(-p ID [-v VF_ID] | -u VUID) [-q QID]",
};

/* Any device's range; the device's own is checked once it is known. */
static const struct virtnet_num_rule rule_qid = {
	0, VIRTNET_MAX_VIRTQ - 1, 0, "must be a virtqueue index " VIRTNET_RULE_RANGE
};

static int stats_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		     char *err, size_t errlen)
{
	struct virtnet_stats_args *s = ctx;
	uint64_t v;

	switch (opt->short_name) {
	case 'v':
		return cli_vf_opt(&s->target, arg, err, errlen);
	case 'q':
		if (virtnet_num_parse(&rule_qid, "--qid", arg, &v, err, errlen))
			return CLI_FAIL;
		s->has_qid = true;
		s->qid = (uint16_t)v;
		return CLI_OK;
	}
	return cli_sel_opt(&s->target.sel, opt, arg, err, errlen);
}

int virtnet_stats_args_parse(int argc, char **argv, struct virtnet_stats_args *out,
			     char *err, size_t errlen)
{
	int ret;

	memset(out, 0, sizeof(*out));
	ret = cli_parse(&cli_stats_spec, argc, argv, stats_opt, out, err, errlen);
	return ret ? ret : cli_vf_check(&out->target, false, err, errlen);
}

/* The device's virtqueues, control queue included. */
static unsigned int queue_count(const struct virtnet_dev *dev)
{
	if (virtnet_dev_has(dev, VIRTNET_ATTR_NUM_QUEUES) && dev->num_queues <= VIRTNET_MAX_VIRTQ)
		return dev->num_queues;
	return dev->nqueues;
}

/* Queue index as the kernel reported it; all zeros if it did not. */
static struct virtnet_queue queue_of(const struct virtnet_dev *dev, unsigned int index)
{
	struct virtnet_queue q = { .index = (uint16_t)index };

	for (unsigned int i = 0; i < dev->nqueues; i++)
		if (dev->queues[i].index == index)
			return dev->queues[i];
	return q;
}

static json_t *queue_json(const struct virtnet_queue *q, const char *type)
{
	json_t *obj = json_pack("{s:I, s:s}", "qid", (json_int_t)q->index,
				"type", type);

	if (obj && json_object_update_new(obj, virtnet_json_queue_counters(q))) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* The sums of one direction's queues. */
struct queue_totals {
	unsigned int queues;
	uint64_t packets, bytes, drops, errors, kicks, interrupts;
};

static void add_queue(struct queue_totals *t, const struct virtnet_queue *q)
{
	t->queues++;
	t->packets += q->packets;
	t->bytes += q->bytes;
	t->drops += q->drops;
	t->errors += q->errors;
	t->kicks += q->kicks;
	t->interrupts += q->interrupts;
}

static json_t *totals_json(const struct queue_totals *t)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
			 "queues", (json_int_t)t->queues,
			 "packets", (json_int_t)t->packets,
			 "bytes", (json_int_t)t->bytes,
			 "drops", (json_int_t)t->drops,
			 "errors", (json_int_t)t->errors,
			 "kicks", (json_int_t)t->kicks,
			 "interrupts", (json_int_t)t->interrupts);
}

/* Queues first..last into arr; rx and tx sums into rx, tx. */
static int add_queues(json_t *arr, const struct virtnet_dev *dev, unsigned int first,
		      unsigned int last, struct queue_totals *rx, struct queue_totals *tx)
{
	unsigned int n = queue_count(dev);

	for (unsigned int i = first; i <= last; i++) {
		struct virtnet_queue q = queue_of(dev, i);
		const char *type = virtnet_queue_type_name(i, n);

		if (json_array_append_new(arr, queue_json(&q, type)))
			return -1;
		if (!strcmp(type, "rx"))
			add_queue(rx, &q);
		else if (!strcmp(type, "tx"))
			add_queue(tx, &q);
	}
	return 0;
}

/* {"id", "vuid"} and for a VF "vf_id", "parent_pf_id". */
static json_t *ident_json(const struct virtnet_dev *dev)
{
	if (dev->type == VIRTNET_DEV_TYPE_VF)
		return json_pack("{s:I, s:o, s:I, s:I}", "id", (json_int_t)dev->id,
				 "vuid", virtnet_json_text(dev->vuid), "vf_id", (json_int_t)dev->vf_id,
				 "parent_pf_id", (json_int_t)dev->parent_id);
	return json_pack("{s:I, s:o}", "id", (json_int_t)dev->id,
			 "vuid", virtnet_json_text(dev->vuid));
}

json_t *virtnet_json_stats(const struct virtnet_dev *dev, bool has_qid, uint16_t qid,
			   char *err, size_t errlen)
{
	struct queue_totals rx = { 0 }, tx = { 0 };
	unsigned int n = queue_count(dev);
	json_t *obj, *arr;
	char value[8];
	int bad;

	if (has_qid && qid >= n) {
		snprintf(value, sizeof(value), "%u", qid);
		if (!n)
			virtnet_field_err(err, errlen, "--qid", value,
					  "device %s reports no virtqueues", dev->vuid);
		else
			virtnet_field_err(err, errlen, "--qid", value,
					  "device %s has virtqueues 0 to %u (%u is its control queue)",
					  dev->vuid, n - 1, n - 1);
		return NULL;
	}
	obj = ident_json(dev);
	arr = json_array();
	bad = !obj || !arr;
	if (!bad && n)
		bad = add_queues(arr, dev, has_qid ? qid : 0, has_qid ? qid : n - 1, &rx, &tx);
	bad = bad || json_object_set(obj, "queues", arr);
	/* Totals of a single queue would only repeat it. */
	if (!bad && !has_qid)
		bad = json_object_set_new(obj, "totals",
					  json_pack("{s:o, s:o}", "rx", totals_json(&rx),
						    "tx", totals_json(&tx)));
	json_decref(arr);
	if (bad) {
		json_decref(obj);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return obj;
}

int cmd_stats(struct cli *cli, int argc, char **argv)
{
	struct virtnet_stats_args args;
	struct virtnet_genl g;
	struct virtnet_dev dev;
	char err[CLI_ERRLEN];
	json_t *json;
	int ret;

	ret = virtnet_stats_args_parse(argc, argv, &args, err, sizeof(err));
	if (ret)
		return cli_parse_done(cli, &cli_stats_spec, ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	ret = cli_target_get(cli, CMD_NAME, &g, &args.target, &dev);
	if (!ret) {
		json = virtnet_json_stats(&dev, args.has_qid, args.qid, err, sizeof(err));
		if (json) {
			ret = cli_print_json(cli, CMD_NAME, json);
		} else {
			cli_error(cli, CMD_NAME, "%s", err);
			ret = CLI_FAIL;
		}
	}
	virtnet_genl_close(&g);
	return ret;
}
