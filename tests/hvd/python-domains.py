#!/usr/bin/python3
# python3-libvirt against hvd's domain procedures; prints one "name: value"
# line per fact for test-domains-virsh.sh to check. Usage:
#   python-domains.py api URI        - lookups, lists, info, errors (needs d1, d2)
#   python-domains.py events URI XML - lifecycle events of a define/undefine
#   python-domains.py dumpxml FILE   - the fields of a domain XML document
#   python-domains.py robust URI SOCKET - raw bad messages, then 200 clients at once
import socket
import struct
import sys
import threading
import time
import xml.etree.ElementTree as ET

import libvirt

NS = "http://hv.example.org/app/"


def err(fn):
    try:
        fn()
        return "no error"
    except libvirt.libvirtError as e:
        return "%d %s" % (e.get_error_code(), e.get_error_message())


def api(uri):
    conn = libvirt.open(uri)
    names = sorted(d.name() for d in conn.listAllDomains())
    print("all:", " ".join(names))
    flags = {"inactive": libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE,
             "active": libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE,
             "persistent": libvirt.VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
             "transient": libvirt.VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
             "shutoff": libvirt.VIR_CONNECT_LIST_DOMAINS_SHUTOFF,
             "running": libvirt.VIR_CONNECT_LIST_DOMAINS_RUNNING}
    for key, flag in flags.items():
        print("list %s: %s" % (key, " ".join(sorted(d.name() for d in conn.listAllDomains(flag)))))
    print("num defined:", conn.numOfDefinedDomains(), "num active:", conn.numOfDomains())
    print("defined names:", " ".join(sorted(conn.listDefinedDomains())))
    d1 = conn.lookupByName("d1")
    same = conn.lookupByUUIDString(d1.UUIDString())
    print("by uuid:", same.name(), "id:", same.ID())
    print("info:", d1.info())
    print("state:", d1.state())
    print("ostype:", d1.OSType(), "maxmem:", d1.maxMemory())
    print("vcpus max:", d1.vcpusFlags(libvirt.VIR_DOMAIN_VCPU_MAXIMUM | libvirt.VIR_DOMAIN_AFFECT_CONFIG),
          "current:", d1.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_CONFIG))
    print("active:", d1.isActive(), "persistent:", d1.isPersistent(), "updated:", d1.isUpdated())
    d1.setAutostart(1)
    print("autostart after set:", d1.autostart())
    d1.setAutostart(0)
    print("autostart after unset:", d1.autostart())
    d1.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<item n='1'>v</item>", "app", NS,
                   libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    elem = ET.fromstring(d1.metadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, NS))
    print("metadata element:", elem.tag, elem.get("n"), elem.text)
    d1.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, None, None, NS, 0)
    print("metadata removed:", err(lambda: d1.metadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, NS)))
    print("metadata live:", err(lambda: d1.setMetadata(libvirt.VIR_DOMAIN_METADATA_TITLE, "t", None, None,
                                                       libvirt.VIR_DOMAIN_AFFECT_LIVE)))
    print("no name:", err(lambda: conn.lookupByName("nosuch")))
    print("no uuid:", err(lambda: conn.lookupByUUIDString("00000000-0000-4000-8000-000000000001")))
    print("no id:", err(lambda: conn.lookupByID(42)))
    print("bad xml:", err(lambda: conn.defineXML("<domain type='kvm'><name>x</name>")))
    print("not a domain:", err(lambda: conn.defineXML("<network/>")))
    print("bad flags:", err(lambda: d1.undefineFlags(1 << 20)))
    print("nvram flags:", err(lambda: d1.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_NVRAM |
                                                        libvirt.VIR_DOMAIN_UNDEFINE_KEEP_NVRAM)))
    conn.close()


def events(uri, xml):
    libvirt.virEventRegisterDefaultImpl()
    seen = []
    threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)],
                     daemon=True).start()
    conn = libvirt.open(uri)
    cb = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                     lambda c, d, ev, detail, o: seen.append((d.name(), ev, detail)), None)
    dom = conn.defineXML(xml)
    dom.undefine()
    for _ in range(50):
        if len(seen) >= 2:
            break
        time.sleep(0.1)
    for name, ev, detail in seen:
        print("event:", name, ev, detail)
    conn.domainEventDeregisterAny(cb)
    conn.close()


def dumpxml(path):
    root = ET.parse(path).getroot()
    print("type:", root.get("type"))
    for tag in ("name", "uuid", "title", "description", "memory", "currentMemory", "vcpu",
                "os/type", "os/kernel", "os/initrd", "os/cmdline", "on_poweroff", "on_reboot", "on_crash"):
        node = root.find(tag)
        print("%s: %s" % (tag, None if node is None else node.text))
    print("memory unit:", root.find("memory").get("unit"))
    print("vcpu current:", root.find("vcpu").get("current"))
    os_type = root.find("os/type")
    print("os machine:", os_type.get("machine"), "arch:", os_type.get("arch"))
    for disk in root.findall("devices/disk"):
        print("disk:", disk.get("type"), disk.get("device"), disk.find("driver").get("type"),
              disk.find("source").get("file"), disk.find("target").get("dev"), disk.find("target").get("bus"))
    for nic in root.findall("devices/interface"):
        print("interface:", nic.get("type"), nic.find("mac").get("address"),
              nic.find("source").get("bridge"), nic.find("model").get("type"))
    for child in list(root.find("metadata") if root.find("metadata") is not None else []):
        print("metadata child:", child.tag, child.get("n"))


def raw(path, data, read=True, until=None):
    """Sends DATA; what comes back until EOF, UNTIL is seen, or 5 s pass."""
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.sendall(data)
    got = b""
    s.settimeout(5)
    while read:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        got += chunk
        if not chunk or (until and until in got):
            break
    s.close()
    return got


def header(prog, vers, proc, serial=1, body=b""):
    msg = struct.pack(">IIiIII", prog, vers, proc, 0, serial, 0) + body
    return struct.pack(">I", len(msg) + 4) + msg


def robust(uri, path):
    prog = 0x20008086
    raw(path, header(prog, 1, 66)[:10], read=False)                  # truncated header
    print("4 GiB length closes:", raw(path, b"\xff\xff\xff\xff") == b"")
    print("wrong program closes:", raw(path, header(0x12345678, 1, 66)) == b"")
    print("wrong version closes:", raw(path, header(prog, 2, 66)) == b"")
    # after the handshake, a DEFINE_XML whose string claims 2 GiB, then an
    # unknown procedure: an error reply each, the connection stays
    opening = header(prog, 1, 66) + header(prog, 1, 1, 2, struct.pack(">II", 1, 12) + b"hv:///system")
    reply = raw(path, opening + header(prog, 1, 11, 3, struct.pack(">I", 0x7fffffff)) +
                header(prog, 1, 4444, 4), until=b"unknown procedure: 4444")
    print("garbage define answered:", b"Unable to decode message payload" in reply)
    print("unknown procedure answered:", b"unknown procedure: 4444" in reply)
    results = []

    def client():
        try:
            c = libvirt.open(uri)
            results.append(len(c.listAllDomains()))
            time.sleep(0.5)  # all of them connected at once
            c.close()
        except libvirt.libvirtError as e:
            results.append("error %s" % e.get_error_message())
    threads = [threading.Thread(target=client) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("clients served:", sum(1 for r in results if isinstance(r, int)), "of", len(threads))


libvirt.registerErrorHandler(lambda ctx, e: None, None)
{"api": lambda: api(sys.argv[2]), "events": lambda: events(sys.argv[2], sys.argv[3]),
 "robust": lambda: robust(sys.argv[2], sys.argv[3]),
 "dumpxml": lambda: dumpxml(sys.argv[2])}[sys.argv[1]]()
