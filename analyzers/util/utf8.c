/* UTF-8 decoding for column conversions, tolerant of invalid input. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

/* How many bytes at the start of s are ASCII, looked at 8 at a time:
 * source text is mostly ASCII, and a minified file's line is long. */
static size_t
ascii_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, sizeof w);
		if (w & UINT64_C(0x8080808080808080))
			break;
	}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/* Length of the sequence starting at s (1 for invalid or truncated ones) and
 * its code point in *cp. */
static size_t
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2;
		v = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
		v = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4;
		v = c & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

uint32_t
utf8_count(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t count = 0;
	size_t i = 0;
	while (i < n) {
		size_t a = ascii_run(p + i, n - i);
		count += (uint32_t)a;
		i += a;
		if (i < n) {
			uint32_t cp;
			i += decode(p + i, n - i, &cp);
			count++;
		}
	}
	return count;
}

uint32_t
utf8_count_utf16(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t count = 0;
	size_t i = 0;
	while (i < n) {
		size_t a = ascii_run(p + i, n - i);
		count += (uint32_t)a;
		i += a;
		if (i < n) {
			uint32_t cp;
			i += decode(p + i, n - i, &cp);
			count += cp >= 0x10000 ? 2 : 1;
		}
	}
	return count;
}

size_t
utf8_offset_of_cp(const char *s, size_t n, uint32_t target)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t k = 0;
	while (k < target && i < n) {
		size_t a = ascii_run(p + i, n - i);
		if (a > target - k)
			a = target - k;
		i += a;
		k += (uint32_t)a;
		if (k < target && i < n) {
			uint32_t cp;
			i += decode(p + i, n - i, &cp);
			k++;
		}
	}
	return i < n ? i : n;
}

size_t
utf8_offset_of_utf16(const char *s, size_t n, uint32_t target)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t units = 0;
	while (i < n && units < target) {
		uint32_t cp;
		size_t len = decode(p + i, n - i, &cp);
		uint32_t w = cp >= 0x10000 ? 2 : 1;
		if (units + w > target)
			break;
		units += w;
		i += len;
	}
	return i;
}
