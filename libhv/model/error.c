/* The HV_ERROR domain (hv/error.h). */
#include "config.h"

#include <hv/error.h>

G_DEFINE_QUARK(hv-error-quark, hv_error)
