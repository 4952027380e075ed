/* i18n.c - where the message catalogues are, and the language shown. */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

#ifndef FORKLORE_LOCALEDIR
#define FORKLORE_LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN "forklore"

/* GNU gettext caches what it found; a change of LANGUAGE at run time is
   seen once this counter moves (the gettext manual's own advice). */
extern int _nl_msg_cat_cntr;

void i18n_init(void)
{
	char dir[PATH_MAX];
	const char *env = getenv("FORKLORE_LOCALEDIR");
	struct stat st;
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
	} else {
		char exe[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		dir[0] = '\0';
		if (n > 0) {
			exe[n] = '\0';
			char *slash = strrchr(exe, '/');
			if (slash) {
				*slash = '\0';
				snprintf(dir, sizeof dir, "%.*s/locale",
				         (int)(sizeof dir - 8), exe);
			}
		}
		if (!dir[0] || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			snprintf(dir, sizeof dir, "%s", FORKLORE_LOCALEDIR);
	}
	bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
}

int i18n_lang_folder(const char *name)
{
	size_t n = strlen(name);
	return (n == 2 || (n == 5 && name[2] == '_')) &&
	       name[0] >= 'a' && name[0] <= 'z' &&
	       name[1] >= 'a' && name[1] <= 'z';
}

void i18n_set_lang(const char *lang)
{
	int zh = lang && !strcmp(lang, "zh");
	/* gettext ignores LANGUAGE in the "C" locale: messages then need
	   C.UTF-8 at least (whose characters are UTF-8 as the catalogue's). */
	const char *now = setlocale(LC_MESSAGES, NULL);
	if (zh && now && (!strcmp(now, "C") || !strcmp(now, "POSIX")))
		setlocale(LC_MESSAGES, "C.UTF-8");
	/* English is the text as written: a LANGUAGE naming no catalogue.
	   The user's own LANGUAGE comes back with English, for the
	   programs the demos start. */
	static char *saved;
	static int kept;
	if (!kept) {
		const char *v = getenv("LANGUAGE");
		saved = v ? strdup(v) : NULL;
		kept = 1;
	}
	if (zh)
		setenv("LANGUAGE", "zh_CN", 1);
	else if (saved && strncmp(saved, "zh", 2) != 0)
		setenv("LANGUAGE", saved, 1);
	else
		setenv("LANGUAGE", "en", 1);
	++_nl_msg_cat_cntr;
}
