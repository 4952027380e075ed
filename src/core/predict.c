/* predict.c - predict, then see: read the demo's answer from its output,
 * read the learner's as the kind of question asks, and compare the two.
 * Pure functions.
 *
 * The learner's answer is read strictly: it must be one thing of the kind
 * asked (a letter or an option, one number, one sequence, yes or no). An
 * answer that cannot be read is asked again rather than judged, so a
 * hedge ("not 100, 999") is never taken for what it mentions. */
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "predict.h"
#include "utf8.h"
#include "util.h"

/* ---- the demo's answer ------------------------------------------------ */

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
	int each = strcmp(how, "all") == 0;
	int tally = strcmp(how, "count") == 0 || strcmp(how, "any") == 0 ||
	            strcmp(how, "none") == 0;
	struct strbuf all = { 0 };
	for (size_t i = 0; i < nlines; i++) {
		if (regexec(&re, lines[i], 2, m, 0) != 0)
			continue;
		count++;
		if (tally)
			continue;
		char *one = caught(lines[i], m);
		if (each) {
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
	if (strcmp(how, "any") == 0)
		return xstrdup(count ? "yes" : "no");
	if (strcmp(how, "none") == 0)
		return xstrdup(count ? "no" : "yes");
	if (each)
		return count ? all.buf : NULL;
	return answer;
}

/* ---- words ------------------------------------------------------------ */

struct words {
	char **w;
	size_t n;
};

static const char *const number_words[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
};

/* A byte of a word: an ASCII letter or digit, or any byte of a UTF-8
   sequence (so words of other scripts stay words). */
static int word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* A copy of text with CJK punctuation (。，、：“” and the full-width
   forms) turned into blanks, so that it separates words as ASCII
   punctuation does. */
static char *blank_cjk_punctuation(const char *text)
{
	char *copy = xstrdup(text);
	size_t n = strlen(copy);
	for (size_t i = 0; i < n;) {
		long cp;
		size_t len = utf8_next(copy + i, n - i, &cp);
		if (utf8_is_cjk_punct(cp))
			memset(copy + i, ' ', len);
		i += len ? len : 1;
	}
	return copy;
}

/* Split text into words: lowercase, number words turned into digits, a
   '.' kept between digits ("1.5") and a sign before them ("-5");
   everything else separates them. */
static struct words words_of(const char *original)
{
	struct words out = { 0 };
	char *text = blank_cjk_punctuation(original);
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *begin = p;
	while (*p) {
		/* A '-' before a digit is a sign, unless it joins words
		   ("worker-2"). */
		while (*p && !word_byte(*p) &&
		       !(*p == '-' && isdigit(p[1]) &&
		         (p == begin || !word_byte(p[-1]))))
			p++;
		if (!*p)
			break;
		const unsigned char *start = p;
		if (*p == '-')
			p++;
		/* A word is all ASCII or all not: "4个" is 4, then 个. */
		while ((word_byte(*p) && (*p >= 0x80) == (*start >= 0x80)) ||
		       (*p == '.' && p > start && isdigit(p[-1]) &&
		        isdigit(p[1])))
			p++;
		char *w = xasprintf("%.*s", (int)(p - start),
		                    (const char *)start);
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
		out.w = xrealloc(out.w, (out.n + 1) * sizeof *out.w);
		out.w[out.n++] = w;
	}
	free(text);
	return out;
}

static void words_free(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
	*ws = (struct words){ 0 };
}

static int has_word(const struct words *ws, const char *w)
{
	for (size_t i = 0; i < ws->n; i++)
		if (strcmp(ws->w[i], w) == 0)
			return 1;
	return 0;
}

/* A word that is a number ("4", "1.5", "5x" as in five times): 1 and
   *value, else 0. */
static int number_word(const char *w, double *value)
{
	size_t sign = w[0] == '-';
	size_t digits = sign + strspn(w + sign, "0123456789.");
	if (digits == sign || !isdigit((unsigned char)w[sign]) ||
	    (w[digits] && strcmp(w + digits, "x") != 0))
		return 0;
	char *end;
	*value = strtod(w, &end);
	return end == w + digits && isfinite(*value);
}

/* The words of a, past a leading article when more follow: "the child"
   and "child" name the same option. */
static size_t skip_article(const struct words *ws)
{
	static const char *const articles[] = { "the", "a", "an" };
	for (size_t k = 0; ws->n > 1 && k < 3; k++)
		if (strcmp(ws->w[0], articles[k]) == 0)
			return 1;
	return 0;
}

static int same_words(const struct words *a, const struct words *b)
{
	size_t i = skip_article(a), j = skip_article(b);
	if (a->n - i != b->n - j)
		return 0;
	for (; i < a->n; i++, j++)
		if (strcmp(a->w[i], b->w[j]) != 0)
			return 0;
	return a->n > 0;
}

/* Does one of an option's values ("zombie|z|not_set") say text? */
static int option_names(const struct lesson_option *o,
                        const struct words *text)
{
	int found = 0;
	char *values = xstrdup(o->values);
	for (char *save = NULL, *v = strtok_r(values, "|", &save);
	     v && !found; v = strtok_r(NULL, "|", &save)) {
		for (char *c = v; *c; c++)
			if (*c == '_')
				*c = ' ';
		struct words ws = words_of(v);
		found = same_words(&ws, text);
		words_free(&ws);
	}
	free(values);
	return found;
}

/* The option text or a value names: its index, -1 for none, -2 when more
   than one do. */
static int find_option(const struct lesson_step *st, const struct words *a,
                       int by_text)
{
	int found = -1;
	for (size_t i = 0; i < st->noptions; i++) {
		int names = option_names(&st->options[i], a);
		if (!names && by_text) {
			struct words t = words_of(st->options[i].text);
			names = same_words(&t, a);
			words_free(&t);
		}
		if (names)
			found = found == -1 ? (int)i : -2;
	}
	return found;
}

/* ---- the learner's answer --------------------------------------------- */

static int read_choice(const struct lesson_step *st, struct words *a,
                       char **reading, char **why)
{
	int found = -1;
	if (a->n == 1 && strlen(a->w[0]) == 1 && a->w[0][0] >= 'a' &&
	    a->w[0][0] < 'a' + (int)st->noptions)
		found = a->w[0][0] - 'a';
	else
		found = find_option(st, a, 1);
	if (found < 0) {
		/* TRANSLATORS: %c is the last option's letter; the letters
		   and the options' words are what the learner types. */
		*why = xasprintf(_("answer with a letter, a to %c, or an "
		                 "option's words as shown"), 'a' +
		                 (int)st->noptions - 1);
		return -1;
	}
	*reading = xasprintf("%c", 'a' + found);
	return 0;
}

/* A Chinese measure word or unit after a number ("4 个", "3 秒"): not
   a stray word. */
static int measure_word(const char *w)
{
	static const char *const list[] = {
		"个", "次", "行", "秒", "条", "位", "种", "毫秒", "倍", "项",
		"轮", "遍", "步",
	};
	for (size_t i = 0; i < sizeof list / sizeof *list; i++)
		if (strcmp(w, list[i]) == 0)
			return 1;
	return 0;
}

static int read_number(const struct lesson_step *st, struct words *a,
                       char **reading, char **why)
{
	struct words q = words_of(st->predict);
	size_t numbers = 0;
	int stray = 0;
	double value = 0, v;
	for (size_t i = 0; i < a->n; i++) {
		if (number_word(a->w[i], &v)) {
			numbers++;
			value = v;
		} else if (!has_word(&q, a->w[i]) && !measure_word(a->w[i])) {
			stray = 1;
		}
	}
	words_free(&q);
	if (numbers != 1 || stray) {
		*why = xstrdup(numbers > 1 ?
		               _("answer with one number, not several") :
		               _("answer with just a number, such as 4"));
		return -1;
	}
	*reading = xasprintf("%g", value);
	return 0;
}

static int read_order(struct words *a, char **reading, char **why)
{
	struct strbuf o = { 0 };
	size_t items = 0;
	double v;
	for (size_t i = 0; i < a->n; i++) {
		const char *w = a->w[i];
		if (strcmp(w, "then") == 0 || strcmp(w, "and") == 0)
			continue;
		if (!number_word(w, &v) && strlen(w) != 1) {
			strbuf_free(&o);
			*why = xstrdup(_("answer with a sequence of numbers or "
			                 "letters, such as 2 1 3"));
			return -1;
		}
		/* Single letters name items (A, B, C): shown in capitals. */
		strbuf_addf(&o, "%s%s", items++ ? " " : "", w);
		if (strlen(w) == 1 && islower((unsigned char)w[0]))
			o.buf[o.len - 1] = (char)toupper((unsigned char)w[0]);
	}
	if (items < 2) {
		strbuf_free(&o);
		*why = xstrdup(_("answer with a sequence of numbers or "
		                 "letters, such as 2 1 3"));
		return -1;
	}
	*reading = o.buf;
	return 0;
}

static int read_yesno(struct words *a, char **reading, char **why)
{
	const char *w = a->n == 1 ? a->w[0] : "";
	/* In Chinese too: 是 / 对 / 会 / 有, and 否 / 不 / 不是 / 不会 / 没有. */
	static const char *const yes_zh[] = { "是", "对", "会", "有", "是的" };
	static const char *const no_zh[] = { "否", "不", "不是", "不对",
	                                     "不会", "没有" };
	int yes = strcmp(w, "yes") == 0 || strcmp(w, "y") == 0;
	int no = strcmp(w, "no") == 0 || strcmp(w, "n") == 0;
	for (size_t i = 0; i < sizeof yes_zh / sizeof *yes_zh; i++)
		yes |= strcmp(w, yes_zh[i]) == 0;
	for (size_t i = 0; i < sizeof no_zh / sizeof *no_zh; i++)
		no |= strcmp(w, no_zh[i]) == 0;
	if (yes) {
		*reading = xstrdup("yes");
	} else if (no) {
		*reading = xstrdup("no");
	} else {
		/* TRANSLATORS: yes, no, y and n are what the learner types
		   (in Chinese, 是 or 否 are read too). */
		*why = xstrdup(_("answer yes or no (y or n)"));
		return -1;
	}
	return 0;
}

int predict_read(const struct lesson_step *st, const char *answer,
                 char **reading, char **why)
{
	struct words a = words_of(answer);
	int rc;
	*reading = *why = NULL;
	switch (st->kind) {
	case PREDICT_CHOICE:
		rc = read_choice(st, &a, reading, why);
		break;
	case PREDICT_NUMBER:
		rc = read_number(st, &a, reading, why);
		break;
	case PREDICT_ORDER:
		rc = read_order(&a, reading, why);
		break;
	default:
		rc = read_yesno(&a, reading, why);
		break;
	}
	words_free(&a);
	return rc;
}

/* ---- what the run showed ---------------------------------------------- */

char *predict_truth(const struct lesson_step *st, const char *shown)
{
	struct words s = words_of(shown);
	char *truth = NULL;
	double v;
	switch (st->kind) {
	case PREDICT_CHOICE: {
		int i = find_option(st, &s, 0);
		if (i >= 0)
			truth = xasprintf("%c", 'a' + i);
		break;
	}
	case PREDICT_NUMBER:
		if (s.n == 1 && number_word(s.w[0], &v) &&
		    strchr(s.w[0], 'x') == NULL)
			truth = xasprintf("%g", v);
		break;
	case PREDICT_ORDER: {
		char *why = NULL;
		if (read_order(&s, &truth, &why) != 0)
			free(why);
		break;
	}
	default:
		if (s.n == 1 && (strcmp(s.w[0], "yes") == 0 ||
		                 strcmp(s.w[0], "no") == 0))
			truth = xstrdup(s.w[0]);
		break;
	}
	words_free(&s);
	return truth;
}

int predict_agrees(const struct lesson_step *st, const char *reading,
                   const char *truth)
{
	if (strcmp(reading, truth) == 0)
		return 2;
	if (st->kind != PREDICT_NUMBER)
		return 0;
	double a = strtod(reading, NULL), t = strtod(truth, NULL);
	double tolerance = st->within_percent ? fabs(t) * st->within / 100
	                                      : st->within;
	if (a == t)
		return 2;
	/* A hair of slack, so 10% of 90 admits 99 in binary too. */
	return fabs(a - t) <= tolerance * (1 + 1e-9) ? 1 : 0;
}

char *predict_show(const struct lesson_step *st, const char *canonical)
{
	if (st->kind == PREDICT_CHOICE && canonical[0] >= 'a' &&
	    canonical[0] < 'a' + (int)st->noptions && !canonical[1])
		return xasprintf("%s) %s", canonical,
		                 st->options[canonical[0] - 'a'].text);
	return xstrdup(canonical);
}

char *predict_how_to_answer(const struct lesson_step *st)
{
	struct strbuf o = { 0 };
	switch (st->kind) {
	case PREDICT_CHOICE:
		for (size_t i = 0; i < st->noptions; i++)
			strbuf_addf(&o, "  %c) %s\n", 'a' + (int)i,
			            st->options[i].text);
		strbuf_adds(&o, "  ");
		/* TRANSLATORS: what to type to answer; %c is the last
		   option's letter. Followed by ", then Enter (...)". */
		strbuf_addf(&o, _("A letter, a to %c"), 'a' +
		            (int)st->noptions - 1);
		break;
	case PREDICT_NUMBER:
		strbuf_adds(&o, "  ");
		if (st->within > 0 && st->within_percent)
			/* TRANSLATORS: what to type to answer; a number is
			   right when it is within %g%% of the demo's. */
			strbuf_addf(&o, _("A number (within %g%% counts as "
			            "right)"), st->within);
		else if (st->within > 0)
			/* TRANSLATORS: what to type to answer; a number is
			   right when it is within %g of the demo's. */
			strbuf_addf(&o, _("A number (within %g counts as "
			            "right)"), st->within);
		else
			/* TRANSLATORS: what to type to answer. */
			strbuf_adds(&o, _("A number"));
		break;
	case PREDICT_ORDER:
		strbuf_adds(&o, "  ");
		/* TRANSLATORS: what to type to answer. */
		strbuf_adds(&o, _("A sequence, such as 2 1 3"));
		break;
	default:
		strbuf_adds(&o, "  ");
		/* TRANSLATORS: what to type to answer: the words yes and no
		   stay as they are (they are what the learner types). */
		strbuf_adds(&o, _("yes or no"));
		break;
	}
	return o.buf;
}

char *predict_question(const struct lesson_step *st)
{
	struct strbuf o = { 0 };
	/* TRANSLATORS: %s is the lesson's question. */
	strbuf_addf(&o, _("Predict: %s"), st->predict);
	for (size_t i = 0; st->kind == PREDICT_CHOICE && i < st->noptions;
	     i++)
		/* TRANSLATORS: separates the options of a question shown on
		   one line ("a) the parent; b) the child"). */
		strbuf_addf(&o, "%s%c) %s", i ? _("; ") : "  ", 'a' + (int)i,
		            st->options[i].text);
	return o.buf;
}
