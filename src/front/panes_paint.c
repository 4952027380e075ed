/* panes_paint.c - what every pane draws with: colours, the colour of a
 * process, text cut to a width, and a pane's header line. */
#include <string.h>

#include "panes_impl.h"
#include "utf8.h"
#include "wrap.h"

/* ---- colours ---------------------------------------------------------- */


void panes_colours_start(struct panes *p)
{
	if (!p->color || !has_colors())
		return;
	start_color();
	use_default_colors();
	/* On a projector dark blue on black disappears: brighter choices. */
	init_pair(PAIR_HEADER, p->present ? COLOR_YELLOW : COLOR_CYAN, -1);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_NOTICE, p->present ? COLOR_CYAN : COLOR_BLUE, -1);
	init_pair(PAIR_KEYWORD, COLOR_YELLOW, -1);
	init_pair(PAIR_COMMENT, COLOR_CYAN, -1);
	init_pair(PAIR_STRING, COLOR_GREEN, -1);
	init_pair(PAIR_TITLE, COLOR_BLACK, COLOR_CYAN);
	static const short pid_colours[] = { COLOR_GREEN, COLOR_YELLOW,
	                                     COLOR_MAGENTA, COLOR_CYAN,
	                                     COLOR_BLUE, COLOR_RED };
	for (int i = 0; i < 6; i++)
		init_pair((short)(PAIR_PID0 + i), p->present && pid_colours[i] ==
		          COLOR_BLUE ? COLOR_WHITE : pid_colours[i], -1);
}

attr_t panes_quiet(const struct panes *p)
{
	return p->present ? A_BOLD : A_DIM;
}

attr_t panes_pair(const struct panes *p, int n)
{
	return p->color && has_colors() ? COLOR_PAIR(n) : A_NORMAL;
}

/* The same colour for a process in the output and in the monitor. */
attr_t panes_pid_attr(const struct panes *p, pid_t pid)
{
	return panes_pair(p, PAIR_PID0 + (int)((unsigned)pid % 6));
}

/* ---- drawing helpers -------------------------------------------------- */

/* Write at most cols display columns of text (UTF-8) at the cursor. */
void panes_put_text(WINDOW *w, const char *text, size_t len, int cols)
{
	size_t used = 0, i = 0;
	while (i < len) {
		long cp;
		size_t n = utf8_next(text + i, len - i, &cp);
		unsigned char c = (unsigned char)text[i];
		size_t width = c < 0x20 ? 1 : wrap_width(text + i, n);
		if ((int)(used + width) > cols)
			break;
		if (c == '\t')
			waddch(w, ' ');
		else if (c < 0x20 || cp < 0)
			/* A control byte, or one that begins no character
			   (a name cut inside a character by the kernel's 15
			   bytes): one column, never a stray escape. */
			waddch(w, '?');
		else
			waddnstr(w, text + i, (int)n);
		used += width;
		i += n;
	}
}

void panes_draw_header(struct panes *p, WINDOW *w, const char *label,
                        const char *extra)
{
	int cols = getmaxx(w);
	wmove(w, 0, 0);
	wattron(w, panes_pair(p, PAIR_HEADER) | A_BOLD);
	whline(w, ACS_HLINE, cols);
	wmove(w, 0, 1);
	waddch(w, ' ');
	/* The extra (step, hints) matters more than the end of the label. */
	int room = cols - 4;
	if (extra && *extra) {
		int need = (int)wrap_width(extra, strlen(extra)) + 2;
		room = room - need > 16 ? room - need : 16;
	}
	/* A label cut to fit ends in '>', as a cut line does. */
	if ((int)wrap_width(label, strlen(label)) > room && room > 1) {
		panes_put_text(w, label, strlen(label), room - 1);
		waddch(w, '>');
	} else {
		panes_put_text(w, label, strlen(label), room);
	}
	waddch(w, ' ');
	if (extra && *extra) {
		wattroff(w, A_BOLD);
		panes_put_text(w, extra, strlen(extra), cols - getcurx(w) - 2);
		waddch(w, ' ');
	}
	wattroff(w, panes_pair(p, PAIR_HEADER) | A_BOLD);
}
