/* utf8.h - the one UTF-8 decoder: for checking text, measuring it, and
 * walking it a character at a time. */
#ifndef FORKLORE_UTF8_H
#define FORKLORE_UTF8_H

#include <stddef.h>

/*
 * The UTF-8 sequence at s (n > 0 bytes there): its length, 1 to 4, with
 * its code point in *cp, when it is valid; 0 when it is not (a bad lead
 * byte, a stray continuation byte, an overlong form, a surrogate, past
 * U+10FFFF); -1 when the bytes there are the valid start of a sequence
 * that the end of the data cuts short.
 */
int utf8_sequence(const unsigned char *s, size_t n, unsigned long *cp);

/*
 * The next character of text s (n > 0 bytes), for walking it: its length
 * in bytes, with its code point in *cp; a byte that begins no valid
 * character is taken alone, with *cp -1.
 */
size_t utf8_next(const char *s, size_t n, long *cp);

/* Is cp CJK punctuation: the CJK symbols (、。「」…), the full-width
   punctuation forms (，：！（）…) or the curly quotes? */
int utf8_is_cjk_punct(long cp);

#endif
