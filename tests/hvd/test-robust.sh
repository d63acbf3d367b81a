#!/bin/bash
# hvd under stress with real QEMU (TCG) and the test guest:
# - a QEMU that stops reading its console (SIGSTOP) while a client pushes
#   1.5 MiB into it cannot stall hvd: other calls answer, the client is held
#   back (bounded queue), and after SIGCONT everything drains;
# - suspend/resume answer as libvirt's QEMU driver (resume of a running
#   guest: "already running"; suspend of a paused one: no error; shutdown
#   of a paused one: "not running");
# - SIGKILL of hvd with two running guests and a third killed while hvd is
#   down: the next hvd lists the two with the same IDs and controls them,
#   and reports the third shut off (crashed);
# - SIGTERM of hvd while a start is in flight: the start completes, hvd
#   exits, and the next hvd finds the guest running; a suspend sent during
#   a start waits for it (the per-domain job lock).
. "$(dirname "$0")/hvt-daemon.sh"
N=21
. "$(dirname "$0")/hvt-guests.sh"
start_hvd || exit 1
for g in r1 r2 r3; do guest_xml $g > "$T/$g.xml"; v define "$T/$g.xml"; v start $g; done
check "three guests boot (ready marker in each console log)" bash -c \
	"$(declare -f markers wait_markers); T=$T; for g in r1 r2 r3; do wait_markers \$g 1 90 || exit 1; done"
qemu_pid() { cat "$T/run/$(virsh -q -c "$RW" domuuid "$1").pid"; }

# The console sink: the guest's shell stops echoing and discards its input.
check "r1's shell reads its console into /dev/null" console r1 'hv-sink-42' 30 \
	'stty -echo; echo hv-sink-$((6*7)); cat > /dev/null'
R1=$(qemu_pid r1); EXTRA_PIDS=$R1
kill -STOP "$R1"
timeout 300 /usr/bin/python3 "$HV_TOP_SRCDIR/tests/hvd/python-console-push.py" "$RW" r1 $((1536 * 1024)) \
	> "$T/push" 2>&1 & PUSH=$!
sleep 3
ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(ms)
check "QEMU stopped: virsh list still answers (within 5 s)" bash -c \
	"timeout 5 virsh -q -c '$RW' list > $T/list && grep -q ' r2 ' $T/list"
t1=$(ms)
check "QEMU stopped: dominfo of another domain answers (within 5 s)" bash -c \
	"timeout 5 virsh -q -c '$RW' dominfo r2 | grep -q 'State: *running'"
echo "# while QEMU is stopped: virsh list $((t1 - t0)) ms, virsh dominfo $(($(ms) - t1)) ms"
check "QEMU stopped: the pushing client is held back (1.5 MiB not accepted)" kill -0 "$PUSH"
rss=$(awk '/^VmRSS/ { print $2 }' /proc/"$HVD_PID"/status)
echo "# hvd VmRSS while holding back: $rss KiB"
kill -CONT "$R1"; EXTRA_PIDS=; t0=$(ms)
check "SIGCONT: the 1.5 MiB drain into the guest" bash -c "for i in \$(seq 240); do kill -0 $PUSH 2>/dev/null || break; sleep 0.5; done;
	grep -q '^sent 1572864' $T/push || { sed 's/^/# /' $T/push; exit 1; }"
# ^D ends the guest's cat once it has read the flood (at TCG's pace; a ^D
# the guest's full tty buffer dropped is sent again); its shell answers.
drained() {
	for _ in $(seq 8); do
		console r1 'hv-drained-42' 15 $'\x04stty echo; echo hv-drained-$((6*7))' && return 0
	done
	return 1
}
echo "# after SIGCONT: the client's 1.5 MiB accepted in $(($(ms) - t0)) ms"
check "the guest's console answers after the flood" drained

v resume r2
check "resume of a running guest: not valid, already running" \
	has "Requested operation is not valid: domain is already running" err
v suspend r2; v suspend r2
check "suspend of a paused guest: no error, still paused (user)" bash -c \
	"[ ! -s $T/err ] && [ \"\$(virsh -q -c '$RW' domstate --reason r2)\" = 'paused (user)' ]"
v shutdown r2
check "shutdown of a paused guest: not valid, not running; still paused" bash -c \
	"grep -q 'Requested operation is not valid: domain is not running' $T/err && [ \"\$(virsh -q -c '$RW' domstate r2)\" = paused ]"
v resume r2

# SIGKILL of hvd; r3's QEMU dies while hvd is down.
virsh -q -c "$RW" list > "$T/list.before"
R3=$(qemu_pid r3)
kill -9 "$HVD_PID"; wait "$HVD_PID" 2>/dev/null; HVD_PID=
kill -9 "$R3"
start_hvd || exit 1
virsh -q -c "$RW" list > "$T/list.after"
check "after SIGKILL: r1 and r2 listed running with the same IDs" bash -c \
	"grep -E ' r[12] ' $T/list.before > $T/l1; grep -E ' r[12] ' $T/list.after > $T/l2;
	 [ \$(grep -c running $T/l2) = 2 ] && cmp -s $T/l1 $T/l2 || { sed 's/^/# /' $T/l1 $T/l2; exit 1; }"
check "after SIGKILL: r3 (killed meanwhile) not listed" bash -c "! grep -q ' r3 ' $T/list.after"
check "after SIGKILL: r3 shut off (crashed)" state_is r3 "shut off (crashed)"
check "after SIGKILL: r1's console answers" console r1 'hv-probe-42' 60 'echo hv-probe-$((6*7))'
check "after SIGKILL: r2's console answers" console r2 'hv-probe-42' 60 'echo hv-probe-$((6*7))'
v shutdown r1
check "after SIGKILL: r1 shuts down" state_is r1 "shut off (shutdown)" 60
v destroy r2
check "after SIGKILL: r2 destroyed" state_is r2 "shut off (destroyed)"
check "after SIGKILL: no active domain left" bash -c "[ -z \"\$(virsh -q -c '$RW' list)\" ]"

# SIGTERM while a start waits for its emulator (3 s to come up): the worker
# running the start needs hvd's loop, which must keep turning until it is done.
kill "$HVD_PID"; hvd_wait_exit 30
printf '#!/bin/sh\ncase " $* " in *" -S "*) sleep 3;; esac\nexec qemu-system-x86_64 "$@"\n' > "$T/slow-qemu"
chmod +x "$T/slow-qemu"
printf '[hypervisor]\naccel = tcg\nemulator = %s\n' "$T/slow-qemu" > "$T/slow.conf"
hvd_start --timeout 0 --config "$T/slow.conf" || exit 1
# The per-domain job lock: a suspend sent while the start is in flight waits
# for it and then suspends the started guest (as libvirt's QEMU driver).
guest_xml s2 > "$T/s2.xml"; v define "$T/s2.xml"
virsh -q -c "$RW" start s2 > "$T/start2.out" 2>&1 & START_PID=$!
sleep 1
v suspend s2
check "suspend during the start waits for it: the guest ends up paused (user)" bash -c \
	"[ ! -s $T/err ] && [ \"\$(virsh -q -c '$RW' domstate --reason s2)\" = 'paused (user)' ] || { sed 's/^/# /' $T/err; exit 1; }"
wait "$START_PID"
v destroy s2
guest_xml s1 > "$T/s1.xml"; v define "$T/s1.xml"
virsh -q -c "$RW" start s1 > "$T/start.out" 2>&1 & START_PID=$!
sleep 1
kill "$HVD_PID"
check "SIGTERM during a start: hvd exits" hvd_wait_exit 30
wait "$START_PID"
start_hvd || exit 1
check "the next hvd finds the started guest running" state_is s1 "running (booted)"
finish
