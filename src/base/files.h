/* files.h - opening the files forklore reads: regular files only, never
 * blocking, each kind with a size limit; file names shown safely. */
#ifndef FORKLORE_FILES_H
#define FORKLORE_FILES_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Open path for reading without blocking (a FIFO or a device would block
 * in open() or read() for ever) and check that it is a regular file of at
 * most max bytes; what is a noun for the messages ("lesson file"). Returns
 * the descriptor (blocking again, close-on-exec), or -1 with a malloc'ed
 * *cause that says what is wrong ("is a FIFO, not a lesson file"); the
 * caller names the file (through files_printable).
 */
int files_open_regular(const char *path, const char *what, size_t max,
                       char **cause);

/* The whole of such a file, NUL-terminated, in a malloc'ed buffer; its
   length in *len. NULL with *cause as above. */
char *files_read_regular(const char *path, const char *what, size_t max,
                         size_t *len, char **cause);

/*
 * Is path, if it exists, a file readline or forklore may read without
 * blocking: a regular file of at most max bytes, or /dev/null? 1 yes (or
 * it does not exist), 0 no, with a malloc'ed *cause.
 */
int files_safe_to_read(const char *path, const char *what, size_t max,
                       char **cause);

/* Make a file that does not exist yet, holding text; 0, or -1 with errno
   (EEXIST: it exists; nothing is ever overwritten). A partial file is
   removed. */
int files_write_new(const char *path, const char *text, mode_t mode);

/* Replace path with a file holding text, through a temporary file and a
   rename, so the file is whole at every moment; 0, or -1 with errno. */
int files_replace(const char *path, const char *text, mode_t mode);

/* A malloc'ed copy of a file name fit to print: control characters and
   bytes that are not UTF-8 become '?'. */
char *files_printable(const char *name);

/* An executable regular file named name in a directory of PATH (not the
   current directory): 0 with its path in buf, or -1. */
int files_find_program(const char *name, char *buf, size_t size);

#endif
