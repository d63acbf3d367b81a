/* hvlv-procedures: THE procedure table of libvirt's remote program, the
 * one place that says what hv does with each procedure number. Rows are
 * sorted by number. A row without a handler is a procedure libvirt defines
 * and hv does not implement yet: clients get VIR_ERR_NO_SUPPORT ("this
 * function is not supported by the connection driver"), or, on a read-only
 * connection, VIR_ERR_OPERATION_DENIED when the row is HVLV_PROC_WRITE.
 * Numbers up to HVLV_REMOTE_PROC_LAST without a row get NO_SUPPORT too;
 * numbers above it get libvirtd's "unknown procedure". README.md says how
 * to add a procedure. */
#include "config.h"

#include "hvlv-proc.h"

/* The highest procedure number of libvirt 9.0.0's remote_protocol.x. */
#define HVLV_REMOTE_PROC_LAST 443

#define ARGS(type) (xdrproc_t)xdr_##type, sizeof(type)
#define RET(type) (xdrproc_t)xdr_##type, sizeof(type)
#define NONE NULL, 0
#define W HVLV_PROC_WRITE
#define INLINE HVLV_PROC_INLINE
#define PRIO HVLV_PROC_PRIORITY
#define PRE HVLV_PROC_BEFORE_OPEN
/* A procedure hv does not implement yet. */
#define TODO(number, api, flags) { number, api, NULL, NONE, NONE, flags }

static const HvlvProcedure hvlv_remote_procs[] = {
	{ 1, "virConnectOpen", hvlv_proc_connect_open, ARGS(hvlv_connect_open_args), NONE, INLINE | PRE },
	{ 2, "virConnectClose", hvlv_proc_connect_close, NONE, NONE, INLINE },
	{ 3, "virConnectGetType", hvlv_proc_get_type, NONE, RET(hvlv_string_ret), INLINE },
	{ 4, "virConnectGetVersion", hvlv_proc_get_version, NONE, RET(hvlv_version_ret), 0 },
	{ 5, "virConnectGetMaxVcpus", hvlv_proc_get_max_vcpus, ARGS(hvlv_get_max_vcpus_args),
	  RET(hvlv_get_max_vcpus_ret), PRIO },
	{ 6, "virNodeGetInfo", hvlv_proc_node_get_info, NONE, RET(hvlv_node_get_info_ret), PRIO },
	{ 7, "virConnectGetCapabilities", hvlv_proc_get_capabilities, NONE, RET(hvlv_string_ret), 0 },
	TODO(8, "virDomainAttachDevice", W),
	TODO(9, "virDomainCreate", W),
	TODO(10, "virDomainCreateXML", W),
	TODO(11, "virDomainDefineXML", W),
	TODO(12, "virDomainDestroy", W),
	TODO(13, "virDomainDetachDevice", W),
	TODO(14, "virDomainGetXMLDesc", 0),
	TODO(15, "virDomainGetAutostart", 0),
	TODO(16, "virDomainGetInfo", 0),
	TODO(17, "virDomainGetMaxMemory", 0),
	TODO(18, "virDomainGetMaxVcpus", 0),
	TODO(19, "virDomainGetOSType", 0),
	TODO(21, "virConnectListDefinedDomains", 0),
	TODO(22, "virDomainLookupByID", 0),
	TODO(23, "virDomainLookupByName", 0),
	TODO(24, "virDomainLookupByUUID", 0),
	TODO(25, "virConnectNumOfDefinedDomains", 0),
	TODO(27, "virDomainReboot", W),
	TODO(28, "virDomainResume", W),
	TODO(29, "virDomainSetAutostart", W),
	TODO(30, "virDomainSetMaxMemory", W),
	TODO(31, "virDomainSetMemory", W),
	TODO(32, "virDomainSetVcpus", W),
	TODO(33, "virDomainShutdown", W),
	TODO(34, "virDomainSuspend", W),
	TODO(35, "virDomainUndefine", W),
	TODO(37, "virConnectListDomains", 0),
	TODO(51, "virConnectNumOfDomains", 0),
	TODO(52, "virConnectNumOfNetworks", 0),
	{ 59, "virConnectGetHostname", hvlv_proc_get_hostname, NONE, RET(hvlv_string_ret), PRIO },
	{ 60, "virConnectSupportsFeature", hvlv_proc_supports_feature,
	  ARGS(hvlv_supports_feature_args), RET(hvlv_supports_feature_ret), INLINE | PRE },
	{ 66, "virConnectAuthList", hvlv_proc_auth_list, NONE, RET(hvlv_auth_list_ret), INLINE | PRE },
	TODO(77, "virStoragePoolDefineXML", W),
	TODO(78, "virStoragePoolCreate", W),
	TODO(79, "virStoragePoolBuild", W),
	TODO(82, "virStoragePoolUndefine", W),
	TODO(83, "virStoragePoolRefresh", W),
	TODO(87, "virStoragePoolGetInfo", 0),
	TODO(88, "virStoragePoolGetXMLDesc", 0),
	TODO(90, "virStoragePoolSetAutostart", W),
	TODO(93, "virStorageVolCreateXML", W),
	TODO(94, "virStorageVolDelete", W),
	TODO(95, "virStorageVolLookupByName", 0),
	TODO(100, "virStorageVolGetPath", 0),
	{ 101, "virNodeGetCellsFreeMemory", hvlv_proc_node_get_cells_free_memory,
	  ARGS(hvlv_node_get_cells_free_memory_args), RET(hvlv_node_get_cells_free_memory_ret), PRIO },
	{ 102, "virNodeGetFreeMemory", hvlv_proc_node_get_free_memory, NONE,
	  RET(hvlv_node_get_free_memory_ret), PRIO },
	TODO(105, "virConnectDomainEventRegister", 0),
	TODO(106, "virConnectDomainEventDeregister", 0),
	{ 110, "virConnectGetURI", hvlv_proc_get_uri, NONE, RET(hvlv_string_ret), INLINE },
	TODO(111, "virNodeNumOfDevices", 0),
	TODO(112, "virNodeListDevices", 0),
	TODO(114, "virNodeDeviceGetXMLDesc", 0),
	TODO(121, "virDomainGetSecurityLabel", 0),
	{ 122, "virNodeGetSecurityModel", hvlv_proc_node_get_security_model, NONE,
	  RET(hvlv_node_get_security_model_ret), INLINE },
	{ 135, "virConnectDomainXMLFromNative", hvlv_proc_domain_xml_from_native,
	  ARGS(hvlv_domain_xml_native_args), RET(hvlv_string_ret), W },
	{ 136, "virConnectDomainXMLToNative", hvlv_proc_domain_xml_to_native,
	  ARGS(hvlv_domain_xml_native_args), RET(hvlv_string_ret), W },
	{ 149, "virConnectIsSecure", hvlv_proc_is_secure, NONE, RET(hvlv_is_secure_ret), INLINE },
	TODO(150, "virDomainIsActive", 0),
	TODO(151, "virDomainIsPersistent", 0),
	TODO(154, "virStoragePoolIsActive", 0),
	{ 157, "virConnectGetLibVersion", hvlv_proc_get_lib_version, NONE, RET(hvlv_version_ret),
	  INLINE },
	TODO(160, "virDomainAttachDeviceFlags", W),
	TODO(161, "virDomainDetachDeviceFlags", W),
	TODO(163, "virDomainGetJobInfo", 0),
	TODO(167, "virConnectDomainEventRegisterAny", 0),
	TODO(168, "virConnectDomainEventDeregisterAny", 0),
	TODO(182, "virDomainManagedSave", W),
	TODO(183, "virDomainHasManagedSaveImage", 0),
	TODO(187, "virDomainSnapshotNum", 0),
	TODO(196, "virDomainCreateWithFlags", W),
	TODO(201, "virDomainOpenConsole", W),
	TODO(202, "virDomainIsUpdated", 0),
	{ 203, "virConnectGetSysinfo", hvlv_proc_get_sysinfo, ARGS(hvlv_flags_args),
	  RET(hvlv_string_ret), PRIO },
	TODO(208, "virStorageVolUpload", W),
	TODO(212, "virDomainGetState", 0),
	{ 228, "virNodeGetMemoryStats", hvlv_proc_node_get_memory_stats,
	  ARGS(hvlv_node_get_memory_stats_args), RET(hvlv_node_get_memory_stats_ret), PRIO },
	TODO(231, "virDomainUndefineFlags", W),
	TODO(234, "virDomainDestroyFlags", W),
	TODO(258, "virDomainShutdownFlags", W),
	TODO(264, "virDomainSetMetadata", W),
	TODO(265, "virDomainGetMetadata", 0),
	TODO(273, "virConnectListAllDomains", 0),
	TODO(274, "virDomainListAllSnapshots", 0),
	TODO(281, "virConnectListAllStoragePools", 0),
	TODO(282, "virStoragePoolListAllVolumes", 0),
	TODO(283, "virConnectListAllNetworks", 0),
	TODO(285, "virConnectListAllNodeDevices", 0),
	{ 293, "virNodeGetCPUMap", hvlv_proc_node_get_cpu_map, ARGS(hvlv_node_get_cpu_map_args),
	  RET(hvlv_node_get_cpu_map_ret), PRIO },
	TODO(302, "virDomainMigrateBegin3Params", W),
	TODO(303, "virDomainMigratePrepare3Params", W),
	TODO(305, "virDomainMigratePerform3Params", W),
	TODO(306, "virDomainMigrateFinish3Params", W),
	TODO(307, "virDomainMigrateConfirm3Params", W),
	TODO(313, "virConnectNetworkEventRegisterAny", 0),
	{ 316, "virConnectDomainEventRegisterAny", hvlv_proc_event_register,
	  ARGS(hvlv_event_register_args), RET(hvlv_event_register_ret), INLINE },
	{ 317, "virConnectDomainEventDeregisterAny", hvlv_proc_event_deregister,
	  ARGS(hvlv_event_deregister_args), NONE, INLINE },
	{ 342, "virConnectGetDomainCapabilities", hvlv_proc_get_domain_capabilities,
	  ARGS(hvlv_get_domain_capabilities_args), RET(hvlv_string_ret), 0 },
	TODO(344, "virConnectGetAllDomainStats", 0),
	TODO(350, "virDomainDefineXMLFlags", W),
	{ 360, "virConnectRegisterCloseCallback", hvlv_proc_close_callback, NONE, NONE, INLINE },
	{ 361, "virConnectUnregisterCloseCallback", hvlv_proc_close_callback, NONE, NONE, INLINE },
	TODO(368, "virConnectStoragePoolEventRegisterAny", 0),
	TODO(374, "virConnectNodeDeviceEventRegisterAny", 0),
	TODO(426, "virDomainGetMessages", 0),
	TODO(436, "virNodeDeviceIsActive", 0),
};

static const HvlvProgram hvlv_remote = {
	.procs = hvlv_remote_procs,
	.n_procs = G_N_ELEMENTS(hvlv_remote_procs),
	.last_known = HVLV_REMOTE_PROC_LAST,
};

const HvlvProgram *
hvlv_remote_program(void)
{
	return &hvlv_remote;
}
