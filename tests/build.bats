#!/usr/bin/env bats
# build.bats - the build is warning-free on gcc and clang, and install /
# uninstall honour PREFIX and DESTDIR.

load helpers

# Build into a private folder with compiler $1, warnings as errors, at
# optimisation level $2: gcc warns of some things only when it optimises;
# clang's warnings come from its front end, and -O0 builds faster.
build_with() {
	command -v "$1" >/dev/null || skip "$1 is not installed"
	make -C "$ROOT" -s -j2 CC="$1" CFLAGS="$2 -Werror" \
		BUILD="$BATS_TEST_TMPDIR/build-$1" BIN="$BATS_TEST_TMPDIR/forklore-$1"
}

@test "gcc builds it with -Wall -Wextra -Wshadow -Wmissing-prototypes and no warning" {
	run build_with gcc -O2
	[ "$status" -eq 0 ]
	[[ "$output" != *warning* ]]
	"$BATS_TEST_TMPDIR/forklore-gcc" --version
}

@test "clang builds it with the same warnings and no warning" {
	run build_with clang -O0
	[ "$status" -eq 0 ]
	[[ "$output" != *warning* ]]
	"$BATS_TEST_TMPDIR/forklore-clang" --version
}

@test "make install and uninstall honour PREFIX and DESTDIR" {
	dest="$BATS_TEST_TMPDIR/dest"
	make -C "$ROOT" -s install DESTDIR="$dest" PREFIX=/opt/fl
	[ -x "$dest/opt/fl/bin/forklore" ]
	[ -f "$dest/opt/fl/share/forklore/lessons/01-fork.lesson" ]
	[ -f "$dest/opt/fl/share/man/man1/forklore.1" ]
	[ -f "$dest/opt/fl/share/man/man5/forklore-lesson.5" ]
	# The exercises, with the slow-motion header their C includes.
	[ -f "$dest/opt/fl/share/forklore/lessons/exercises/slowmo.h" ]
	[ -f "$dest/opt/fl/share/forklore/lessons/exercises/fork-reap/solution.c" ]
	# The lessons in Chinese.
	[ -f "$dest/opt/fl/share/forklore/lessons/zh/01-fork.lesson" ]
	[ -f "$dest/opt/fl/share/forklore/lessons/zh/exercises/fork-reap/exercise" ]
	make -C "$ROOT" -s uninstall DESTDIR="$dest" PREFIX=/opt/fl
	[ -z "$(find "$dest" -type f)" ]
}

@test "an installed forklore finds its installed lessons" {
	prefix="$BATS_TEST_TMPDIR/prefix"
	# PREFIX is compiled in, so build a copy for this prefix.
	make -C "$ROOT" -s -j2 PREFIX="$prefix" CFLAGS=-O0 BUILD="$BATS_TEST_TMPDIR/b" \
		BIN="$BATS_TEST_TMPDIR/b/forklore" "$BATS_TEST_TMPDIR/b/forklore"
	install -d "$prefix/bin" "$prefix/share/forklore/lessons"
	install "$BATS_TEST_TMPDIR/b/forklore" "$prefix/bin/"
	cp "$ROOT"/lessons/*.lesson "$prefix/share/forklore/lessons/"
	run env -u FORKLORE_LESSONS "$prefix/bin/forklore" --plain -c lessons
	[ "$status" -eq 0 ]
	[[ "$output" == *"1. fork: one call"* ]]
}

@test "man pages render without warnings and agree with --help" {
	command -v groff >/dev/null || skip "groff is not installed"
	for page in "$ROOT/man/forklore.1" "$ROOT/man/forklore-lesson.5"; do
		run groff -man -ww -z "$page"
		[ "$status" -eq 0 ]
		[ -z "$output" ]
	done
	# Every long option of --help is in the man page, and back.
	help_opts=$("$FORKLORE" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
	# (In the OPTIONS section: a command's own switches, such as
	# check --watch, are described with the command.)
	man_opts=$(sed -n '/^\.SH OPTIONS/,/^\.SH COMMANDS/p' "$ROOT/man/forklore.1" |
		grep -oE -- '\\-\\-[a-z]([a-z]|\\-)*' | sed 's/\\-/-/g' | sort -u)
	[ "$help_opts" = "$man_opts" ]
	# Every command of the REPL is described.
	for cmd in $("$FORKLORE" --plain -c help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
		grep -q "^\.B $cmd\b\|^\.BR $cmd\b\|^\.B \"$cmd\|$cmd" "$ROOT/man/forklore.1"
	done
}

# Calls of the event loop in a C file, comments and strings left out.
loop_calls() {
	cpp -fpreprocessed -P "$1" 2>/dev/null |
		sed 's/"\([^"\\]\|\\.\)*"/""/g' | grep -n 'loop_run_once *(' || true
}

@test "the event loop runs in one place: queue_run, never inside a command" {
	for f in "$ROOT"/src/*.c "$ROOT"/src/*/*.c; do
		case "$f" in
		*/src/core/queue.c | */src/base/loop.c) continue ;;
		esac
		calls=$(loop_calls "$f")
		if [ -n "$calls" ]; then
			echo "$f runs the event loop itself:"
			echo "$calls"
			return 1
		fi
	done
	# queue.c runs it once, in queue_run.
	[ "$(loop_calls "$ROOT/src/core/queue.c" | wc -l)" -eq 1 ]
	# The check finds what it is meant to find, and only that.
	printf 'void f(void) {\n\tg("loop_run_once(l, 1)"); /* loop_run_once(l, 0) */\n\tloop_run_once(l, -1);\n}\n' > "$BATS_TEST_TMPDIR/x.c"
	[[ "$(loop_calls "$BATS_TEST_TMPDIR/x.c")" == "3:"*"loop_run_once(l, -1);" ]]
}
