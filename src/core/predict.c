/* predict.c - predict, then see: read the demo's answer from its output
 * and compare it with the learner's, word by word. Pure functions. */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "predict.h"
#include "util.h"

/* What one matching line answers: group 1 if it caught, else the match. */
static char *caught(const char *line, const regmatch_t *m)
{
	const regmatch_t *use = m[1].rm_so >= 0 ? &m[1] : &m[0];
	return xasprintf("%.*s", (int)(use->rm_eo - use->rm_so),
	                 line + use->rm_so);
}

char *predict_observe(const char *how, const char *pattern,
                      char *const *lines, size_t nlines)
{
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED) != 0)
		return NULL;   /* the lesson parser has checked it already */
	regmatch_t m[2];
	char *answer = NULL;
	size_t count = 0;
	struct strbuf all = { 0 };
	for (size_t i = 0; i < nlines; i++) {
		if (regexec(&re, lines[i], 2, m, 0) != 0)
			continue;
		count++;
		if (strcmp(how, "count") == 0)
			continue;
		char *one = caught(lines[i], m);
		if (strcmp(how, "all") == 0) {
			strbuf_addf(&all, "%s%s", all.len ? " " : "", one);
			free(one);
			continue;
		}
		free(answer);
		answer = one;
		if (strcmp(how, "first") == 0)
			break;
	}
	regfree(&re);
	if (strcmp(how, "count") == 0)
		return xasprintf("%zu", count);
	if (strcmp(how, "all") == 0)
		return count ? all.buf : NULL;
	return answer;
}

static const char *const number_words[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
};

/* Split text into lowercase words of letters and digits, number words
   turned into digits; returns how many (words[] malloc'ed). */
static size_t words_of(const char *text, char ***words)
{
	size_t n = 0;
	*words = NULL;
	for (const char *p = text; *p;) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (isalnum((unsigned char)*p))
			p++;
		char *w = xasprintf("%.*s", (int)(p - start), start);
		for (char *c = w; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		for (size_t k = 0; k < sizeof number_words /
		                       sizeof *number_words; k++) {
			if (strcmp(w, number_words[k]) == 0) {
				free(w);
				w = xasprintf("%zu", k);
				break;
			}
		}
		*words = xrealloc(*words, (n + 1) * sizeof **words);
		(*words)[n++] = w;
	}
	return n;
}

static void free_words(char **words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

int predict_agrees(const char *answer, const char *observed)
{
	char **a, **o;
	size_t na = words_of(answer, &a), no = words_of(observed, &o);
	int agrees = 0;
	/* The demo's words, in order, somewhere among the learner's. */
	for (size_t i = 0; no && !agrees && i + no <= na; i++) {
		size_t k = 0;
		while (k < no && strcmp(a[i + k], o[k]) == 0)
			k++;
		agrees = k == no;
	}
	free_words(a, na);
	free_words(o, no);
	return agrees;
}
