# schemas/: see schemas/README.md
EXTRA_DIST += schemas/README.md
