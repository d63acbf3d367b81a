/* Syntax checks of the model's structured strings (model/formats.c). */
#pragma once

#include <glib.h>

/* The highest CPU or node number a list may name, plus one. */
#define HV__CPULIST_LIMIT 4096

/* UUID "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex digits, any case). */
gboolean hv__uuid_is_valid(const char *s);

/* MAC "xx:xx:xx:xx:xx:xx". */
gboolean hv__mac_is_valid(const char *s);

/* PCI address "DDDD:BB:SS.F". */
gboolean hv__bdf_is_valid(const char *s);

/* Comma-separated unsigned decimal numbers, "10,20". */
gboolean hv__intlist_is_valid(const char *s);

/* Whether LIST is a valid xl CPU list (node items only when ALLOW_NODES). */
gboolean hv__cpulist_is_valid(const char *list, gboolean allow_nodes, GError **error);
