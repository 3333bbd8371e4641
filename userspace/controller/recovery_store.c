/*
 * recovery_store.c - the recovery files: one "<vuid>.json" per device,
 * written atomically (temporary file, fsync, rename, directory fsync),
 * read with a size bound, removed, and scanned with clashes marked.
 */
#include "recovery.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- files ---- */

static int sys_err(char *err, size_t errlen, int e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "<what>: <strerror(e)>"; returns -e. */
static int sys_err(char *err, size_t errlen, int e, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err || !errlen)
		return -e;
	va_start(ap, fmt);
	n = vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < errlen)
		snprintf(err + n, errlen - n, ": %s", strerror(e));
	return -e;
}

int virtnet_recovery_mkdir(const char *dir, char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct stat st;
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof(path))
		return sys_err(err, errlen, len ? ENAMETOOLONG : ENOENT,
			       "recovery directory '%s'", dir);
	memcpy(path, dir, len + 1);
	for (size_t i = 1; i <= len; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		if (path[i - 1] == '/')
			continue;	/* "a//b", "a/" */
		path[i] = '\0';
		if (mkdir(path, 0700) && errno != EEXIST)
			return sys_err(err, errlen, errno,
				       "cannot create directory '%s'", path);
		if (stat(path, &st))
			return sys_err(err, errlen, errno, "cannot stat '%s'", path);
		if (!S_ISDIR(st.st_mode))
			return sys_err(err, errlen, ENOTDIR,
				       "cannot create directory '%s'", path);
		path[i] = dir[i];
	}
	return 0;
}

static int open_dir(const char *dir, char *err, size_t errlen)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return sys_err(err, errlen, errno, "cannot open directory '%s'", dir);
	return fd;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int virtnet_recovery_write(const char *dir, const struct virtnet_recovery_rec *rec,
			   char *err, size_t errlen)
{
	char name[VIRTNET_VUID_MAX + 8], tmp[VIRTNET_VUID_MAX + 40];
	char *text = NULL;
	json_t *obj;
	int dfd, fd = -1, ret;

	if ((ret = virtnet_recovery_check(rec, err, errlen)))
		return ret;
	if ((ret = virtnet_recovery_mkdir(dir, err, errlen)))
		return ret;
	obj = virtnet_recovery_to_json(rec);
	text = obj ? json_dumps(obj, JSON_INDENT(2)) : NULL;
	json_decref(obj);
	if (!text)
		return sys_err(err, errlen, ENOMEM, "recovery file of %s", rec->vuid);
	dfd = open_dir(dir, err, errlen);
	if (dfd < 0) {
		free(text);
		return dfd;
	}
	snprintf(name, sizeof(name), "%s.json", rec->vuid);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", name, (long)getpid());

	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == EEXIST) {
		/* Left by an earlier process with our pid that crashed. */
		if (!unlinkat(dfd, tmp, 0))
			fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
				    O_CLOEXEC | O_NOFOLLOW, 0600);
	}
	if (fd < 0) {
		ret = sys_err(err, errlen, errno, "cannot create '%s/%s'", dir, tmp);
		goto out;	/* not ours: do not unlink */
	}
	if ((ret = write_all(fd, text, strlen(text))) ||
	    (ret = write_all(fd, "\n", 1))) {
		ret = sys_err(err, errlen, -ret, "cannot write '%s/%s'", dir, tmp);
		goto fail;
	}
	if (fsync(fd)) {
		ret = sys_err(err, errlen, errno, "cannot fsync '%s/%s'", dir, tmp);
		goto fail;
	}
	ret = close(fd);
	fd = -1;
	if (ret) {
		ret = sys_err(err, errlen, errno, "cannot close '%s/%s'", dir, tmp);
		goto fail;
	}
	if (renameat(dfd, tmp, dfd, name)) {
		ret = sys_err(err, errlen, errno, "cannot rename '%s/%s' to '%s'",
			      dir, tmp, name);
		goto fail;
	}
	/* The new file is in place; only its durability is in question now. */
	if (fsync(dfd))
		ret = sys_err(err, errlen, errno, "cannot fsync directory '%s'", dir);
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlinkat(dfd, tmp, 0);
out:
	close(dfd);
	free(text);
	return ret;
}

int virtnet_recovery_remove(const char *dir, const char *vuid,
			    char *err, size_t errlen)
{
	char name[VIRTNET_VUID_MAX + 8];
	int dfd, ret = 0;

	if ((ret = virtnet_check_vuid("vuid", vuid, err, errlen)))
		return ret;
	snprintf(name, sizeof(name), "%s.json", vuid);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		if (errno == ENOENT)
			return 0;
		return sys_err(err, errlen, errno, "cannot open directory '%s'", dir);
	}
	if (unlinkat(dfd, name, 0)) {
		if (errno != ENOENT)
			ret = sys_err(err, errlen, errno, "cannot remove '%s/%s'", dir, name);
	} else if (fsync(dfd)) {
		ret = sys_err(err, errlen, errno, "cannot fsync directory '%s'", dir);
	}
	close(dfd);
	return ret;
}

/* Read and check name in dfd; messages without the path. */
static int read_at(int dfd, const char *name, struct virtnet_recovery_rec *rec,
		   char *err, size_t errlen)
{
	char *buf;
	size_t got = 0;
	struct stat st;
	json_error_t jerr;
	json_t *obj;
	int fd, ret;

	fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ELOOP) {
			snprintf(err, errlen, "a symbolic link, not a regular file");
			return -ELOOP;
		}
		return sys_err(err, errlen, errno, "cannot open");
	}
	if (fstat(fd, &st)) {
		ret = sys_err(err, errlen, errno, "cannot stat");
		close(fd);
		return ret;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "not a regular file");
		return -EINVAL;
	}
	if (st.st_size > VIRTNET_RECOVERY_MAX_SIZE) {
		close(fd);
		snprintf(err, errlen, "too large: %lld bytes, at most %d",
			 (long long)st.st_size, VIRTNET_RECOVERY_MAX_SIZE);
		return -EFBIG;
	}
	buf = malloc(VIRTNET_RECOVERY_MAX_SIZE + 1);
	if (!buf) {
		close(fd);
		return sys_err(err, errlen, ENOMEM, "cannot read");
	}
	/* The size may have changed since fstat: read one byte past the limit. */
	while (got <= VIRTNET_RECOVERY_MAX_SIZE) {
		ssize_t n = read(fd, buf + got, VIRTNET_RECOVERY_MAX_SIZE + 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = sys_err(err, errlen, errno, "cannot read");
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got > VIRTNET_RECOVERY_MAX_SIZE) {
		snprintf(err, errlen, "too large: more than %d bytes",
			 VIRTNET_RECOVERY_MAX_SIZE);
		ret = -EFBIG;
		goto out;
	}
	if (got == 0) {
		snprintf(err, errlen, "empty file");
		ret = -EINVAL;
		goto out;
	}
	obj = json_loadb(buf, got, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj) {
		snprintf(err, errlen, "not valid JSON: %s (line %d, column %d)",
			 jerr.text, jerr.line, jerr.column);
		ret = -EINVAL;
		goto out;
	}
	ret = virtnet_recovery_from_json(obj, rec, err, errlen);
	json_decref(obj);
out:
	free(buf);
	close(fd);
	return ret;
}

int virtnet_recovery_read(const char *path, struct virtnet_recovery_rec *rec,
			  char *err, size_t errlen)
{
	return read_at(AT_FDCWD, path, rec, err, errlen);
}

/* ---- scan ---- */

enum scan_state {
	SCAN_GOOD,
	SCAN_BAD,		/* does not pass on its own */
	SCAN_CLASH,		/* valid, but shares a key with another file */
	SCAN_TMP,		/* temporary file, removed (or not) */
	SCAN_SKIP,		/* not ours */
};

struct scan_entry {
	char *name;
	enum scan_state state;
	char why[384];
	struct virtnet_recovery_rec rec;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && !strcmp(s + ls - lx, suffix);
}

/* "<something>.json.tmp.<digits>", as virtnet_recovery_write() names them. */
static bool is_tmp_name(const char *s)
{
	const char *p = strstr(s, ".json.tmp.");
	const char *d;

	for (; p; p = strstr(p + 1, ".json.tmp.")) {
		d = p + strlen(".json.tmp.");
		if (p == s || !*d)
			continue;
		while (*d >= '0' && *d <= '9')
			d++;
		if (!*d)
			return true;
	}
	return false;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct scan_entry *)a)->name,
		      ((const struct scan_entry *)b)->name);
}

static void scan_one(int dfd, struct scan_entry *e)
{
	char want[VIRTNET_VUID_MAX + 8];
	struct stat st;

	if (is_tmp_name(e->name)) {
		e->state = SCAN_TMP;
		if (fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
			e->state = SCAN_SKIP;
		else if (unlinkat(dfd, e->name, 0))
			sys_err(e->why, sizeof(e->why), errno,
				"temporary file left by an interrupted write; cannot remove it");
		else
			snprintf(e->why, sizeof(e->why),
				 "removed: temporary file left by an interrupted write");
		return;
	}
	if (!ends_with(e->name, ".json")) {
		e->state = SCAN_SKIP;
		return;
	}
	e->state = SCAN_BAD;
	if (fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW)) {
		sys_err(e->why, sizeof(e->why), errno, "cannot stat");
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		snprintf(e->why, sizeof(e->why), "a symbolic link, not a regular file");
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(e->why, sizeof(e->why), "not a regular file");
		return;
	}
	if (read_at(dfd, e->name, &e->rec, e->why, sizeof(e->why)))
		return;
	snprintf(want, sizeof(want), "%s.json", e->rec.vuid);
	if (strcmp(e->name, want)) {
		snprintf(e->why, sizeof(e->why),
			 "file name does not match its vuid '%s' (must be %s)",
			 e->rec.vuid, want);
		return;
	}
	e->state = SCAN_GOOD;
}

/* The first key a and b share, written into buf, or NULL. */
static const char *clash(const struct virtnet_recovery_rec *a,
			 const struct virtnet_recovery_rec *b, char *buf, size_t len)
{
	if (a->pf_id == b->pf_id)
		snprintf(buf, len, "pf_id %u", a->pf_id);
	else if (!strcmp(a->vuid, b->vuid))
		snprintf(buf, len, "vuid %s", a->vuid);
	else if (a->sf_num == b->sf_num)
		snprintf(buf, len, "sf_num %u", a->sf_num);
	else if (!memcmp(a->mac, b->mac, VIRTNET_MAC_LEN))
		snprintf(buf, len, "mac %02x:%02x:%02x:%02x:%02x:%02x", a->mac[0],
			 a->mac[1], a->mac[2], a->mac[3], a->mac[4], a->mac[5]);
	else if (a->function_type == VIRTNET_RECOVERY_VF &&
		 b->function_type == VIRTNET_RECOVERY_VF &&
		 a->pf_index == b->pf_index && a->vf_id == b->vf_id)
		snprintf(buf, len, "vf_id %u of static pf %u", a->vf_id, a->pf_index);
	else
		return NULL;
	return buf;
}

static void mark_clash(struct scan_entry *e, const char *what, const char *other)
{
	if (e->state == SCAN_CLASH)
		return;		/* keep the first reason */
	e->state = SCAN_CLASH;
	snprintf(e->why, sizeof(e->why),
		 "%s is also in %s; neither file is used until one is fixed",
		 what, other);
}

int virtnet_recovery_scan(const char *dir,
			  int (*good)(const struct virtnet_recovery_rec *rec,
				      const char *path, void *arg),
			  void (*bad)(const char *path, const char *why, void *arg),
			  void *arg)
{
	struct scan_entry *ents = NULL;
	size_t n = 0, cap = 0;
	char err[256], what[64];
	struct dirent *de;
	DIR *d;
	int dfd, ret = 0, ngood = 0;

	if ((ret = virtnet_recovery_mkdir(dir, err, sizeof(err))))
		return ret;
	dfd = open_dir(dir, err, sizeof(err));
	if (dfd < 0)
		return dfd;
	d = fdopendir(dfd);
	if (!d) {
		ret = -errno;
		close(dfd);
		return ret;
	}
	errno = 0;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct scan_entry *ne = realloc(ents, ncap * sizeof(*ents));

			if (!ne) {
				ret = -ENOMEM;
				goto out;
			}
			ents = ne;
			cap = ncap;
		}
		memset(&ents[n], 0, sizeof(ents[n]));
		ents[n].name = strdup(de->d_name);
		if (!ents[n].name) {
			ret = -ENOMEM;
			goto out;
		}
		n++;
		errno = 0;
	}
	if (errno) {
		ret = -errno;
		goto out;
	}
	if (n)
		qsort(ents, n, sizeof(*ents), cmp_entry);

	for (size_t i = 0; i < n; i++)
		scan_one(dfd, &ents[i]);

	for (size_t i = 0; i < n; i++) {
		if (ents[i].state != SCAN_GOOD && ents[i].state != SCAN_CLASH)
			continue;
		for (size_t j = i + 1; j < n; j++) {
			if (ents[j].state != SCAN_GOOD && ents[j].state != SCAN_CLASH)
				continue;
			if (!clash(&ents[i].rec, &ents[j].rec, what, sizeof(what)))
				continue;
			mark_clash(&ents[i], what, ents[j].name);
			mark_clash(&ents[j], what, ents[i].name);
		}
	}

	for (size_t i = 0; i < n; i++) {
		struct scan_entry *e = &ents[i];
		char *path;

		if (e->state == SCAN_SKIP)
			continue;
		path = malloc(strlen(dir) + strlen(e->name) + 2);
		if (!path) {
			ret = -ENOMEM;
			goto out;
		}
		sprintf(path, "%s/%s", dir, e->name);
		if (e->state == SCAN_GOOD) {
			ngood++;
			ret = good ? good(&e->rec, path, arg) : 0;
		} else if (bad) {
			bad(path, e->why, arg);
		}
		free(path);
		if (ret)
			goto out;
	}
	ret = ngood;
out:
	for (size_t i = 0; i < n; i++)
		free(ents[i].name);
	free(ents);
	closedir(d);
	return ret;
}
