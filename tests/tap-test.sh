#!/bin/sh
# LOG_COMPILER for test programs: GLib tests print TAP with --tap.
exec "$@" --tap
