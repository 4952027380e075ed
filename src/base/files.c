/* files.c - opening the files forklore reads: regular files only, never
 * blocking, each kind with a size limit; file names shown safely.
 *
 * A lesson, script or state file that is a FIFO blocks open() until a
 * writer comes; a link to /dev/zero never ends. Both would hang start-up
 * beyond Ctrl-C's reach, so every file is opened with O_NONBLOCK and
 * checked with fstat() before a byte is read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "files.h"
#include "i18n.h"
#include "utf8.h"
#include "util.h"

char *files_printable(const char *name)
{
	size_t n = strlen(name);
	char *out = xmalloc(n + 1), *o = out;
	for (size_t i = 0; i < n;) {
		long cp;
		size_t len = utf8_next(name + i, n - i, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			*o++ = '?';
			i += len;
			continue;
		}
		memcpy(o, name + i, len);
		o += len;
		i += len;
	}
	*o = '\0';
	return out;
}

/* What kind of file st is, for "not a regular file" messages. */
static const char *kind_of(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		/* TRANSLATORS: this and the kinds of file after it fill
		   the first %s of "is %s, not a %s". */
		return _("a directory");
	if (S_ISFIFO(st->st_mode))
		return _("a FIFO");
	if (S_ISCHR(st->st_mode))
		return _("a character device");
	if (S_ISBLK(st->st_mode))
		return _("a block device");
	if (S_ISSOCK(st->st_mode))
		return _("a socket");
	return _("a special file");
}

/* The files callers read through here, by the name they give them (the
   what of these functions), for the catalogue. */
static const char *const file_kinds[] = {
	/* TRANSLATORS: this and the names of files after it fill the last
	   %s of "is %s, not a %s" and of "... too big for a %s". */
	N_("lesson file"), N_("exercise file"), N_("progress file"),
	N_("script"), N_("program"), N_("history file"),
	N_("readline init file"),
};

/* what as shown: translated when it is one of file_kinds. */
static const char *what_shown(const char *what)
{
	for (size_t i = 0; i < sizeof file_kinds / sizeof *file_kinds; i++)
		if (strcmp(what, file_kinds[i]) == 0)
			return _(file_kinds[i]);
	return what;
}

/* Is st something that may be read as a file of at most max bytes? */
static char *check_stat(const struct stat *st, const char *what, size_t max)
{
	if (!S_ISREG(st->st_mode))
		/* TRANSLATORS: said of a file named before it: a kind of
		   file such as "a directory", then what it should be, such
		   as "script". */
		return xasprintf(_("is %s, not a %s"), kind_of(st),
		                 what_shown(what));
	if ((unsigned long long)st->st_size > max)
		return xasprintf(_("is larger than %zu bytes: too big for a "
		                   "%s"), max, what_shown(what));
	return NULL;
}

int files_open_regular(const char *path, const char *what, size_t max,
                       char **cause)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*cause = xasprintf(_("cannot open: %s"), strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*cause = xasprintf(_("cannot read: %s"), strerror(errno));
		close(fd);
		return -1;
	}
	if ((*cause = check_stat(&st, what, max)) != NULL) {
		close(fd);
		return -1;
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

char *files_read_regular(const char *path, const char *what, size_t max,
                         size_t *len, char **cause)
{
	int fd = files_open_regular(path, what, max, cause);
	if (fd < 0)
		return NULL;
	size_t size = 0, cap = 4096;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		if (size == cap) {
			if (cap > max)
				break;
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		ssize_t n = read(fd, buf + size, cap - size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf(_("cannot read: %s"),
			                   strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		size += (size_t)n;
	}
	close(fd);
	/* It grew while we read it. */
	if (size > max) {
		*cause = xasprintf(_("is larger than %zu bytes: too big for a "
		                     "%s"), max, what_shown(what));
		free(buf);
		return NULL;
	}
	buf[size] = '\0';
	*len = size;
	return buf;
}

int files_safe_to_read(const char *path, const char *what, size_t max,
                       char **cause)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return 1;   /* nothing there: nothing will be read */
	/* /dev/null reads as an empty file; INPUTRC=/dev/null is common. */
	if (S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 &&
	    minor(st.st_rdev) == 3)
		return 1;
	*cause = check_stat(&st, what, max);
	return *cause == NULL;
}

/* Write all of text to fd; 0, or -1 with errno. */
static int write_all(int fd, const char *text, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

int files_write_new(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	int rc = write_all(fd, text, strlen(text));
	int err = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		err = errno;
	}
	if (rc != 0) {
		unlink(path);
		errno = err;
	}
	return rc;
}

int files_replace(const char *path, const char *text, mode_t mode)
{
	char *tmp = xasprintf("%s.%d.tmp", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	int rc = fd < 0 ? -1 : write_all(fd, text, strlen(text));
	int err = errno;
	if (fd >= 0 && close(fd) != 0 && rc == 0) {
		rc = -1;
		err = errno;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		rc = -1;
		err = errno;
	}
	if (rc != 0) {
		unlink(tmp);
		errno = err;
	}
	free(tmp);
	return rc;
}

/* An executable regular file named name in a directory of PATH: 0 with
   its path in buf, or -1. */
int files_find_program(const char *name, char *buf, size_t size)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t len = strcspn(path, ":");
		/* An empty entry is the current directory: not searched, so
		   that only an installed Python is ever run. */
		if (len && len + strlen(name) + 2 < size) {
			snprintf(buf, size, "%.*s/%s", (int)len, path, name);
			struct stat st;
			if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) &&
			    access(buf, X_OK) == 0)
				return 0;
		}
		path += len + (path[len] == ':');
	}
	return -1;
}
