# hvd/: see hvd/README.md
EXTRA_DIST += hvd/README.md
