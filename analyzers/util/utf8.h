/*
 * Column arithmetic on UTF-8 text. Invalid bytes count as one code point
 * each (as U+FFFD would), so any byte string has well-defined columns, and
 * text made valid by utf8_sanitize keeps them. Decoding is strict: an
 * overlong form, a surrogate or a value past U+10FFFF is invalid.
 */
#ifndef SF_UTF8_H
#define SF_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* U+FFFD REPLACEMENT CHARACTER, encoded. */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD"

/* Number of code points in the n bytes at s. */
uint32_t utf8_count(const char *s, size_t n);
/* Number of UTF-16 code units in the n bytes at s. */
uint32_t utf8_count_utf16(const char *s, size_t n);
/* Byte offset, within the n bytes at s, of the code point numbered cp
 * (0-based); n when the text is shorter. */
size_t utf8_offset_of_cp(const char *s, size_t n, uint32_t cp);
/* Byte offset of the UTF-16 unit numbered u (0-based); a position in the
 * middle of a surrogate pair rounds down to the code point's start. */
size_t utf8_offset_of_utf16(const char *s, size_t n, uint32_t u);

/* Decodes the sequence at s (n > 0 bytes): returns its length and stores
 * its code point in *cp; an invalid byte is 1 byte long with U+FFFD. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Whether the n bytes at s are valid UTF-8. */
bool utf8_valid(const char *s, size_t n);
/* A copy of the n bytes at s that is valid UTF-8: each invalid byte becomes
 * U+FFFD, so that code point columns stay where they were. NUL-terminated,
 * its length in *out_len when not NULL; owned by the caller. */
char *utf8_sanitize(const char *s, size_t n, size_t *out_len);

#endif
