/* test_cli_args.c - argument validation of the subcommands (no netlink). */
#include "test.h"

#include "cli.h"

static char err[CLI_ERRLEN];
static struct virtnet_dev_new_req req;
static struct virtnet_dev_sel sel;
static struct virtnet_query_args qargs;
static struct virtnet_modify_args margs;
static struct virtnet_stats_args sargs;
static struct virtnet_monitor_args monargs;

/*
 * Run a subcommand's parser on words (NULL-terminated, the command name
 * first). A fresh copy each time: getopt permutes argv.
 */
static int parse(const char *const *words)
{
	char *argv[32];
	int argc = 0;

	while (words[argc] && argc < 31) {
		argv[argc] = (char *)words[argc];
		argc++;
	}
	argv[argc] = NULL;
	err[0] = '\0';
	if (!strcmp(argv[0], "hotplug"))
		return virtnet_hotplug_args_parse(argc, argv, &req, err, sizeof(err));
	if (!strcmp(argv[0], "unplug"))
		return virtnet_unplug_args_parse(argc, argv, &sel, err, sizeof(err));
	if (!strcmp(argv[0], "query"))
		return virtnet_query_args_parse(argc, argv, &qargs, err, sizeof(err));
	if (!strcmp(argv[0], "modify"))
		return virtnet_modify_args_parse(argc, argv, &margs, err, sizeof(err));
	if (!strcmp(argv[0], "stats"))
		return virtnet_stats_args_parse(argc, argv, &sargs, err, sizeof(err));
	if (!strcmp(argv[0], "monitor"))
		return virtnet_monitor_args_parse(argc, argv, &monargs, err, sizeof(err));
	return virtnet_list_args_parse(argc, argv, err, sizeof(err));
}

#define hotplug(...)	parse((const char *const[]){ __VA_ARGS__ })
#define unplug(...)	parse((const char *const[]){ __VA_ARGS__ })
#define query(...)	parse((const char *const[]){ __VA_ARGS__ })
#define list(...)	parse((const char *const[]){ __VA_ARGS__ })
#define modify(...)	parse((const char *const[]){ __VA_ARGS__ })
#define stats(...)	parse((const char *const[]){ __VA_ARGS__ })
#define monitor(...)	parse((const char *const[]){ __VA_ARGS__ })

/* The guide's command with one option replaced: opt, value. */
static int hotplug_with(const char *opt, const char *value)
{
	const char *v[] = { "0C:C4:7A:FF:22:93", "1500", "3", "1024" };
	const char *o[] = { "-m", "-t", "-n", "-s" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(o[i], opt))
			v[i] = value;
	return hotplug("hotplug", "-i", "mlx5_0", "-f", "0x0", "-m", v[0], "-t", v[1],
		       "-n", v[2], "-s", v[3], NULL);
}

TEST(hotplug_guide_command)
{
	CHECK_EQ(hotplug("hotplug", "-i", "mlx5_0", "-f", "0x0", "-m", "0C:C4:7A:FF:22:93",
			 "-t", "1500", "-n", "3", "-s", "1024", NULL), CLI_OK);
	CHECK_STREQ(req.ibdev, "mlx5_0");
	CHECK_EQ(req.mac[0], 0x0c);
	CHECK_EQ(req.mtu, 1500);
	CHECK_EQ(req.num_queues, 3);
	CHECK_EQ(req.queue_size, 1024);
	CHECK_EQ(req.features, 0);
	CHECK(!req.legacy);
}

TEST(hotplug_long_options_and_legacy)
{
	CHECK_EQ(hotplug("hotplug", "--ib_device", "mlx5_1", "--features", "0x100000020",
			 "--mac=0c:c4:7a:ff:22:94", "--mtu", "9216", "--num_queues", "31",
			 "--queue_size", "32768", "--legacy", NULL), CLI_OK);
	CHECK_STREQ(req.ibdev, "mlx5_1");
	CHECK(req.features == 0x100000020ULL);
	CHECK_EQ(req.mac[5], 0x94);
	CHECK_EQ(req.mtu, 9216);
	CHECK_EQ(req.num_queues, 31);
	CHECK_EQ(req.queue_size, 32768);
	CHECK(req.legacy);
	/* -f is optional; -l as a short flag; unique long prefixes work. */
	CHECK_EQ(hotplug("hotplug", "-i", "mlx5_0", "-m", "0C:C4:7A:FF:22:93", "-t", "68",
			 "-n", "5", "-s", "64", "-l", "--queue", "128", NULL), CLI_OK);
	CHECK_EQ(req.queue_size, 128);
	CHECK(req.legacy);
}

TEST(hotplug_bad_mac)
{
	CHECK_EQ(hotplug_with("-m", "01:00:5E:00:00:01"), CLI_FAIL);
	CHECK_CONTAINS(err, "invalid --mac '01:00:5E:00:00:01': must be a unicast address");
	CHECK_EQ(hotplug_with("-m", "FF:FF:FF:FF:FF:FF"), CLI_FAIL);
	CHECK_CONTAINS(err, "multicast");
	CHECK_EQ(hotplug_with("-m", "00:00:00:00:00:00"), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mac '00:00:00:00:00:00': must be a unicast address, not all zeros");
	CHECK_EQ(hotplug_with("-m", "0C:C4:7A:FF:22"), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mac '0C:C4:7A:FF:22': must be six colon-separated hex pairs, e.g. 0C:C4:7A:FF:22:93");
	CHECK_EQ(hotplug_with("-m", "0C-C4-7A-FF-22-93"), CLI_FAIL);
	CHECK_EQ(hotplug_with("-m", ""), CLI_FAIL);
}

TEST(hotplug_bad_mtu)
{
	CHECK_EQ(hotplug_with("-t", "67"), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mtu '67': must be between 68 and 9216");
	CHECK_EQ(hotplug_with("-t", "9217"), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mtu '9217': must be between 68 and 9216");
	CHECK_EQ(hotplug_with("-t", "9999"), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mtu '9999': must be between 68 and 9216");
	CHECK_EQ(hotplug_with("-t", "abc"), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mtu 'abc': not a number; must be between 68 and 9216");
	CHECK_EQ(hotplug_with("-t", "1500abc"), CLI_FAIL);
	CHECK_EQ(hotplug_with("-t", "-1500"), CLI_FAIL);
	CHECK_EQ(hotplug_with("-t", ""), CLI_FAIL);
	CHECK_EQ(hotplug_with("-t", "0x5dc"), CLI_OK);
	CHECK_EQ(req.mtu, 1500);
}

TEST(hotplug_bad_queues)
{
	static const char *bad[] = { "0", "1", "2", "4", "30", "32", "33", "65539", "x", "-3" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (hotplug_with("-n", bad[i]) != CLI_FAIL)
			test_fail(__FILE__, __LINE__, "accepted -n %s", bad[i]);
		CHECK_CONTAINS(err, "invalid --num_queues '");
		CHECK_CONTAINS(err, "must be an odd number between 3 and 31 (virtqueues including "
				    "the control queue: queue pairs = (n - 1) / 2)");
	}
	CHECK_EQ(hotplug_with("-n", "3"), CLI_OK);
	CHECK_EQ(hotplug_with("-n", "31"), CLI_OK);
}

TEST(hotplug_bad_queue_size)
{
	static const char *bad[] = { "0", "32", "63", "100", "1000", "65536", "131072", "abc" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (hotplug_with("-s", bad[i]) != CLI_FAIL)
			test_fail(__FILE__, __LINE__, "accepted -s %s", bad[i]);
		CHECK_CONTAINS(err, "must be a power of two between 64 and 32768");
	}
	CHECK_EQ(hotplug_with("-s", "100"), CLI_FAIL);
	CHECK_STREQ(err, "invalid --queue_size '100': must be a power of two between 64 and 32768");
}

TEST(hotplug_bad_features_and_ibdev)
{
	CHECK_EQ(hotplug("hotplug", "-i", "mlx5_0", "-f", "0xzz", "-m", "0C:C4:7A:FF:22:93",
			 "-t", "1500", "-n", "3", "-s", "1024", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --features '0xzz': not a number; must be a 64-bit feature mask, "
			 "decimal or 0x hex (0: all the device supports)");
	CHECK_EQ(hotplug("hotplug", "-i", "mlx5_0", "-f", "0x10000000000000000", "-m",
			 "0C:C4:7A:FF:22:93", "-t", "1500", "-n", "3", "-s", "1024", NULL), CLI_FAIL);
	CHECK_EQ(hotplug("hotplug", "-i", "", "-m", "0C:C4:7A:FF:22:93", "-t", "1500",
			 "-n", "3", "-s", "1024", NULL), CLI_FAIL);
	CHECK_CONTAINS(err, "invalid --ib_device '':");
	CHECK_EQ(hotplug("hotplug", "-i", "0123456789012345678901234567890123456789012345678901234567890123",
			 "-m", "0C:C4:7A:FF:22:93", "-t", "1500", "-n", "3", "-s", "1024", NULL), CLI_FAIL);
	CHECK_CONTAINS(err, "1 to 63 characters");
}

TEST(hotplug_missing_required)
{
	CHECK_EQ(hotplug("hotplug", NULL), CLI_USAGE);
	CHECK_STREQ(err, "missing required options: -i/--ib_device, -m/--mac, -t/--mtu, "
			 "-n/--num_queues, -s/--queue_size");
	CHECK_EQ(hotplug("hotplug", "-i", "mlx5_0", "-m", "0C:C4:7A:FF:22:93", "-n", "3",
			 "-s", "1024", NULL), CLI_USAGE);
	CHECK_STREQ(err, "missing required option: -t/--mtu");
	CHECK_EQ(hotplug("hotplug", "-i", "mlx5_0", "-t", NULL), CLI_USAGE);
	CHECK_STREQ(err, "option -t/--mtu requires a value (MTU)");
	CHECK_EQ(hotplug("hotplug", "-i", "mlx5_0", "--mtu", NULL), CLI_USAGE);
	CHECK_STREQ(err, "option -t/--mtu requires a value (MTU)");
}

TEST(hotplug_usage_errors)
{
	CHECK_EQ(hotplug("hotplug", "-x", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unrecognized option '-x'");
	CHECK_EQ(hotplug("hotplug", "--bogus", "1", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unrecognized option '--bogus'");
	CHECK_EQ(hotplug("hotplug", "--m", "1", NULL), CLI_USAGE);
	CHECK_STREQ(err, "ambiguous option '--m' could match --mac, --mtu, --mode");
	CHECK_EQ(hotplug("hotplug", "--legacy=1", NULL), CLI_USAGE);
	CHECK_STREQ(err, "option '--legacy' does not take a value");
	CHECK_EQ(hotplug("hotplug", "-l", "extra", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unexpected argument 'extra'");
	CHECK_EQ(hotplug("hotplug", "-t", "1500", "-h", NULL), CLI_HELP);
	CHECK_EQ(hotplug("hotplug", "--help", NULL), CLI_HELP);
}

TEST(unplug_selectors)
{
	CHECK_EQ(unplug("unplug", "-p", "0", NULL), CLI_OK);
	CHECK(!sel.by_vuid);
	CHECK_EQ(sel.id, 0);
	CHECK_EQ(unplug("unplug", "--pf", "4294967295", NULL), CLI_OK);
	CHECK(sel.id == 4294967295u);
	CHECK_EQ(unplug("unplug", "-u", "VNETS1D0F0", NULL), CLI_OK);
	CHECK(sel.by_vuid);
	CHECK_STREQ(sel.vuid, "VNETS1D0F0");
	CHECK_EQ(unplug("unplug", "--vuid=VNETS0D0F2VF1", NULL), CLI_OK);
	CHECK_STREQ(sel.vuid, "VNETS0D0F2VF1");
}

TEST(unplug_errors)
{
	CHECK_EQ(unplug("unplug", NULL), CLI_USAGE);
	CHECK_STREQ(err, "one of these options is required: -p/--pf, -u/--vuid");
	CHECK_EQ(unplug("unplug", "-p", "0", "-u", "VNETS1D0F0", NULL), CLI_USAGE);
	CHECK_STREQ(err, "options -p/--pf and -u/--vuid cannot be used together");
	CHECK_EQ(unplug("unplug", "-p", "4294967296", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --pf '4294967296': must be a device id, a number between 0 and 4294967295");
	CHECK_EQ(unplug("unplug", "-p", "x", NULL), CLI_FAIL);
	CHECK_CONTAINS(err, "invalid --pf 'x': not a number");
	CHECK_EQ(unplug("unplug", "-u", "VNET S1", NULL), CLI_FAIL);
	CHECK_CONTAINS(err, "invalid --vuid 'VNET S1'");
}

TEST(query_selectors_and_errors)
{
	CHECK_EQ(query("query", "-a", NULL), CLI_OK);
	CHECK(qargs.all);
	CHECK_EQ(query("query", "-p", "2", NULL), CLI_OK);
	CHECK(!qargs.all);
	CHECK_EQ(qargs.target.sel.id, 2);
	CHECK_EQ(query("query", "--vuid", "VNETS1D0F0", NULL), CLI_OK);
	CHECK(qargs.target.sel.by_vuid);
	CHECK_EQ(query("query", NULL), CLI_USAGE);
	CHECK_STREQ(err, "one of these options is required: -p/--pf, -u/--vuid, -a/--all");
	CHECK_EQ(query("query", "-a", "-p", "1", NULL), CLI_USAGE);
	CHECK_STREQ(err, "options -p/--pf and -a/--all cannot be used together");
}

TEST(query_vf_of_a_pf)
{
	/* The guide's `virtnet query -p 0 -v 0`. */
	CHECK_EQ(query("query", "-p", "0", "-v", "0", NULL), CLI_OK);
	CHECK(!qargs.all);
	CHECK(!qargs.target.sel.by_vuid);
	CHECK_EQ(qargs.target.sel.id, 0);
	CHECK(qargs.target.has_vf);
	CHECK_EQ(qargs.target.vf_id, 0);
	CHECK_EQ(query("query", "--vf=125", "--pf", "3", NULL), CLI_OK);
	CHECK_EQ(qargs.target.sel.id, 3);
	CHECK_EQ(qargs.target.vf_id, 125);
	CHECK_EQ(query("query", "-p", "3", NULL), CLI_OK);
	CHECK(!qargs.target.has_vf);

	CHECK_EQ(query("query", "-p", "0", "-v", "126", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --vf '126': must be a VF index between 0 and 125");
	CHECK_EQ(query("query", "-p", "0", "-v", "one", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --vf 'one': not a number; must be a VF index between 0 and 125");
	CHECK_EQ(query("query", "-p", "0", "-v", NULL), CLI_USAGE);
	CHECK_STREQ(err, "option -v/--vf requires a value (VF_ID)");
	CHECK_EQ(query("query", "-u", "VNETS0D0F2", "-v", "0", NULL), CLI_USAGE);
	CHECK_STREQ(err, "options -u/--vuid and -v/--vf cannot be used together "
			 "(-v selects a VF of the static PF given with -p)");
	CHECK_EQ(query("query", "-a", "-v", "0", NULL), CLI_USAGE);
	CHECK_PREFIX(err, "options -a/--all and -v/--vf cannot be used together");
	CHECK_EQ(query("query", "-v", "0", NULL), CLI_USAGE);
	CHECK_STREQ(err, "one of these options is required: -p/--pf, -u/--vuid, -a/--all");
	/* --v is --vf or --vuid. */
	CHECK_EQ(query("query", "-p", "0", "--v", "0", NULL), CLI_USAGE);
	CHECK_STREQ(err, "ambiguous option '--v' could match --vf, --vuid");
}

TEST(modify_guide_commands)
{
	/* virtnet modify -p 0 -v 0 device -m 0C:C4:7A:FF:22:98 */
	CHECK_EQ(modify("modify", "-p", "0", "-v", "0", "device", "-m", "0C:C4:7A:FF:22:98", NULL),
		 CLI_OK);
	CHECK_STREQ(err, "");
	CHECK_EQ(margs.target.sel.id, 0);
	CHECK(margs.target.has_vf);
	CHECK_EQ(margs.target.vf_id, 0);
	CHECK(margs.set.has_mac);
	CHECK_EQ(margs.set.mac[0], 0x0c);
	CHECK_EQ(margs.set.mac[5], 0x98);
	CHECK_STREQ(margs.target_name, "device");
	CHECK(!margs.set.has_mtu && !margs.set.has_link_up && !margs.set.rx_coal.has_usecs);
	/* virtnet modify -u <VUID-string> device -m 0C:C4:7A:FF:22:98 */
	CHECK_EQ(modify("modify", "-u", "VNETS0D0F2VF1", "device", "-m", "0c:c4:7a:ff:22:98", NULL),
		 CLI_OK);
	CHECK(margs.target.sel.by_vuid);
	CHECK_STREQ(margs.target.sel.vuid, "VNETS0D0F2VF1");
	CHECK(!margs.target.has_vf);
	CHECK_EQ(margs.set.mac[5], 0x98);
	/* virtnet modify -p 0 device -m ... ; long options */
	CHECK_EQ(modify("modify", "--pf=2", "device", "--mac", "0C:C4:7A:FF:22:98", NULL), CLI_OK);
	CHECK_EQ(margs.target.sel.id, 2);
	CHECK(!margs.target.has_vf);
}

TEST(modify_help)
{
	CHECK_EQ(modify("modify", "-h", NULL), CLI_HELP);
	CHECK(!margs.target_name);
	CHECK_EQ(modify("modify", "-p", "0", "device", "-h", NULL), CLI_HELP);
	CHECK_STREQ(margs.target_name, "device");
	/* A target's help needs no selector. */
	CHECK_EQ(modify("modify", "device", "--help", NULL), CLI_HELP);
	CHECK_STREQ(margs.target_name, "device");
	CHECK_EQ(modify("modify", "queue", "-h", NULL), CLI_HELP);
	CHECK_STREQ(margs.target_name, "queue");
}

TEST(modify_errors)
{
	CHECK_EQ(modify("modify", NULL), CLI_USAGE);
	CHECK_STREQ(err, "one of these options is required: -p/--pf, -u/--vuid");
	CHECK_EQ(modify("modify", "-p", "0", NULL), CLI_USAGE);
	CHECK_PREFIX(err, "a target is required: device or queue (e.g. virtnet modify -p 0 device -m ");
	CHECK_EQ(modify("modify", "-p", "0", "devices", "-m", "0C:C4:7A:FF:22:98", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unknown target 'devices' (choose from device, queue)");
	CHECK_EQ(modify("modify", "-p", "0", "device", NULL), CLI_USAGE);
	CHECK_STREQ(err, "nothing to modify: give at least one of -m/--mac, -t/--mtu, "
		    "-f/--features, -n/--num_msix, -q/--max_queue_size, -l/--link after 'device', "
		    "or -M/--mode or -S/--sf-from alone");
	CHECK_EQ(modify("modify", "-p", "0", "queue", NULL), CLI_USAGE);
	CHECK_STREQ(err, "nothing to modify: give -p/--period, -n/--max_count or both after 'queue'");
	CHECK_EQ(modify("modify", "-p", "0", "queue", "-d", "rx", NULL), CLI_USAGE);
	CHECK_EQ(modify("modify", "device", "-m", "0C:C4:7A:FF:22:98", NULL), CLI_USAGE);
	CHECK_STREQ(err, "one of these options is required: -p/--pf, -u/--vuid");
	CHECK_EQ(modify("modify", "-p", "0", "-u", "VNETS0D0F2", "device", "-m",
			"0C:C4:7A:FF:22:98", NULL), CLI_USAGE);
	CHECK_STREQ(err, "options -p/--pf and -u/--vuid cannot be used together");
	CHECK_EQ(modify("modify", "-u", "VNETS0D0F2", "-v", "1", "device", "-m",
			"0C:C4:7A:FF:22:98", NULL), CLI_USAGE);
	CHECK_PREFIX(err, "options -u/--vuid and -v/--vf cannot be used together");
	CHECK_EQ(modify("modify", "-p", "0", "device", "-m", "0C:C4:7A:FF:22:98", "x", NULL),
		 CLI_USAGE);
	CHECK_STREQ(err, "unexpected argument 'x'");
	/* Selector options belong before the target, device options after it. */
	CHECK_EQ(modify("modify", "-p", "0", "-m", "0C:C4:7A:FF:22:98", "device", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unrecognized option '-m'");
	CHECK_EQ(modify("modify", "device", "-p", "0", "-m", "0C:C4:7A:FF:22:98", NULL), CLI_USAGE);
	/* Bad values: status 1, named. */
	CHECK_EQ(modify("modify", "-p", "0", "device", "-m", "0C-C4-7A-FF-22-98", NULL), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --mac '0C-C4-7A-FF-22-98': must be six colon-separated hex pairs");
	CHECK_EQ(modify("modify", "-p", "0", "device", "-m", "FF:FF:FF:FF:FF:FF", NULL), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --mac 'FF:FF:FF:FF:FF:FF': must be a unicast address");
	CHECK_EQ(modify("modify", "-p", "0", "-v", "126", "device", "-m", "0C:C4:7A:FF:22:98", NULL),
		 CLI_FAIL);
	CHECK_STREQ(err, "invalid --vf '126': must be a VF index between 0 and 125");
	CHECK_EQ(modify("modify", "-p", "-1", "device", "-m", "0C:C4:7A:FF:22:98", NULL), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --pf '-1'");
}

TEST(modify_device_options)
{
	CHECK_EQ(modify("modify", "-p", "3", "device", "-t", "9000", "-f", "0x10000",
			"-n", "6", "-q", "256", "-l", "down", NULL), CLI_OK);
	CHECK_STREQ(err, "");
	CHECK(!margs.set.has_mac);
	CHECK(margs.set.has_mtu);
	CHECK_EQ(margs.set.mtu, 9000);
	CHECK(margs.set.has_features);
	CHECK_EQ(margs.set.features, 0x10000);
	/* 6 MSI-X vectors: 5 virtqueues, 2 pairs and the control queue. */
	CHECK(margs.set.has_num_queues);
	CHECK_EQ(margs.set.num_queues, 5);
	CHECK(margs.set.has_queue_size);
	CHECK_EQ(margs.set.queue_size, 256);
	CHECK(margs.set.has_link_up);
	CHECK(!margs.set.link_up);
	CHECK(!margs.set.rx_coal.has_usecs && !margs.set.tx_coal.has_max_packets);
	/* Long forms; features 0 is "all the device supports", and it is sent. */
	CHECK_EQ(modify("modify", "-u", "VNETS1D0F0", "device", "--mtu=1500", "--features", "0",
			"--num_msix", "32", "--max_queue_size", "32768", "--link", "up", NULL),
		 CLI_OK);
	CHECK(margs.set.has_features);
	CHECK_EQ(margs.set.features, 0);
	CHECK_EQ(margs.set.num_queues, 31);
	CHECK_EQ(margs.set.queue_size, 32768);
	CHECK(margs.set.has_link_up && margs.set.link_up);
	/* The link alone is enough (it is the one live device option). */
	CHECK_EQ(modify("modify", "-p", "0", "device", "-l", "up", NULL), CLI_OK);
	CHECK(!margs.set.has_mtu && !margs.set.has_num_queues);
}

TEST(modify_device_option_errors)
{
	static const char *const bad[][3] = {
		{ "-t", "67", "invalid --mtu '67': must be between 68 and 9216" },
		{ "-t", "9217", "invalid --mtu '9217': must be between 68 and 9216" },
		{ "-t", "15x", "invalid --mtu '15x': not a number; must be between 68 and 9216" },
		{ "-f", "-1", "invalid --features '-1': not a number; must be a 64-bit feature mask" },
		{ "-n", "5", "invalid --num_msix '5': must be an even number between 4 and 32 "
			     "(MSI-X vectors: one per virtqueue plus the configuration vector, "
			     "so the device gets n - 1 virtqueues: (n - 2) / 2 queue pairs and "
			     "the control queue)" },
		{ "-n", "2", "invalid --num_msix '2': must be an even number between 4 and 32" },
		{ "-n", "34", "invalid --num_msix '34': must be an even number between 4 and 32" },
		{ "-q", "1000", "invalid --max_queue_size '1000': must be a power of two between "
				"64 and 32768" },
		{ "-q", "32", "invalid --max_queue_size '32': must be a power of two" },
		{ "-l", "UP", "invalid --link 'UP': must be up or down" },
		{ "-l", "1", "invalid --link '1': must be up or down" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ(modify("modify", "-p", "0", "device", bad[i][0], bad[i][1], NULL),
			 CLI_FAIL);
		CHECK_PREFIX(err, bad[i][2]);
		/* Also next to a good option: nothing is half-applied. */
		CHECK_EQ(modify("modify", "-p", "0", "device", "-m", "0C:C4:7A:FF:22:98",
				bad[i][0], bad[i][1], NULL), CLI_FAIL);
		CHECK_PREFIX(err, bad[i][2]);
	}
	/* The old placeholders -s and --max_queues are gone. */
	CHECK_EQ(modify("modify", "-p", "0", "device", "-s", "256", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unrecognized option '-s'");
	CHECK_EQ(modify("modify", "-p", "0", "device", "--max_queues", "5", NULL), CLI_USAGE);
	CHECK_EQ(modify("modify", "-p", "0", "device", "-l", NULL), CLI_USAGE);
	CHECK_STREQ(err, "option -l/--link requires a value ({up,down})");
}

TEST(modify_queue_options)
{
	/* Default direction: both. */
	CHECK_EQ(modify("modify", "-p", "0", "queue", "-p", "50", "-n", "32", NULL), CLI_OK);
	CHECK_STREQ(err, "");
	CHECK_EQ(margs.target.sel.id, 0);
	CHECK(margs.set.rx_coal.has_usecs && margs.set.rx_coal.has_max_packets);
	CHECK_EQ(margs.set.rx_coal.usecs, 50);
	CHECK_EQ(margs.set.rx_coal.max_packets, 32);
	CHECK(margs.set.tx_coal.has_usecs && margs.set.tx_coal.has_max_packets);
	CHECK_EQ(margs.set.tx_coal.usecs, 50);
	CHECK_EQ(margs.set.tx_coal.max_packets, 32);
	CHECK(!virtnet_dev_set_req_needs_unbound(&margs.set));
	/* One direction, one value; -d may come last. */
	CHECK_EQ(modify("modify", "-u", "VNETS1D0F0", "queue", "--period", "1000000",
			"--direction", "tx", NULL), CLI_OK);
	CHECK(!margs.set.rx_coal.has_usecs && !margs.set.rx_coal.has_max_packets);
	CHECK(margs.set.tx_coal.has_usecs && !margs.set.tx_coal.has_max_packets);
	CHECK_EQ(margs.set.tx_coal.usecs, 1000000);
	CHECK_EQ(modify("modify", "-p", "1", "-v", "0", "queue", "-d", "rx", "-n", "0", NULL),
		 CLI_OK);
	CHECK(margs.target.has_vf);
	CHECK(margs.set.rx_coal.has_max_packets && !margs.set.rx_coal.has_usecs);
	CHECK_EQ(margs.set.rx_coal.max_packets, 0);
	CHECK(!margs.set.tx_coal.has_max_packets);
	CHECK_EQ(modify("modify", "-p", "0", "queue", "-d", "both", "-n", "32768", NULL), CLI_OK);
	CHECK_EQ(margs.set.tx_coal.max_packets, 32768);

	CHECK_EQ(modify("modify", "-p", "0", "queue", "-p", "1000001", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --period '1000001': must be a time in microseconds between "
		    "0 and 1000000");
	CHECK_EQ(modify("modify", "-p", "0", "queue", "-n", "32769", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --max_count '32769': must be a number of completions between "
		    "0 and 32768");
	CHECK_EQ(modify("modify", "-p", "0", "queue", "-d", "ctrl", "-n", "1", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --direction 'ctrl': must be rx, tx or both");
	/* Device options do not belong to the queue target. */
	CHECK_EQ(modify("modify", "-p", "0", "queue", "-m", "0C:C4:7A:FF:22:98", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unrecognized option '-m'");
}

TEST(stats_args)
{
	CHECK_EQ(stats("stats", "-p", "0", NULL), CLI_OK);
	CHECK(!sargs.has_qid);
	CHECK_EQ(sargs.target.sel.id, 0);
	CHECK_EQ(stats("stats", "-p", "1", "-v", "3", "-q", "30", NULL), CLI_OK);
	CHECK(sargs.target.has_vf);
	CHECK_EQ(sargs.target.vf_id, 3);
	CHECK(sargs.has_qid);
	CHECK_EQ(sargs.qid, 30);
	CHECK_EQ(stats("stats", "--vuid", "VNETS1D0F0", "--qid=2", NULL), CLI_OK);
	CHECK(sargs.target.sel.by_vuid);
	CHECK_EQ(sargs.qid, 2);

	CHECK_EQ(stats("stats", NULL), CLI_USAGE);
	CHECK_STREQ(err, "one of these options is required: -p/--pf, -u/--vuid");
	CHECK_EQ(stats("stats", "-u", "VNETS1D0F0", "-v", "0", NULL), CLI_USAGE);
	CHECK_PREFIX(err, "options -u/--vuid and -v/--vf cannot be used together");
	CHECK_EQ(stats("stats", "-p", "0", "-q", "31", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --qid '31': must be a virtqueue index between 0 and 30");
	CHECK_EQ(stats("stats", "-p", "0", "-q", "rx", NULL), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --qid 'rx': not a number; ");
	CHECK_EQ(stats("stats", "-p", "0", "x", NULL), CLI_USAGE);
}

TEST(monitor_args)
{
	CHECK_EQ(monitor("monitor", NULL), CLI_OK);
	CHECK(!monargs.json);
	CHECK(!monargs.snapshot);
	CHECK_EQ(monargs.rcvbuf, 0);
	CHECK_EQ(monitor("monitor", "-j", "-s", "-r", "4096", NULL), CLI_OK);
	CHECK(monargs.json);
	CHECK(monargs.snapshot);
	CHECK_EQ(monargs.rcvbuf, 4096);
	CHECK_EQ(monitor("monitor", "--json", "--rcvbuf=1073741824", NULL), CLI_OK);
	CHECK(monargs.json);
	CHECK(!monargs.snapshot);
	CHECK_EQ(monargs.rcvbuf, 1 << 30);

	CHECK_EQ(monitor("monitor", "-r", "0", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --rcvbuf '0': must be between 1 and 1073741824");
	CHECK_EQ(monitor("monitor", "--rcvbuf", "1073741825", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --rcvbuf '1073741825': must be between 1 and 1073741824");
	CHECK_EQ(monitor("monitor", "-r", "4k", NULL), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --rcvbuf '4k': not a number; ");
	CHECK_EQ(monitor("monitor", "-r", NULL), CLI_USAGE);
	CHECK_CONTAINS(err, "-r");
	CHECK_EQ(monitor("monitor", "-p", "0", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unrecognized option '-p'");
	CHECK_EQ(monitor("monitor", "events", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unexpected argument 'events'");
}

TEST(list_takes_no_arguments)
{
	CHECK_EQ(list("list", NULL), CLI_OK);
	CHECK_EQ(list("list", "-x", NULL), CLI_USAGE);
	CHECK_EQ(list("list", "x", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unexpected argument 'x'");
}

/* The guide's hotplug command plus the words given (NULL-terminated). */
static int hotplug_plus(const char *a, const char *b, const char *c, const char *d)
{
	return hotplug("hotplug", "-i", "mlx5_0", "-m", "0C:C4:7A:FF:22:93", "-t", "1500",
		       "-n", "3", "-s", "1024", a, b, c, d, NULL);
}

TEST(hotplug_mode_and_vdpa_name)
{
	char name[80];

	/* No -M: nothing about the mode is sent (the kernel's default, virtio). */
	CHECK_EQ(hotplug_plus(NULL, NULL, NULL, NULL), CLI_OK);
	CHECK(!req.has_mode);
	CHECK_STREQ(req.vdpa_name, "");
	CHECK_EQ(hotplug_plus("-M", "vdpa", NULL, NULL), CLI_OK);
	CHECK(req.has_mode);
	CHECK_EQ(req.mode, VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(req.vdpa_name, "");
	CHECK_EQ(hotplug_plus("--mode=virtio", NULL, NULL, NULL), CLI_OK);
	CHECK(req.has_mode);
	CHECK_EQ(req.mode, VIRTNET_DEV_MODE_VIRTIO);
	/* The name may come first. */
	CHECK_EQ(hotplug_plus("--vdpa-name", "vdpa0", "--mode", "vdpa"), CLI_OK);
	CHECK_EQ(req.mode, VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(req.vdpa_name, "vdpa0");
	CHECK_EQ(hotplug_plus("-M", "vdpa", "-N", "vd 0:x"), CLI_OK);
	CHECK_STREQ(req.vdpa_name, "vd 0:x");
	memset(name, 'v', 63);
	name[63] = '\0';
	CHECK_EQ(hotplug_plus("-M", "vdpa", "-N", name), CLI_OK);
	CHECK_STREQ(req.vdpa_name, name);

	/* Only virtio or vdpa, spelled so. */
	CHECK_EQ(hotplug_plus("-M", "vhost", NULL, NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mode 'vhost': must be virtio or vdpa");
	CHECK_EQ(hotplug_plus("--mode", "VDPA", NULL, NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mode 'VDPA': must be virtio or vdpa");
	CHECK_EQ(hotplug_plus("-M", "", NULL, NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mode '': must be virtio or vdpa");
	CHECK_EQ(hotplug_plus("-M", NULL, NULL, NULL), CLI_USAGE);
	CHECK_STREQ(err, "option -M/--mode requires a value ({virtio,vdpa})");
	/* Names: 1..63 characters without '/'. */
	CHECK_EQ(hotplug_plus("-M", "vdpa", "-N", "a/b"), CLI_FAIL);
	CHECK_STREQ(err, "invalid --vdpa-name 'a/b': must be a vdpa device name of 1 to 63 "
			 "characters without '/', e.g. vdpa0");
	CHECK_EQ(hotplug_plus("-M", "vdpa", "-N", ""), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --vdpa-name '': must be a vdpa device name of 1 to 63");
	name[63] = 'v';
	name[64] = '\0';
	CHECK_EQ(hotplug_plus("-M", "vdpa", "-N", name), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --vdpa-name 'vvvv");
	/* A vdpa name needs -M vdpa: a usage error. */
	CHECK_EQ(hotplug_plus("-N", "vdpa0", NULL, NULL), CLI_USAGE);
	CHECK_STREQ(err, "option -N/--vdpa-name needs -M/--mode vdpa (it names the "
			 "function's vdpa device)");
	CHECK_EQ(hotplug_plus("-M", "virtio", "--vdpa-name", "vdpa0"), CLI_USAGE);
	CHECK_STREQ(err, "option -N/--vdpa-name goes only with -M/--mode vdpa, not with "
			 "--mode virtio (a function on the virtio bus has no vdpa device)");
	/* A missing required option is still reported first. */
	CHECK_EQ(hotplug("hotplug", "-i", "mlx5_0", "-N", "vdpa0", NULL), CLI_USAGE);
	CHECK_PREFIX(err, "missing required options: -m/--mac");
}

TEST(modify_mode_hand_over)
{
	static const char *const others[][3] = {
		{ "-m", "0C:C4:7A:FF:22:98", "-m/--mac" },
		{ "-t", "9000", "-t/--mtu" },
		{ "-f", "0", "-f/--features" },
		{ "-n", "4", "-n/--num_msix" },
		{ "-q", "256", "-q/--max_queue_size" },
		{ "-l", "up", "-l/--link" },
	};
	char want[256];

	CHECK_EQ(modify("modify", "-p", "0", "device", "-M", "vdpa", NULL), CLI_OK);
	CHECK_STREQ(err, "");
	CHECK_STREQ(margs.target_name, "device");
	CHECK(margs.set.has_mode);
	CHECK_EQ(margs.set.mode, VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(margs.set.vdpa_name, "");
	CHECK(!virtnet_dev_set_req_needs_unbound(&margs.set));
	CHECK(!margs.set.has_link_up && !margs.set.rx_coal.has_usecs);
	CHECK_EQ(modify("modify", "-u", "VNETS0D0F2VF1", "device", "--mode", "virtio", NULL),
		 CLI_OK);
	CHECK(margs.target.sel.by_vuid);
	CHECK(margs.set.has_mode);
	CHECK_EQ(margs.set.mode, VIRTNET_DEV_MODE_VIRTIO);
	CHECK_EQ(modify("modify", "-p", "1", "-v", "0", "device", "-N", "vdpa0", "-M", "vdpa",
			NULL), CLI_OK);
	CHECK(margs.target.has_vf);
	CHECK_STREQ(margs.set.vdpa_name, "vdpa0");

	/* --mode is the only change: with any other device option, nothing is sent. */
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		snprintf(want, sizeof(want), "options -M/--mode and %s cannot be used together: "
			 "-M hands the function over to another bus and must be the only "
			 "change (only -N/--vdpa-name may go with -M vdpa)", others[i][2]);
		CHECK_EQ(modify("modify", "-p", "0", "device", "-M", "vdpa", others[i][0],
				others[i][1], NULL), CLI_USAGE);
		CHECK_STREQ(err, want);
		CHECK_EQ(modify("modify", "-p", "0", "device", others[i][0], others[i][1],
				"--mode", "virtio", NULL), CLI_USAGE);
		CHECK_STREQ(err, want);
		CHECK_EQ(modify("modify", "-p", "0", "device", others[i][0], others[i][1],
				"-M", "vdpa", "-N", "vdpa0", NULL), CLI_USAGE);
		CHECK_STREQ(err, want);
	}
	/* The first other option given is named. */
	CHECK_EQ(modify("modify", "-p", "0", "device", "-l", "down", "-t", "1500", "-M", "vdpa",
			NULL), CLI_USAGE);
	CHECK_PREFIX(err, "options -M/--mode and -t/--mtu cannot be used together");

	/* Values. */
	CHECK_EQ(modify("modify", "-p", "0", "device", "-M", "vhost_vdpa", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mode 'vhost_vdpa': must be virtio or vdpa");
	CHECK_EQ(modify("modify", "-p", "0", "device", "-M", "Virtio", NULL), CLI_FAIL);
	CHECK_STREQ(err, "invalid --mode 'Virtio': must be virtio or vdpa");
	CHECK_EQ(modify("modify", "-p", "0", "device", "-M", "vdpa", "-N", "x/y", NULL), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --vdpa-name 'x/y': must be a vdpa device name of 1 to 63");
	/* --vdpa-name only with --mode vdpa. */
	CHECK_EQ(modify("modify", "-p", "0", "device", "-N", "vdpa0", NULL), CLI_USAGE);
	CHECK_STREQ(err, "option -N/--vdpa-name needs -M/--mode vdpa (it names the "
			 "function's vdpa device)");
	CHECK_EQ(modify("modify", "-p", "0", "device", "-m", "0C:C4:7A:FF:22:98", "-N", "vdpa0",
			NULL), CLI_USAGE);
	CHECK_PREFIX(err, "option -N/--vdpa-name needs -M/--mode vdpa");
	CHECK_EQ(modify("modify", "-p", "0", "device", "-M", "virtio", "-N", "vdpa0", NULL),
		 CLI_USAGE);
	CHECK_STREQ(err, "option -N/--vdpa-name goes only with -M/--mode vdpa, not with "
			 "--mode virtio (a function on the virtio bus has no vdpa device)");
	/* A device option: not a queue option, not a selector. */
	CHECK_EQ(modify("modify", "-p", "0", "queue", "-M", "vdpa", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unrecognized option '-M'");
	CHECK_EQ(modify("modify", "-p", "0", "-M", "vdpa", "device", NULL), CLI_USAGE);
	CHECK_STREQ(err, "unrecognized option '-M'");
	/* The selector rules still come first. */
	CHECK_EQ(modify("modify", "device", "-M", "vdpa", NULL), CLI_USAGE);
	CHECK_STREQ(err, "one of these options is required: -p/--pf, -u/--vuid");
}

TEST(modify_sf_from)
{
	CHECK_EQ(modify("modify", "-p", "1", "device", "-S", "0", NULL), CLI_OK);
	CHECK_STREQ(err, "");
	CHECK(margs.set.has_sf_from);
	CHECK_EQ(margs.set.sf_from, 0);
	CHECK_STREQ(margs.sf_from_vuid, "");
	CHECK(!virtnet_dev_set_req_needs_unbound(&margs.set));
	/* A VUID is looked up when sending. */
	CHECK_EQ(modify("modify", "-u", "VNETS1D0F1", "device", "--sf-from", "VNETS1D0F0",
			NULL), CLI_OK);
	CHECK(margs.set.has_sf_from);
	CHECK_STREQ(margs.sf_from_vuid, "VNETS1D0F0");

	CHECK_EQ(modify("modify", "-p", "1", "device", "-S", "0", "-l", "up", NULL), CLI_USAGE);
	CHECK_STREQ(err, "option -S/--sf-from cannot be used with -l/--link: the SF takeover "
		    "must be the only change");
	CHECK_EQ(modify("modify", "-p", "1", "device", "-M", "vdpa", "-S", "0", NULL), CLI_USAGE);
	CHECK_STREQ(err, "option -S/--sf-from cannot be used with -M/--mode: the SF takeover "
		    "must be the only change");
	CHECK_EQ(modify("modify", "-p", "1", "device", "-S", "4294967296", NULL), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --sf-from '4294967296': must be a device id");
	CHECK_EQ(modify("modify", "-p", "1", "device", "-S", "a/b", NULL), CLI_FAIL);
	CHECK_PREFIX(err, "invalid --sf-from 'a/b': must be a VUID");
}
