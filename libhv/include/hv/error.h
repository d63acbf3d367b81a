/* hv/error.h: libhv's GError domain.
 *
 * Every libhv function that can fail takes a GError ** and sets an error in
 * the HV_ERROR domain (or, for plain file errors passed through unchanged,
 * G_FILE_ERROR / G_IO_ERROR, which the driver maps like HV_ERROR_IO).
 * The codes are chosen so that the libvirt driver maps each one to exactly
 * one libvirt error code; the mapping is given with each code. Messages are
 * complete sentences for the user (translated), naming the file, line,
 * column and setting where there is one. New codes are only ever appended. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HV_ERROR (hv_error_quark())

typedef enum {
	/* A bug or an impossible state inside hv.      -> VIR_ERR_INTERNAL_ERROR */
	HV_ERROR_INTERNAL,
	/* Input that is not well-formed: an xl.cfg syntax error, JSON that does
	 * not parse or does not match the schema.       -> VIR_ERR_CONF_SYNTAX
	 *   (for domain XML the driver reports its own VIR_ERR_XML_ERROR) */
	HV_ERROR_PARSE,
	/* Well-formed, but a value is wrong: a bad name, UUID, MAC, size, a
	 * setting that contradicts another.             -> VIR_ERR_CONFIG_UNSUPPORTED
	 *   (VIR_ERR_INVALID_ARG where the value came from an API argument) */
	HV_ERROR_INVALID,
	/* Valid for Xen or libvirt, but hv cannot honour it (pygrub, Arm-only
	 * settings, a device hv has no engine for).     -> VIR_ERR_CONFIG_UNSUPPORTED */
	HV_ERROR_UNSUPPORTED,
	/* No domain with that name or UUID.             -> VIR_ERR_NO_DOMAIN */
	HV_ERROR_NO_DOMAIN,
	/* A domain with that name or UUID already exists
	 * (libvirt: "domain 'x' already exists with uuid ...").
	 *                                                -> VIR_ERR_OPERATION_FAILED */
	HV_ERROR_EXISTS,
	/* The operation is not valid in the domain's current state (e.g.
	 * undefining a running transient domain).       -> VIR_ERR_OPERATION_INVALID */
	HV_ERROR_INVALID_STATE,
	/* A system call or file operation failed; the message names the path
	 * and strerror().                               -> VIR_ERR_SYSTEM_ERROR */
	HV_ERROR_IO,
	/* Something is locked by someone else: the state directory by another
	 * daemon (the message names its pid), a domain by another job.
	 *                                                -> VIR_ERR_OPERATION_TIMEOUT
	 *   (libvirt's "cannot acquire state change lock") */
	HV_ERROR_BUSY,
	/* A file written by a newer hv (schema version too high).
	 *                                                -> VIR_ERR_CONFIG_UNSUPPORTED */
	HV_ERROR_TOO_NEW,
} HvErrorCode;

/* The GQuark of the HV_ERROR domain. */
GQuark hv_error_quark(void);

G_END_DECLS
