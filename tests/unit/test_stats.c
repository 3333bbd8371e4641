/* test_stats.c - `virtnet stats` output: queue naming, -q, totals, zeros. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "fixtures.h"
#include "output.h"
#include "names.h"

static char *one_line(json_t *json)
{
	char *text = json ? json_dumps(json, JSON_PRESERVE_ORDER) : NULL;

	json_decref(json);
	return text;
}

TEST(queue_type_names)
{
	CHECK_STREQ(virtnet_queue_type_name(0, 3), "rx");
	CHECK_STREQ(virtnet_queue_type_name(1, 3), "tx");
	CHECK_STREQ(virtnet_queue_type_name(2, 3), "ctrl");
	CHECK_STREQ(virtnet_queue_type_name(2, 5), "rx");
	CHECK_STREQ(virtnet_queue_type_name(3, 5), "tx");
	CHECK_STREQ(virtnet_queue_type_name(4, 5), "ctrl");
	CHECK_STREQ(virtnet_queue_type_name(30, 31), "ctrl");
	CHECK_STREQ(virtnet_queue_type_name(3, 3), "unknown");
}

TEST(stats_all_queues_with_totals)
{
	struct virtnet_dev dev;
	char err[256] = "", *text;

	fixture_dev(&dev);
	text = one_line(virtnet_json_stats(&dev, false, 0, err, sizeof(err)));
	REQUIRE(text != NULL);
	CHECK_PREFIX(text, "{\"id\": 0, \"vuid\": \"VNETS1D0F0\", \"queues\": [{\"qid\": 0, "
			   "\"type\": \"rx\", \"size\": 1024, \"enabled\": 1, \"broken\": 0, "
			   "\"avail_idx\": 100, \"used_idx\": 90, \"packets\": 1000, "
			   "\"bytes\": 5000000000, \"drops\": 0, \"errors\": 0, \"kicks\": 50, "
			   "\"interrupts\": 40}, {\"qid\": 1, \"type\": \"tx\", ");
	CHECK_CONTAINS(text, "{\"qid\": 2, \"type\": \"ctrl\", \"size\": 64, ");
	/* One RX and one TX queue: the totals are theirs; the control queue is in neither. */
	CHECK_CONTAINS(text, "\"totals\": {\"rx\": {\"queues\": 1, \"packets\": 1000, "
			     "\"bytes\": 5000000000, \"drops\": 0, \"errors\": 0, \"kicks\": 50, "
			     "\"interrupts\": 40}, \"tx\": {\"queues\": 1, \"packets\": 1001, "
			     "\"bytes\": 5000000001, \"drops\": 1, \"errors\": 0, \"kicks\": 51, "
			     "\"interrupts\": 41}}}");
	free(text);
}

TEST(stats_sums_pairs)
{
	struct virtnet_dev dev;
	char err[256] = "", *text;

	fixture_static_pf(&dev);	/* 5 virtqueues */
	dev.nqueues = 5;
	for (unsigned int i = 0; i < 5; i++)
		dev.queues[i] = (struct virtnet_queue){ .index = (uint16_t)i, .packets = 10 * i,
							.bytes = 100 * i };
	text = one_line(virtnet_json_stats(&dev, false, 0, err, sizeof(err)));
	REQUIRE(text != NULL);
	CHECK_CONTAINS(text, "{\"qid\": 4, \"type\": \"ctrl\"");
	CHECK_CONTAINS(text, "\"rx\": {\"queues\": 2, \"packets\": 20, \"bytes\": 200, ");
	CHECK_CONTAINS(text, "\"tx\": {\"queues\": 2, \"packets\": 40, \"bytes\": 400, ");
	free(text);
}

TEST(stats_one_queue)
{
	struct virtnet_dev dev;
	char err[256] = "", *text;

	fixture_vf(&dev);
	text = one_line(virtnet_json_stats(&dev, true, 1, err, sizeof(err)));
	REQUIRE(text != NULL);
	/* A VF says which VF it is; a single queue has no totals. */
	CHECK_PREFIX(text, "{\"id\": 4, \"vuid\": \"VNETS0D0F2VF1\", \"vf_id\": 0, "
			   "\"parent_pf_id\": 1, \"queues\": [{\"qid\": 1, \"type\": \"tx\", ");
	CHECK(!strstr(text, "totals"));
	CHECK(!strstr(text, "\"qid\": 0"));
	free(text);

	CHECK(virtnet_json_stats(&dev, true, 3, err, sizeof(err)) == NULL);
	CHECK_STREQ(err, "invalid --qid '3': device VNETS0D0F2VF1 has virtqueues 0 to 2 "
		    "(2 is its control queue)");
}

TEST(stats_without_reported_queues_are_zeros)
{
	struct virtnet_dev dev;
	char err[256] = "", *text;

	/* No driver bound, and a kernel that reported no queue nests. */
	fixture_dev(&dev);
	dev.nqueues = 0;
	text = one_line(virtnet_json_stats(&dev, false, 0, err, sizeof(err)));
	REQUIRE(text != NULL);
	CHECK_CONTAINS(text, "{\"qid\": 2, \"type\": \"ctrl\", \"size\": 0, \"enabled\": 0, "
			     "\"broken\": 0, \"avail_idx\": 0, \"used_idx\": 0, \"packets\": 0, ");
	CHECK_CONTAINS(text, "\"rx\": {\"queues\": 1, \"packets\": 0, \"bytes\": 0, ");
	free(text);
	/* Nothing known at all: no queues, and -q is refused with a reason. */
	dev.present &= ~(1ULL << VIRTNET_ATTR_NUM_QUEUES);
	text = one_line(virtnet_json_stats(&dev, false, 0, err, sizeof(err)));
	REQUIRE(text != NULL);
	CHECK_PREFIX(text, "{\"id\": 0, \"vuid\": \"VNETS1D0F0\", \"queues\": [], \"totals\": ");
	free(text);
	CHECK(virtnet_json_stats(&dev, true, 0, err, sizeof(err)) == NULL);
	CHECK_STREQ(err, "invalid --qid '0': device VNETS1D0F0 reports no virtqueues");
}
