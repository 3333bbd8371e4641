/*
 * test.h - a tiny unit test framework: TEST(name) { ... } registers a
 * test; CHECK* report file:line and mark the test failed but go on;
 * REQUIRE* also return from the test. runner.c runs them all.
 */
#ifndef VIRTNET_TEST_H
#define VIRTNET_TEST_H

#include <string.h>

void test_register(const char *name, const char *file, void (*fn)(void));
void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Did the running test fail so far? */
int test_failed(void);

#define TEST(name)							\
	static void test_##name(void);					\
	__attribute__((constructor)) static void register_##name(void)	\
	{								\
		test_register(#name, __FILE__, test_##name);		\
	}								\
	static void test_##name(void)

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); \
	} while (0)

#define CHECK_EQ(a, b)							\
	do {								\
		long long _a = (long long)(a), _b = (long long)(b);	\
		if (_a != _b)						\
			test_fail(__FILE__, __LINE__,			\
				  "CHECK_EQ(%s, %s): %lld (0x%llx) != %lld (0x%llx)", \
				  #a, #b, _a, (unsigned long long)_a,	\
				  _b, (unsigned long long)_b);		\
	} while (0)

#define CHECK_STREQ(a, b)						\
	do {								\
		const char *_a = (a), *_b = (b);			\
		if (!_a || !_b || strcmp(_a, _b))			\
			test_fail(__FILE__, __LINE__,			\
				  "CHECK_STREQ(%s, %s):\n    got:      \"%s\"\n    expected: \"%s\"", \
				  #a, #b, _a ? _a : "(null)", _b ? _b : "(null)"); \
	} while (0)

/* a contains b */
#define CHECK_CONTAINS(a, b)						\
	do {								\
		const char *_a = (a), *_b = (b);			\
		if (!_a || !_b || !strstr(_a, _b))			\
			test_fail(__FILE__, __LINE__,			\
				  "CHECK_CONTAINS(%s, %s):\n    in:   \"%s\"\n    want: \"%s\"", \
				  #a, #b, _a ? _a : "(null)", _b ? _b : "(null)"); \
	} while (0)

/* a starts with b */
#define CHECK_PREFIX(a, b)						\
	do {								\
		const char *_a = (a), *_b = (b);			\
		if (!_a || !_b || strncmp(_a, _b, strlen(_b)))		\
			test_fail(__FILE__, __LINE__,			\
				  "CHECK_PREFIX(%s, %s):\n    in:   \"%s\"\n    want: \"%s\"", \
				  #a, #b, _a ? _a : "(null)", _b ? _b : "(null)"); \
	} while (0)

/* Evaluates @cond once: it may have side effects. */
#define REQUIRE(cond)							\
	do {								\
		if (!(cond)) {						\
			test_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond); \
			return;						\
		}							\
	} while (0)

#endif /* VIRTNET_TEST_H */
