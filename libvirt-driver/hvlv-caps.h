/* hvlv-caps: what this host offers guests, as libvirt's capabilities XML
 * (virsh capabilities) and domain capabilities XML (virsh domcapabilities).
 *
 * Only domain types clients know are advertised: 'qemu' always, 'kvm' only
 * when a usable KVM exists (/dev/kvm backed by kvm_intel or kvm_amd; the
 * environment variable HV_KVM=yes|no overrides the probe). pvh guests
 * (hv-vmm) are the machine 'pvh' of the 'kvm' domain type. */
#pragma once

#include <glib.h>

/* A machine type of the emulator: NAME, and the machine it is an alias of
 * (CANONICAL, NULL when none), and its vCPU limit. */
typedef struct {
	char *name;
	char *canonical;
	gint max_cpus;
	gboolean is_default;
} HvlvMachine;

/* Whether hvm guests can use KVM here and pvh guests can run at all. */
gboolean hvlv_caps_kvm_usable(void);

/* The machine types of QEMU, the emulator path (cached: QEMU is asked again
 * only for another path); NULL with ERROR when QEMU cannot be run. Owned by
 * the cache, valid until it is asked about another path. */
const GPtrArray *hvlv_caps_machines(const char *qemu, GError **error);

/* Parses `qemu-system-x86_64 -machine help` output into HvlvMachine entries. */
GPtrArray *hvlv_caps_parse_machines(const char *help);

/* The most vCPUs a pvh guest may have (KVM's limit, 288 when unknown). */
gint hvlv_caps_pvh_max_vcpus(void);

/* The path of hv-vmm: $HV_VMM, else HV_LIBEXEC_DIR/hv-vmm. */
const char *hvlv_caps_vmm_path(void);

/* virsh capabilities: host CPU, topology and memory, the guest types; QEMU
 * is the emulator path hvm guests run with (hvd.conf [hypervisor] emulator). */
char *hvlv_caps_format(const char *qemu, GError **error);

/* virsh domcapabilities for EMULATOR, ARCH, MACHINE, VIRTTYPE (each may be
 * NULL for the default), QEMU as in hvlv_caps_format(). FLAGS must be 0.
 * VIR_ERR_INVALID_ARG for an emulator, arch or machine hv does not offer;
 * VIR_ERR_CONFIG_UNSUPPORTED for a virttype this host cannot run (kvm
 * without a usable KVM). */
char *hvlv_domcaps_format(const char *qemu, const char *emulator, const char *arch,
                          const char *machine, const char *virttype, unsigned int flags,
                          GError **error);
