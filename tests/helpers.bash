# helpers.bash - shared by the bats suites: paths, waiting, terminals.
# (forklore --mask masks PIDs and times in transcripts itself.)

ROOT="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
# The binary under test: ./forklore, or a sanitizer build's (FORKLORE_BIN).
FORKLORE="$ROOT/${FORKLORE_BIN:-forklore}"
export FORKLORE_LESSONS="$ROOT/lessons"
# Never the user's own progress and history: run-all.sh gives each file a
# state folder; a file run by itself (make torture, bats FILE) gets one too.
if [ -z "${FORKLORE_SUITE_STATE:-}" ]; then
	export XDG_STATE_HOME="${BATS_TEST_TMPDIR:-${TMPDIR:-/tmp}}/state"
	mkdir -p "$XDG_STATE_HOME"
fi
export LC_ALL=C.UTF-8

# Run forklore in plain mode, no pauses, fixed seed.
fl() {
	"$FORKLORE" --plain --speed 0 --seed 1 "$@"
}

# Wait until a command succeeds, polling every 50 ms; fail after $1 s.
wait_until() {
	local limit=$1
	shift
	local tries=$((limit * 20))
	while ! "$@"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep 0.05
	done
}

# The field N (1-based, after the name) of /proc/PID/stat: 1 = state,
# 2 = ppid, 3 = pgid.
stat_field() {
	local rest
	rest=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
	echo "$rest" | cut -d' ' -f"$2"
}

# Is process PID in one of the states given (S, T, t...) now? For
# wait_until, which runs it again at each try (a "$(stat_field ...)" in
# its arguments would be read only once, before the first).
state_in() {
	local pid=$1 now
	shift
	now=$(stat_field "$pid" 1) || return 1
	for want in "$@"; do
		[ "$now" = "$want" ] && return 0
	done
	return 1
}

# ---- a real terminal: a private tmux server per test -------------------

# Start a shell in a private tmux server, COLSxROWS; forklore is then typed
# into it like a user would.
term_start() {
	TMUX_SOCKET="forklore-test-$$-${BATS_TEST_NUMBER:-0}-$RANDOM"
	tmux -L "$TMUX_SOCKET" -f /dev/null new-session -d -x "$1" -y "$2" \
		"env PS1='$ ' INPUTRC=${INPUTRC:-/dev/null} bash --norc --noprofile"
	tmux -L "$TMUX_SOCKET" set-option -g status off >/dev/null
	wait_until 5 term_has '$'
}

term_stop() {
	[ -n "${TMUX_SOCKET:-}" ] || return 0
	# A sanitizer build ends first what runs in the pane, with SIGTERM:
	# the SIGCONT that a closing terminal sends can cancel the SIGSTOP
	# that LeakSanitizer's exit check waits for, and leave it hanging.
	if [ -n "${FORKLORE_SANITIZED:-}" ]; then
		local shell
		shell=$(tmux -L "$TMUX_SOCKET" display -p '#{pane_pid}' 2>/dev/null)
		if [ -n "$shell" ]; then
			pgrep -s "$shell" | grep -vx "$shell" | xargs -r kill -TERM 2>/dev/null
			wait_until 5 session_is_bare "$shell" || true
		fi
	fi
	tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null
	TMUX_SOCKET=
	return 0
}
session_is_bare() { [ -z "$(pgrep -s "$1" | grep -vx "$1")" ]; }

term_screen() { tmux -L "$TMUX_SOCKET" capture-pane -p; }
# capture-pane drops trailing blanks, so the needle drops them too.
term_has() {
	local needle="$1"
	needle="${needle%"${needle##*[! ]}"}"
	term_screen | grep -qF -- "$needle"
}
term_keys() { tmux -L "$TMUX_SOCKET" send-keys "$@"; }
# Type text literally, then press Enter.
term_type() { tmux -L "$TMUX_SOCKET" send-keys -l -- "$1"; tmux -L "$TMUX_SOCKET" send-keys Enter; }
term_last_line() { term_screen | sed '/^$/d' | tail -n 1; }
# The PID of a process in the pane's session, by name: "forklore" is the
# interface, "forklore-guard" the process the shell started.
term_pid_of() { pgrep -x "$1" -s "$(tmux -L "$TMUX_SOCKET" display -p '#{pane_pid}')"; }

# Start forklore in plain mode in the background: its output goes to the
# file $out, the PID the shell knows (the guard) is in $ui, and the
# interface, the guard's one child and the demos' parent, in $iface.
start_plain() {
	out="$BATS_TEST_TMPDIR/out"
	"$FORKLORE" --plain "$@" > "$out" 2>&1 &
	ui=$!
	iface=
	wait_until 5 find_iface
}
find_iface() { iface=$(pgrep -x forklore -P "$ui"); [ -n "$iface" ]; }

# The PID in the tag of the first line read: "[1234 name] text" -> 1234.
tag_pid() { sed -n 's/^\[\([0-9]*\)[ :].*/\1/p' | head -n 1; }

# python_step LESSON STEP [ARGS...]: run python on that step of the lesson,
# wait, then ps (the exact record), at speed 0.
python_step() {
	local lesson=$1 step=$2
	shift 2
	printf 'open %s\ngoto %s\nrun python %s\nwait\nps\n' "$lesson" "$step" "$*" |
		timeout 60 "$FORKLORE" --plain --speed 0 --seed 1 --no-predict
}

# The rows of the record that `ps` printed in TEXT, continuations joined.
ps_rows() {
	printf '%s\n' "$1" | sed -n '/^PID\/TID/,$p' | tail -n +2 |
		awk '/^ +[0-9]+ +[0-9]+ / { if (r) print r; r = $0; next }
		     /^ +[^ 0-9]/ { sub(/^ +/, " "); r = r $0; next }
		     { if (r) print r; r = "" } END { if (r) print r }'
}

# The PID a demo started as, from TEXT ("... started as pid N; ...").
started_pid() { printf '%s\n' "$1" | sed -n 's/.*started as pid \([0-9]*\);.*/\1/p' | head -n 1; }
