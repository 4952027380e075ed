#!/bin/bash
# census.sh TAG [PID...] - print the PIDs of processes whose environment
# holds FORKLORE_CENSUS=TAG, except the PIDs given (the caller itself).
set -u
tag=$1
shift
skip=" $* $$ "
# The list of /proc entries is fixed before any helper process starts, so
# the helpers below (which carry the tag too) are never in it.
for dir in /proc/[0-9]*; do
	pid=${dir#/proc/}
	case "$skip" in *" $pid "*) continue ;; esac
	if { tr '\0' '\n' < "$dir/environ"; } 2>/dev/null |
		grep -qx "FORKLORE_CENSUS=$tag"; then
		# A zombie has no environment left; a live process does.
		echo "$pid"
	fi
done
