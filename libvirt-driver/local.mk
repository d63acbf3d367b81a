# libvirt-driver/: see libvirt-driver/README.md
EXTRA_DIST += libvirt-driver/README.md
