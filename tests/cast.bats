#!/usr/bin/env bats
# cast.bats - --cast FILE: the session recorded as an asciicast v2 file,
# in plain mode through a pipe and in the panes in a real terminal (tmux):
# a valid file, what was shown in it, resizes, job control, signals, and
# nothing left behind.

load helpers

teardown() {
	term_stop
	[ -z "${tag:-}" ] || bash "$ROOT/tests/census.sh" "$tag" | xargs -r kill -9
}

# cast_valid FILE: the header is asciicast v2 with a size; every later
# line is [time, "o" or "r", text] with times that never go back, and
# resizes read COLSxROWS. The file is read as strict UTF-8.
cast_valid() {
	python3 - "$1" <<'EOF'
import json, re, sys
with open(sys.argv[1], encoding="utf-8", errors="strict") as f:
    lines = f.read().split("\n")
assert lines[-1] == "", "the last line has no line end"
header = json.loads(lines[0])
assert isinstance(header, dict), "the header is not an object"
assert header["version"] == 2, "not version 2"
for key in ("width", "height"):
    assert type(header[key]) is int and header[key] > 0, key
assert type(header["timestamp"]) is int, "timestamp"
assert isinstance(header["env"], dict), "env"
last = 0.0
for n, line in enumerate(lines[1:-1], 2):
    event = json.loads(line)
    assert isinstance(event, list) and len(event) == 3, f"line {n}: {line}"
    t, kind, data = event
    assert type(t) is float and t >= last, f"line {n}: time {t} after {last}"
    assert kind in ("o", "r"), f"line {n}: kind {kind}"
    assert isinstance(data, str), f"line {n}: data"
    if kind == "r":
        assert re.fullmatch(r"[1-9][0-9]*x[1-9][0-9]*", data), f"line {n}"
    last = t
EOF
}

# cast_output FILE: the text of every "o" event, in order.
cast_output() {
	python3 -c 'import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]
sys.stdout.write("".join(e[2] for e in map(json.loads, lines) if e[1] == "o"))' "$1"
}

# cast_field FILE KEY: a field of the header.
cast_field() {
	python3 -c 'import json, sys
print(json.loads(open(sys.argv[1]).readline())[sys.argv[2]])' "$1" "$2"
}

# cast_resizes FILE: the "r" events' sizes, one a line.
cast_resizes() {
	python3 -c 'import json, sys
for e in map(json.loads, open(sys.argv[1]).read().splitlines()[1:]):
    if e[1] == "r": print(e[2])' "$1"
}

# asciinema cat FILE, which wants a terminal of its own (it opens
# /dev/tty): script(1) gives it one. Skips the test (after what it already
# checked) when asciinema is not installed.
asciinema_cat() {
	if ! command -v asciinema >/dev/null; then
		skip "asciinema is not installed (apt-get install asciinema)"
	fi
	script -qec "asciinema cat '$1'" /dev/null < /dev/null
}

# ---- in a real terminal ----------------------------------------------

flag() { tmux -L "$TMUX_SOCKET" display -p "#{$1}"; }
flag_is() { [ "$(flag "$1")" = "$2" ]; }
tagged() { bash "$ROOT/tests/census.sh" "$tag"; }
nothing_tagged() { [ -z "$(tagged)" ]; }
# The tagged process with this name (the interface is in a session of
# its own under --cast, so the pane's session does not hold it).
tagged_named() {
	local pid
	for pid in $(tagged); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] && echo "$pid"
	done
	return 0
}
cast_has() { cast_output "$cast" | grep -qF -- "$1"; }

# Start the panes with --cast in a COLSxROWS tmux shell, in the fork
# lesson; $recorder, $guard and $iface are then its three processes.
start_cast() {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	tag="cast-$$-$RANDOM"
	cast="$BATS_TEST_TMPDIR/session.cast"
	term_start "$1" "$2"
	[ -z "${IN_SHELL:-}" ] || term_type "exec $IN_SHELL"
	term_type "cd '$BATS_TEST_TMPDIR' && stty -g > stty.before"
	term_type "${START_ENV:-} FORKLORE_CENSUS=$tag '$FORKLORE' --no-predict --cast '$cast' fork"
	wait_until 5 term_has 'forklore fork 1/6>'
	recorder=$(term_pid_of forklore-cast)
	guard=$(tagged_named forklore-guard)
	iface=$(tagged_named forklore)
	[ -n "$recorder" ] && [ -n "$guard" ] && [ -n "$iface" ]
}

# The terminal as the shell had it: normal screen, cursor shown, keypad
# mode off, the same tty settings; and the shell answers.
terminal_is_back() {
	wait_until 5 flag_is alternate_on 0
	[ "$(flag cursor_flag)" = 1 ]
	[ "$(flag keypad_flag)" = 0 ]
	term_type "stty -g > stty.after; echo \"shell says \$((6 * 7))\""
	wait_until 5 term_has 'shell says 42'
	diff "$BATS_TEST_TMPDIR/stty.before" "$BATS_TEST_TMPDIR/stty.after"
	rm -f "$BATS_TEST_TMPDIR/stty.after"
}

# The exit status the shell saw from forklore.
last_status_is() {
	term_type "echo \"status was \$?\""
	wait_until 5 term_has "status was $1"
}

# ---- the tests -------------------------------------------------------

@test "--cast in plain mode into a pipe: a valid cast of exactly what was printed" {
	cast="$BATS_TEST_TMPDIR/plain.cast"
	out="$BATS_TEST_TMPDIR/out"
	env -u COLUMNS -u LINES "$FORKLORE" --plain --speed 0 --seed 1 \
		--cast "$cast" -c 'open fork; run; code python' | cat > "$out"
	[ "${PIPESTATUS[0]}" -eq 0 ]
	cast_valid "$cast"
	[ "$(cast_field "$cast" width)" = 80 ]
	[ "$(cast_field "$cast" height)" = 24 ]
	[ -z "$(cast_resizes "$cast")" ]
	grep -q 'demo ended, exit status 0' "$out"
	# The recording is the transcript, each LF shown as a terminal
	# would show it, CR LF.
	sed 's/$/\r/' "$out" > "$BATS_TEST_TMPDIR/expected"
	cast_output "$cast" | cmp - "$BATS_TEST_TMPDIR/expected"
	# What asciinema plays back is that transcript.
	asciinema_cat "$cast" | tr -d '\r' > "$BATS_TEST_TMPDIR/played"
	grep -qF 'fork: one call, two returns  (step 1/6 of fork)' "$BATS_TEST_TMPDIR/played"
	grep -qF 'demo ended, exit status 0' "$BATS_TEST_TMPDIR/played"
	grep -qF 'os.fork()' "$BATS_TEST_TMPDIR/played"
}

@test "--cast through a pipe: the size from COLUMNS and LINES, standard error only when it goes along, the status kept" {
	cast="$BATS_TEST_TMPDIR/plain.cast"
	# 2>&1: standard error goes where standard output goes, and so into
	# the recording, in order.
	COLUMNS=100 LINES=30 "$FORKLORE" --plain --speed 0 --cast "$cast" \
		-c 'open fork; frobnicate' 2>&1 | cat > "$BATS_TEST_TMPDIR/out"
	[ "${PIPESTATUS[0]}" -eq 1 ]
	cast_valid "$cast"
	[ "$(cast_field "$cast" width)" = 100 ]
	[ "$(cast_field "$cast" height)" = 30 ]
	cast_has "forklore: -c: command 2: unknown command 'frobnicate'"
	grep -qF "forklore: -c: command 2: unknown command 'frobnicate'" "$BATS_TEST_TMPDIR/out"
	# Apart, it is not in the recording; it still reaches its file.
	"$FORKLORE" --plain --speed 0 --cast "$cast" -c 'open fork; frobnicate' \
		2> "$BATS_TEST_TMPDIR/err" | cat > "$BATS_TEST_TMPDIR/out"
	[ "${PIPESTATUS[0]}" -eq 1 ]
	cast_valid "$cast"
	! cast_has "unknown command 'frobnicate'"
	cast_has 'fork: one call, two returns'
	grep -qF "unknown command 'frobnicate'" "$BATS_TEST_TMPDIR/err"
	# The file is overwritten, not added to: one header.
	[ "$(grep -c '"version": 2' "$cast")" -eq 1 ]
}

@test "--cast in the panes at 80x24: a valid cast of the session, the terminal back, nothing left" {
	start_cast 80 24
	# The recorder is what the shell started; the rest of forklore runs
	# on a pty of its own, in a session of its own.
	[ "$(cat "/proc/$recorder/comm")" = forklore-cast ]
	[ "$(stat_field "$guard" 2)" = "$recorder" ]
	[ "$(stat_field "$iface" 2)" = "$guard" ]
	[ "$(stat_field "$guard" 4)" = "$guard" ]
	[ "$(stat_field "$guard" 5)" != "$(stat_field "$recorder" 5)" ]
	term_type 'open fork'
	term_type 'run'
	wait_until 10 term_has 'demo ended, exit status 0'
	term_type 'quit'
	wait_until 5 nothing_tagged
	last_status_is 0
	terminal_is_back
	cast_valid "$cast"
	[ "$(cast_field "$cast" width)" = 80 ]
	[ "$(cast_field "$cast" height)" = 24 ]
	# The lesson's title, the demo's end, and the screen put away at the
	# end (curses leaving the alternate screen) are all in it.
	cast_has 'fork: one call, two returns'
	cast_has 'demo ended, exit status 0'
	cast_has $'\e[?1049h'
	cast_output "$cast" | tail -c 200 | grep -qF $'\e[?1049l'
	asciinema_cat "$cast" > "$BATS_TEST_TMPDIR/played"
	grep -qF 'fork: one call, two returns' "$BATS_TEST_TMPDIR/played"
}

# The panes are drawn COLS wide and ROWS high: the rule under the title
# reaches the last column, the prompt is on the last line.
panes_fill() {
	local screen
	screen=$(term_screen)
	[ "$(echo "$screen" | sed -n 2p | tr -d '\n' | wc -m)" -eq "$1" ] &&
	[ "$(echo "$screen" | sed -n "${2}p")" = "forklore fork 1/6>" ]
}

@test "--cast: a resize goes to the panes and into the cast as an r event" {
	start_cast 80 24
	panes_fill 80 24
	tmux -L "$TMUX_SOCKET" resize-window -x 100 -y 30
	wait_until 5 eval '[ "$(cast_resizes "$cast")" = 100x30 ]'
	wait_until 5 panes_fill 100 30
	tmux -L "$TMUX_SOCKET" resize-window -x 90 -y 26
	wait_until 5 eval '[ "$(cast_resizes "$cast" | tail -n 1)" = 90x26 ]'
	wait_until 5 panes_fill 90 26
	term_type 'quit'
	terminal_is_back
	wait_until 5 nothing_tagged
	cast_valid "$cast"
	[ "$(cast_resizes "$cast" | tr '\n' ' ')" = "100x30 90x26 " ]
	# The header keeps the size the session began with.
	[ "$(cast_field "$cast" width)" = 80 ]
	[ "$(cast_field "$cast" height)" = 24 ]
	asciinema_cat "$cast" > /dev/null
}

@test "--cast FILE that cannot be created: one line, exit 2, nothing started" {
	run "$FORKLORE" --plain --cast "$BATS_TEST_TMPDIR/no/such/dir/x.cast" -c lessons
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$output" = "forklore: --cast $BATS_TEST_TMPDIR/no/such/dir/x.cast: No such file or directory" ]
	run "$FORKLORE" --plain --cast "$BATS_TEST_TMPDIR" -c lessons
	[ "$status" -eq 2 ]
	[ "$output" = "forklore: --cast $BATS_TEST_TMPDIR: Is a directory" ]
	if [ "$(id -u)" -ne 0 ]; then
		touch "$BATS_TEST_TMPDIR/locked.cast"
		chmod 0444 "$BATS_TEST_TMPDIR/locked.cast"
		run "$FORKLORE" --plain --cast "$BATS_TEST_TMPDIR/locked.cast" -c lessons
		[ "$status" -eq 2 ]
		[ "$output" = "forklore: --cast $BATS_TEST_TMPDIR/locked.cast: Permission denied" ]
	fi
}

@test "--cast: Ctrl-Z and fg stop and resume every process, the terminal as it was meanwhile" {
	# In dash: unlike bash, it does not put the terminal's modes back
	# when a job stops, so what they are then is forklore's doing.
	command -v dash >/dev/null || skip "dash is not installed"
	IN_SHELL="dash -i" start_cast 80 24
	term_type 'demo thread-loop count=8'
	wait_until 5 term_has 'LoopThread] LoopThread:'
	demo=$(pgrep -x MainThread -P "$iface")
	[ -n "$demo" ]
	term_keys C-z
	wait_until 5 term_has 'Stopped'
	for pid in "$recorder" "$guard" "$iface"; do
		wait_until 5 eval '[ "$(stat_field "$pid" 1)" = T ]'
	done
	# The demo: T, or t (the tracing stop) while forklore keeps its record.
	wait_until 5 eval '[[ "$(stat_field "$demo" 1)" == [Tt] ]]'
	# Stopped, forklore leaves the terminal as the shell had it: not raw.
	terminal_is_back
	term_type fg
	wait_until 5 flag_is alternate_on 1
	wait_until 5 term_has 'forklore fork 1/6>'
	for pid in "$recorder" "$guard"; do
		wait_until 5 eval '[ "$(stat_field "$pid" 1)" = S ]'
	done
	wait_until 10 term_has 'demo ended, exit status 0'
	term_type quit
	wait_until 5 nothing_tagged
	last_status_is 0
	terminal_is_back
	cast_valid "$cast"
	# The screen was put away at Ctrl-Z and came back at fg.
	[ "$(cast_output "$cast" | grep -oF $'\e[?1049h' | wc -l)" -ge 2 ]
	asciinema_cat "$cast" > /dev/null
}

@test "--cast: TERM to the recorder, kill -9 of the guard or of the recorder end everything" {
	start_cast 80 24
	term_type 'demo thread-loop count=20'
	wait_until 5 term_has 'LoopThread] LoopThread:'
	kill -TERM "$recorder"
	wait_until 5 nothing_tagged
	last_status_is 143
	terminal_is_back
	cast_valid "$cast"
	term_stop
	# The guard killed: the interface leaves on its death signal, comes
	# back to the recorder, which relays it putting the screen away.
	start_cast 80 24
	term_type 'demo thread-loop count=20'
	wait_until 5 term_has 'LoopThread] LoopThread:'
	kill -9 "$guard"
	wait_until 5 nothing_tagged
	last_status_is 137
	terminal_is_back
	cast_valid "$cast"
	cast_output "$cast" | tail -c 200 | grep -qF $'\e[?1049l'
	term_stop
	# The recorder killed cannot give the terminal back, but the rest
	# of forklore must not outlive it.
	start_cast 80 24
	term_type 'demo thread-loop count=20'
	wait_until 5 term_has 'LoopThread] LoopThread:'
	kill -9 "$recorder"
	wait_until 5 nothing_tagged
}
