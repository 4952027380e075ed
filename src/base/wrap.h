/* wrap.h - measure and wrap UTF-8 text by display width (CJK = 2). */
#ifndef FORKLORE_WRAP_H
#define FORKLORE_WRAP_H

#include <stddef.h>

/* Columns a UTF-8 string takes on screen; bad bytes count as 1 each. */
size_t wrap_width(const char *s, size_t len);

/* How many bytes of s (len bytes) fit in cols columns, whole characters
   only. */
size_t wrap_fit(const char *s, size_t len, size_t cols);

/*
 * A name in exactly cols columns, for a column of names: padded with
 * blanks, or cut at its end but keeping a final "-NUMBER" or " NUMBER",
 * so ForkPoolWorker-12 in 14 columns is ForkPoolWor-12 and workers can
 * still be told apart. Whole characters only (a CJK one takes two
 * columns, so a cut may leave one more blank). out gets at most size - 1
 * bytes.
 */
void wrap_fit_name(char *out, size_t size, const char *name, int cols);

/*
 * Wrap one paragraph (no '\n' inside) to width columns. Calls emit for
 * each output line with its start and byte length (no trailing blanks).
 * Words longer than width are cut at a character boundary. Lines after
 * the first are meant to be indented by the caller (hanging indent).
 */
void wrap_paragraph(const char *text, size_t len, size_t width,
                    void (*emit)(const char *line, size_t len, void *arg),
                    void *arg);

/* The same, with the first line given first_width columns and the rest
   rest_width (room for a hanging indent the caller draws). */
void wrap_hanging(const char *text, size_t len, size_t first_width,
                  size_t rest_width,
                  void (*emit)(const char *line, size_t len, void *arg),
                  void *arg);

/*
 * Lay out lesson narrative in width columns: the lines of a paragraph are
 * joined and wrapped; a line starting "- " begins a list item whose
 * wrapped lines get an indent of 2; a line starting with two blanks is
 * kept as it is; blank lines stay. emit gets each line, its length and
 * the indent (in columns) to draw before it.
 */
void wrap_narrative(const char *text, size_t width,
                    void (*emit)(const char *line, size_t len, size_t indent,
                                 void *arg),
                    void *arg);

#endif
