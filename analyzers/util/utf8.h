/*
 * Column arithmetic on UTF-8 text. Invalid bytes count as one code point
 * each (as U+FFFD would), so any byte string has well-defined columns.
 */
#ifndef SF_UTF8_H
#define SF_UTF8_H

#include <stddef.h>
#include <stdint.h>

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

#endif
