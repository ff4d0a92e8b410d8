/* UTF-8 decoding for column conversions, tolerant of invalid input. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#include "xalloc.h"

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

/* Length of the sequence starting at s (1 for an invalid or truncated one)
 * and its code point in *cp (U+FFFD for an invalid one). Strict, as JSON
 * parsers and browsers are: an overlong form, a surrogate or a code point
 * past U+10FFFF is invalid, so each of its bytes is one U+FFFD. */
static size_t
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		min = 0x10000;
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
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return len;
}

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	return decode((const unsigned char *)s, n, cp);
}

bool
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		i += ascii_run(p + i, n - i);
		if (i < n) {
			uint32_t cp;
			size_t len = decode(p + i, n - i, &cp);
			/* A real U+FFFD is three bytes. */
			if (len == 1)
				return false;
			i += len;
		}
	}
	return true;
}

char *
utf8_sanitize(const char *s, size_t n, size_t *out_len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(3 * n + 1);
	size_t o = 0, i = 0;
	while (i < n) {
		size_t a = ascii_run(p + i, n - i);
		memcpy(out + o, s + i, a);
		o += a;
		i += a;
		if (i < n) {
			uint32_t cp;
			size_t len = decode(p + i, n - i, &cp);
			if (len == 1) {
				memcpy(out + o, UTF8_REPLACEMENT, 3);
				o += 3;
			} else {
				memcpy(out + o, s + i, len);
				o += len;
			}
			i += len;
		}
	}
	out[o] = '\0';
	if (out_len != NULL)
		*out_len = o;
	return out;
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
