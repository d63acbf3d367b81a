/* hvlv-domxml-interim: a minimal libvirt domain XML <-> model layer, in
 * place until the full one (branch xml) lands; delete this file then.
 * It knows name, uuid, title, description, metadata, memory, vcpu, os
 * (type, machine, arch, kernel, initrd, cmdline, boot), on_* actions, and
 * plain file/block disks and bridge/network/user interfaces; everything
 * else in the XML is ignored. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>

#include "hvlv-domxml.h"
#include "hvlv-error.h"

#define HVLV_DOMAIN_RNG "/usr/share/libvirt/schemas/domain.rng"

/* ---- parsing ---- */

/* The string value of EXPR at NODE, NULL when empty. */
static char *
xp_string(xmlXPathContext *ctx, xmlNode *node, const char *expr)
{
	ctx->node = node;
	xmlXPathObject *obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	char *value = NULL;
	if (obj && obj->type == XPATH_STRING && obj->stringval && obj->stringval[0])
		value = g_strdup((const char *)obj->stringval);
	xmlXPathFreeObject(obj);
	return value;
}

static gboolean
xp_ulong(xmlXPathContext *ctx, xmlNode *node, const char *expr, guint64 *value_r, GError **error)
{
	g_autofree char *s = xp_string(ctx, node, expr);
	if (!s)
		return TRUE;
	if (!g_ascii_string_to_unsigned(g_strstrip(s), 10, 0, G_MAXINT64, value_r, NULL)) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DOMAIN, _("invalid value '%s' in %s"),
		               s, expr);
		return FALSE;
	}
	return TRUE;
}

/* libvirt's memory units, as multiples of a KiB's 1024 bytes. */
static gboolean
hvlv_unit_to_kib(const char *unit, guint64 value, HvInt *kib_r, GError **error)
{
	static const struct { const char *name; guint64 num, den; } units[] = {
		{ "b", 1, 1024 }, { "bytes", 1, 1024 }, { "KB", 1000, 1024 }, { "k", 1, 1 },
		{ "KiB", 1, 1 }, { "MB", 1000000, 1024 }, { "M", 1024, 1 }, { "MiB", 1024, 1 },
		{ "GB", 1000000000, 1024 }, { "G", 1048576, 1 }, { "GiB", 1048576, 1 },
		{ "TB", 1000000000000, 1024 }, { "T", 1073741824, 1 }, { "TiB", 1073741824, 1 },
	};
	for (guint i = 0; i < G_N_ELEMENTS(units); i++) {
		if (g_strcmp0(unit ? unit : "KiB", units[i].name) == 0) {
			*kib_r = HV_INT((gint64)(value * units[i].num / units[i].den));
			return TRUE;
		}
	}
	hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DOMAIN, _("unknown suffix '%s'"), unit);
	return FALSE;
}

static gboolean
hvlv_parse_memory(xmlXPathContext *ctx, xmlNode *root, const char *elem, HvInt *kib_r,
                  GError **error)
{
	g_autofree char *value_expr = g_strdup_printf("string(%s)", elem);
	g_autofree char *unit_expr = g_strdup_printf("string(%s/@unit)", elem);
	guint64 value = 0;
	g_autofree char *text = xp_string(ctx, root, value_expr);
	if (!text)
		return TRUE;
	g_autofree char *unit = xp_string(ctx, root, unit_expr);
	return xp_ulong(ctx, root, value_expr, &value, error) &&
	       hvlv_unit_to_kib(unit, value, kib_r, error);
}

static gboolean
hvlv_parse_enum(HvEnumId id, char *text, int *value_r, const char *what, GError **error)
{
	g_autofree char *owned = text;
	if (!owned || hv_enum_from_string(id, owned, value_r))
		return TRUE;
	hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DOMAIN, _("invalid %s '%s'"), what, owned);
	return FALSE;
}

/* The children of <metadata>, as the verbatim XML the model keeps. */
static char *
hvlv_parse_metadata(xmlXPathContext *ctx, xmlNode *root)
{
	ctx->node = root;
	xmlXPathObject *obj = xmlXPathEvalExpression((const xmlChar *)"./metadata/*", ctx);
	GString *out = g_string_new(NULL);
	for (int i = 0; obj && obj->nodesetval && i < obj->nodesetval->nodeNr; i++) {
		xmlBuffer *buf = xmlBufferCreate();
		xmlNodeDump(buf, root->doc, obj->nodesetval->nodeTab[i], 0, 0);
		g_string_append(out, (const char *)xmlBufferContent(buf));
		xmlBufferFree(buf);
	}
	xmlXPathFreeObject(obj);
	return out->len ? g_string_free(out, FALSE) : (g_string_free(out, TRUE), NULL);
}

static gboolean
hvlv_parse_identity(xmlXPathContext *ctx, xmlNode *root, HvDomain *d, GError **error)
{
	d->name = xp_string(ctx, root, "string(./name)");
	if (!d->name) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DOMAIN, _("missing name information"));
		return FALSE;
	}
	d->uuid = xp_string(ctx, root, "string(./uuid)");
	d->title = xp_string(ctx, root, "string(./title)");
	d->description = xp_string(ctx, root, "string(./description)");
	d->metadata = hvlv_parse_metadata(ctx, root);
	g_autofree char *type = xp_string(ctx, root, "string(@type)");
	if (g_strcmp0(type, "kvm") == 0)
		d->accel = HV_ACCEL_KVM;
	else if (g_strcmp0(type, "qemu") == 0)
		d->accel = HV_ACCEL_TCG;
	else {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DOMAIN,
		               _("invalid domain type '%s'"), type ? type : "");
		return FALSE;
	}
	return TRUE;
}

static gboolean
hvlv_parse_resources(xmlXPathContext *ctx, xmlNode *root, HvDomain *d, GError **error)
{
	guint64 vcpu = 0, current = 0;
	if (!hvlv_parse_memory(ctx, root, "./memory", &d->maxmem_kib, error) ||
	    !hvlv_parse_memory(ctx, root, "./currentMemory", &d->memory_kib, error) ||
	    !xp_ulong(ctx, root, "string(./vcpu)", &vcpu, error) ||
	    !xp_ulong(ctx, root, "string(./vcpu/@current)", &current, error))
		return FALSE;
	if (!d->memory_kib.set)
		d->memory_kib = d->maxmem_kib;
	if (vcpu && current && current != vcpu) {
		d->vcpus = HV_INT((gint64)current);
		d->maxvcpus = HV_INT((gint64)vcpu);
	} else if (vcpu) {
		d->vcpus = HV_INT((gint64)vcpu);
	}
	return TRUE;
}

static gboolean
hvlv_parse_os(xmlXPathContext *ctx, xmlNode *root, HvDomain *d, GError **error)
{
	g_autofree char *type = xp_string(ctx, root, "string(./os/type)");
	if (type && strcmp(type, "hvm") != 0) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DOMAIN,
		               _("os type '%s' is not supported, only 'hvm'"), type);
		return FALSE;
	}
	d->machine = xp_string(ctx, root, "string(./os/type/@machine)");
	d->arch = xp_string(ctx, root, "string(./os/type/@arch)");
	d->type = g_strcmp0(d->machine, "pvh") == 0 ? HV_DOMAIN_TYPE_PVH : HV_DOMAIN_TYPE_HVM;
	d->os.kernel = xp_string(ctx, root, "string(./os/kernel)");
	d->os.ramdisk = xp_string(ctx, root, "string(./os/initrd)");
	d->os.cmdline = xp_string(ctx, root, "string(./os/cmdline)");
	ctx->node = root;
	xmlXPathObject *boot = xmlXPathEvalExpression((const xmlChar *)"./os/boot/@dev", ctx);
	for (int i = 0; boot && boot->nodesetval && i < boot->nodesetval->nodeNr; i++) {
		xmlChar *dev = xmlNodeGetContent(boot->nodesetval->nodeTab[i]);
		g_ptr_array_add(d->os.boot, g_strdup((const char *)dev));
		xmlFree(dev);
	}
	xmlXPathFreeObject(boot);
	return TRUE;
}

static gboolean
hvlv_parse_actions(xmlXPathContext *ctx, xmlNode *root, HvDomain *d, GError **error)
{
	return hvlv_parse_enum(HV_ENUM_ACTION, xp_string(ctx, root, "string(./on_poweroff)"),
	                       (int *)&d->on_poweroff, "on_poweroff", error) &&
	       hvlv_parse_enum(HV_ENUM_ACTION, xp_string(ctx, root, "string(./on_reboot)"),
	                       (int *)&d->on_reboot, "on_reboot", error) &&
	       hvlv_parse_enum(HV_ENUM_ACTION, xp_string(ctx, root, "string(./on_crash)"),
	                       (int *)&d->on_crash, "on_crash", error);
}

static gboolean
hvlv_parse_disk(xmlXPathContext *ctx, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvDisk) disk = hv_disk_new();
	g_autofree char *type = xp_string(ctx, node, "string(@type)");
	disk->source_type = g_strcmp0(type, "block") == 0 ? HV_DISK_SOURCE_BLOCK : HV_DISK_SOURCE_FILE;
	disk->target = xp_string(ctx, node, "string(./source/@file | ./source/@dev)");
	disk->vdev = xp_string(ctx, node, "string(./target/@dev)");
	if (!hvlv_parse_enum(HV_ENUM_DISK_DEVICE, xp_string(ctx, node, "string(@device)"),
	                     (int *)&disk->devtype, "disk device", error) ||
	    !hvlv_parse_enum(HV_ENUM_DISK_FORMAT, xp_string(ctx, node, "string(./driver/@type)"),
	                     (int *)&disk->format, "disk format", error) ||
	    !hvlv_parse_enum(HV_ENUM_DISK_BUS, xp_string(ctx, node, "string(./target/@bus)"),
	                     (int *)&disk->bus, "disk bus", error))
		return FALSE;
	g_autofree char *readonly = xp_string(ctx, node, "name(./readonly)");
	if (readonly)
		disk->access = HV_DISK_ACCESS_RO;
	g_ptr_array_add(d->disks, g_steal_pointer(&disk));
	return TRUE;
}

static gboolean
hvlv_parse_interface(xmlXPathContext *ctx, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvNic) nic = hv_nic_new();
	if (!hvlv_parse_enum(HV_ENUM_NIC_TYPE, xp_string(ctx, node, "string(@type)"),
	                     (int *)&nic->type, "interface type", error))
		return FALSE;
	nic->mac = xp_string(ctx, node, "string(./mac/@address)");
	nic->bridge = xp_string(ctx, node, "string(./source/@bridge)");
	nic->network = xp_string(ctx, node, "string(./source/@network)");
	nic->model = xp_string(ctx, node, "string(./model/@type)");
	g_ptr_array_add(d->nics, g_steal_pointer(&nic));
	return TRUE;
}

static gboolean
hvlv_parse_devices(xmlXPathContext *ctx, xmlNode *root, HvDomain *d, GError **error)
{
	ctx->node = root;
	xmlXPathObject *obj = xmlXPathEvalExpression(
		(const xmlChar *)"./devices/disk | ./devices/interface", ctx);
	gboolean ok = TRUE;
	for (int i = 0; ok && obj && obj->nodesetval && i < obj->nodesetval->nodeNr; i++) {
		xmlNode *node = obj->nodesetval->nodeTab[i];
		ok = strcmp((const char *)node->name, "disk") == 0 ? hvlv_parse_disk(ctx, node, d, error)
		                                                   : hvlv_parse_interface(ctx, node, d, error);
	}
	xmlXPathFreeObject(obj);
	return ok;
}

static gboolean
hvlv_validate(xmlDoc *doc, GError **error)
{
	xmlRelaxNGParserCtxt *pctx = xmlRelaxNGNewParserCtxt(HVLV_DOMAIN_RNG);
	xmlRelaxNG *schema = xmlRelaxNGParse(pctx);
	xmlRelaxNGFreeParserCtxt(pctx);
	if (!schema) {
		hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DOMAIN,
		               _("Unable to parse RNG %s"), HVLV_DOMAIN_RNG);
		return FALSE;
	}
	xmlRelaxNGValidCtxt *vctx = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vctx, NULL, NULL); /* quiet: hv reports one error */
	int rc = xmlRelaxNGValidateDoc(vctx, doc);
	xmlRelaxNGFreeValidCtxt(vctx);
	xmlRelaxNGFree(schema);
	if (rc != 0)
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DOMAIN,
		               _("Unable to validate doc against %s"), HVLV_DOMAIN_RNG);
	return rc == 0;
}

static xmlDoc *
hvlv_read_xml(const char *xml, GError **error)
{
	xmlParserCtxt *pctx = xmlNewParserCtxt();
	xmlDoc *doc = xmlCtxtReadMemory(pctx, xml, (int)strlen(xml), "domain.xml", NULL,
	                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *err = xmlCtxtGetLastError(pctx);
		g_autofree char *msg = g_strstrip(g_strdup(err && err->message ? err->message : "?"));
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DOMAIN, "(domain_definition):%d: %s",
		               err ? err->line : 0, msg);
	}
	xmlFreeParserCtxt(pctx);
	return doc;
}

HvDomain *
hvlv_domxml_parse(const char *xml, unsigned int flags, GError **error)
{
	xmlDoc *doc = hvlv_read_xml(xml, error);
	if (!doc)
		return NULL;
	xmlNode *root = xmlDocGetRootElement(doc);
	g_autoptr(HvDomain) d = hv_domain_new();
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	gboolean ok = FALSE;
	if (!root || strcmp((const char *)root->name, "domain") != 0)
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DOMAIN,
		               _("unexpected root element <%s>, expecting <domain>"),
		               root ? (const char *)root->name : "");
	else
		ok = (!(flags & 1) || hvlv_validate(doc, error)) &&
		     hvlv_parse_identity(ctx, root, d, error) && hvlv_parse_resources(ctx, root, d, error) &&
		     hvlv_parse_os(ctx, root, d, error) && hvlv_parse_actions(ctx, root, d, error) &&
		     hvlv_parse_devices(ctx, root, d, error);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return ok ? g_steal_pointer(&d) : NULL;
}

/* ---- formatting ---- */

static void
fmt_elem(GString *out, const char *indent, const char *name, const char *text)
{
	if (!text)
		return;
	g_autofree char *escaped = g_markup_escape_text(text, -1);
	g_string_append_printf(out, "%s<%s>%s</%s>\n", indent, name, escaped, name);
}

static void
fmt_attr(GString *out, const char *name, const char *value)
{
	if (!value)
		return;
	g_autofree char *escaped = g_markup_escape_text(value, -1);
	g_string_append_printf(out, " %s='%s'", name, escaped);
}

static void
fmt_identity(GString *out, const HvDomain *d)
{
	g_string_append(out, "<domain");
	fmt_attr(out, "type", d->accel == HV_ACCEL_TCG ? "qemu" : "kvm");
	g_string_append(out, ">\n");
	fmt_elem(out, "  ", "name", d->name);
	fmt_elem(out, "  ", "uuid", d->uuid);
	fmt_elem(out, "  ", "title", d->title);
	fmt_elem(out, "  ", "description", d->description);
	if (d->metadata)
		g_string_append_printf(out, "  <metadata>\n    %s\n  </metadata>\n", d->metadata);
}

static void
fmt_resources(GString *out, const HvDomain *d)
{
	g_string_append_printf(out, "  <memory unit='KiB'>%" G_GINT64_FORMAT "</memory>\n",
	                       d->maxmem_kib.value);
	g_string_append_printf(out, "  <currentMemory unit='KiB'>%" G_GINT64_FORMAT "</currentMemory>\n",
	                       d->memory_kib.value);
	g_string_append(out, "  <vcpu placement='static'");
	if (d->maxvcpus.set && d->maxvcpus.value != d->vcpus.value)
		g_string_append_printf(out, " current='%" G_GINT64_FORMAT "'", d->vcpus.value);
	g_string_append_printf(out, ">%" G_GINT64_FORMAT "</vcpu>\n",
	                       hv_int_or(d->maxvcpus, d->vcpus.value));
}

static void
fmt_os(GString *out, const HvDomain *d)
{
	g_string_append(out, "  <os>\n    <type");
	fmt_attr(out, "arch", d->arch ? d->arch : "x86_64");
	fmt_attr(out, "machine", d->machine);
	g_string_append(out, ">hvm</type>\n");
	fmt_elem(out, "    ", "kernel", d->os.kernel);
	fmt_elem(out, "    ", "initrd", d->os.ramdisk);
	fmt_elem(out, "    ", "cmdline", d->os.cmdline);
	for (guint i = 0; i < d->os.boot->len; i++) {
		g_string_append(out, "    <boot");
		fmt_attr(out, "dev", g_ptr_array_index(d->os.boot, i));
		g_string_append(out, "/>\n");
	}
	g_string_append(out, "  </os>\n");
	fmt_elem(out, "  ", "on_poweroff", hv_enum_to_string(HV_ENUM_ACTION, d->on_poweroff));
	fmt_elem(out, "  ", "on_reboot", hv_enum_to_string(HV_ENUM_ACTION, d->on_reboot));
	fmt_elem(out, "  ", "on_crash", hv_enum_to_string(HV_ENUM_ACTION, d->on_crash));
}

static void
fmt_disk(GString *out, const HvDisk *disk)
{
	gboolean block = disk->source_type == HV_DISK_SOURCE_BLOCK;
	g_string_append(out, "    <disk");
	fmt_attr(out, "type", block ? "block" : "file");
	fmt_attr(out, "device", disk->devtype ? hv_enum_to_string(HV_ENUM_DISK_DEVICE, disk->devtype)
	                                      : "disk");
	g_string_append(out, ">\n      <driver name='qemu'");
	fmt_attr(out, "type", disk->format ? hv_enum_to_string(HV_ENUM_DISK_FORMAT, disk->format) : "raw");
	g_string_append(out, "/>\n");
	if (disk->target) {
		g_string_append(out, "      <source");
		fmt_attr(out, block ? "dev" : "file", disk->target);
		g_string_append(out, "/>\n");
	}
	g_string_append(out, "      <target");
	fmt_attr(out, "dev", disk->vdev);
	fmt_attr(out, "bus", hv_enum_to_string(HV_ENUM_DISK_BUS, hv_disk_get_bus(disk, HV_HDTYPE_UNSET)));
	g_string_append(out, "/>\n");
	if (disk->access == HV_DISK_ACCESS_RO)
		g_string_append(out, "      <readonly/>\n");
	g_string_append(out, "    </disk>\n");
}

static void
fmt_nic(GString *out, const HvNic *nic)
{
	g_string_append(out, "    <interface");
	fmt_attr(out, "type", nic->type ? hv_enum_to_string(HV_ENUM_NIC_TYPE, nic->type) : "bridge");
	g_string_append(out, ">\n");
	if (nic->mac) {
		g_string_append(out, "      <mac");
		fmt_attr(out, "address", nic->mac);
		g_string_append(out, "/>\n");
	}
	if (nic->bridge || nic->network) {
		g_string_append(out, "      <source");
		fmt_attr(out, "bridge", nic->bridge);
		fmt_attr(out, "network", nic->network);
		g_string_append(out, "/>\n");
	}
	if (nic->model) {
		g_string_append(out, "      <model");
		fmt_attr(out, "type", nic->model);
		g_string_append(out, "/>\n");
	}
	g_string_append(out, "    </interface>\n");
}

char *
hvlv_domxml_format(const HvDomain *domain, G_GNUC_UNUSED unsigned int flags,
                   G_GNUC_UNUSED GError **error)
{
	g_autoptr(HvDomain) d = hv_domain_copy(domain);
	hv_domain_apply_defaults(d); /* libvirt always shows memory, vcpus and actions */
	GString *out = g_string_new(NULL);
	fmt_identity(out, d);
	fmt_resources(out, d);
	fmt_os(out, d);
	g_string_append(out, "  <devices>\n");
	for (guint i = 0; i < d->disks->len; i++)
		fmt_disk(out, g_ptr_array_index(d->disks, i));
	for (guint i = 0; i < d->nics->len; i++)
		fmt_nic(out, g_ptr_array_index(d->nics, i));
	g_string_append(out, "  </devices>\n</domain>\n");
	return g_string_free(out, FALSE);
}
