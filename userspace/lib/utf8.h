/*
 * utf8.h - UTF-8 checks for names that end up in JSON (the CLI's output,
 * the controller's recovery files): jansson holds UTF-8 text only.
 */
#ifndef VIRTNET_UTF8_H
#define VIRTNET_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Bytes of the valid UTF-8 sequence at p (len bytes left; len >= 1), or 0
 * when p does not start one: no overlong forms, no surrogates, nothing
 * above U+10FFFF (jansson's rules).
 */
size_t virtnet_utf8_seq(const unsigned char *p, size_t len);

/* The NUL-terminated s is valid UTF-8. */
bool virtnet_utf8_valid(const char *s);

#endif /* VIRTNET_UTF8_H */
