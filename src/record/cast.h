/* cast.h - --cast FILE: the session recorded as an asciicast v2 file. */
#ifndef FORKLORE_CAST_H
#define FORKLORE_CAST_H

/*
 * Split in two, like script(1): the process that called stays above
 * everything as the recorder, relays the terminal (or the output pipe)
 * and writes FILE, and exits with the status of the rest when it is over;
 * the new child returns 0 and carries on as forklore, with a terminal of
 * its own when standard output was one. Returns -1 with a malloc'ed
 * one-line *cause ("--cast FILE: reason") when nothing could be started,
 * before anything ran.
 */
int cast_start(const char *path, char **cause);

#endif
