/* test_devfind.c - finding a VF by parent and index, a static PF, a VUID in a dump. */
#include "test.h"

#include "devfind.h"
#include "fixtures.h"

/* Hotplug PF 0, static PF 1 (static PF 0) with VFs 0 and 1, static PF 2 without. */
static size_t topology(struct virtnet_dev *devs)
{
	fixture_dev(&devs[0]);
	fixture_static_pf(&devs[1]);
	fixture_vf(&devs[2]);
	fixture_vf(&devs[3]);
	devs[3].id = 5;
	devs[3].vf_id = 1;
	strcpy(devs[3].vuid, "VNETS0D0F2VF2");
	fixture_static_pf(&devs[4]);
	devs[4].id = 2;
	devs[4].pf_index = 1;
	devs[4].num_vf = 0;
	strcpy(devs[4].vuid, "VNETS0D0F3");
	return 5;
}

TEST(devfind_vf_by_parent_and_index)
{
	struct virtnet_dev devs[5];
	size_t n = topology(devs);
	char err[256] = "";

	CHECK(virtnet_devs_find_vf(devs, n, 1, 0, err, sizeof(err)) == &devs[2]);
	CHECK(virtnet_devs_find_vf(devs, n, 1, 1, err, sizeof(err)) == &devs[3]);
	CHECK_STREQ(err, "");
	/* VF ids are per parent: VF 0 of another PF is another device. */
	devs[3].parent_id = 2;
	devs[3].vf_id = 0;
	CHECK(virtnet_devs_find_vf(devs, n, 2, 0, err, sizeof(err)) == &devs[3]);
	CHECK(virtnet_devs_find_vf(devs, n, 1, 0, err, sizeof(err)) == &devs[2]);
}

TEST(devfind_vf_errors_say_what_exists)
{
	struct virtnet_dev devs[5];
	size_t n = topology(devs);
	char err[256];

	CHECK(!virtnet_devs_find_vf(devs, n, 9, 0, err, sizeof(err)));
	CHECK_STREQ(err, "no device has pf_id 9");
	CHECK(!virtnet_devs_find_vf(devs, n, 0, 0, err, sizeof(err)));
	CHECK_STREQ(err, "pf_id 0 (VNETS1D0F0) is a hotplug PF: only static PFs have VFs");
	CHECK(!virtnet_devs_find_vf(devs, n, 4, 0, err, sizeof(err)));
	CHECK_STREQ(err, "pf_id 4 (VNETS0D0F2VF1) is a VF: only static PFs have VFs");
	CHECK(!virtnet_devs_find_vf(devs, n, 1, 2, err, sizeof(err)));
	CHECK_STREQ(err, "static PF 0 (pf_id 1, VNETS0D0F2) has no VF 2: it has 2 VFs, vf_id up to 1");
	CHECK(!virtnet_devs_find_vf(devs, n, 2, 0, err, sizeof(err)));
	CHECK_STREQ(err, "static PF 1 (pf_id 2, VNETS0D0F3) has no VFs: the host makes them "
			 "by writing to its sriov_numvfs");
	n = 4;	/* one VF left */
	devs[3].type = VIRTNET_DEV_TYPE_HOTPLUG_PF;
	CHECK(!virtnet_devs_find_vf(devs, n, 1, 5, err, sizeof(err)));
	CHECK_STREQ(err, "static PF 0 (pf_id 1, VNETS0D0F2) has no VF 5: it has 1 VF, vf_id up to 0");
	CHECK(!virtnet_devs_find_vf(devs, 0, 1, 0, err, sizeof(err)));
	CHECK_STREQ(err, "no device has pf_id 1");
}

TEST(devfind_static_pf_and_vuid)
{
	struct virtnet_dev devs[5];
	size_t n = topology(devs);

	CHECK(virtnet_devs_find_static_pf(devs, n, 0) == &devs[1]);
	CHECK(virtnet_devs_find_static_pf(devs, n, 1) == &devs[4]);
	/* A VF carries its parent's index, but is not the static PF. */
	CHECK(virtnet_devs_find_static_pf(devs, 1, 0) == NULL);
	CHECK(virtnet_devs_find_static_pf(devs, n, 2) == NULL);
	CHECK(virtnet_devs_find_vuid(devs, n, "VNETS0D0F2VF2") == &devs[3]);
	CHECK(virtnet_devs_find_vuid(devs, n, "VNETS0D0F2VF") == NULL);
}
