/* hvlv-error: libvirt error numbers, origins and wording. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "hvlv-error.h"

G_DEFINE_QUARK(hvlv-error-quark, hvlv_error)

/* The GError code packs the origin above the number. */
#define HVLV_ERROR_FROM_SHIFT 16

/* libvirt's message for each number, the detail in %s (virerror.c). */
static const char *
hvlv_error_format(HvlvErrorNumber number)
{
	switch (number) {
	case HVLV_ERR_INTERNAL_ERROR: return _("internal error: %s");
	case HVLV_ERR_NO_SUPPORT: return _("this function is not supported by the connection driver: %s");
	case HVLV_ERR_NO_CONNECT: return _("no connection driver available for %s");
	case HVLV_ERR_INVALID_ARG: return _("invalid argument: %s");
	case HVLV_ERR_OPERATION_FAILED: return _("operation failed: %s");
	case HVLV_ERR_XML_ERROR: return _("XML error: %s");
	case HVLV_ERR_OPERATION_DENIED: return _("operation forbidden: %s");
	case HVLV_ERR_NO_DOMAIN: return _("Domain not found: %s");
	case HVLV_ERR_OPERATION_INVALID: return _("Requested operation is not valid: %s");
	case HVLV_ERR_OPERATION_UNSUPPORTED: return _("Operation not supported: %s");
	case HVLV_ERR_NO_TARGET: return _("missing target information for %s");
	case HVLV_ERR_OVERFLOW: return _("value too large: %s");
	case HVLV_ERR_CONF_SYNTAX: return _("configuration file syntax error: %s");
	case HVLV_ERR_CONFIG_UNSUPPORTED: return _("unsupported configuration: %s");
	case HVLV_ERR_ARGUMENT_UNSUPPORTED: return _("argument unsupported: %s");
	case HVLV_ERR_XML_INVALID_SCHEMA: return _("XML document failed to validate against schema: %s");
	case HVLV_ERR_OPERATION_TIMEOUT: return _("Timed out during operation: %s");
	case HVLV_ERR_NO_DOMAIN_METADATA: return _("metadata not found: %s");
	case HVLV_ERR_XML_DETAIL:
	case HVLV_ERR_NO_NAME:
	case HVLV_ERR_SYSTEM_ERROR:
	case HVLV_ERR_RPC:
		break;
	}
	return "%s";
}

void
hvlv_set_error(GError **error, HvlvErrorNumber number, HvlvErrorFrom from, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *detail = g_strdup_vprintf(fmt, ap);
	va_end(ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	g_set_error(error, HVLV_ERROR, (int)(((guint)from << HVLV_ERROR_FROM_SHIFT) | number),
	            hvlv_error_format(number), detail);
#pragma GCC diagnostic pop
}

HvlvErrorNumber
hvlv_error_number(const GError *error)
{
	if (error->domain != HVLV_ERROR)
		return HVLV_ERR_INTERNAL_ERROR;
	return (HvlvErrorNumber)(error->code & ((1 << HVLV_ERROR_FROM_SHIFT) - 1));
}

HvlvErrorFrom
hvlv_error_from(const GError *error)
{
	if (error->domain != HVLV_ERROR)
		return HVLV_FROM_DRIVER;
	return (HvlvErrorFrom)((guint)error->code >> HVLV_ERROR_FROM_SHIFT);
}

/* The libvirt number for each HvErrorCode (hv/error.h), in its order. */
static const HvlvErrorNumber hvlv_libhv_numbers[] = {
	[HV_ERROR_INTERNAL] = HVLV_ERR_INTERNAL_ERROR,
	[HV_ERROR_PARSE] = HVLV_ERR_CONF_SYNTAX,
	[HV_ERROR_INVALID] = HVLV_ERR_CONFIG_UNSUPPORTED,
	[HV_ERROR_UNSUPPORTED] = HVLV_ERR_CONFIG_UNSUPPORTED,
	[HV_ERROR_NO_DOMAIN] = HVLV_ERR_NO_DOMAIN,
	[HV_ERROR_EXISTS] = HVLV_ERR_OPERATION_FAILED,
	[HV_ERROR_INVALID_STATE] = HVLV_ERR_OPERATION_INVALID,
	[HV_ERROR_IO] = HVLV_ERR_SYSTEM_ERROR,
	[HV_ERROR_BUSY] = HVLV_ERR_OPERATION_TIMEOUT,
	[HV_ERROR_TOO_NEW] = HVLV_ERR_CONFIG_UNSUPPORTED,
};

void
hvlv_propagate_libhv_error(GError **dest, GError *src)
{
	g_autoptr(GError) err = src;
	if (err->domain == HVLV_ERROR) {
		g_propagate_error(dest, g_steal_pointer(&err));
		return;
	}
	HvlvErrorNumber number = HVLV_ERR_INTERNAL_ERROR;
	if (err->domain == HV_ERROR && err->code >= 0 &&
	    (gsize)err->code < G_N_ELEMENTS(hvlv_libhv_numbers))
		number = hvlv_libhv_numbers[err->code];
	else if (err->domain == G_FILE_ERROR || err->domain == g_quark_try_string("g-io-error-quark"))
		number = HVLV_ERR_SYSTEM_ERROR;
	hvlv_set_error(dest, number, HVLV_FROM_DRIVER, "%s", err->message);
}
