/* hvlv-proc: the handlers the procedure table names, one declaration per
 * row, grouped by the file that implements them, plus what every handler
 * shares. A handler follows libvirt's skeleton: check flags, look the
 * object up, check access, begin a job, work, end the job. */
#pragma once

#include <glib.h>

#include "hvlv-error.h"
#include "hvlv-program.h"

/* libvirt's virCheckFlags: FALSE with VIR_ERR_INVALID_ARG when FLAGS has
 * bits outside SUPPORTED. */
gboolean hvlv_check_flags(guint flags, guint supported, HvlvCall *call, GError **error);

/* The hypervisor type and versions hv reports (README.md says why). */
#define HVLV_HYPERVISOR_TYPE "QEMU"
#define HVLV_LIBVIRT_VERSION 9000000u /* the libvirt 9.0.0 protocol hv speaks */

/* hvlv-proc-connect.c: connection */
gboolean hvlv_proc_auth_list(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_supports_feature(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_connect_open(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_connect_close(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_get_type(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_get_version(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_get_lib_version(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_get_hostname(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_get_uri(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_get_sysinfo(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_get_max_vcpus(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_close_callback(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_is_secure(HvlvCall *call, gpointer args, gpointer ret, GError **error);

/* hvlv-proc-node.c: the host */
gboolean hvlv_proc_node_get_info(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_node_get_free_memory(HvlvCall *call, gpointer args, gpointer ret,
                                        GError **error);
gboolean hvlv_proc_node_get_cells_free_memory(HvlvCall *call, gpointer args, gpointer ret,
                                              GError **error);
gboolean hvlv_proc_node_get_cpu_map(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_node_get_memory_stats(HvlvCall *call, gpointer args, gpointer ret,
                                         GError **error);
gboolean hvlv_proc_node_get_security_model(HvlvCall *call, gpointer args, gpointer ret,
                                           GError **error);

/* hvlv-proc-events.c: event callbacks */
gboolean hvlv_proc_event_register(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_event_deregister(HvlvCall *call, gpointer args, gpointer ret, GError **error);

/* hvlv-proc-xml.c: capabilities and native config conversion */
gboolean hvlv_proc_get_capabilities(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_get_domain_capabilities(HvlvCall *call, gpointer args, gpointer ret,
                                           GError **error);
gboolean hvlv_proc_domain_xml_from_native(HvlvCall *call, gpointer args, gpointer ret,
                                          GError **error);
gboolean hvlv_proc_domain_xml_to_native(HvlvCall *call, gpointer args, gpointer ret,
                                        GError **error);
