#!/usr/bin/env bats
# classroom.bats - the presenter's replay in the panes (typed commands,
# pause keys, --pace, wait TEXT), predict-then-see, progress kept across
# sessions, recording a session as a script, and the projector preset.

load helpers

setup() {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	script="$BATS_TEST_TMPDIR/class.script"
}

teardown() {
	term_stop
}

# Start forklore with these arguments in a tmux terminal, COLSxROWS.
start_term() {
	local cols=$1 rows=$2
	shift 2
	term_start "$cols" "$rows"
	term_type "cd '$BATS_TEST_TMPDIR' && '$FORKLORE' $* ; echo \"exit=\$?\""
}

status_line() { term_screen | tail -n 2 | head -n 1; }
prompt_line() { term_screen | tail -n 1; }
screen_lacks() { ! term_has "$1"; }

@test "replay: each command is typed out at the prompt, then runs" {
	printf '# a comment\nopen fork\n\nlessons\n' > "$script"
	start_term 100 30 --speed 0 --type-speed 8 --script "$script"
	# Watch the prompt: part of a command must show before all of it.
	partial=0
	for _ in $(seq 100); do
		line=$(prompt_line)
		case "$line" in
		"forklore> open fork"*) break ;;
		"forklore> o"*) partial=1 ;;
		esac
		sleep 0.05
	done
	[ "$partial" = 1 ]
	wait_until 10 term_has 'fork: one call, two returns  step 1/6'
	wait_until 10 term_has 'Replay of class.script done. The prompt is yours.'
	# lessons' answer, from its top.
	term_has '1. fork: one call, two returns'
	# The prompt is the presenter's now.
	term_type 'goto 2'
	wait_until 5 term_has 'step 2/6'
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "replay: pause waits for Space or Enter; p holds and resumes" {
	printf 'open fork\npause\nnext\npause\nnext\n' > "$script"
	start_term 100 30 --speed 0 --type-speed 0 --script "$script"
	wait_until 10 term_has 'PAUSE; Space or Enter goes on'
	term_has 'step 1/6'
	sleep 1.5
	# Nobody pressed a key: still there.
	term_has 'step 1/6'
	term_has 'PAUSE; Space or Enter goes on'
	term_keys Space
	wait_until 5 term_has 'step 2/6'
	wait_until 5 term_has 'class.script 4/5: PAUSE'
	term_keys p
	wait_until 5 term_has 'HELD; p resumes, q takes over'
	term_keys Enter
	sleep 1
	term_has 'step 2/6'              # held: Enter does nothing
	term_keys p
	wait_until 5 term_has 'PAUSE; Space or Enter goes on'
	# Ctrl-C holds the replay too, and the status line says so.
	term_keys C-c
	wait_until 5 term_has 'HELD; p resumes, q takes over'
	term_keys p
	wait_until 5 term_has 'PAUSE; Space or Enter goes on'
	term_keys Enter
	wait_until 5 term_has 'step 3/6'
	wait_until 5 term_has 'Replay of class.script done'
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "replay: q hands the prompt over, and the replay goes no further" {
	printf 'open fork\npause\nnext\nnext\n' > "$script"
	start_term 100 30 --speed 0 --type-speed 0 --script "$script"
	wait_until 10 term_has 'PAUSE; Space or Enter goes on'
	term_keys q
	wait_until 5 term_has 'Left the replay of class.script at line 2 of 4'
	term_type 'goto 5'
	wait_until 5 term_has 'step 5/6'
	sleep 1.5
	term_has 'step 5/6'
	screen_lacks 'step 3/6'
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "replay: --pace goes on after a pause by itself, not before" {
	printf 'open fork\npause\nnext\n' > "$script"
	start_term 100 30 --speed 0 --type-speed 0 --pace 1.5 --script "$script"
	wait_until 10 term_has 'PAUSE; goes on in 1.5 s'
	t0=$(date +%s%N)
	wait_until 10 term_has 'step 2/6'
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	echo "went on after $ms ms"
	[ "$ms" -ge 1200 ] && [ "$ms" -le 4000 ]
	term_type quit
}

@test "replay: a script that fails a line and quits leaves with status 1" {
	printf 'open fork\nno-such-command\nquit\n' > "$script"
	start_term 100 30 --speed 0 --type-speed 0 --script "$script"
	wait_until 15 term_has 'exit=1'
	printf 'open fork\nquit\n' > "$script"
	term_type clear
	term_type "'$FORKLORE' --type-speed 0 --script '$script'; echo \"exit=\$?\""
	wait_until 15 term_has 'exit=0'
}

@test "replay: wait TEXT in the panes stops the demo after the text, not later" {
	printf 'demo thread-loop count=20\nwait LoopThread: count 2\nstop\n' > "$script"
	start_term 120 40 --speed 1 --type-speed 0 --script "$script"
	wait_until 15 term_has 'Replay of class.script done'
	term_has 'LoopThread: count 2'
	term_has 'demo stopped after'
	screen_lacks 'LoopThread: count 4'
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "predict: run asks first, and the answer is compared with what the demo showed" {
	start_term 200 50 --speed 0 fork
	wait_until 5 term_has 'forklore fork 1/6>'
	term_type run
	wait_until 5 term_has 'Predict: After the fork, who prints first'
	wait_until 5 term_has 'predict>'
	screen_lacks 'demo fork-once started'
	# The options are listed; an answer that cannot be judged is asked
	# again, and the demo waits for one that can.
	wait_until 5 term_has 'b) the child'
	term_type 'maybe the parent or the child'
	wait_until 5 term_has "'maybe the parent or the child' cannot be judged: answer with a letter"
	wait_until 5 term_has 'predict>'
	screen_lacks 'demo fork-once started'
	term_type 'the parent'
	wait_until 5 term_has "You predicted 'a) the parent'; the demo"
	# The verdict is kept with the progress.
	grep -qE '^lesson fork .*predicted 1[rw]' "$XDG_STATE_HOME/forklore/progress"
	# Ctrl-C at the question cancels the run too.
	term_type 'goto 3'
	term_type run
	wait_until 5 term_has 'predict>'
	term_keys C-c
	wait_until 5 term_has 'the question and its run are cancelled'
	sleep 0.5
	screen_lacks 'demo fork-memory started'
	term_type quit
	wait_until 5 term_has 'exit=0'
}

@test "a plain script's pause waits --pace seconds, and no time without it" {
	printf 'open fork\npause\npause\n' > "$script"
	t0=$(date +%s%N)
	run fl --pace 0.6 --script "$script"
	t1=$(date +%s%N)
	[ "$status" -eq 0 ]
	ms=$(( (t1 - t0) / 1000000 ))
	echo "two pauses took $ms ms"
	[ "$ms" -ge 1200 ]
	t0=$(date +%s%N)
	run fl --script "$script"
	t1=$(date +%s%N)
	[ "$(( (t1 - t0) / 1000000 ))" -lt 1000 ]
}

@test "predict: a script answers on the next line; --no-predict and -c do not ask" {
	printf 'open fork\ngoto 4\nrun\n4\nwait\n' > "$script"
	run fl --script "$script"
	[ "$status" -eq 0 ]
	[[ "$output" == *"predict> 4"* ]]
	[[ "$output" == *"You predicted '4'; the demo showed '4': right. Every process"* ]]
	printf 'open fork\ngoto 4\nrun\nwait\n' > "$script"
	run fl --no-predict --script "$script"
	[ "$status" -eq 0 ]
	[[ "$output" != *"predict>"* ]]
	[[ "$output" != *"Your answer, then Enter"* ]]
	[[ "$output" == *"hello from pid"* ]]
	run fl -c 'open fork; goto 4; run; wait'
	[ "$status" -eq 0 ]
	[[ "$output" != *"predict>"* ]]
	# A wrong guess is said to be wrong; "-" skips.
	printf 'open fork\ngoto 4\nrun\nthree\nwait\nrun\n-\nwait\n' > "$script"
	run fl --script "$script"
	[[ "$output" == *"You predicted '3'; the demo showed '4': not this time."* ]]
	[[ "$output" == *"The demo showed '4'. Every process"* ]]
	# The long verdict is wrapped between words to the width (79 when
	# the output is not a terminal), the rest indented under it.
	[ -z "$(printf '%s\n' "$output" | awk 'length > 79')" ]
	next_line=$(printf '%s\n' "$output" |
		awk '/^You predicted .3./ { getline; print; exit }')
	[[ "$next_line" == "  "[a-z]* ]]
}

progress_file() { cat "$XDG_STATE_HOME/forklore/progress"; }

@test "progress: kept across sessions, shown by lessons, resumed, and reset after asking" {
	start_term 200 50 --speed 0
	wait_until 5 term_has 'forklore>'
	term_type 'open fork'
	term_type next
	term_type next
	wait_until 5 term_has 'step 3/6'
	term_type quit
	wait_until 5 term_has 'exit=0'
	progress_file | grep -qx 'last fork 3'
	progress_file | grep -qx 'lesson fork seen 1,2,3'
	term_type 'clear'
	term_type "'$FORKLORE' --speed 0; echo \"exit=\$?\""
	wait_until 5 term_has 'Welcome back: fork, step 3/6, where you left off'
	term_has 'step 3/6'
	term_type lessons
	wait_until 5 term_has 'in progress: 3/6 steps seen, 0/'
	term_has 'Processes: start, join, zombies, terminate, daemons  (processes, 8 steps)  new'
	term_type 'reset fork'
	wait_until 5 term_has 'reset? [y/N]'
	term_type n
	wait_until 5 term_has 'Nothing was reset.'
	progress_file | grep -q '^lesson fork'
	term_type 'reset fork'
	wait_until 5 term_has 'reset? [y/N]'
	term_type y
	wait_until 5 term_has "Progress in 'fork' cleared."
	! progress_file | grep -q '^lesson fork'
	! progress_file | grep -q '^last'
	term_type 'open locks'
	wait_until 5 grep -q '^lesson locks' "$XDG_STATE_HOME/forklore/progress"
	term_type reset
	wait_until 5 term_has 'Forget your progress in every lesson?'
	term_type yes
	wait_until 5 term_has 'Progress in every lesson cleared.'
	! progress_file | grep -q '^lesson'
	term_type quit
	wait_until 5 term_has 'exit=0'
	term_type 'clear'
	term_type "'$FORKLORE' --speed 0; echo \"exit=\$?\""
	wait_until 5 term_has 'forklore>'
	screen_lacks 'Welcome back'
	term_type quit
}

@test "progress: scripts and -c leave it alone; a broken file is forgiven" {
	mkdir -p "$XDG_STATE_HOME/forklore"
	printf 'last fork 2\nlesson fork seen 1,2 ran zz\n\001garbage\n' > \
		"$XDG_STATE_HOME/forklore/progress"
	before=$(progress_file)
	run fl -c 'open locks; next; reset'
	[ "$(progress_file)" = "$before" ]
	[[ "$output" == *"progress is kept only for a learner at the prompt"* ]]
	start_term 200 50 --speed 0
	wait_until 5 term_has 'Welcome back: fork, step 2/6'
	term_type quit
	wait_until 5 term_has 'exit=0'
}

# Numbers change from run to run; the words must not.
numbers_masked() { sed -E 's/0x[0-9a-f]+/0xADDR/g; s/[0-9]+/N/g'; }

@test "record: a recorded script replays to the same transcript" {
	rec="$BATS_TEST_TMPDIR/rec.script"
	cat > "$script" <<-EOF
	record $rec
	open fork
	goto 3
	run
	100
	wait
	next
	bogus
	open threads
	run
	record off
	EOF
	run fl --script "$script"
	[ "$status" -eq 1 ]   # bogus failed
	original=$(printf '%s\n' "$output" |
		grep -v -e record -e Record -e bogus -e 'replays them' |
		numbers_masked)
	grep -q '^# forklore session recorded ' "$rec"
	grep -qx '# failed: bogus' "$rec"
	grep -qx '# now in fork, step 4/6: Two forks, four processes' "$rec"
	grep -qx '# now in threads, step 1/6: A thread is a flow inside a process' "$rec"
	run fl --script "$rec"
	[ "$status" -eq 0 ]
	replayed=$(printf '%s\n' "$output" | numbers_masked)
	diff <(echo "$original") <(echo "$replayed")
	# Never over a file that exists.
	run fl -c "record $rec"
	[ "$status" -eq 1 ]
	[[ "$output" == *"rec.script exists; record never overwrites a file"* ]]
}

@test "record: commands typed at the prompt, with a wait where the demo had ended" {
	rec="$BATS_TEST_TMPDIR/typed.script"
	start_term 100 30 --speed 0 fork
	wait_until 5 term_has 'forklore fork 1/6>'
	term_type "record $rec"
	wait_until 5 term_has 'Recording the commands from now on'
	term_type 'run'
	wait_until 5 term_has 'predict>'
	term_type 'child'
	wait_until 5 term_has 'You predicted'
	term_type 'next'
	term_type 'record off'
	wait_until 5 term_has 'Recorded 3 commands'
	term_type quit
	wait_until 5 term_has 'exit=0'
	cat "$rec"
	[ "$(grep -v '^#' "$rec" | tr '\n' ' ')" = "open fork run child wait next " ]
	run fl --script "$rec"
	[ "$status" -eq 0 ]
	[[ "$output" == *"You predicted 'b) the child'"* ]]
}

@test "present: the lesson across the top, a big monitor, code on demand; readable at 80x24" {
	start_term 80 24 --speed 0 --present fork
	wait_until 5 term_has 'forklore fork 1/6>'
	# Row 2 is the lesson's header across the whole width: no separator.
	row2=$(term_screen | sed -n 2p)
	[[ "$row2" == "─ One call, two returns ─"* ]]
	[[ "$row2" != *"│"* ]]
	term_has '─ Output ─'
	term_has '─ Monitor'
	screen_lacks 'The C that runs'
	term_type code
	wait_until 5 term_has 'The C that runs'
	screen_lacks '─ One call, two returns ─'
	term_type show
	wait_until 5 term_has '─ One call, two returns ─'
	screen_lacks 'The C that runs'
	term_type 'present off'
	wait_until 5 term_has 'The usual panes again.'
	term_has 'The C that runs'
	term_type quit
	wait_until 5 term_has 'exit=0'
	run fl -c 'present'
	[ "$status" -eq 1 ]
	[[ "$output" == *"present needs the panes; this is plain mode"* ]]
}

@test "help and the man page list the replay keys" {
	run fl -c help
	[[ "$output" == *"p pauses and resumes"* ]]
	[[ "$output" == *"q hands"* ]]
	man_text=$(MANWIDTH=200 man -l "$ROOT/man/forklore.1" 2>/dev/null | col -b)
	[[ "$man_text" == *"--pace"* ]]
	[[ "$man_text" == *"hands the prompt"* ]]
	[[ "$man_text" == *"record off"* ]]
	[[ "$man_text" == *"--present"* ]]
	[[ "$man_text" == *"progress"* ]]
}
