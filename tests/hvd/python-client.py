#!/usr/bin/python3
# A real python3-libvirt client for hv's tests. Usage:
#   python-client.py console URI   - open t0's console stream, check data both ways
#   python-client.py basics URI    - versions, node info, errors
#   python-client.py idle URI SECS - stay connected SECS seconds (keepalive), then call
import sys
import threading
import time

import libvirt


def event_loop():
    libvirt.virEventRegisterDefaultImpl()
    threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)],
                     daemon=True).start()


def console(uri):
    conn = libvirt.open(uri)
    dom = conn.lookupByName("t0")
    st = conn.newStream(0)
    dom.openConsole(None, st, 0)
    data = st.recv(1024)
    print("greeting:", data.decode().strip())
    st.send(b"hello from python")
    echo = b""
    while len(echo) < len("hello from python"):
        echo += st.recv(1024)
    print("echo:", echo.decode())
    st.finish()
    print("finished")
    conn.close()


def basics(uri):
    conn = libvirt.open(uri)
    print("type:", conn.getType())
    print("libversion:", conn.getLibVersion())
    print("version:", conn.getVersion())
    print("hostname:", conn.getHostname())
    print("info:", conn.getInfo())
    try:
        conn.listAllNetworks()
    except libvirt.libvirtError as e:
        print("listAllNetworks error:", e.get_error_code(), e.get_error_message())
    conn.close()


def idle(uri, seconds):
    event_loop()
    conn = libvirt.open(uri)
    conn.setKeepAlive(1, 3)
    time.sleep(seconds)
    print("alive:", conn.isAlive(), "hostname:", conn.getHostname())
    conn.close()


libvirt.registerErrorHandler(lambda ctx, err: None, None)
if sys.argv[1] == "console":
    console(sys.argv[2])
elif sys.argv[1] == "basics":
    basics(sys.argv[2])
elif sys.argv[1] == "idle":
    idle(sys.argv[2], float(sys.argv[3]))
