#!/usr/bin/python3
# Reads a domain's console through python3-libvirt (virDomain.openConsole and
# a stream) until a text appears; optionally types a line first. Prints
# "found" or "timeout" and the bytes read. Usage:
#   python-console.py URI DOMAIN TEXT [SECONDS [LINE]]
import signal
import sys

import libvirt


def main():
    uri, name, text = sys.argv[1:4]
    seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 60
    line = sys.argv[5] if len(sys.argv) > 5 else None
    conn = libvirt.open(uri)
    dom = conn.lookupByName(name)
    stream = conn.newStream(0)
    dom.openConsole(None, stream, 0)
    if line is not None:
        stream.send((line + "\n").encode())
    signal.signal(signal.SIGALRM, lambda *a: (_ for _ in ()).throw(TimeoutError()))
    signal.alarm(seconds)
    seen = b""
    try:
        while text.encode() not in seen:
            data = stream.recv(4096)
            if not data:
                break
            seen += data
    except TimeoutError:
        pass
    signal.alarm(0)
    print("found" if text.encode() in seen else "timeout")
    sys.stdout.write(seen.decode(errors="replace"))
    try:
        stream.abort()
    except libvirt.libvirtError:
        pass


main()
