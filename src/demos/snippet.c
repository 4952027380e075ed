/* snippet.c - find the marked snippets of demo source shown by lessons. */
#include <stdlib.h>
#include <string.h>

#include "snippet.h"
#include "util.h"

/* Length of the line starting at p, without its newline. */
static size_t line_length(const char *p)
{
	const char *nl = strchr(p, '\n');
	return nl ? (size_t)(nl - p) : strlen(p);
}

/* Does the line [p, p+len) contain the marker "snippet: NAME" exactly? */
static int line_opens(const char *p, size_t len, const char *name)
{
	static const char key[] = "snippet: ";
	size_t klen = sizeof key - 1, nlen = strlen(name);
	for (size_t i = 0; i + klen + nlen <= len; i++) {
		if (memcmp(p + i, key, klen) != 0 ||
		    memcmp(p + i + klen, name, nlen) != 0)
			continue;
		char after = i + klen + nlen < len ? p[i + klen + nlen] : ' ';
		if (after == ' ' || after == '*' || after == '\t')
			return 1;
	}
	return 0;
}

/* Does the line [p, p+len) close a snippet? */
static int line_closes(const char *p, size_t len)
{
	return memmem(p, len, "end snippet", 11) != NULL;
}

/* Leading blanks of the line, or SIZE_MAX for an empty line. */
static size_t line_indent(const char *p, size_t len)
{
	size_t i = 0;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i == len ? (size_t)-1 : i;
}

char *snippet_extract(const char *text, const char *name)
{
	const char *p = text, *start = NULL, *stop = NULL;
	while (*p) {
		size_t len = line_length(p);
		if (!start && line_opens(p, len, name))
			start = p + len + (p[len] == '\n');
		else if (start && line_closes(p, len)) {
			stop = p;
			break;
		}
		p += len + (p[len] == '\n');
	}
	if (!start || !stop || stop < start)
		return NULL;
	size_t indent = (size_t)-1;
	for (p = start; p < stop; p += line_length(p) + 1) {
		size_t in = line_indent(p, line_length(p));
		if (in < indent)
			indent = in;
	}
	if (indent == (size_t)-1)
		indent = 0;
	char *out = malloc((size_t)(stop - start) + 1), *o = out;
	if (!out)
		return NULL;
	for (p = start; p < stop; p += line_length(p) + 1) {
		size_t len = line_length(p);
		size_t skip = len < indent ? len : indent;
		memcpy(o, p + skip, len - skip);
		o += len - skip;
		*o++ = '\n';
	}
	*o = '\0';
	return out;
}

/* A small cache of extracted snippets, kept for the program's life. */
struct cached_snippet {
	char *name;
	char *text;
};
static struct cached_snippet *cache;
static size_t ncache;

const char *snippet_find(const char *name)
{
	for (size_t i = 0; i < ncache; i++)
		if (strcmp(cache[i].name, name) == 0)
			return cache[i].text;
	for (const struct embedded_source *s = embedded_sources; s->name; s++) {
		char *text = snippet_extract(s->text, name);
		if (!text)
			continue;
		cache = xrealloc(cache, (ncache + 1) * sizeof *cache);
		cache[ncache].name = xstrdup(name);
		cache[ncache].text = text;
		return cache[ncache++].text;
	}
	return NULL;
}
