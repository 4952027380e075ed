/* utf8.c - the one UTF-8 decoder. */
#include "utf8.h"

int utf8_sequence(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;  /* the second byte */
	int len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		len = 2;
		*cp = c & 0x1fu;
	} else if (c < 0xf0) {
		len = 3;
		*cp = c & 0x0fu;
		if (c == 0xe0)
			lo = 0xa0;      /* below: overlong */
		else if (c == 0xed)
			hi = 0x9f;      /* above: UTF-16 surrogates */
	} else if (c < 0xf5) {
		len = 4;
		*cp = c & 0x07u;
		if (c == 0xf0)
			lo = 0x90;      /* below: overlong */
		else if (c == 0xf4)
			hi = 0x8f;      /* above: past U+10FFFF */
	} else {
		return 0;
	}
	for (int i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if (s[i] < lo || s[i] > hi)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3fu);
		lo = 0x80;
		hi = 0xbf;
	}
	return len;
}

size_t utf8_next(const char *s, size_t n, long *cp)
{
	unsigned long v;
	int len = utf8_sequence((const unsigned char *)s, n, &v);
	if (len <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = (long)v;
	return (size_t)len;
}

int utf8_is_cjk_punct(long cp)
{
	return (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff0f) ||
	       (cp >= 0xff1a && cp <= 0xff20) || (cp >= 0xff3b && cp <= 0xff40) ||
	       (cp >= 0xff5b && cp <= 0xff65) || (cp >= 0x2018 && cp <= 0x201f);
}
