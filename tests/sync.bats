#!/usr/bin/env bats
# sync.bats - the lesson on semaphores, events and conditions: the counts
# the demos print are true line by line; /proc shows the semaphore's
# waiters asleep in futex() while the two inside sleep in nanosleep();
# the named semaphore leaves nothing in /dev/shm, run to its end or
# stopped; and the Python listings show the same.

load helpers

root_of() { sed -n 's/.*demo [a-z-]* started as pid \([0-9]*\);.*/\1/p' | head -n 1; }
left_nothing() { grep -q "demo ended, exit status 0 after .*; nothing of it is left running"; }
# The demo's lines, without their tags.
texts() { sed -n 's/^\[[^]]*\] //p'; }

# Each "N of S slots taken, W waiting" line agrees with the one before:
# entering takes a slot, leaving gives one back, a waiter adds to W.
semaphore_books_add_up() {
	awk -v slots="$1" '
		BEGIN { t = 0; ww = 0 }
		match($0, /: (entered|left|no free slot, waiting): [0-9]+ of [0-9]+ slots taken, [0-9]+ waiting$/) {
			n = split(substr($0, RSTART), w, " ")
			taken = w[n - 6] + 0; waiting = w[n - 1] + 0
			if ($0 ~ /: entered:/)   { t++; if (wasw[$1]) { ww--; wasw[$1] = 0 } }
			else if ($0 ~ /: left:/) { t-- }
			else                     { ww++; wasw[$1] = 1 }
			if (taken != t || waiting != ww || taken > slots || taken < 0) {
				print "wrong books: " $0 " (expected " t ", " ww ")"; bad = 1
			}
		}
		END { exit bad }'
}

@test "a semaphore with 2 slots: 3 of 5 workers wait, never more than 2 inside, and every line's counts are true" {
	run "$FORKLORE" --plain --speed 0.05 --seed 1 -c 'demo sync-semaphore'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing <<< "$output"
	lines=$(texts <<< "$output")
	[ "$(grep -c ': no free slot, waiting: ' <<< "$lines")" -eq 3 ]
	[ "$(grep -c ': entered: ' <<< "$lines")" -eq 5 ]
	[ "$(grep -c ': left: ' <<< "$lines")" -eq 5 ]
	grep -qx 'MainThread: 3 of 5 workers found no free slot and waited; at most 2 were inside at once' <<< "$lines"
	semaphore_books_add_up 2 <<< "$lines"
	# Each worker entered once and left once, each from its own thread.
	for k in 1 2 3 4 5; do
		[ "$(grep -c "^\[[0-9]*:[0-9]* worker-$k\] worker-$k: entered:" <<< "$output")" -eq 1 ]
		[ "$(grep -c "^\[[0-9]*:[0-9]* worker-$k\] worker-$k: left:" <<< "$output")" -eq 1 ]
	done
	# With one slot it is a lock: one inside at a time.
	run fl -c 'demo sync-semaphore workers=8 slots=1 seconds=0'
	texts <<< "$output" | semaphore_books_add_up 1
	[[ "$output" == *"workers found no free slot and waited; at most 1 was inside at once"* ]]
}

# The system call numbers of futex and the sleeps on this machine.
syscall_numbers() {
	case "$(uname -m)" in
	x86_64) futex=202 sleeps="35 230" ;;
	aarch64) futex=98 sleeps="101 115" ;;
	*) return 1 ;;
	esac
}

# "NAME SYSCALL STATE" for each worker thread of the demo now.
worker_threads() {
	local task name
	for task in /proc/"$root"/task/*; do
		name=$(cat "$task/comm" 2>/dev/null) || continue
		[[ "$name" == worker-* ]] || continue
		echo "$name $(cut -d' ' -f1 "$task/syscall" 2>/dev/null) $(sed 's/.*) //' "$task/stat" 2>/dev/null | cut -d' ' -f1)"
	done
}
# Exactly 2 workers asleep in a sleep call and 3 in futex(), all in S.
two_work_three_wait() {
	snapshot=$(worker_threads)
	local sleeping=0 n
	for n in $sleeps; do
		sleeping=$((sleeping + $(grep -c " $n S$" <<< "$snapshot")))
	done
	[ "$(grep -c . <<< "$snapshot")" -eq 5 ] &&
		[ "$sleeping" -eq 2 ] &&
		[ "$(grep -c " $futex S$" <<< "$snapshot")" -eq 3 ]
}

@test "fidelity: /proc shows the 3 waiting workers asleep in futex() and the 2 inside in nanosleep(), as the lines say" {
	syscall_numbers || skip "system call numbers known for x86_64 and aarch64 only"
	[ "${FORKLORE_SANITIZED:-}" != thread ] ||
		skip "ThreadSanitizer intercepts the waits"
	start_plain --speed 1 --seed 1 -c 'demo sync-semaphore seconds=3; wait'
	wait_until 5 grep -q 'demo sync-semaphore started as pid' "$out"
	root=$(root_of < "$out")
	wait_until 5 two_work_three_wait
	echo "$snapshot"
	# The two in nanosleep are the two the lines say entered, and the
	# three in futex() the three that said they wait.
	entered=$(texts < "$out" | sed -n 's/^\(worker-[0-9]\): entered: .*/\1/p' | sort)
	waiting=$(texts < "$out" | sed -n 's/^\(worker-[0-9]\): no free slot, waiting: .*/\1/p' | sort)
	[ "$(grep " $futex S$" <<< "$snapshot" | cut -d' ' -f1 | sort)" = "$waiting" ]
	[ "$(grep -v " $futex S$" <<< "$snapshot" | cut -d' ' -f1 | sort)" = "$entered" ]
	kill -INT "$ui"
	wait "$ui" || true
	grep -q 'demo stopped after' "$out"
	[ ! -e "/proc/$root" ]
}

@test "an event: one set wakes all 4 waiters within a moment; the latecomer does not wait" {
	run "$FORKLORE" --plain --speed 0.05 --seed 1 -c 'demo sync-event'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing <<< "$output"
	lines=$(texts <<< "$output")
	[ "$(grep -c '^waiter-[1-4]: waiting for the event$' <<< "$lines")" -eq 4 ]
	woke=$(sed -n 's/^waiter-[1-4]: woke \([0-9.]*\) ms after the set$/\1/p' <<< "$lines")
	[ "$(grep -c . <<< "$woke")" -eq 4 ]
	# Each woke after the set, within half a second even on a busy
	# machine; the summary names the slowest.
	slowest=$(sed -n 's/^MainThread: 4 waiters woke, all within \([0-9.]*\) ms of the one set$/\1/p' <<< "$lines")
	[ -n "$slowest" ]
	awk -v s="$slowest" '{ if ($1 < 0 || $1 > 500) bad = 1; if ($1 > m) m = $1 }
		END { exit bad || m != s }' <<< "$woke"
	# Every wake-up comes after the set in the output too.
	set_at=$(grep -n 'MainThread: setting the event' <<< "$lines" | cut -d: -f1)
	first_woke=$(grep -n ': woke ' <<< "$lines" | head -n 1 | cut -d: -f1)
	[ "$set_at" -lt "$first_woke" ]
	[ "$(tail -n 1 <<< "$lines")" = "latecomer: the event is already set: wait() returns at once" ]
}

# Each line's "buffer N/C [bar]" agrees with the last: put adds one, took
# takes one, the bar has N #s, and items are taken in the order put.
buffer_adds_up() {
	awk -v cap="$1" '
		match($0, /; buffer -?[0-9]+\/[0-9]+ \[[#.]*\]$/) {
			split(substr($0, RSTART + 9), w, /[\/ \[\]]/)
			level = w[1]; bar = w[4]
			if ($0 ~ /: put item /)  { n++ }
			if ($0 ~ /: took item /) { n--; took++
				if ($0 !~ ": took item " took ";") { print "out of order: " $0; bad = 1 } }
			full = bar; gsub(/\./, "", full)
			if (level != n || level < 0 || level > cap || length(bar) != cap || length(full) != level) {
				print "wrong level: " $0 " (expected " n ")"; bad = 1
			}
		}
		END { print took " taken"; exit bad }'
}

@test "a condition: the bounded buffer's level is true in every line; the producer waits when it is full" {
	run "$FORKLORE" --plain --speed 0.05 --seed 1 -c 'demo sync-condition'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing <<< "$output"
	lines=$(texts <<< "$output")
	buffer_adds_up 2 <<< "$lines" | grep -qx '8 taken'
	grep -q '^producer: buffer full, waiting; buffer 2/2 \[##\]$' <<< "$lines"
	grep -q '^consumer-1: buffer empty, waiting; buffer 0/2 \[\.\.\]$' <<< "$lines"
	grep -qx 'MainThread: 8 items made, 8 used; [0-9]* wake-ups found the buffer empty, and the while loop sent each back to wait' <<< "$lines"
	! grep -q 'woke to an empty buffer' <<< "$lines"
	run fl -c 'demo sync-condition items=50 capacity=5 consumers=4'
	texts <<< "$output" | buffer_adds_up 5 | grep -qx '50 taken'
}

@test "with an if, not a while: consumers wake to an empty buffer; with the while they wait again" {
	run "$FORKLORE" --plain --speed 0.05 --seed 1 -c 'demo sync-condition consumers=3 loop=off'
	echo "$output"
	[ "$status" -eq 0 ]
	lines=$(texts <<< "$output")
	buffer_adds_up 2 <<< "$lines" | grep -qx '8 taken'
	empty=$(grep -c '^consumer-[1-3]: woke to an empty buffer: with if, not while, I would take an item that is not there; buffer 0/2 \[\.\.\]$' <<< "$lines")
	[ "$empty" -ge 1 ]
	grep -qx "MainThread: 8 items made, 8 used; $empty wake-ups found the buffer empty, and the if let each one through" <<< "$lines"
	run "$FORKLORE" --plain --speed 0.05 --seed 1 -c 'demo sync-condition consumers=3'
	lines=$(texts <<< "$output")
	buffer_adds_up 2 <<< "$lines" | grep -qx '8 taken'
	! grep -q 'woke to an empty buffer' <<< "$lines"
	grep -Eqx 'MainThread: 8 items made, 8 used; [1-9][0-9]* wake-ups found the buffer empty, and the while loop sent each back to wait' <<< "$lines"
}

# What the printers wrote, sorted: every digit must be there, 8 per line.
digits_of() { sed -n 's/^parent: got "\([0-9]*\)".*/\1/p' | fold -w1 | sort | uniq -c | awk '{ print $2 "x" $1 }' | tr '\n' ' '; }

@test "between processes: the named semaphore keeps lines whole; without it they tear; /dev/shm keeps nothing" {
	run fl -c 'demo sync-printers'
	echo "$output"
	[ "$status" -eq 0 ]
	left_nothing <<< "$output"
	root=$(root_of <<< "$output")
	lines=$(texts <<< "$output")
	# The name was in /dev/shm, then gone, its inode still mapped.
	inode=$(sed -n "s/^parent: ls \/dev\/shm: sem\.forklore-$root, 32 bytes, inode \([0-9]*\)$/\1/p" <<< "$lines")
	[ -n "$inode" ]
	grep -qx "parent: sem_unlink(\"/forklore-$root\") done" <<< "$lines"
	grep -qx "parent: ls /dev/shm: no sem.forklore-$root (No such file or directory)" <<< "$lines"
	grep -Eqx "parent: /proc/self/maps: inode $inode is still mapped, as /dev/shm/sem\..+ \(deleted\)" <<< "$lines"
	[ ! -e "/dev/shm/sem.forklore-$root" ]
	[ "$(grep -c '^parent: got "\([1-3]\)\1\{7\}" whole$' <<< "$lines")" -eq 6 ]
	grep -qx 'parent: 6 of 6 lines came out whole' <<< "$lines"
	[ "$(digits_of <<< "$lines")" = "1x16 2x16 3x16 " ]
	# Without the lock, pieces at 10 ms apart: lines tear, none is lost.
	run "$FORKLORE" --plain --speed 0.2 --seed 1 -c 'demo sync-printers lock=off'
	echo "$output"
	root=$(root_of <<< "$output")
	lines=$(texts <<< "$output")
	grep -q '^parent: got "[0-9]*" torn: pieces of printers [1-3], ' <<< "$lines"
	grep -Eqx 'parent: [0-5] of 6 lines came out whole' <<< "$lines"
	[ "$(digits_of <<< "$lines")" = "1x16 2x16 3x16 " ]
	[ ! -e "/dev/shm/sem.forklore-$root" ]
	# The printers are the parent's children, named in the record.
	run fl -c 'demo sync-printers printers=4 lines=1; wait; ps'
	[ "$(printf '%s\n' "$output" | grep -Ec " exit 0 +parent > printer-[1-4]$")" -eq 4 ]
}

printers_running() {
	printers=$(pgrep -P "$root" | sort)
	[ "$(grep -c . <<< "$printers")" -eq 3 ]
}

@test "stopped mid-run: the printers, the parent and the semaphore's name are all gone; the printers held the unlinked semaphore" {
	start_plain --speed 1 --seed 1 -c 'demo sync-printers lines=20; wait'
	wait_until 5 grep -q 'parent: got "' "$out"
	root=$(root_of < "$out")
	wait_until 5 printers_running
	inode=$(sed -n 's/.*parent: ls \/dev\/shm: sem\.forklore-[0-9]*, 32 bytes, inode \([0-9]*\)$/\1/p' "$out")
	[ -n "$inode" ]
	# Each printer maps the semaphore whose name is gone already.
	for pid in $printers; do
		grep -q '^printer-[1-3]$' "/proc/$pid/comm"
		grep -Eq " $inode +/dev/shm/sem\..+ \(deleted\)$" "/proc/$pid/maps"
	done
	[ ! -e "/dev/shm/sem.forklore-$root" ]
	kill -INT "$ui"
	wait "$ui" || true
	cat "$out"
	grep -q 'demo stopped after' "$out"
	[ ! -e "/proc/$root" ]
	for pid in $printers; do
		[ ! -e "/proc/$pid" ]
	done
	[ ! -e "/dev/shm/sem.forklore-$root" ]
	! ls /dev/shm | grep -q "^sem\.forklore-$root$"
}

# pyrun STEP [ARGS...]: the step's Python listing, run to its end; then ps.
pyrun() {
	local step=$1
	shift
	printf 'open sync\ngoto %s\nrun python %s\nwait\nps\n' "$step" "$*" |
		timeout 60 "$FORKLORE" --plain --speed 0.05 --seed 1 --no-predict 2>&1
}

@test "python: Semaphore, Event and Condition listings print what the C does, from threads named as the C names them" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run pyrun 1
	echo "$output"
	left_nothing <<< "$output"
	root=$(root_of <<< "$output")
	lines=$(texts <<< "$output")
	grep -qx 'MainThread: 3 of 5 workers found no free slot and waited; at most 2 were inside at once' <<< "$lines"
	semaphore_books_add_up 2 <<< "$lines"
	[ "$(grep -c "^\[$root:[0-9]* worker-[1-5]\] worker-[1-5]: entered: " <<< "$output")" -eq 5 ]
	run pyrun 2
	echo "$output"
	left_nothing <<< "$output"
	lines=$(texts <<< "$output")
	[ "$(grep -c '^waiter-[1-4]: woke [0-9.]* ms after the set$' <<< "$lines")" -eq 4 ]
	grep -q '^MainThread: 4 waiters woke, all within [0-9.]* ms of the one set$' <<< "$lines"
	grep -qx 'latecomer: the event is already set: wait() returns at once' <<< "$lines"
	run pyrun 4
	echo "$output"
	left_nothing <<< "$output"
	lines=$(texts <<< "$output")
	buffer_adds_up 2 <<< "$lines" | grep -qx '8 taken'
	grep -q '^consumer-[1-3]: woke to an empty buffer: with if, not while' <<< "$lines"
	grep -q 'and the if let each one through$' <<< "$lines"
}

@test "python: multiprocessing.Lock keeps the printers' lines whole; its name is unlinked at once with fork, kept and then removed with spawn" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	run pyrun 6
	echo "$output"
	left_nothing <<< "$output"
	root=$(root_of <<< "$output")
	lines=$(texts <<< "$output")
	grep -qx "parent: ls /dev/shm: nothing new: Python unlinked the lock's name as soon as it made it" <<< "$lines"
	grep -qx 'parent: 6 of 6 lines came out whole' <<< "$lines"
	[ "$(digits_of <<< "$lines")" = "1x16 2x16 3x16 " ]
	[ "$(printf '%s\n' "$output" | grep -Ec "^ +[0-9]+ +$root .*MainProcess > printer-[1-3]$")" -eq 3 ]
	run pyrun 6 start=spawn
	echo "$output"
	left_nothing <<< "$output"
	name=$(texts <<< "$output" | sed -n "s/^parent: ls \/dev\/shm: \(sem\.mp-[a-z0-9_]*\): the lock's name, kept for children that open it by name$/\1/p")
	[ -n "$name" ]
	grep -q 'parent: 6 of 6 lines came out whole' <<< "$output"
	[ ! -e "/dev/shm/$name" ]
	run "$FORKLORE" --plain --speed 0.2 --seed 1 --no-predict -c 'open sync; goto 5; run python; wait'
	echo "$output"
	left_nothing <<< "$output"
	lines=$(texts <<< "$output")
	grep -q '^parent: got "[0-9]*" torn: pieces of printers ' <<< "$lines"
	[ "$(digits_of <<< "$lines")" = "1x16 2x16 3x16 " ]
}
