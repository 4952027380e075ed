/* panes_possible.c - can this terminal show the panes? (terminfo, kept apart
 * because <term.h> defines a macro for every capability name). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "i18n.h"
#include "panes.h"

int panes_possible(const char **why)
{
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		*why = _("this terminal (TERM=dumb) cannot show the panes");
		return 0;
	}
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		*why = _("this terminal type is unknown to terminfo");
		return 0;
	}
	const char *cup = tigetstr("cup");
	int ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	if (!ok) {
		*why = _("this terminal cannot move the cursor");
		return 0;
	}
	return 1;
}
