/* test_output.c - the guide's JSON objects, key order and printing. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>

#include "fixtures.h"
#include "cli.h"
#include "ctrl.h"
#include "output.h"

/* json printed on one line (no newline), or pretty; caller frees. Releases json. */
static char *print(json_t *json, bool pretty)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!json || !f) {
		if (f)
			fclose(f);
		json_decref(json);
		return NULL;
	}
	virtnet_json_print(f, json, pretty);
	fclose(f);
	json_decref(json);
	if (len && text[len - 1] == '\n')
		text[len - 1] = '\0';
	return text;
}

#define CHECK_JSON(json, expected)				\
	do {							\
		char *_t = print(json, false);			\
		CHECK_STREQ(_t, expected);			\
		free(_t);					\
	} while (0)

TEST(json_hotplug_matches_guide)
{
	struct virtnet_dev dev;

	fixture_dev(&dev);
	CHECK_JSON(virtnet_json_hotplug(&dev),
		   "{\"bdf\": \"85:00.0\", \"vuid\": \"VNETS1D0F0\", \"id\": 0, "
		   "\"sf_rep_net_device\": \"en3f0pf0sf2000\", \"mac\": \"0C:C4:7A:FF:22:93\"}");
}

TEST(json_unplug)
{
	CHECK_JSON(virtnet_json_unplug(3, "VNETS1D3F0"),
		   "{\"id\": 3, \"vuid\": \"VNETS1D3F0\", \"status\": \"unplugged\"}");
}

TEST(json_list_device_fields_in_order)
{
	struct virtnet_dev dev;

	fixture_dev(&dev);
	dev.legacy = true;
	CHECK_JSON(virtnet_json_dev(&dev),
		   "{\"pf_id\": 0, \"function_type\": \"hotplug PF\", \"transitional\": 1, "
		   "\"vuid\": \"VNETS1D0F0\", \"bdf\": \"85:00.0\", \"sf_num\": 2000, "
		   "\"sf_parent_device\": \"mlx5_0\", \"sf_rep_net_device\": \"en3f0pf0sf2000\", "
		   "\"sf_rep_net_ifindex\": 19, \"msix_config_vector\": \"0x0\", \"num_msix\": 10, "
		   "\"max_queues\": 3, \"max_queues_size\": 1024, \"net_mac\": \"0C:C4:7A:FF:22:93\", "
		   "\"net_mtu\": 1500}");
}

TEST(json_controller)
{
	struct virtnet_info info;

	fixture_info(&info);
	CHECK_JSON(virtnet_json_controller(&info),
		   "{\"max_hotplug_devices\": 16, \"num_hotplug_devices\": 1, "
		   "\"max_static_pfs\": 2, \"pf_total_sf\": 64, \"sf_pool_size\": 3, "
		   "\"max_vfs\": 126, \"max_msix\": 10, \"max_virt_queues\": 31, \"max_queue_size\": 32768, "
		   "\"supported_features\": \"0x1000f0023\", \"is_lag\": 0, \"ports\": "
		   "[{\"index\": 0, \"ib_device\": \"mlx5_0\", \"sf_pool_idle\": 1}, "
		   "{\"index\": 1, \"ib_device\": \"mlx5_1\", \"sf_pool_idle\": 3}]}");
}

TEST(json_controller_lag_port_with_uplink)
{
	struct virtnet_info info;

	fixture_info(&info);
	info.lag = true;
	info.nports = 1;
	snprintf(info.ports[0].ibdev, sizeof(info.ports[0].ibdev), "mlx5_bond_0");
	snprintf(info.ports[0].netdev, sizeof(info.ports[0].netdev), "bond0");
	CHECK_JSON(virtnet_json_controller(&info),
		   "{\"max_hotplug_devices\": 16, \"num_hotplug_devices\": 1, "
		   "\"max_static_pfs\": 2, \"pf_total_sf\": 64, \"sf_pool_size\": 3, "
		   "\"max_vfs\": 126, \"max_msix\": 10, \"max_virt_queues\": 31, \"max_queue_size\": 32768, "
		   "\"supported_features\": \"0x1000f0023\", \"is_lag\": 1, \"ports\": "
		   "[{\"index\": 0, \"ib_device\": \"mlx5_bond_0\", \"sf_pool_idle\": 1, "
		   "\"net_device\": \"bond0\"}]}");
}

TEST(json_query_adds_state_and_queues)
{
	struct virtnet_dev dev;
	char *text;

	fixture_dev(&dev);
	text = print(virtnet_json_dev_query(&dev), false);
	REQUIRE(text != NULL);
	CHECK_CONTAINS(text, "\"net_mtu\": 1500, \"host_net_device\": \"eth1\", \"driver\": \"virtio_net\", "
			     "\"device_status\": {\"hex\": \"0xf\", \"names\": [\"ACKNOWLEDGE\", \"DRIVER\", "
			     "\"DRIVER_OK\", \"FEATURES_OK\"]}, \"link_status\": 1, ");
	CHECK_CONTAINS(text, "\"device_features\": {\"hex\": \"0x100020021\", \"names\": "
			     "[\"CSUM\", \"MAC\", \"CTRL_VQ\", \"VERSION_1\"]}");
	CHECK_CONTAINS(text, "\"driver_features\": {\"hex\": \"0x100000020\", \"names\": [\"MAC\", \"VERSION_1\"]}");
	CHECK_CONTAINS(text, "\"enabled_queue_pairs\": 1, \"rx_mode\": [\"promisc\"], \"queues\": [");
	CHECK_CONTAINS(text, "{\"index\": 2, \"size\": 64, \"enabled\": 1, \"broken\": 0, \"avail_idx\": 102, "
			     "\"used_idx\": 92, \"packets\": 1002, \"bytes\": 5000000002, \"drops\": 2, "
			     "\"errors\": 0, \"kicks\": 52, \"interrupts\": 42}]}");
	free(text);
}

TEST(json_query_unbound_device_omits_driver)
{
	struct virtnet_dev dev;
	char *text;

	fixture_dev(&dev);
	dev.present &= ~((1ULL << VIRTNET_ATTR_DRIVER_NAME) | (1ULL << VIRTNET_ATTR_HOST_IFNAME));
	dev.status = 0;
	dev.rx_mode = 0;
	dev.nqueues = 0;
	text = print(virtnet_json_dev_query(&dev), false);
	REQUIRE(text != NULL);
	CHECK(!strstr(text, "driver\":"));
	CHECK(!strstr(text, "host_net_device"));
	CHECK_CONTAINS(text, "\"device_status\": {\"hex\": \"0x0\", \"names\": []}");
	CHECK_CONTAINS(text, "\"rx_mode\": [], \"queues\": []}");
	free(text);
}

TEST(json_function_types)
{
	struct virtnet_dev dev;
	char *text;

	fixture_dev(&dev);
	dev.type = VIRTNET_DEV_TYPE_STATIC_PF;
	text = print(virtnet_json_dev(&dev), false);
	CHECK_CONTAINS(text, "\"function_type\": \"static PF\", \"transitional\": 0");
	free(text);
	dev.type = VIRTNET_DEV_TYPE_VF;
	text = print(virtnet_json_dev(&dev), false);
	CHECK_CONTAINS(text, "\"function_type\": \"VF\"");
	free(text);
}

TEST(json_list_vf_fields_in_guide_order)
{
	struct virtnet_dev dev;

	fixture_vf(&dev);
	/* The guide's VF, with null for what this emulation does not have. */
	CHECK_JSON(virtnet_json_dev(&dev),
		   "{\"vf_id\": 0, \"parent_pf_id\": 1, \"function_type\": \"VF\", "
		   "\"vuid\": \"VNETS0D0F2VF1\", \"bdf\": \"85:04.5\", \"sf_num\": 3000, "
		   "\"sf_parent_device\": \"mlx5_0\", \"sf_rep_net_device\": \"en3f0pf0sf3000\", "
		   "\"sf_rep_net_ifindex\": 19, \"sf_rdma_device\": null, \"sf_vhca_id\": null, "
		   "\"msix_config_vector\": \"0x0\", \"num_msix\": 4, \"max_queues\": 3, "
		   "\"max_queues_size\": 256, \"net_mac\": \"5A:94:07:04:F6:1C\", \"net_mtu\": 1500}");
}

TEST(json_list_static_pf_shows_vf_counts)
{
	struct virtnet_dev dev;

	fixture_static_pf(&dev);
	CHECK_JSON(virtnet_json_dev(&dev),
		   "{\"pf_id\": 1, \"function_type\": \"static PF\", \"transitional\": 0, "
		   "\"vuid\": \"VNETS0D0F2\", \"bdf\": \"85:00.3\", \"sf_num\": 1000, "
		   "\"sf_parent_device\": \"mlx5_0\", \"sf_rep_net_device\": \"en3f0pf0sf1000\", "
		   "\"sf_rep_net_ifindex\": 19, \"msix_config_vector\": \"0x0\", \"num_msix\": 6, "
		   "\"max_queues\": 5, \"max_queues_size\": 256, \"net_mac\": \"00:11:22:33:44:55\", "
		   "\"net_mtu\": 1500, \"max_vfs\": 126, \"num_vfs\": 2}");
	/* A hotplug PF has no SR-IOV: no VF counts, whatever the struct says. */
	fixture_dev(&dev);
	dev.max_vf = 5;
	{
		char *text = print(virtnet_json_dev(&dev), false);

		CHECK(text && !strstr(text, "max_vfs") && !strstr(text, "num_vfs"));
		free(text);
	}
}

TEST(json_query_vf_adds_state_after_guide_fields)
{
	struct virtnet_dev dev;
	char *text;

	fixture_vf(&dev);
	text = print(virtnet_json_dev_query(&dev), false);
	REQUIRE(text != NULL);
	CHECK_PREFIX(text, "{\"vf_id\": 0, \"parent_pf_id\": 1, \"function_type\": \"VF\", ");
	CHECK_CONTAINS(text, "\"net_mtu\": 1500, \"host_net_device\": \"eth1\", \"driver\": \"virtio_net\", ");
	CHECK_CONTAINS(text, "\"queues\": [{\"index\": 0, ");
	CHECK(!strstr(text, "pf_id\": 4"));
	free(text);
}

TEST(json_modify)
{
	struct virtnet_dev dev;

	fixture_static_pf(&dev);
	CHECK_JSON(virtnet_json_modify(&dev),
		   "{\"id\": 1, \"vuid\": \"VNETS0D0F2\", \"mac\": \"00:11:22:33:44:55\", "
		   "\"mtu\": 1500, \"device_features\": {\"hex\": \"0x100020021\", \"names\": "
		   "[\"CSUM\", \"MAC\", \"CTRL_VQ\", \"VERSION_1\"]}, \"num_msix\": 6, "
		   "\"max_queues\": 5, \"max_queues_size\": 256, \"link_status\": 1, "
		   "\"status\": \"modified\"}");
	fixture_vf(&dev);
	dev.mac[5] = 0x98;
	dev.link_up = 0;
	dev.speed = 100000;
	dev.rx_coal_usecs = 50;
	dev.rx_coal_max_packets = 32;
	dev.tx_coal_max_packets = 1;
	dev.present |= (1ULL << VIRTNET_ATTR_SPEED) | (1ULL << VIRTNET_ATTR_RX_COAL_USECS) |
		       (1ULL << VIRTNET_ATTR_RX_COAL_MAX_PACKETS) |
		       (1ULL << VIRTNET_ATTR_TX_COAL_USECS) |
		       (1ULL << VIRTNET_ATTR_TX_COAL_MAX_PACKETS);
	CHECK_JSON(virtnet_json_modify(&dev),
		   "{\"id\": 4, \"vuid\": \"VNETS0D0F2VF1\", \"vf_id\": 0, \"parent_pf_id\": 1, "
		   "\"mac\": \"5A:94:07:04:F6:98\", \"mtu\": 1500, \"device_features\": "
		   "{\"hex\": \"0x100020021\", \"names\": [\"CSUM\", \"MAC\", \"CTRL_VQ\", "
		   "\"VERSION_1\"]}, \"num_msix\": 4, \"max_queues\": 3, \"max_queues_size\": 256, "
		   "\"link_status\": 0, \"speed\": 100000, \"coalescing\": {\"rx\": "
		   "{\"usecs\": 50, \"max_packets\": 32}, \"tx\": {\"usecs\": 0, "
		   "\"max_packets\": 1}}, \"status\": \"modified\"}");
}

TEST(json_query_link_speed_coalescing)
{
	struct virtnet_dev dev;
	char *text;

	fixture_dev(&dev);
	dev.speed = 100000;
	dev.tx_coal_usecs = 20;
	dev.present |= (1ULL << VIRTNET_ATTR_SPEED) | (1ULL << VIRTNET_ATTR_TX_COAL_USECS);
	text = print(virtnet_json_dev_query(&dev), false);
	REQUIRE(text != NULL);
	CHECK_CONTAINS(text, "\"link_status\": 1, \"speed\": 100000, \"coalescing\": "
			     "{\"rx\": {\"usecs\": 0, \"max_packets\": 0}, \"tx\": "
			     "{\"usecs\": 20, \"max_packets\": 0}}, \"device_features\": ");
	free(text);
	/* An older kernel reports neither: nothing is made up. */
	fixture_dev(&dev);
	text = print(virtnet_json_dev_query(&dev), false);
	REQUIRE(text != NULL);
	CHECK(!strstr(text, "speed"));
	CHECK(!strstr(text, "coalescing"));
	free(text);
}

TEST(json_query_names_new_feature_bits)
{
	struct virtnet_dev dev;
	char *text;

	fixture_dev(&dev);
	dev.device_features = (1ULL << 7) | (1ULL << 8) | (1ULL << 19) | (1ULL << 21) |
			      (1ULL << 29) | (1ULL << 53) | (1ULL << 63);
	dev.driver_features = 1ULL << 4;	/* no name: shown by number */
	text = print(virtnet_json_dev_query(&dev), false);
	REQUIRE(text != NULL);
	CHECK_CONTAINS(text, "\"device_features\": {\"hex\": \"0x8020000020280180\", \"names\": "
			     "[\"GUEST_TSO4\", \"GUEST_TSO6\", \"CTRL_VLAN\", \"GUEST_ANNOUNCE\", "
			     "\"EVENT_IDX\", \"NOTF_COAL\", \"SPEED_DUPLEX\"]}");
	CHECK_CONTAINS(text, "\"driver_features\": {\"hex\": \"0x10\", \"names\": [\"BIT_4\"]}");
	free(text);
}

TEST(json_pretty_is_two_space_indent)
{
	char *text = print(virtnet_json_unplug(0, "VNETS1D0F0"), true);

	CHECK_STREQ(text, "{\n  \"id\": 0,\n  \"vuid\": \"VNETS1D0F0\",\n  \"status\": \"unplugged\"\n}");
	free(text);
}

TEST(json_hex)
{
	char *text = print(virtnet_json_hex(0xffffffffffffffffULL), false);

	CHECK_STREQ(text, "\"0xffffffffffffffff\"");
	free(text);
}

TEST(json_dev_array)
{
	struct virtnet_dev devs[2];
	char *text;

	fixture_dev(&devs[0]);
	fixture_dev(&devs[1]);
	devs[1].id = 1;
	strcpy(devs[1].vuid, "VNETS1D1F0");
	text = print(virtnet_json_dev_array(devs, 2, virtnet_json_hotplug), false);
	CHECK_CONTAINS(text, "[{\"bdf\": \"85:00.0\", \"vuid\": \"VNETS1D0F0\", \"id\": 0, ");
	CHECK_CONTAINS(text, "}, {\"bdf\": \"85:00.0\", \"vuid\": \"VNETS1D1F0\", \"id\": 1, ");
	free(text);
	text = print(virtnet_json_dev_array(devs, 0, virtnet_json_dev), false);
	CHECK_STREQ(text, "[]");
	free(text);
}

/* A device in vDPA mode, as a kernel with DEV_MODE reports it. */
static void vdpa_mode(struct virtnet_dev *dev, const char *driver)
{
	dev->mode = VIRTNET_DEV_MODE_VDPA;
	strcpy(dev->vdpa_name, "vdpa0");
	strcpy(dev->driver_name, driver);
	dev->present |= (1ULL << VIRTNET_ATTR_DEV_MODE) | (1ULL << VIRTNET_ATTR_VDPA_NAME);
	dev->present &= ~(1ULL << VIRTNET_ATTR_HOST_IFNAME);
}

TEST(json_list_mode_last)
{
	struct virtnet_dev dev;

	/* The guide's fields unchanged, then the mode. */
	fixture_dev(&dev);
	dev.present |= 1ULL << VIRTNET_ATTR_DEV_MODE;
	CHECK_JSON(virtnet_json_dev(&dev),
		   "{\"pf_id\": 0, \"function_type\": \"hotplug PF\", \"transitional\": 0, "
		   "\"vuid\": \"VNETS1D0F0\", \"bdf\": \"85:00.0\", \"sf_num\": 2000, "
		   "\"sf_parent_device\": \"mlx5_0\", \"sf_rep_net_device\": \"en3f0pf0sf2000\", "
		   "\"sf_rep_net_ifindex\": 19, \"msix_config_vector\": \"0x0\", \"num_msix\": 10, "
		   "\"max_queues\": 3, \"max_queues_size\": 1024, \"net_mac\": \"0C:C4:7A:FF:22:93\", "
		   "\"net_mtu\": 1500, \"mode\": \"virtio\"}");
	/* vDPA: the mode and the vdpa device `vdpa dev` commands take. */
	vdpa_mode(&dev, "vhost_vdpa");
	CHECK_JSON(virtnet_json_dev(&dev),
		   "{\"pf_id\": 0, \"function_type\": \"hotplug PF\", \"transitional\": 0, "
		   "\"vuid\": \"VNETS1D0F0\", \"bdf\": \"85:00.0\", \"sf_num\": 2000, "
		   "\"sf_parent_device\": \"mlx5_0\", \"sf_rep_net_device\": \"en3f0pf0sf2000\", "
		   "\"sf_rep_net_ifindex\": 19, \"msix_config_vector\": \"0x0\", \"num_msix\": 10, "
		   "\"max_queues\": 3, \"max_queues_size\": 1024, \"net_mac\": \"0C:C4:7A:FF:22:93\", "
		   "\"net_mtu\": 1500, \"mode\": \"vdpa\", \"vdpa_device\": \"vdpa0\"}");
	/* A static PF: after its VF counts; a VF: after net_mtu. */
	fixture_static_pf(&dev);
	dev.present |= 1ULL << VIRTNET_ATTR_DEV_MODE;
	{
		char *text = print(virtnet_json_dev(&dev), false);

		CHECK_CONTAINS(text, "\"net_mtu\": 1500, \"max_vfs\": 126, \"num_vfs\": 2, "
				     "\"mode\": \"virtio\"}");
		free(text);
	}
	fixture_vf(&dev);
	vdpa_mode(&dev, "virtio_vdpa");
	{
		char *text = print(virtnet_json_dev(&dev), false);

		CHECK_CONTAINS(text, "\"net_mac\": \"5A:94:07:04:F6:1C\", \"net_mtu\": 1500, "
				     "\"mode\": \"vdpa\", \"vdpa_device\": \"vdpa0\"}");
		free(text);
	}
	/* A mode this tool does not know is not made up. */
	fixture_dev(&dev);
	dev.mode = 9;
	dev.present |= 1ULL << VIRTNET_ATTR_DEV_MODE;
	{
		char *text = print(virtnet_json_dev(&dev), false);

		CHECK_CONTAINS(text, "\"net_mtu\": 1500, \"mode\": \"unknown\"}");
		free(text);
	}
}

TEST(json_query_mode_next_to_vdpa_device)
{
	struct virtnet_dev dev;
	char *text;

	fixture_dev(&dev);
	dev.present |= 1ULL << VIRTNET_ATTR_DEV_MODE;
	text = print(virtnet_json_dev_query(&dev), false);
	REQUIRE(text != NULL);
	/* Not among the guide's fields: after the driver, before the status. */
	CHECK_CONTAINS(text, "\"net_mtu\": 1500, \"host_net_device\": \"eth1\", \"driver\": "
			     "\"virtio_net\", \"mode\": \"virtio\", \"device_status\": ");
	CHECK(!strstr(text, "vdpa_device"));
	free(text);

	vdpa_mode(&dev, "vhost_vdpa");
	text = print(virtnet_json_dev_query(&dev), false);
	REQUIRE(text != NULL);
	CHECK_CONTAINS(text, "\"net_mtu\": 1500, \"driver\": \"vhost_vdpa\", \"mode\": \"vdpa\", "
			     "\"vdpa_device\": \"vdpa0\", \"device_status\": ");
	CHECK(!strstr(text, "host_net_device"));
	free(text);

	/* A kernel without DEV_MODE: vdpa_device where it was, no mode. */
	dev.present &= ~(1ULL << VIRTNET_ATTR_DEV_MODE);
	text = print(virtnet_json_dev_query(&dev), false);
	REQUIRE(text != NULL);
	CHECK_CONTAINS(text, "\"driver\": \"vhost_vdpa\", \"vdpa_device\": \"vdpa0\", "
			     "\"device_status\": ");
	CHECK(!strstr(text, "\"mode\""));
	free(text);
}

TEST(json_modify_mode)
{
	struct virtnet_dev dev;

	/* After a hand-over to vdpa: the mode and the vdpa device before the status. */
	fixture_static_pf(&dev);
	vdpa_mode(&dev, "vhost_vdpa");
	CHECK_JSON(virtnet_json_modify(&dev),
		   "{\"id\": 1, \"vuid\": \"VNETS0D0F2\", \"mac\": \"00:11:22:33:44:55\", "
		   "\"mtu\": 1500, \"device_features\": {\"hex\": \"0x100020021\", \"names\": "
		   "[\"CSUM\", \"MAC\", \"CTRL_VQ\", \"VERSION_1\"]}, \"num_msix\": 6, "
		   "\"max_queues\": 5, \"max_queues_size\": 256, \"link_status\": 1, "
		   "\"mode\": \"vdpa\", \"vdpa_device\": \"vdpa0\", \"status\": \"modified\"}");
	/* And back. */
	fixture_static_pf(&dev);
	dev.present |= 1ULL << VIRTNET_ATTR_DEV_MODE;
	{
		char *text = print(virtnet_json_modify(&dev), false);

		CHECK_CONTAINS(text, "\"link_status\": 1, \"mode\": \"virtio\", "
				     "\"status\": \"modified\"}");
		CHECK(text && !strstr(text, "vdpa_device"));
		free(text);
	}
}

/* `virtnet update -t` (and monitor): the controller's problems, one per array entry. */
TEST(json_ctrl_status_lines)
{
	struct virtnet_ctrl_info info = {
		.state = VIRTNET_CTRL_STATE_RUNNING,
		.update_status = VIRTNET_UPDATE_NONE,
		.log_level = VIRTNET_LOG_INFO,
		.pid = 42,
		.version = "0.1.0",
	};

	CHECK_JSON(virtnet_json_ctrl(&info),
		   "{\"controller\": \"running\", \"update_status\": \"none\", "
		   "\"log_level\": \"info\", \"version\": \"0.1.0\", \"pid\": 42}");
	snprintf(info.status, sizeof(info.status),
		 "static PF 1: down: MAC 00:11:22:33:44:56 is held by device 0 (VNETS1D0F0)\n"
		 "recovery: cannot write /r/.instance: Read-only file system; retrying");
	CHECK_JSON(virtnet_json_ctrl(&info),
		   "{\"controller\": \"running\", \"update_status\": \"none\", "
		   "\"log_level\": \"info\", \"version\": \"0.1.0\", \"pid\": 42, \"status\": "
		   "[\"static PF 1: down: MAC 00:11:22:33:44:56 is held by device 0 (VNETS1D0F0)\", "
		   "\"recovery: cannot write /r/.instance: Read-only file system; retrying\"]}");
	/* Empty lines (a trailing newline) are not problems. */
	CHECK_JSON(virtnet_json_ctrl_status("a\n\nb\n"), "[\"a\", \"b\"]");
	CHECK_JSON(virtnet_json_ctrl_status(""), "[]");
}

/*
 * Names the kernel reports are only NUL-terminated: a host may name its
 * interface with any bytes. Found by tests/fuzz (fuzz_nlreply): query,
 * list, hotplug, stats and monitor failed with "out of memory" on one.
 */
TEST(json_text_replaces_bytes_that_are_not_utf8)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "eth1", "eth1" },
		{ "\xc3\xa9th", "\xc3\xa9th" },			/* valid: kept */
		{ "\xff" "eth", "\xef\xbf\xbd" "eth" },
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },	/* overlong */
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },	/* surrogate */
		{ "a\xe2\x82", "a\xef\xbf\xbd\xef\xbf\xbd" },	/* cut short */
		{ "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *j = virtnet_json_text(cases[i].in);

		REQUIRE(j != NULL);
		CHECK_STREQ(json_string_value(j), cases[i].out);
		json_decref(j);
	}
}

TEST(json_query_host_names_not_utf8)
{
	struct virtnet_dev dev;
	json_t *j, *ev;

	fixture_dev(&dev);
	strcpy(dev.host_ifname, "\x83\x96" "eth");
	strcpy(dev.driver_name, "\x83\x96rtio_net");
	strcpy(dev.sf_rep_ifname, "en\xff");
	j = virtnet_json_dev_query(&dev);
	REQUIRE(j != NULL);
	CHECK_STREQ(json_string_value(json_object_get(j, "host_net_device")),
		    "\xef\xbf\xbd\xef\xbf\xbd" "eth");
	CHECK_STREQ(json_string_value(json_object_get(j, "driver")),
		    "\xef\xbf\xbd\xef\xbf\xbdrtio_net");
	CHECK_STREQ(json_string_value(json_object_get(j, "sf_rep_net_device")),
		    "en\xef\xbf\xbd");
	json_decref(j);
	j = virtnet_json_dev(&dev);
	CHECK(j != NULL);
	json_decref(j);
	j = virtnet_json_hotplug(&dev);
	CHECK(j != NULL);
	json_decref(j);
	ev = virtnet_json_ctrl_status("ok\n\xff bad\n");
	REQUIRE(ev != NULL);
	CHECK_EQ(json_array_size(ev), 2);
	CHECK_STREQ(json_string_value(json_array_get(ev, 1)), "\xef\xbf\xbd bad");
	json_decref(ev);
}
