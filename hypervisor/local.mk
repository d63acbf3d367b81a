# hypervisor/: see hypervisor/README.md
EXTRA_DIST += hypervisor/README.md
