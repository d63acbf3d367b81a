/* hvlv-proc: the handlers the procedure table names, one declaration per
 * row, grouped by the file that implements them, plus what every handler
 * shares. A handler follows libvirt's skeleton: check flags, look the
 * object up, check access, begin a job, work, end the job. */
#pragma once

#include <glib.h>

#include "hvlv-domains.h"
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
/* ---- domains (README.md: the skeleton every domain handler follows) ---- */

typedef struct HvlvDomainObj HvlvDomainObj;
typedef struct HvlvDomains HvlvDomains;

/* The domain registry the call is served from, or NULL with an error. */
HvlvDomains *hvlv_call_domains(HvlvCall *call, GError **error);
/* The object DOM (a call's domain argument) names, or NULL with
 * VIR_ERR_NO_DOMAIN ("no domain with matching uuid '...' (name)"). */
HvlvDomainObj *hvlv_call_domain_obj(HvlvCall *call, const hvlv_nonnull_domain *dom,
                                    GError **error);
/* Begins CALL's modifying job on OBJ (hvlv_domain_obj_begin_job), its holder
 * named as libvirt names it ("monitor=remoteDispatchDomainCreate"). */
gboolean hvlv_call_begin_job(HvlvCall *call, HvlvDomainObj *obj, GError **error);
/* libvirt's VIR_EXCLUSIVE_FLAGS_RET: FALSE with VIR_ERR_INVALID_ARG when
 * FLAGS has both A and B (named A_NAME, B_NAME in the message). */
gboolean hvlv_check_exclusive_flags(guint flags, guint a, const char *a_name, guint b,
                                    const char *b_name, GError **error);
#define HVLV_CHECK_AFFECT_EXCLUSIVE(flags, error) \
	hvlv_check_exclusive_flags(flags, 1, "VIR_DOMAIN_AFFECT_LIVE", 2, "VIR_DOMAIN_AFFECT_CONFIG", \
	                           error)
/* Fills a wire domain from INFO (the name is copied with malloc, for xdr_free). */
void hvlv_domain_to_wire(hvlv_nonnull_domain *wire, const HvlvDomainInfo *info);

/* hvlv-proc-domain-lookup.c: lookups, lists, counts */
gboolean hvlv_proc_domain_lookup_by_name(HvlvCall *call, gpointer args, gpointer ret,
                                         GError **error);
gboolean hvlv_proc_domain_lookup_by_uuid(HvlvCall *call, gpointer args, gpointer ret,
                                         GError **error);
gboolean hvlv_proc_domain_lookup_by_id(HvlvCall *call, gpointer args, gpointer ret,
                                       GError **error);
gboolean hvlv_proc_list_all_domains(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_num_of_domains(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_list_domains(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_num_of_defined_domains(HvlvCall *call, gpointer args, gpointer ret,
                                          GError **error);
gboolean hvlv_proc_list_defined_domains(HvlvCall *call, gpointer args, gpointer ret,
                                        GError **error);

/* hvlv-proc-domain-xml.c: definitions */
gboolean hvlv_proc_domain_define_xml(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_define_xml_flags(HvlvCall *call, gpointer args, gpointer ret,
                                           GError **error);
gboolean hvlv_proc_domain_undefine(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_undefine_flags(HvlvCall *call, gpointer args, gpointer ret,
                                         GError **error);
gboolean hvlv_proc_domain_get_xml_desc(HvlvCall *call, gpointer args, gpointer ret,
                                       GError **error);

/* hvlv-proc-domain-info.c: facts about one domain, autostart */
gboolean hvlv_proc_domain_get_info(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_get_state(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_get_autostart(HvlvCall *call, gpointer args, gpointer ret,
                                        GError **error);
gboolean hvlv_proc_domain_set_autostart(HvlvCall *call, gpointer args, gpointer ret,
                                        GError **error);
gboolean hvlv_proc_domain_is_active(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_is_persistent(HvlvCall *call, gpointer args, gpointer ret,
                                        GError **error);
gboolean hvlv_proc_domain_is_updated(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_get_os_type(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_get_max_memory(HvlvCall *call, gpointer args, gpointer ret,
                                         GError **error);
gboolean hvlv_proc_domain_get_vcpus_flags(HvlvCall *call, gpointer args, gpointer ret,
                                          GError **error);
gboolean hvlv_proc_domain_snapshot_num(HvlvCall *call, gpointer args, gpointer ret,
                                       GError **error);

/* hvlv-proc-domain-save.c: managed save, save */
gboolean hvlv_proc_domain_managed_save(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_has_managed_save(HvlvCall *call, gpointer args, gpointer ret,
                                           GError **error);
gboolean hvlv_proc_domain_managed_save_remove(HvlvCall *call, gpointer args, gpointer ret,
                                              GError **error);
gboolean hvlv_proc_domain_save(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_save_flags(HvlvCall *call, gpointer args, gpointer ret, GError **error);
/* The flags save and restore calls accept (virDomainSaveRestoreFlags
 * without RESET_NVRAM); a DXML (alternative XML) is refused with
 * VIR_ERR_ARGUMENT_UNSUPPORTED. */
gboolean hvlv_save_check(guint flags, const char *dxml, HvlvCall *call, GError **error);
/* Undefine's rule: a managed save image of NAME blocks it (libvirt's
 * OPERATION_INVALID) unless REMOVE (VIR_DOMAIN_UNDEFINE_MANAGED_SAVE). */
gboolean hvlv_managed_save_undefine(HvlvDomains *domains, const char *name, gboolean remove,
                                    GError **error);

/* hvlv-proc-domain-restore.c: restore, and start from a managed save */
gboolean hvlv_proc_domain_restore(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_restore_flags(HvlvCall *call, gpointer args, gpointer ret,
                                        GError **error);
/* Create's rule: the shut-off domain NAME (UUID, 16 bytes) with a managed
 * save image continues from it (*HANDLED_R TRUE; the image is removed once
 * restored, kept if the restore fails); FORCE_BOOT discards it instead. */
gboolean hvlv_managed_save_start(HvlvDomains *domains, const char *name, const guint8 *uuid,
                                 gboolean paused, gboolean force_boot, gboolean *handled_r,
                                 GError **error);

/* hvlv-proc-domain-life.c: create, destroy, shutdown, reboot, suspend, resume */
gboolean hvlv_proc_domain_create(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_create_with_flags(HvlvCall *call, gpointer args, gpointer ret,
                                            GError **error);
gboolean hvlv_proc_domain_create_xml(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_destroy(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_destroy_flags(HvlvCall *call, gpointer args, gpointer ret,
                                        GError **error);
gboolean hvlv_proc_domain_shutdown(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_shutdown_flags(HvlvCall *call, gpointer args, gpointer ret,
                                         GError **error);
gboolean hvlv_proc_domain_reboot(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_suspend(HvlvCall *call, gpointer args, gpointer ret, GError **error);
gboolean hvlv_proc_domain_resume(HvlvCall *call, gpointer args, gpointer ret, GError **error);

/* hvlv-proc-domain-console.c: DOMAIN_OPEN_CONSOLE over a stream */
gboolean hvlv_proc_domain_open_console(HvlvCall *call, gpointer args, gpointer ret,
                                       GError **error);

/* hvlv-proc-domain-metadata.c: title, description, <metadata> */
gboolean hvlv_proc_domain_set_metadata(HvlvCall *call, gpointer args, gpointer ret,
                                       GError **error);
gboolean hvlv_proc_domain_get_metadata(HvlvCall *call, gpointer args, gpointer ret,
                                       GError **error);
