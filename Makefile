# forklore - an interactive terminal course on processes and threads.
#
#   make            build ./forklore
#   make check      build and run every test (unit, transcript, terminal)
#   make check SANITIZE=1       the same, built with ASan and UBSan
#   make check SANITIZE=thread  the same, built with ThreadSanitizer
#   make torture    the long versions of the torture tests
#   make fuzz       fuzz the lesson and script parsers (clang, libFuzzer)
#   make bench      measure; print a table and write bench/results.md
#   make install    install under $(DESTDIR)$(PREFIX)
#   make uninstall  remove what install put there

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/forklore
MANDIR    ?= $(PREFIX)/share/man
LESSONDIR ?= $(DATADIR)/lessons
LOCALEDIR ?= $(PREFIX)/share/locale

CC        ?= cc
PKG_CONFIG ?= pkg-config
VERSION   := 0.1.0

WARN      := -Wall -Wextra -Wshadow -Wmissing-prototypes
CFLAGS    ?= -O2 -g
BUILD     ?= build
BIN       ?= forklore

# Sanitizer builds live apart, so they never mix with the normal objects;
# their binary sits beside lessons/ like the normal one.
ifeq ($(SANITIZE),1)
BUILD     := build/asan
BIN       := forklore-asan
CFLAGS    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
             -fno-sanitize-recover=undefined
LDFLAGS   += -fsanitize=address,undefined
else ifeq ($(SANITIZE),thread)
BUILD     := build/tsan
BIN       := forklore-tsan
CFLAGS    := -O1 -g -fno-omit-frame-pointer -fsanitize=thread
LDFLAGS   += -fsanitize=thread
endif

# libcrypto (OpenSSL) gives the distributed-processes demo its HMAC.
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw readline libcrypto 2>/dev/null)
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw readline libcrypto 2>/dev/null)
ifeq ($(strip $(DEP_LIBS)),)
DEP_LIBS   := -lreadline -lncursesw -lcrypto
endif

ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(DEP_CFLAGS) \
             $(SRC_INCLUDES) -I$(BUILD) -DFORKLORE_VERSION='"$(VERSION)"' \
             -DFORKLORE_LESSONDIR='"$(LESSONDIR)"' \
             -DFORKLORE_LOCALEDIR='"$(LOCALEDIR)"' -MMD -MP
ALL_LDLIBS = $(DEP_LIBS) -pthread -lrt -lm $(LDLIBS)

# src/ holds main.c and one folder per part: base (loop, signals, files,
# text), core (session, queue, commands, lessons), front (plain, panes),
# demos, proc (runner, guard, /proc reader, timeline), record (record,
# cast, mask). Every folder is on the include path.
SRC_DIRS  := src src/base src/core src/front src/demos src/proc src/record
SRC_INCLUDES := $(addprefix -I,$(SRC_DIRS))
SRCS      := $(sort $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c)))
DEMO_SRCS := $(sort $(wildcard src/demos/demo_*.c))
# Embedded as text too: the demos' C, and the start-up module that
# `run python` gives every Python process of a run.
EMBED_SRCS := $(DEMO_SRCS) src/python/sitecustomize.py
OBJS      := $(SRCS:src/%.c=$(BUILD)/%.o) $(BUILD)/sources.o
LIB_OBJS  := $(filter-out $(BUILD)/main.o,$(OBJS))

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/%)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

.PHONY: all check unit-check torture fuzz bench install uninstall clean

all: $(BIN) locales

# The interface in other languages: po/LANG.po compiled by msgfmt into
# locale/LANG/LC_MESSAGES/forklore.mo beside the program (where an
# uninstalled forklore looks). Without msgfmt, English only.
MSGFMT    ?= msgfmt
XGETTEXT  ?= xgettext
PO_FILES  := $(wildcard po/*.po)
MO_FILES  := $(PO_FILES:po/%.po=locale/%/LC_MESSAGES/forklore.mo)

.PHONY: locales pot
HAVE_MSGFMT := $(shell command -v $(MSGFMT) >/dev/null 2>&1 && echo yes)
ifeq ($(HAVE_MSGFMT),yes)
locales: $(MO_FILES)
else
locales:
	@echo "note: no msgfmt (gettext): forklore's interface will be in English only"
endif

locale/%/LC_MESSAGES/forklore.mo: po/%.po
	@mkdir -p $(@D)
	$(MSGFMT) --check -o $@ $<

# po/forklore.pot: every message marked _() or N_() in the sources.
pot:
	$(XGETTEXT) --from-code=UTF-8 --keyword=_ --keyword=N_ -c'TRANSLATORS' \
		--package-name=forklore --package-version=$(VERSION) \
		-o po/forklore.pot $(SRCS)

$(BIN): $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(ALL_LDLIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The demo sources are compiled into the binary *and* embedded in it as text,
# so the C a lesson shows is the C that runs.
$(BUILD)/sources.c: $(EMBED_SRCS) src/demos/embed.sh | $(BUILD)
	sh src/demos/embed.sh $(EMBED_SRCS) > $@.tmp && mv $@.tmp $@

$(BUILD)/sources.o: $(BUILD)/sources.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)

$(BUILD)/test_%: tests/unit/test_%.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) \
		$(CMOCKA_LIBS) $(ALL_LDLIBS)

# The torture driver (tests/torture.c) knows the demo table.
$(BUILD)/torture: tests/torture.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(ALL_LDLIBS) -lutil

# The fuzz targets once over their regression inputs and seeds, built
# with the same compiler and flags as everything else.
$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
		$(LIB_OBJS) $(ALL_LDLIBS)

check: $(BIN) $(UNIT_BINS) $(BUILD)/torture $(BUILD)/replay_lesson \
       $(BUILD)/replay_script
	FORKLORE_BIN=$(BIN) BUILD=$(BUILD) SANITIZE=$(SANITIZE) \
		bash tests/run-all.sh $(UNIT_BINS)

torture: $(BIN) $(BUILD)/torture
	TORTURE=1 FORKLORE_BIN=$(BIN) BUILD=$(BUILD) bats tests/torture.bats

# ---- fuzzing: clang's libFuzzer, with ASan and UBSan ---------------------
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
FUZZ_CFLAGS  := -std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer \
                -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=undefined $(DEP_CFLAGS) $(SRC_INCLUDES) \
                -I$(FUZZ_BUILD) -DFORKLORE_VERSION='"$(VERSION)"' \
                -DFORKLORE_LESSONDIR='"$(LESSONDIR)"'
FUZZ_OBJS    := $(filter-out $(FUZZ_BUILD)/main.o, \
                $(SRCS:src/%.c=$(FUZZ_BUILD)/%.o)) $(FUZZ_BUILD)/sources.o

$(FUZZ_BUILD)/%.o: src/%.c | $(FUZZ_BUILD)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
$(FUZZ_BUILD)/sources.c: $(EMBED_SRCS) src/demos/embed.sh | $(FUZZ_BUILD)
	sh src/demos/embed.sh $(EMBED_SRCS) > $@.tmp && mv $@.tmp $@
$(FUZZ_BUILD)/sources.o: $(FUZZ_BUILD)/sources.c
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
$(FUZZ_BUILD):
	mkdir -p $(FUZZ_BUILD)
$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) \
		$(ALL_LDLIBS)

# Half the time each; a crash or leak stops it and leaves the input in
# build/fuzz/ (keep it in tests/fuzz/regress-*/ once fixed).
.SECONDARY: $(FUZZ_OBJS) $(FUZZ_BUILD)/sources.c

fuzz: $(FUZZ_BUILD)/fuzz_lesson $(FUZZ_BUILD)/fuzz_script
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# ---- benchmarks: not part of check ------------------------------------------
$(BUILD)/bench: bench/bench.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(ALL_LDLIBS)

bench: $(BIN) $(BUILD)/bench
	BUILD=$(BUILD) bash bench/run.sh

unit-check: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do ./$$t || exit 1; done

install: forklore locales
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LESSONDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 forklore $(DESTDIR)$(BINDIR)/forklore
	install -m 644 lessons/*.lesson lessons/*.script $(DESTDIR)$(LESSONDIR)/
	install -d $(DESTDIR)$(LESSONDIR)/zh $(DESTDIR)$(LESSONDIR)/exercises
	install -m 644 lessons/zh/*.lesson $(DESTDIR)$(LESSONDIR)/zh/
	for d in lessons/zh/exercises/*/; do \
		[ -f $$d/exercise ] || continue; \
		n=$$(basename $$d); \
		install -d $(DESTDIR)$(LESSONDIR)/zh/exercises/$$n && \
		install -m 644 $$d/exercise \
			$(DESTDIR)$(LESSONDIR)/zh/exercises/$$n/ || exit 1; \
	done
	install -m 644 lessons/exercises/slowmo.h lessons/exercises/slowmo.py \
		$(DESTDIR)$(LESSONDIR)/exercises/
	for d in lessons/exercises/*/; do \
		n=$$(basename $$d); \
		install -d $(DESTDIR)$(LESSONDIR)/exercises/$$n && \
		install -m 644 $$(find $$d -maxdepth 1 -type f) \
			$(DESTDIR)$(LESSONDIR)/exercises/$$n/ || exit 1; \
	done
	install -m 644 man/forklore.1 $(DESTDIR)$(MANDIR)/man1/forklore.1
	install -m 644 man/forklore-lesson.5 $(DESTDIR)$(MANDIR)/man5/forklore-lesson.5
	for mo in $(wildcard locale/*/LC_MESSAGES/forklore.mo); do \
		l=$$(echo $$mo | cut -d/ -f2); \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/forklore
	rm -f $(DESTDIR)$(MANDIR)/man1/forklore.1 $(DESTDIR)$(MANDIR)/man5/forklore-lesson.5
	rm -f $(DESTDIR)$(LESSONDIR)/*.lesson $(DESTDIR)$(LESSONDIR)/*.script
	rm -rf $(DESTDIR)$(LESSONDIR)/exercises
	rm -f $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/forklore.mo
	rm -f $(DESTDIR)$(LESSONDIR)/zh/*.lesson
	rm -rf $(DESTDIR)$(LESSONDIR)/zh/exercises
	-rmdir $(DESTDIR)$(LESSONDIR)/zh 2>/dev/null
	-rmdir $(DESTDIR)$(LESSONDIR) $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build forklore forklore-asan forklore-tsan locale

-include $(OBJS:.o=.d)
