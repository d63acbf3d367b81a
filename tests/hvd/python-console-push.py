#!/usr/bin/python3
# Pushes BYTES bytes (lines of 'x') into a domain's console through
# python3-libvirt (a blocking stream: send() waits while hvd holds back),
# then finishes the stream. Prints "sent N" when all were accepted.
# Usage: python-console-push.py URI DOMAIN BYTES
import sys

import libvirt


def main():
    uri, name, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
    conn = libvirt.open(uri)
    stream = conn.newStream(0)
    conn.lookupByName(name).openConsole(None, stream, 0)
    line = b"x" * 1023 + b"\n"
    chunk = line * 64
    sent = 0
    while sent < total:
        part = chunk[:total - sent]
        done = 0
        while done < len(part):
            done += stream.send(part[done:])
        sent += len(part)
    stream.finish()
    print("sent", sent)


main()
