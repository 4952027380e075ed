#!/usr/bin/env bats
# predict.bats - every predict question of every lesson judges a right
# answer right and a wrong one wrong, from what this run showed; the
# verdict and its explanation fit the run's parameters; answers that
# cannot be judged are asked again; every attempt is kept.

load helpers

# One row per answer: LESSON;STEP;ANSWER;TRUTH;RUN-ARGS. TRUTH is an
# extended regex over what the demo showed (as the verdict quotes it):
# the answer must be judged right exactly when the run showed that. A "="
# in front of TRUTH marks a row whose run must show it. Where the
# scheduler decides (who prints first, which worker is free first), the
# rows name every outcome, so whatever this run showed, one answer is
# right and the others wrong.
answers() {
	cat <<'ROWS'
fork;1;a;^a\);
fork;1;b;^b\);
fork;3;100;=^100$;
fork;3;999;^999$;
fork;4;4;=^4$;
fork;4;two;^2$;
fork;5;3,2,1;=^3 2 1$;
fork;5;1 2 3;^1 2 3$;
processes;2;a;=^a\);
processes;2;done with my own work;=^a\);
processes;2;b;^b\);
processes;2;b;=^b\);join=on
processes;3;defunct;=^c\);
processes;3;S;^b\);
pools;1;4;^4$;
pools;1;three;^3$;
pools;1;2;^2$;
pools;1;1;^1$;
pools;2;worker-1;^1$;
pools;2;worker 2;^2$;
pools;2;3;^3$;
pools;2;4;^4$;
subprocess;2;127;=^127$;
subprocess;2;2;^2$;
subprocess;3;no;=^no$;
subprocess;3;y;^yes$;
queues;2;A B C;=^A B C$;
queues;2;a c b;^A C B$;
threads;3;5;=^(4\.[5-9]|5|5\.[0-5])$;
threads;3;1;^(0\.[5-9]|1|1\.[0-5])$;
threads;3;1;=^(0\.[5-9]|1|1\.[0-5])$;together=on
locks;1;n;=^no$;
locks;1;yes;^yes$;
locks;2;100;^(9[1-9]|100)$;
locks;2;0;^0$;
threadlocal;2;no;=^no$;
threadlocal;2;yes;^yes$;
threadlocal;3;nothing;=^c\);
threadlocal;3;Alice;^a\);
multitasking;1;1;=^1$;
multitasking;1;2;^2$;
multitasking;4;25;=^(2[0-9]|30)$;
multitasking;4;50;^(4[5-9]|5[0-5])$;
gil;1;1;^(0\.(7[7-9]|[89][0-9]?)|1|1\.([0-3][0-9]?|4[0-2]?))$;
gil;1;2;^(1\.(5[4-9]|[6-9][0-9]?)|2|2\.([0-7][0-9]?|8[0-5]?))$;
gil;3;1;=^(0\.(7[7-9]|[89][0-9]?)|1|1\.([0-3][0-9]?|4[0-2]?))$;
gil;3;2;^(1\.(5[4-9]|[6-9][0-9]?)|2|2\.([0-7][0-9]?|8[0-5]?))$;
gil;5;no;=^no$;
gil;5;yes;^yes$;
choosing;1;a;=^a\);
choosing;1;thread;^b\);
choosing;3;0;=^[01]$;
choosing;3;64;^6[3-5]$;
choosing;4;no;=^no$;
choosing;4;yes;^yes$;
choosing;4;yes;=^yes$;threads=off
choosing;7;1;=^1$;
choosing;7;4;^4$;
choosing;7;4;=^4$;threads=off
sync;1;3;=^3$;
sync;1;2;^2$;
sync;2;4;=^4$;
sync;2;one;^1$;
sync;4;yes;=^yes$;
sync;4;no;^no$;
sync;5;no;=^no$;
sync;5;yes;^yes$;
distributed;4;no;=^no$;
distributed;4;yes;^yes$;
distributed;4;yes;=^yes$;intruder=4321
distributed;5;6;=^6$;
distributed;5;5;^5$;
distributed;6;a;=^a\);
distributed;6;forever;^b\);
coroutines;1;1 2 3;=^1 2 3$;
coroutines;1;2 1 3;^2 1 3$;
coroutines;4;0;=^0$;
coroutines;4;4;^4$;
coroutines;5;a;=^a\);
coroutines;5;coroutine;^b\);
processes;8;Z;=^c\);
processes;8;sleeping;^b\);
processes;8;gone;^d\);
queues;6;yes;=^yes$;
queues;6;no;^no$;
queues;6;no;^no$;kb=4
queues;6;yes;^yes$;kb=4
stopping;1;4;^4$;
stopping;1;3;^3$;
stopping;1;5;^5$;
stopping;2;no;=^no$;
stopping;2;yes;^yes$;
stopping;2;yes;=^yes$;cleanup=on
stopping;3;900;=^900$;
stopping;3;1000;^1000$;
stopping;4;5;=^5$;
stopping;4;0;^0$;
stopping;4;0;=^0$;testcancel=on
stopping;5;b;=^b\);
stopping;5;MainThread;^d\);
stopping;5;d;=^d\);open=0
stopping;5;a;=^a\);open=1
ROWS
}

# Every question the lessons ask: "LESSON STEP", one a line.
questions() {
	local f id
	for f in "$ROOT"/lessons/*.lesson; do
		id=$(sed -n 's/^@lesson //p' "$f")
		awk -v id="$id" '/^@step/ { n++ } /^@predict/ { print id, n }' "$f"
	done
}

# The verdicts of a script's run, one a line (wrapped lines joined).
verdicts() {
	awk '/^You predicted / { if (v) print v; v = $0; next }
	     v && /^  / { sub(/^ +/, " "); v = v $0; next }
	     v { print v; v = "" }
	     END { if (v) print v }'
}

# The rows a run can judge in this build. ThreadSanitizer changes what two
# steps show: a worker's NULL dereference hangs in the sanitizer's runtime
# instead of killing it (choosing 4), and its shadow memory is written
# when the demo only reads pages (choosing 3).
judgeable() {
	if [ "${FORKLORE_SANITIZED:-}" = thread ]; then
		answers | grep -Ev '^choosing;(3|4);'
	else
		answers
	fi
}

@test "the table covers every question of every lesson, with at least two answers" {
	local q
	while read -r q; do
		[ "$(answers | grep -c "^${q/ /;};")" -ge 2 ] ||
			{ echo "fewer than two answers for $q"; return 1; }
	done < <(questions)
	[ "$(questions | wc -l)" -ge 16 ]
}

@test "each question judges its answers by what this run showed, in a script" {
	# The rows in two halves, each a script of its own, replayed side by
	# side (most of the time goes in the demos' slowed-down sleeps); the
	# verdicts are read back in the table's order.
	local total half
	total=$(judgeable | wc -l)
	half=$(( (total + 1) / 2 ))
	judgeable | while IFS=';' read -r lesson step answer truth args; do
		printf 'open %s\ngoto %s\nrun %s\n%s\n' "$lesson" "$step" "$args" "$answer"
	done > "$BATS_TEST_TMPDIR/all.script"
	head -n $((half * 4)) "$BATS_TEST_TMPDIR/all.script" > "$BATS_TEST_TMPDIR/one.script"
	tail -n +$((half * 4 + 1)) "$BATS_TEST_TMPDIR/all.script" > "$BATS_TEST_TMPDIR/two.script"
	"$FORKLORE" --plain --speed 0.1 --seed 1 --script "$BATS_TEST_TMPDIR/one.script" \
		> "$BATS_TEST_TMPDIR/one.out" 2>&1 &
	local first=$!
	status=0
	"$FORKLORE" --plain --speed 0.1 --seed 1 --script "$BATS_TEST_TMPDIR/two.script" \
		> "$BATS_TEST_TMPDIR/two.out" 2>&1 || status=$?
	wait "$first" || status=$?
	output=$(cat "$BATS_TEST_TMPDIR/one.out" "$BATS_TEST_TMPDIR/two.out")
	echo "$output" | tail -n 30
	[ "$status" -eq 0 ]
	mapfile -t got < <(printf '%s\n' "$output" | verdicts)
	[ "${#got[@]}" -eq "$(judgeable | wc -l)" ]
	i=0
	declare -A right wrong
	while IFS=';' read -r lesson step answer truth args; do
		v=${got[$i]}
		i=$((i + 1))
		shown=$(sed -n "s/.*; the demo showed '\(.*\)': \(right\|not this time\).*/\1/p" <<< "$v")
		[ -n "$shown" ] || { echo "no verdict: $v"; return 1; }
		if [[ "$truth" == =* ]]; then
			truth=${truth#=}
			[[ "$shown" =~ $truth ]] ||
				{ echo "$lesson $step: the run showed '$shown', not $truth"; return 1; }
		fi
		if [[ "$shown" =~ $truth ]]; then
			[[ "$v" == *"': right"* ]] || { echo "judged wrong: $v"; return 1; }
			right[$lesson $step]=1
		else
			[[ "$v" == *"': not this time."* ]] || { echo "judged right: $v"; return 1; }
			wrong[$lesson $step]=1
		fi
	done < <(judgeable)
	# Every question whose answer this run fixes judged a right answer
	# right and a wrong one wrong. (Where the scheduler decides, each row
	# is its own run and may see another outcome: the check above, that
	# every verdict agrees with what its run showed, is what holds.)
	while read -r q; do
		judgeable | grep -q "^${q/ /;};[^;]*;=" || continue
		[ -n "${right[$q]:-}" ] || { echo "no answer judged right: $q"; return 1; }
		[ -n "${wrong[$q]:-}" ] || { echo "no answer judged wrong: $q"; return 1; }
	done < <(questions)
}

@test "the explanation fits the run's parameters, and a question about other runs is not asked" {
	printf '%s\n' 'open processes' 'goto 2' 'run join=on' 'b' \
		'open threads' 'goto 3' 'run together=on' '1' 'run' '1' \
		'open locks' 'run lock=on' 'goto 2' 'run trials=50' \
		'open queues' 'goto 2' 'run items=5' > "$BATS_TEST_TMPDIR/cases.script"
	run "$FORKLORE" --plain --speed 0.1 --seed 1 --script "$BATS_TEST_TMPDIR/cases.script"
	echo "$output"
	[ "$status" -eq 0 ]
	# The output with its wrapped lines joined.
	v=$(printf '%s\n' "$output" |
		awk '/^  / { sub(/^ +/, " "); printf "%s", $0; next } { printf "\n%s", $0 }')
	[[ "$v" == *"the worker's last step': right. With join() the parent waits"* ]]
	[[ "$v" != *"Without join() the parent does not wait"* ]]
	[[ "$v" == *"You predicted '1'; the demo showed '1"*"right"*"Started all, then joined all"* ]]
	[[ "$v" == *"You predicted '1'; the demo showed '"[45]*"not this time. Each join waits"* ]]
	[ "$(printf '%s\n' "$v" | grep -c "so this run goes without it")" -eq 3 ]
	[[ "$v" == *"(This step's question is about the run with lock=off, so this run goes without it.)"* ]]
	[[ "$v" == *"(This step's question is about the run with trials=100 lock=off, so this run goes without it.)"* ]]
	[[ "$v" == *"(This step's question is about the run with items=3, so this run goes without it.)"* ]]
}

@test "answers that cannot be judged are not judged: a script's run is cancelled and the line fails" {
	printf '%s\n' 'open fork' 'goto 3' 'run' 'not 100, it will be 999' \
		'goto 1' 'run' 'maybe the parent or the child' \
		'open processes' 'goto 3' 'run' 'definitely not a zombie' \
		'open locks' 'run' 'probably' > "$BATS_TEST_TMPDIR/hedge.script"
	run "$FORKLORE" --plain --speed 0 --seed 1 --script "$BATS_TEST_TMPDIR/hedge.script"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" != *"You predicted"* ]]
	[[ "$output" != *"demo fork-memory started"* ]]
	[[ "$output" != *"demo process-zombie started"* ]]
	[[ "$output" == *"hedge.script:4: cannot judge 'not 100, it will be 999': answer with one number, not several; the run is cancelled"* ]]
	[[ "$output" == *"hedge.script:7: cannot judge 'maybe the parent or the child': answer with a letter, a to b, or an option's words as shown"* ]]
	[[ "$output" == *"hedge.script:11: cannot judge 'definitely not a zombie'"* ]]
	[[ "$output" == *"hedge.script:14: cannot judge 'probably': answer yes or no (y or n)"* ]]
}

@test "in the panes at 80x24: the options are listed, letters and words answer, and every attempt is kept" {
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
	term_start 80 24
	term_type "cd '$ROOT' && '$FORKLORE' --speed 0.1 processes; echo exit=\$?"
	wait_until 5 term_has 'forklore processes 1/8>'
	term_type 'goto 3'
	term_type run
	wait_until 5 term_has 'predict>'
	wait_until 5 term_has 'c) Z, a zombie'
	wait_until 5 term_has 'd) none: the child is gone'
	term_type 'S'
	wait_until 10 term_has 'not this time'
	wait_until 10 term_has 'demo ended'
	term_type run
	wait_until 5 term_has 'predict>'
	term_type 'c'
	wait_until 10 term_has "': right"
	wait_until 10 term_has 'forklore processes 3/8>'
	term_type quit
	wait_until 5 term_has 'exit=0'
	# The step it opened at was seen too.
	grep -qx 'lesson processes seen 1,3 ran 3 predicted 3wr' "$XDG_STATE_HOME/forklore/progress"
}

teardown() {
	term_stop
}
