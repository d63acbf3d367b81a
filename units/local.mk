# units/: see units/README.md
EXTRA_DIST += units/README.md
