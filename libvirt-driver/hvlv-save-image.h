/* hvlv-save-image: the files virsh save and managedsave produce. One file
 * holds a small header (magic, version, whether the guest was running, the
 * domain XML) and then the engine's migration stream, so `virsh restore
 * FILE` knows which domain it brings back, as libvirt's own save images do.
 * A file is written under a temporary name next to its final one and only
 * renamed into place once complete: a failed save leaves no half image. */
#pragma once

#include <glib.h>

#include "hvlv-domains.h"

/* virDomainSaveRestoreFlags */
enum {
	HVLV_SAVE_BYPASS_CACHE = 1 << 0,
	HVLV_SAVE_RUNNING = 1 << 1,
	HVLV_SAVE_PAUSED = 1 << 2,
};

/* What a save image's header says. */
typedef struct {
	char *xml;        /* the domain XML saved with the state */
	gboolean running; /* whether the guest was running (else paused) */
	goffset offset;   /* where the engine's stream starts */
} HvlvSaveImage;

void hvlv_save_image_free(HvlvSaveImage *image);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvSaveImage, hvlv_save_image_free)

/* Creates a temporary file next to PATH holding the header for XML and
 * RUNNING; the engine appends its stream to it. Returns its name. */
char *hvlv_save_image_begin(const char *path, const char *xml, gboolean running, GError **error);

/* Waits for the engine's writer to finish TEMP (its flock), syncs it,
 * renames it to PATH (replacing it) and syncs the directory. */
gboolean hvlv_save_image_commit(const char *temp, const char *path, GError **error);

/* Reads the header of the image at PATH; libvirt's errors for a missing
 * file (SYSTEM_ERROR) and for one that is not a save image (OPERATION_FAILED). */
HvlvSaveImage *hvlv_save_image_read(const char *path, GError **error);

/* The managed save image of domain NAME: <state dir>/save/<NAME>.save. */
char *hvlv_managed_save_path(HvlvDomains *domains, const char *name);

/* Whether domain NAME has a managed save image now (the file is the state). */
gboolean hvlv_has_managed_save(HvlvDomains *domains, const char *name);
