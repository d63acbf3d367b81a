#!/usr/bin/python3
# A guest's whole life through python3-libvirt against hvd, as TAP: define,
# create, the console stream, lifecycle and reboot events (received on a
# libvirt event loop thread), state()/info() with reasons, suspend/resume,
# reboot, shutdown, destroy, undefine and the errors libvirt's QEMU driver
# gives. Prints the TAP cases (test-python-lifecycle.sh prints the plan).
# Usage: python-lifecycle.py URI XML-FILE
import signal
import sys
import threading
import time

import libvirt

n = 0
failed = 0


def check(desc, ok, note=None):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n, desc))
    if not ok:
        failed = 1
        if note is not None:
            print("# got: %r" % (note,))
    sys.stdout.flush()
    return ok


class Events:
    """Lifecycle and reboot events in arrival order, from the loop thread."""

    def __init__(self):
        self.cond = threading.Condition()
        self.lifecycle = []
        self.reboots = 0

    def on_lifecycle(self, conn, dom, event, detail, opaque):
        with self.cond:
            self.lifecycle.append((dom.name(), event, detail))
            self.cond.notify_all()

    def on_reboot(self, conn, dom, opaque):
        with self.cond:
            self.reboots += 1
            self.cond.notify_all()

    def wait(self, pred, seconds=30):
        with self.cond:
            return self.cond.wait_for(pred, timeout=seconds)

    def wait_lifecycle(self, count, seconds=30):
        return self.wait(lambda: len(self.lifecycle) >= count, seconds)


def error_of(fn):
    """The libvirt error code and message of FN(), or None if it worked."""
    try:
        fn()
        return None
    except libvirt.libvirtError as e:
        return (e.get_error_code(), e.get_error_message())


def is_error(fn, code, text):
    got = error_of(fn)
    return got is not None and got[0] == code and text in got[1], got


class Console:
    """The domain's console stream; everything it printed so far."""

    def __init__(self, conn, dom):
        self.stream = conn.newStream(0)
        dom.openConsole(None, self.stream, 0)
        self.seen = b""
        self.ended = False

    def wait_for(self, text, count=1, seconds=90):
        def timeout(*args):
            raise TimeoutError()
        signal.signal(signal.SIGALRM, timeout)
        signal.alarm(seconds)
        try:
            while self.seen.count(text.encode()) < count:
                data = self.stream.recv(4096)
                if not data:
                    self.ended = True
                    break
                self.seen += data
        except (TimeoutError, libvirt.libvirtError):
            pass
        signal.alarm(0)
        return self.seen.count(text.encode()) >= count

    def wait_end(self, seconds=60):
        """Reads until hvd ends the stream (the guest stopped)."""
        while not self.ended and self.wait_for("\0never\0", 1, seconds):
            pass
        return self.ended


def run_loop():
    while True:
        libvirt.virEventRunDefaultImpl()


S = libvirt  # short names for the constants below


def main():
    uri, xml_file = sys.argv[1:3]
    libvirt.virEventRegisterDefaultImpl()
    threading.Thread(target=run_loop, daemon=True).start()
    conn = libvirt.open(uri)
    ev = Events()
    conn.domainEventRegisterAny(None, S.VIR_DOMAIN_EVENT_ID_LIFECYCLE, ev.on_lifecycle, None)
    conn.domainEventRegisterAny(None, S.VIR_DOMAIN_EVENT_ID_REBOOT, ev.on_reboot, None)

    dom = conn.defineXML(open(xml_file).read())
    check("defineXML: defined/added event", ev.wait_lifecycle(1) and
          ev.lifecycle[0] == ("p1", S.VIR_DOMAIN_EVENT_DEFINED, S.VIR_DOMAIN_EVENT_DEFINED_ADDED),
          ev.lifecycle)
    check("state before start: shutoff (unknown)",
          dom.state() == [S.VIR_DOMAIN_SHUTOFF, S.VIR_DOMAIN_SHUTOFF_UNKNOWN], dom.state())

    dom.create()
    check("create: started/booted event", ev.wait_lifecycle(2) and
          ev.lifecycle[1] == ("p1", S.VIR_DOMAIN_EVENT_STARTED, S.VIR_DOMAIN_EVENT_STARTED_BOOTED),
          ev.lifecycle)
    check("state: running (booted)", dom.state() == [S.VIR_DOMAIN_RUNNING, S.VIR_DOMAIN_RUNNING_BOOTED],
          dom.state())
    check("ID() is 1, isActive()", dom.ID() == 1 and dom.isActive() == 1, (dom.ID(), dom.isActive()))
    console = Console(conn, dom)
    check("console stream shows HV-GUEST-READY", console.wait_for("HV-GUEST-READY"), console.seen[-300:])
    info = dom.info()
    check("info(): running, 256 MiB, 1 vCPU, CPU time above 0",
          info[0] == S.VIR_DOMAIN_RUNNING and info[1] == 262144 and info[2] == 262144 and
          info[3] == 1 and info[4] > 0, info)
    ok, got = is_error(dom.create, S.VIR_ERR_OPERATION_INVALID, "domain is already running")
    check("create of a running domain: VIR_ERR_OPERATION_INVALID, already running", ok, got)

    dom.suspend()
    check("suspend: suspended/paused event", ev.wait_lifecycle(3) and
          ev.lifecycle[2] == ("p1", S.VIR_DOMAIN_EVENT_SUSPENDED, S.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED),
          ev.lifecycle)
    check("state: paused (user)", dom.state() == [S.VIR_DOMAIN_PAUSED, S.VIR_DOMAIN_PAUSED_USER],
          dom.state())
    check("suspend of a paused domain succeeds and changes nothing (as qemuDomainSuspend)",
          error_of(dom.suspend) is None and
          dom.state() == [S.VIR_DOMAIN_PAUSED, S.VIR_DOMAIN_PAUSED_USER], dom.state())
    dom.resume()
    check("resume: resumed/unpaused event", ev.wait_lifecycle(4) and
          ev.lifecycle[3] == ("p1", S.VIR_DOMAIN_EVENT_RESUMED, S.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED),
          ev.lifecycle)
    check("state: running (unpaused)", dom.state() == [S.VIR_DOMAIN_RUNNING, S.VIR_DOMAIN_RUNNING_UNPAUSED],
          dom.state())
    ok, got = is_error(dom.resume, S.VIR_ERR_OPERATION_INVALID, "domain is already running")
    check("resume of a running domain: VIR_ERR_OPERATION_INVALID, already running", ok, got)
    time.sleep(0.5)
    check("no event from the refused or no-op calls", len(ev.lifecycle) == 4, ev.lifecycle)

    dom.reboot(0)
    check("reboot: the reboot event", ev.wait(lambda: ev.reboots >= 1, 90), ev.reboots)
    check("reboot: the guest boots again (second ready marker on the stream)",
          console.wait_for("HV-GUEST-READY", 2), console.seen[-300:])
    check("reboot: resumed/unpaused (libvirt's fake reboot), nothing else", ev.wait_lifecycle(5) and
          ev.lifecycle[4:] == [("p1", S.VIR_DOMAIN_EVENT_RESUMED, S.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED)],
          ev.lifecycle)

    dom.shutdown()
    check("shutdown: shutdown/finished (guest), then stopped/shutdown", ev.wait_lifecycle(7, 90) and
          ev.lifecycle[5:] == [("p1", S.VIR_DOMAIN_EVENT_SHUTDOWN, S.VIR_DOMAIN_EVENT_SHUTDOWN_GUEST),
                               ("p1", S.VIR_DOMAIN_EVENT_STOPPED, S.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN)],
          ev.lifecycle)
    check("state: shutoff (shutdown)", dom.state() == [S.VIR_DOMAIN_SHUTOFF, S.VIR_DOMAIN_SHUTOFF_SHUTDOWN],
          dom.state())
    check("the console stream ends with the guest", console.wait_end(), console.seen[-200:])
    # (a virDomain object keeps the ID it was looked up with: look up again)
    again = conn.lookupByName("p1")
    check("ID() -1 and isActive() 0 once stopped", again.ID() == -1 and dom.isActive() == 0,
          (again.ID(), dom.isActive()))
    for name, fn in (("shutdown", dom.shutdown), ("destroy", dom.destroy), ("suspend", dom.suspend),
                     ("resume", dom.resume)):
        ok, got = is_error(fn, S.VIR_ERR_OPERATION_INVALID, "domain is not running")
        check("%s of a stopped domain: VIR_ERR_OPERATION_INVALID, not running" % name, ok, got)

    dom.create()
    dom.destroy()
    check("create + destroy: started/booted, stopped/destroyed", ev.wait_lifecycle(9) and
          ev.lifecycle[7:] == [("p1", S.VIR_DOMAIN_EVENT_STARTED, S.VIR_DOMAIN_EVENT_STARTED_BOOTED),
                               ("p1", S.VIR_DOMAIN_EVENT_STOPPED, S.VIR_DOMAIN_EVENT_STOPPED_DESTROYED)],
          ev.lifecycle)
    check("state: shutoff (destroyed)", dom.state() == [S.VIR_DOMAIN_SHUTOFF, S.VIR_DOMAIN_SHUTOFF_DESTROYED],
          dom.state())

    dom.undefine()
    check("undefine: undefined/removed event", ev.wait_lifecycle(10) and
          ev.lifecycle[9:] == [("p1", S.VIR_DOMAIN_EVENT_UNDEFINED, S.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED)],
          ev.lifecycle)
    ok, got = is_error(lambda: conn.lookupByName("p1"), S.VIR_ERR_NO_DOMAIN, "'p1'")
    check("lookupByName after undefine: VIR_ERR_NO_DOMAIN", ok, got)
    ok, got = is_error(dom.create, S.VIR_ERR_NO_DOMAIN, "no domain with matching uuid")
    check("create of the undefined domain: VIR_ERR_NO_DOMAIN", ok, got)
    sys.exit(failed)


main()
