/* hvlv-error: errors as libvirt clients see them. A GError in the
 * HVLV_ERROR domain carries libvirt's error number and origin; the message
 * is already formatted the way libvirt formats that number. */
#pragma once

#include <glib.h>

/* libvirt's error numbers (virErrorNumber in virterror.h) that hv uses. */
typedef enum {
	HVLV_ERR_INTERNAL_ERROR = 1,
	HVLV_ERR_NO_SUPPORT = 3,
	HVLV_ERR_NO_CONNECT = 5,
	HVLV_ERR_INVALID_ARG = 8,
	HVLV_ERR_OPERATION_FAILED = 9,
	HVLV_ERR_NO_TARGET = 20,
	HVLV_ERR_NO_NAME = 21,
	HVLV_ERR_XML_ERROR = 27,
	HVLV_ERR_OPERATION_DENIED = 29,
	HVLV_ERR_CONF_SYNTAX = 33,
	HVLV_ERR_XML_DETAIL = 35,
	HVLV_ERR_SYSTEM_ERROR = 38,
	HVLV_ERR_RPC = 39,
	HVLV_ERR_NO_DOMAIN = 42,
	HVLV_ERR_OPERATION_INVALID = 55,
	HVLV_ERR_CONFIG_UNSUPPORTED = 67,
	HVLV_ERR_ARGUMENT_UNSUPPORTED = 74,
	HVLV_ERR_OPERATION_TIMEOUT = 68,
	HVLV_ERR_NO_DOMAIN_METADATA = 80,
	HVLV_ERR_OVERFLOW = 82,
	HVLV_ERR_OPERATION_UNSUPPORTED = 84,
	HVLV_ERR_XML_INVALID_SCHEMA = 92,
} HvlvErrorNumber;

/* libvirt's error origins (virErrorDomain) that hv uses. hv's driver
 * reports as QEMU, the hypervisor type it presents (README.md). */
typedef enum {
	HVLV_FROM_NONE = 0,
	HVLV_FROM_RPC = 7,
	HVLV_FROM_QEMU = 10,
	HVLV_FROM_REMOTE = 13,
	HVLV_FROM_DOMAIN = 20,
} HvlvErrorFrom;

#define HVLV_FROM_DRIVER HVLV_FROM_QEMU

#define HVLV_ERROR (hvlv_error_quark())
GQuark hvlv_error_quark(void);

/* Sets ERROR to libvirt error NUMBER from FROM; the printf-style detail is
 * put into libvirt's wording for NUMBER ("operation forbidden: %s", ...). */
void hvlv_set_error(GError **error, HvlvErrorNumber number, HvlvErrorFrom from,
                    const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/* The libvirt error number of ERROR; INTERNAL_ERROR for errors from other
 * GError domains. */
HvlvErrorNumber hvlv_error_number(const GError *error);

/* The libvirt origin of ERROR; the driver's own origin for other domains. */
HvlvErrorFrom hvlv_error_from(const GError *error);

/* Moves SRC (taken) into DEST as a libvirt error: HVLV_ERROR as it is,
 * libhv's HV_ERROR codes by the mapping hv/error.h gives, file and I/O
 * errors as VIR_ERR_SYSTEM_ERROR, anything else as an internal error. */
void hvlv_propagate_libhv_error(GError **dest, GError *src);
