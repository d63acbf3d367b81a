# schemas/: see schemas/README.md
EXTRA_DIST += schemas/README.md
# The JSON Schema of hv's domain config and run-state files (libhv).
hvschemadir = $(datadir)/hv/schemas
dist_hvschema_DATA = schemas/hv-domain.schema.json
