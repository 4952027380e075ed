/* i18n.h - the interface's messages through GNU gettext: _("...") is a
 * message shown as it is translated into the language chosen; N_("...")
 * marks one for the catalogue where it is defined, to be translated
 * where it is shown. Without a catalogue (no msgfmt at build time, or
 * none installed), every message is shown as written. */
#ifndef FORKLORE_I18N_H
#define FORKLORE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Find the catalogues: $FORKLORE_LOCALEDIR, else locale/ beside the
   program (an uninstalled build), else the installed one. */
void i18n_init(void);

/* Is name a folder named for a language ("zh", "zh_CN"), as the
   translations of the lessons and exercises are kept in? */
int i18n_lang_folder(const char *name);

/* Show messages in lang ("en" or "zh") from now on. */
void i18n_set_lang(const char *lang);

#endif
