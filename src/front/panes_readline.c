/* panes_readline.c - readline inside curses gets its bytes from us: the
 * keys read by curses, or the characters a replay types. */
#include <stdio.h>

#include <readline/readline.h>

#include "panes_impl.h"

static int rl_getc_from_us(FILE *f)
{
	(void)f;
	panes_active->byte_ready = 0;
	return panes_active->byte;
}

static int rl_input_ready(void)
{
	return panes_active->byte_ready;
}

/* Hand one byte to readline. */
void panes_feed_readline(struct panes *p, int c)
{
	p->byte = c;
	p->byte_ready = 1;
	rl_callback_read_char();
}

void panes_readline_hooks(void)
{
	rl_getc_function = rl_getc_from_us;
	rl_input_available_hook = rl_input_ready;
}
