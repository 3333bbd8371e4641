// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_recovery.c - libFuzzer target for the controller's recovery file
 * reader: virtnet_recovery_read() (recovery_store.c: open, size limits,
 * JSON) and the strict record parser behind it (recovery_json.c,
 * recovery.c, jsonfield.c). The input is a file's contents; it is written
 * to one temporary file that every run rewrites, and read back through
 * the real path-based reader.
 *
 * Invariants checked (abort() on violation):
 *  - the result is 0, -EINVAL or -EFBIG (the only errors a regular,
 *    readable file can give); -EFBIG exactly when the input is over
 *    VIRTNET_RECOVERY_MAX_SIZE bytes, -EINVAL for an empty one;
 *  - on a reject the record is untouched and the message non-empty;
 *  - on accept: virtnet_recovery_check() passes; the record written back
 *    (virtnet_recovery_to_json) reads back equal, and its JSON text is a
 *    fixed point; virtnet_recovery_to_new_req() gives 0 and a request
 *    virtnet_dev_new_req_check() accepts, or a clean -EINVAL/-ERANGE with
 *    a message;
 *  - the record compares equal to itself under virtnet_recovery_equal()
 *    and virtnet_recovery_rebuild_cmp().
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devreq.h"
#include "recovery.h"
#include "fuzz_check.h"

static char path[256];
static int fd = -1;

static void cleanup(void)
{
	if (path[0])
		unlink(path);
}

static void setup(void)
{
	const char *dir = getenv("TMPDIR");

	snprintf(path, sizeof(path), "%s/fuzz-recovery-XXXXXX.json",
		 dir && *dir ? dir : "/tmp");
	fd = mkstemps(path, 5);
	if (fd < 0) {
		perror("fuzz_recovery: mkstemps");
		abort();
	}
	atexit(cleanup);
}

static void write_file(const uint8_t *data, size_t size)
{
	size_t off = 0;

	CHECK(!ftruncate(fd, 0));
	while (off < size) {
		ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);

		CHECK(n > 0);
		off += (size_t)n;
	}
}

static void check_accepted(const struct virtnet_recovery_rec *rec)
{
	struct virtnet_recovery_rec again;
	struct virtnet_dev_new_req req;
	char err[512] = "", *text, *text2;
	json_error_t jerr;
	json_t *obj, *back;
	int ret;

	CHECK(virtnet_recovery_check(rec, err, sizeof(err)) == 0);
	CHECK(virtnet_recovery_equal(rec, rec));
	CHECK(virtnet_recovery_rebuild_cmp(rec, rec) == 0);

	obj = virtnet_recovery_to_json(rec);
	CHECK(obj);
	text = json_dumps(obj, JSON_COMPACT);
	CHECK(text);
	back = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	CHECK(back);
	memset(&again, 0x3c, sizeof(again));
	ret = virtnet_recovery_from_json(back, &again, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "written record rejected: %s\n%s\n", text, err);
		abort();
	}
	CHECK(virtnet_recovery_equal(rec, &again));
	CHECK(virtnet_recovery_rebuild_cmp(rec, &again) == 0);
	json_decref(obj);
	obj = virtnet_recovery_to_json(&again);
	CHECK(obj);
	text2 = json_dumps(obj, JSON_COMPACT);
	CHECK(text2 && !strcmp(text, text2));
	free(text);
	free(text2);
	json_decref(obj);
	json_decref(back);

	err[0] = '\0';
	ret = virtnet_recovery_to_new_req(rec, &req, err, sizeof(err));
	CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	if (ret)
		CHECK(err[0]);
	else
		CHECK(virtnet_dev_new_req_check(&req, err, sizeof(err)) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtnet_recovery_rec rec, saved;
	char err[512];
	int ret;

	if (fd < 0)
		setup();
	write_file(data, size);
	memset(&rec, 0xa5, sizeof(rec));
	memcpy(&saved, &rec, sizeof(rec));
	err[0] = '\0';
	ret = virtnet_recovery_read(path, &rec, err, sizeof(err));
	if (size > VIRTNET_RECOVERY_MAX_SIZE)
		CHECK(ret == -EFBIG);
	else
		CHECK(ret == 0 || ret == -EINVAL);
	if (!size)
		CHECK(ret == -EINVAL);
	CHECK(memchr(err, '\0', sizeof(err)));
	if (ret) {
		CHECK(err[0]);
		CHECK(!memcmp(&rec, &saved, sizeof(rec)));
		return 0;
	}
	check_accepted(&rec);
	return 0;
}
