/* test_recovery_store.c - recovery files: atomic write, read errors, the directory scan. */
#define _GNU_SOURCE
#include "test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "attrs.h"
#include "fixtures.h"
#include "recovery.h"
#include "recovery_fixtures.h"

/* ---- scan ---- */

struct scan_log {
	char good[16][256];
	int ngood;
	char bad[32][256], why[32][512];
	int nbad;
	int stop_after;		/* good() fails after this many; 0: never */
};

static int on_good(const struct virtnet_recovery_rec *rec, const char *path, void *arg)
{
	struct scan_log *log = arg;

	if (log->ngood < 16)
		snprintf(log->good[log->ngood++], 256, "%s %s", strrchr(path, '/') + 1,
			 rec->vuid);
	return log->stop_after && log->ngood >= log->stop_after ? -ECANCELED : 0;
}

static void on_bad(const char *path, const char *why, void *arg)
{
	struct scan_log *log = arg;

	if (log->nbad < 32) {
		snprintf(log->bad[log->nbad], 256, "%s", strrchr(path, '/') + 1);
		snprintf(log->why[log->nbad], 512, "%s", why);
		log->nbad++;
	}
}

static const char *why_of(const struct scan_log *log, const char *name)
{
	for (int i = 0; i < log->nbad; i++)
		if (!strcmp(log->bad[i], name))
			return log->why[i];
	return NULL;
}

/* A valid record, padded with white space to exactly size bytes. */
static int put_padded(const char *dir, const char *name,
		      const struct virtnet_recovery_rec *rec, size_t size)
{
	char *s = rec_text(rec), *buf;
	size_t len = s ? strlen(s) : 0;
	int ret = -1;

	if (s && len <= size && (buf = malloc(size))) {
		memcpy(buf, s, len);
		memset(buf + len, '\n', size - len);
		ret = put_file(dir, name, buf, size);
		free(buf);
	}
	free(s);
	return ret;
}

TEST(recovery_write_read_remove)
{
	struct virtnet_recovery_rec rec, back;
	char *dir = tmpdir(), path[512], err[256] = "", *text;
	struct stat st;
	mode_t old = umask(022);
	FILE *f;
	long len;

	REQUIRE(dir);
	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	snprintf(path, sizeof(path), "%s/VNETS1D0F0.json", dir);
	CHECK_EQ(lstat(path, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_EQ(count_entries(dir), 1);	/* no temporary file left */

	/* Pretty JSON, one key a line, newline at the end. */
	text = rec_text(&rec);
	f = fopen(path, "r");
	REQUIRE(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fclose(f);
	CHECK_EQ(len, (long)strlen(text) + 1);
	free(text);

	memset(&back, 0, sizeof(back));
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&rec, &back));

	vf_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/VNETS0D0F3VF2.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&rec, &back));
	CHECK_EQ(count_entries(dir), 2);

	CHECK_EQ(virtnet_recovery_remove(dir, "VNETS0D0F3VF2", err, sizeof(err)), 0);
	CHECK(!exists(dir, "VNETS0D0F3VF2.json"));
	CHECK(exists(dir, "VNETS1D0F0.json"));
	/* Gone already, or no directory: fine. */
	CHECK_EQ(virtnet_recovery_remove(dir, "VNETS0D0F3VF2", err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/none", dir);
	CHECK_EQ(virtnet_recovery_remove(path, "VNETS1D0F0", err, sizeof(err)), 0);
	/* A vuid is letters and digits: no way out of the directory. */
	CHECK_EQ(virtnet_recovery_remove(dir, "../VNETS1D0F0", err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "invalid vuid '../VNETS1D0F0'");
	CHECK_EQ(virtnet_recovery_remove(dir, "VNETS1D0F0", err, sizeof(err)), 0);
	CHECK_EQ(count_entries(dir), 0);

	umask(old);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_write_creates_dir)
{
	struct virtnet_recovery_rec rec;
	char *dir = tmpdir(), sub[512], err[256];
	struct stat st;
	mode_t old = umask(022);

	REQUIRE(dir);
	snprintf(sub, sizeof(sub), "%s/a/b/recovery", dir);
	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(sub, &rec, err, sizeof(err)), 0);
	CHECK_EQ(stat(sub, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0700);
	snprintf(sub, sizeof(sub), "%s/a", dir);
	CHECK_EQ(stat(sub, &st), 0);
	CHECK_EQ(st.st_mode & 07777, 0700);
	CHECK(exists(dir, "a/b/recovery/VNETS1D0F0.json"));

	/* A file in the way. */
	CHECK_EQ(put_str(dir, "file", "x"), 0);
	snprintf(sub, sizeof(sub), "%s/file/recovery", dir);
	CHECK_EQ(virtnet_recovery_write(sub, &rec, err, sizeof(err)), -ENOTDIR);
	CHECK_CONTAINS(err, "/file'");
	umask(old);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_write_replaces_completely)
{
	struct virtnet_recovery_rec big, small, back;
	char *dir = tmpdir(), path[512], err[256], *text;
	struct stat st1, st2;
	FILE *f;
	long len;

	REQUIRE(dir);
	vf_rec(&big);
	strcpy(big.port_ib_dev, "a_very_long_rdma_device_name_for_the_first_version_0123456");
	strcpy(big.vuid, "VNETS1D0F0");
	guide_rec(&small);
	CHECK_EQ(virtnet_recovery_write(dir, &big, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/VNETS1D0F0.json", dir);
	CHECK_EQ(stat(path, &st1), 0);
	CHECK_EQ(virtnet_recovery_write(dir, &small, err, sizeof(err)), 0);
	CHECK_EQ(stat(path, &st2), 0);
	CHECK(st1.st_ino != st2.st_ino);	/* renamed over, not rewritten */
	CHECK(st2.st_size < st1.st_size);
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&small, &back));
	text = rec_text(&small);
	f = fopen(path, "r");
	REQUIRE(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fclose(f);
	CHECK_EQ(len, (long)strlen(text) + 1);	/* nothing of the old text left */
	free(text);
	CHECK_EQ(count_entries(dir), 1);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_write_failure_leaves_old_file)
{
	struct virtnet_recovery_rec rec, bad, back;
	char *dir = tmpdir(), path[512], tmp[128], err[256];

	REQUIRE(dir);
	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/VNETS1D0F0.json", dir);

	/* An invalid record is refused before anything is written. */
	bad = rec;
	bad.mtu = 20000;
	CHECK_EQ(virtnet_recovery_write(dir, &bad, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid mtu '20000': must be between 68 and 9216");
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&rec, &back));
	CHECK_EQ(count_entries(dir), 1);

	/* A stale temporary file of our pid (a crashed process with it). */
	snprintf(tmp, sizeof(tmp), "VNETS1D0F0.json.tmp.%ld", (long)getpid());
	CHECK_EQ(put_str(dir, tmp, "{\"partial\":"), 0);
	rec.mtu = 9000;
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	CHECK(!exists(dir, tmp));
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK_EQ(back.mtu, 9000);

	/* The rename fails (a non-empty directory holds the name): the
	 * temporary file goes and what held the name is untouched. */
	nth_rec(&rec, 3);
	snprintf(path, sizeof(path), "%s/VNETS1D3F0.json", dir);
	CHECK_EQ(mkdir(path, 0700), 0);
	CHECK_EQ(put_str(path, "keep", "x"), 0);
	CHECK(virtnet_recovery_write(dir, &rec, err, sizeof(err)) < 0);
	CHECK_CONTAINS(err, "cannot rename");
	CHECK(exists(dir, "VNETS1D3F0.json/keep"));
	CHECK_EQ(count_entries(dir), 2);	/* VNETS1D0F0.json, VNETS1D3F0.json/ */
	rm_rf(dir);
	free(dir);
}

/*
 * A write that fails half way (here: RLIMIT_FSIZE cuts it, as a full
 * disk would) leaves neither its temporary file nor a truncated file:
 * the old file stays whole, and a device without one gets none.
 */
TEST(recovery_write_cut_short_leaves_nothing)
{
	struct virtnet_recovery_rec rec, back;
	char *dir = tmpdir(), path[512], err[256];
	struct rlimit old, small;
	void (*old_xfsz)(int);
	int ret, ret_new;

	REQUIRE(dir);
	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/VNETS1D0F0.json", dir);

	REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
	small = old;
	small.rlim_cur = 64;		/* far less than a record */
	old_xfsz = signal(SIGXFSZ, SIG_IGN);
	REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
	rec.mtu = 9000;
	ret = virtnet_recovery_write(dir, &rec, err, sizeof(err));
	nth_rec(&back, 3);
	ret_new = virtnet_recovery_write(dir, &back, err, sizeof(err));
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, old_xfsz);

	CHECK_EQ(ret, -EFBIG);
	CHECK_EQ(ret_new, -EFBIG);
	CHECK_CONTAINS(err, "cannot write");
	CHECK_CONTAINS(err, "File too large");
	CHECK_EQ(count_entries(dir), 1);	/* the old file, no temporary file */
	CHECK(!exists(dir, "VNETS1D3F0.json"));
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK_EQ(back.mtu, 1500);

	/* Once writes work again the same call succeeds. */
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK_EQ(back.mtu, 9000);
	CHECK_EQ(count_entries(dir), 1);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_read_errors)
{
	struct virtnet_recovery_rec rec;
	char *dir = tmpdir(), path[512], err[256], *big;
	int fd;

	REQUIRE(dir);
	snprintf(path, sizeof(path), "%s/none.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -ENOENT);
	CHECK_CONTAINS(err, "cannot open");

	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/link.json", dir);
	CHECK_EQ(symlink("VNETS1D0F0.json", path), 0);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -ELOOP);
	CHECK_STREQ(err, "a symbolic link, not a regular file");

	CHECK_EQ(virtnet_recovery_read(dir, &rec, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "not a regular file");

	CHECK_EQ(put_str(dir, "empty.json", ""), 0);
	snprintf(path, sizeof(path), "%s/empty.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "empty file");

	/* Duplicate keys would let the file say two things. */
	CHECK_EQ(put_str(dir, "dup.json", "{\"version\":1,\"version\":1}"), 0);
	snprintf(path, sizeof(path), "%s/dup.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "not valid JSON: duplicate object key");

	/* Trailing text after the object. */
	CHECK_EQ(put_str(dir, "trail.json", "{} {}"), 0);
	snprintf(path, sizeof(path), "%s/trail.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "not valid JSON: ");

	snprintf(path, sizeof(path), "%s/big.json", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	REQUIRE(fd >= 0);
	big = calloc(1, VIRTNET_RECOVERY_MAX_SIZE + 1);
	REQUIRE(big);
	memset(big, ' ', VIRTNET_RECOVERY_MAX_SIZE + 1);
	CHECK_EQ(write(fd, big, VIRTNET_RECOVERY_MAX_SIZE + 1), VIRTNET_RECOVERY_MAX_SIZE + 1);
	close(fd);
	free(big);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -EFBIG);
	CHECK_STREQ(err, "too large: 65537 bytes, at most 65536");
	rm_rf(dir);
	free(dir);
}

TEST(recovery_scan_mixed_directory)
{
	static const unsigned char garbage[] = {
		0x7f, 'E', 'L', 'F', 0, 0xff, 0xfe, 0x01, '{', 0x80, 0x00, '"', 0xc3,
	};
	struct virtnet_recovery_rec rec, other;
	struct scan_log log;
	char *dir = tmpdir(), path[512], *text;
	int ret;

	REQUIRE(dir);
	memset(&log, 0, sizeof(log));

	/* Good ones, written out of order; names sort as strings. */
	nth_rec(&rec, 1);
	CHECK_EQ(put_rec(dir, "VNETS1D1F0.json", &rec), 0);
	nth_rec(&rec, 10);
	CHECK_EQ(put_rec(dir, "VNETS1D10F0.json", &rec), 0);
	nth_rec(&rec, 0);
	CHECK_EQ(put_rec(dir, "VNETS1D0F0.json", &rec), 0);
	/* Exactly at the size limit is still good. */
	nth_rec(&rec, 11);
	CHECK_EQ(put_padded(dir, "VNETS1D11F0.json", &rec, VIRTNET_RECOVERY_MAX_SIZE), 0);

	/* Corrupt. */
	nth_rec(&rec, 20);
	text = rec_text(&rec);
	REQUIRE(text);
	CHECK_EQ(put_file(dir, "VNETS1D20F0.json", text, strlen(text) / 2), 0);
	free(text);
	CHECK_EQ(put_str(dir, "VNETS1D21F0.json", ""), 0);
	CHECK_EQ(put_file(dir, "VNETS1D22F0.json", garbage, sizeof(garbage)), 0);
	/* Foreign: valid JSON, another schema. */
	CHECK_EQ(put_str(dir, "VNETS1D23F0.json", "{\"name\": \"VNETS1D23F0\", \"mtu\": 1500}\n"), 0);
	CHECK_EQ(put_str(dir, "VNETS1D24F0.json", "[1, 2, 3]\n"), 0);
	/* The guide's own file: no version, none of our fields. */
	CHECK_EQ(put_str(dir, "VNETS1D25F0.json",
		"{\"port_ib_dev\":\"mlx5_0\",\"pf_id\":25,\"function_type\":\"pf\","
		"\"bdf_raw\":26624,\"device_type\":\"hotplug\",\"mac\":\"0c:c4:7a:ff:22:19\","
		"\"pf_num\":0,\"sf_num\":2025,\"mq\":1}"), 0);
	/* Misnamed: valid, but the name is not its vuid's. */
	nth_rec(&rec, 30);
	CHECK_EQ(put_rec(dir, "VNETS1D31F0.json", &rec), 0);
	CHECK_EQ(put_rec(dir, "vnets1d30f0.json", &rec), 0);
	/* Duplicates: pf_id, sf_num, mac each shared by two files. */
	nth_rec(&rec, 40);
	nth_rec(&other, 41);
	other.pf_id = rec.pf_id;
	CHECK_EQ(put_rec(dir, "VNETS1D40F0.json", &rec), 0);
	CHECK_EQ(put_rec(dir, "VNETS1D41F0.json", &other), 0);
	nth_rec(&rec, 42);
	nth_rec(&other, 43);
	other.sf_num = rec.sf_num;
	CHECK_EQ(put_rec(dir, "VNETS1D42F0.json", &rec), 0);
	CHECK_EQ(put_rec(dir, "VNETS1D43F0.json", &other), 0);
	nth_rec(&rec, 44);
	nth_rec(&other, 45);
	memcpy(other.mac, rec.mac, 6);
	CHECK_EQ(put_rec(dir, "VNETS1D44F0.json", &rec), 0);
	CHECK_EQ(put_rec(dir, "VNETS1D45F0.json", &other), 0);
	/* Oversized, even if valid. */
	nth_rec(&rec, 50);
	CHECK_EQ(put_padded(dir, "VNETS1D50F0.json", &rec, VIRTNET_RECOVERY_MAX_SIZE + 1), 0);
	/* Not regular files. */
	snprintf(path, sizeof(path), "%s/VNETS1D60F0.json", dir);
	CHECK_EQ(symlink("VNETS1D0F0.json", path), 0);
	snprintf(path, sizeof(path), "%s/VNETS1D61F0.json", dir);
	CHECK_EQ(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/VNETS1D62F0.json", dir);
	CHECK_EQ(mkfifo(path, 0600), 0);
	/* Leftovers of interrupted writes, and files that are not ours. */
	CHECK_EQ(put_str(dir, "VNETS1D0F0.json.tmp.12345", "{\"version\": 1,"), 0);
	CHECK_EQ(put_str(dir, "VNETS1D9F0.json.tmp.1", ""), 0);
	CHECK_EQ(put_str(dir, "notes.tmp.txt", "keep me"), 0);
	CHECK_EQ(put_str(dir, "VNETS1D0F0.json.tmp.", "keep me"), 0);
	CHECK_EQ(put_str(dir, "README", "keep me"), 0);
	CHECK_EQ(put_str(dir, "VNETS1D0F0.json.bak", "keep me"), 0);
	CHECK_EQ(count_entries(dir), 28);

	ret = virtnet_recovery_scan(dir, on_good, on_bad, &log);
	CHECK_EQ(ret, 4);
	CHECK_EQ(log.ngood, 4);
	CHECK_STREQ(log.good[0], "VNETS1D0F0.json VNETS1D0F0");
	CHECK_STREQ(log.good[1], "VNETS1D10F0.json VNETS1D10F0");
	CHECK_STREQ(log.good[2], "VNETS1D11F0.json VNETS1D11F0");
	CHECK_STREQ(log.good[3], "VNETS1D1F0.json VNETS1D1F0");

	CHECK_EQ(log.nbad, 20);
	/* Reported in name order. */
	for (int i = 1; i < log.nbad; i++)
		if (strcmp(log.bad[i - 1], log.bad[i]) >= 0)
			test_fail(__FILE__, __LINE__, "bad files out of order: %s, %s",
				  log.bad[i - 1], log.bad[i]);
	CHECK_PREFIX(why_of(&log, "VNETS1D20F0.json"), "not valid JSON: ");
	CHECK_STREQ(why_of(&log, "VNETS1D21F0.json"), "empty file");
	CHECK_PREFIX(why_of(&log, "VNETS1D22F0.json"), "not valid JSON: ");
	CHECK_STREQ(why_of(&log, "VNETS1D23F0.json"), "missing field 'version'");
	CHECK_STREQ(why_of(&log, "VNETS1D24F0.json"),
		    "invalid recovery record '[1,2,3]': must be a JSON object");
	CHECK_STREQ(why_of(&log, "VNETS1D25F0.json"), "missing field 'version'");
	CHECK_STREQ(why_of(&log, "VNETS1D31F0.json"),
		    "file name does not match its vuid 'VNETS1D30F0' (must be VNETS1D30F0.json)");
	CHECK_STREQ(why_of(&log, "vnets1d30f0.json"),
		    "file name does not match its vuid 'VNETS1D30F0' (must be VNETS1D30F0.json)");
	CHECK_PREFIX(why_of(&log, "VNETS1D40F0.json"), "pf_id 40 is also in VNETS1D41F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D41F0.json"), "pf_id 40 is also in VNETS1D40F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D42F0.json"), "sf_num 2042 is also in VNETS1D43F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D43F0.json"), "sf_num 2042 is also in VNETS1D42F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D44F0.json"), "mac 0c:c4:7a:ff:22:2c is also in VNETS1D45F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D45F0.json"), "mac 0c:c4:7a:ff:22:2c is also in VNETS1D44F0.json");
	CHECK_STREQ(why_of(&log, "VNETS1D50F0.json"), "too large: 65537 bytes, at most 65536");
	CHECK_STREQ(why_of(&log, "VNETS1D60F0.json"), "a symbolic link, not a regular file");
	CHECK_STREQ(why_of(&log, "VNETS1D61F0.json"), "not a regular file");
	CHECK_STREQ(why_of(&log, "VNETS1D62F0.json"), "not a regular file");
	CHECK_PREFIX(why_of(&log, "VNETS1D0F0.json.tmp.12345"), "removed: ");
	CHECK_PREFIX(why_of(&log, "VNETS1D9F0.json.tmp.1"), "removed: ");
	CHECK(!why_of(&log, "README"));
	CHECK(!why_of(&log, "notes.tmp.txt"));
	CHECK(!why_of(&log, "VNETS1D0F0.json.tmp."));
	CHECK(!why_of(&log, "VNETS1D0F0.json.bak"));

	/* Nothing deleted but the two temporary files. */
	CHECK(!exists(dir, "VNETS1D0F0.json.tmp.12345"));
	CHECK(!exists(dir, "VNETS1D9F0.json.tmp.1"));
	CHECK_EQ(count_entries(dir), 26);
	CHECK(exists(dir, "VNETS1D20F0.json"));
	CHECK(exists(dir, "VNETS1D41F0.json"));
	CHECK(exists(dir, "VNETS1D50F0.json"));
	CHECK(exists(dir, "notes.tmp.txt"));

	/* Again: the same verdicts, no temporary files left to remove. */
	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 4);
	CHECK_EQ(log.nbad, 18);
	CHECK_EQ(count_entries(dir), 26);

	/* good() can stop the scan. */
	memset(&log, 0, sizeof(log));
	log.stop_after = 2;
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), -ECANCELED);
	CHECK_EQ(log.ngood, 2);

	/* bad may be NULL. */
	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, NULL, &log), 4);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_scan_creates_dir)
{
	struct scan_log log;
	char *dir = tmpdir(), sub[512];
	struct stat st;
	mode_t old = umask(022);

	REQUIRE(dir);
	memset(&log, 0, sizeof(log));
	snprintf(sub, sizeof(sub), "%s/opt/mellanox/mlnx_virtnet/recovery", dir);
	CHECK_EQ(virtnet_recovery_scan(sub, on_good, on_bad, &log), 0);
	CHECK_EQ(stat(sub, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0700);
	CHECK_EQ(log.ngood + log.nbad, 0);

	/* A file where the directory should be. */
	CHECK_EQ(put_str(dir, "plain", "x"), 0);
	snprintf(sub, sizeof(sub), "%s/plain", dir);
	CHECK_EQ(virtnet_recovery_scan(sub, on_good, on_bad, &log), -ENOTDIR);
	umask(old);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_scan_after_write_and_remove)
{
	struct virtnet_recovery_rec rec;
	struct scan_log log;
	char *dir = tmpdir(), err[256];

	REQUIRE(dir);
	for (unsigned int n = 0; n < 5; n++) {
		nth_rec(&rec, n);
		CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	}
	CHECK_EQ(virtnet_recovery_remove(dir, "VNETS1D2F0", err, sizeof(err)), 0);
	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 4);
	CHECK_EQ(log.nbad, 0);
	CHECK_STREQ(log.good[2], "VNETS1D3F0.json VNETS1D3F0");
	rm_rf(dir);
	free(dir);
}

/* Kernel VF -> file -> scan -> DEV_NEW: the same VF comes back. */
TEST(recovery_vf_round_trip)
{
	struct virtnet_recovery_rec rec;
	struct virtnet_dev_new_req req;
	struct virtnet_dev dev;
	struct scan_log log;
	char *dir = tmpdir(), path[512], err[256] = "";

	REQUIRE(dir);
	fixture_vf(&dev);
	dev.vf_id = 5;
	dev.mtu = 9000;
	dev.sf_num = 3007;
	strcpy(dev.vuid, "VNETS0D0F2VF6");
	virtnet_recovery_from_dev(&dev, dev.device_features, &rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");

	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 1);
	CHECK_EQ(log.nbad, 0);
	CHECK_STREQ(log.good[0], "VNETS0D0F2VF6.json VNETS0D0F2VF6");

	snprintf(path, sizeof(path), "%s/VNETS0D0F2VF6.json", dir);
	memset(&rec, 0, sizeof(rec));
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), 0);
	CHECK(req.vf);
	CHECK_EQ(req.pf_index, 0);
	CHECK_EQ(req.vf_id, 5);
	CHECK(req.has_id);
	CHECK_EQ(req.id, 4);
	CHECK(req.has_sf_num);
	CHECK_EQ(req.sf_num, 3007);
	CHECK(!memcmp(req.mac, dev.mac, 6));
	CHECK_STREQ(req.ibdev, "mlx5_0");
	CHECK_EQ(req.mtu, 9000);
	CHECK_EQ(req.num_queues, 3);
	CHECK_EQ(req.queue_size, 256);
	CHECK(req.features == dev.device_features);
	CHECK(!req.legacy);
	CHECK(!req.has_bdf);
	CHECK(!req.static_pf);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_scan_rejects_bad_vf_files)
{
	struct virtnet_recovery_rec rec, other;
	struct scan_log log;
	char *dir = tmpdir(), name[64], *text;
	json_t *obj;

	REQUIRE(dir);
	/* One good VF, and VFs that are wrong in one field each. */
	vf_rec(&rec);
	CHECK_EQ(put_rec(dir, "VNETS0D0F3VF2.json", &rec), 0);

#define PUT_VF(n, stmt)							\
	do {								\
		vf_rec(&other);						\
		snprintf(other.vuid, sizeof(other.vuid), "VNETS0D0F3VF%d", n); \
		other.pf_id = 10 + n;					\
		other.sf_num = 3000 + n;				\
		other.mac[5] = (uint8_t)n;				\
		other.vf_id = (uint32_t)n - 1;				\
		obj = virtnet_recovery_to_json(&other);			\
		stmt;							\
		text = obj ? json_dumps(obj, JSON_INDENT(2)) : NULL;	\
		json_decref(obj);					\
		snprintf(name, sizeof(name), "%s.json", other.vuid);	\
		CHECK(text && put_str(dir, name, text) == 0);		\
		free(text);						\
	} while (0)

	PUT_VF(10, json_object_set_new(obj, "vf_id", json_integer(126)));
	PUT_VF(11, json_object_set_new(obj, "pf_index", json_integer(4)));
	PUT_VF(12, json_object_del(obj, "pf_index"));
	PUT_VF(13, json_object_set_new(obj, "legacy", json_true()));
	PUT_VF(14, json_object_set_new(obj, "device_type", json_string("hotplug")));
	PUT_VF(15, json_object_set_new(obj, "parent_pf_id", json_integer(65536)));
	PUT_VF(16, json_object_set_new(obj, "vf_id", json_string("15")));
	/* Two files for VF 19 of static PF 1: neither is used. */
	PUT_VF(20, json_object_set_new(obj, "vf_id", json_integer(19)));
	PUT_VF(21, json_object_set_new(obj, "vf_id", json_integer(19)));
	/* VF 19 of another static PF is another VF. */
	PUT_VF(22, (json_object_set_new(obj, "vf_id", json_integer(19)),
		    json_object_set_new(obj, "pf_index", json_integer(2))));
#undef PUT_VF

	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 2);
	CHECK_STREQ(log.good[0], "VNETS0D0F3VF2.json VNETS0D0F3VF2");
	CHECK_STREQ(log.good[1], "VNETS0D0F3VF22.json VNETS0D0F3VF22");
	CHECK_EQ(log.nbad, 9);
	/* The controller logs "recovery: skipping PATH: WHY": file and field named. */
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF10.json"),
		    "invalid vf_id '126': must be a VF index between 0 and 125");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF11.json"),
		    "invalid pf_index '4': must be a static PF index between 0 and 3");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF12.json"), "missing field 'pf_index'");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF13.json"),
		    "invalid legacy 'true': a vf cannot be transitional");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF14.json"),
		    "invalid device_type 'hotplug': a vf belongs to a static pf, so it must be static");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF15.json"),
		    "invalid parent_pf_id '65536': must be a device id between 0 and 65535");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF16.json"),
		    "invalid vf_id '\"15\"': must be a JSON integer");
	CHECK_PREFIX(why_of(&log, "VNETS0D0F3VF20.json"),
		     "vf_id 19 of static pf 1 is also in VNETS0D0F3VF21.json");
	CHECK_PREFIX(why_of(&log, "VNETS0D0F3VF21.json"),
		     "vf_id 19 of static pf 1 is also in VNETS0D0F3VF20.json");
	rm_rf(dir);
	free(dir);
}

/* Kernel device in vDPA mode -> file -> scan: the same record comes back. */
TEST(recovery_mode_file_round_trip)
{
	struct virtnet_recovery_rec rec, back;
	struct scan_log log = { 0 };
	struct virtnet_dev dev;
	char *dir = tmpdir(), path[512], err[256] = "";

	REQUIRE(dir);
	fixture_static_pf(&dev);
	dev.mode = VIRTNET_DEV_MODE_VDPA;
	strcpy(dev.vdpa_name, "vdpa-static0");
	dev.present |= (1ULL << VIRTNET_ATTR_DEV_MODE) | (1ULL << VIRTNET_ATTR_VDPA_NAME);
	virtnet_recovery_from_dev(&dev, dev.device_features, &rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	snprintf(path, sizeof(path), "%s/VNETS0D0F2.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&rec, &back));
	CHECK_EQ(back.mode, VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(back.vdpa_name, "vdpa-static0");
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 1);
	CHECK_EQ(log.nbad, 0);
	CHECK_STREQ(log.good[0], "VNETS0D0F2.json VNETS0D0F2");
	/* A file with a bad mode is skipped by the scan, with the reason. */
	CHECK_EQ(put_str(dir, "VNETS1D0F0.json",
			 "{\"version\": 1, \"port_ib_dev\": \"mlx5_0\", \"pf_id\": 0, "
			 "\"function_type\": \"pf\", \"bdf_raw\": 34048, \"device_type\": "
			 "\"hotplug\", \"mac\": \"0c:c4:7a:ff:22:93\", \"pf_num\": 0, "
			 "\"sf_num\": 2000, \"mq\": 1, \"vuid\": \"VNETS1D0F0\", \"bdf\": "
			 "\"85:00.0\", \"mtu\": 1500, \"num_queues\": 3, \"queue_size\": 1024, "
			 "\"features\": \"0x0\", \"legacy\": false, \"mode\": \"vhost\"}\n"), 0);
	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 1);
	CHECK_STREQ(why_of(&log, "VNETS1D0F0.json"),
		    "invalid mode 'vhost': must be virtio or vdpa");
	rm_rf(dir);
	free(dir);
}
