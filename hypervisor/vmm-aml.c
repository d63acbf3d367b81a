/* vmm-aml: AML byte code. Encodings from the ACPI specification's AML
 * grammar (section 20). */
#include "config.h"

#include "vmm-aml.h"

#include <stdarg.h>
#include <string.h>

#include "vmm-bus.h"

#define AML_ZERO        0x00
#define AML_ONE         0x01
#define AML_NAME        0x08
#define AML_BYTE        0x0a
#define AML_WORD        0x0b
#define AML_DWORD       0x0c
#define AML_STRING      0x0d
#define AML_QWORD       0x0e
#define AML_SCOPE       0x10
#define AML_BUFFER      0x11
#define AML_PACKAGE     0x12
#define AML_METHOD      0x14
#define AML_DUAL_NAME   0x2e
#define AML_MULTI_NAME  0x2f
#define AML_EXT         0x5b
#define AML_EXT_REGION  0x80
#define AML_EXT_FIELD   0x81
#define AML_EXT_DEVICE  0x82
#define AML_ROOT        0x5c
#define AML_PARENT      0x5e
#define AML_LOCAL0      0x60
#define AML_STORE       0x70
#define AML_AND         0x7b
#define AML_NOTIFY      0x86
#define AML_LEQUAL      0x93
#define AML_IF          0xa0

VmmAml *
vmm_aml_new(void)
{
	return g_byte_array_new();
}

void
vmm_aml_free(VmmAml *aml)
{
	if (aml)
		g_byte_array_unref(aml);
}

void
vmm_aml_append(VmmAml *list, VmmAml *child)
{
	g_byte_array_append(list, child->data, child->len);
	vmm_aml_free(child);
}

static void
vmm_aml_byte(VmmAml *aml, uint8_t b)
{
	g_byte_array_append(aml, &b, 1);
}

static void
vmm_aml_le(VmmAml *aml, uint64_t v, guint len)
{
	for (guint i = 0; i < len; i++)
		vmm_aml_byte(aml, (uint8_t)(v >> (8 * i)));
}

/* PkgLength: the length of itself plus what follows, in 1 to 4 bytes. */
static void
vmm_aml_pkg_length(VmmAml *aml, gsize body, gboolean inclusive)
{
	for (guint extra = 0; extra < 4; extra++) {
		gsize total = body + (inclusive ? extra + 1 : 0);
		if (extra == 0 && total < 0x40) {
			vmm_aml_byte(aml, (uint8_t)total);
			return;
		}
		if (extra > 0 && total < ((gsize)1 << (4 + 8 * extra))) {
			vmm_aml_byte(aml, (uint8_t)((extra << 6) | (total & 0xf)));
			vmm_aml_le(aml, total >> 4, extra);
			return;
		}
	}
	g_assert_not_reached(); /* our tables stay far below 256 MiB */
}

static void
vmm_aml_name_seg(VmmAml *aml, const char *seg, gsize len)
{
	char buf[4] = { '_', '_', '_', '_' };
	memcpy(buf, seg, MIN(len, 4));
	g_byte_array_append(aml, (const guint8 *)buf, 4);
}

static void
vmm_aml_name_string(VmmAml *aml, const char *name)
{
	for (; *name == '\\' || *name == '^'; name++)
		vmm_aml_byte(aml, *name == '\\' ? AML_ROOT : AML_PARENT);
	g_auto(GStrv) segs = *name ? g_strsplit(name, ".", -1) : g_new0(char *, 1);
	guint n = g_strv_length(segs);
	if (n == 0)
		vmm_aml_byte(aml, AML_ZERO);
	else if (n == 2)
		vmm_aml_byte(aml, AML_DUAL_NAME);
	else if (n > 2) {
		vmm_aml_byte(aml, AML_MULTI_NAME);
		vmm_aml_byte(aml, (uint8_t)n);
	}
	for (guint i = 0; i < n; i++)
		vmm_aml_name_seg(aml, segs[i], strlen(segs[i]));
}

/* OP [EXT] PkgLength CONTENT, freeing CONTENT. */
static VmmAml *
vmm_aml_wrap(const uint8_t *op, guint op_len, VmmAml *content)
{
	VmmAml *aml = vmm_aml_new();
	g_byte_array_append(aml, op, op_len);
	vmm_aml_pkg_length(aml, content->len, TRUE);
	vmm_aml_append(aml, content);
	return aml;
}

static VmmAml *
vmm_aml_named_block(const uint8_t *op, guint op_len, const char *name, VmmAml *body)
{
	VmmAml *content = vmm_aml_new();
	vmm_aml_name_string(content, name);
	vmm_aml_append(content, body);
	return vmm_aml_wrap(op, op_len, content);
}

VmmAml *
vmm_aml_int(uint64_t value)
{
	VmmAml *aml = vmm_aml_new();
	if (value <= 1)
		vmm_aml_byte(aml, value ? AML_ONE : AML_ZERO);
	else if (value <= 0xff)
		vmm_aml_byte(aml, AML_BYTE), vmm_aml_le(aml, value, 1);
	else if (value <= 0xffff)
		vmm_aml_byte(aml, AML_WORD), vmm_aml_le(aml, value, 2);
	else if (value <= 0xffffffff)
		vmm_aml_byte(aml, AML_DWORD), vmm_aml_le(aml, value, 4);
	else
		vmm_aml_byte(aml, AML_QWORD), vmm_aml_le(aml, value, 8);
	return aml;
}

VmmAml *
vmm_aml_str(const char *s)
{
	VmmAml *aml = vmm_aml_new();
	vmm_aml_byte(aml, AML_STRING);
	g_byte_array_append(aml, (const guint8 *)s, (guint)strlen(s) + 1);
	return aml;
}

VmmAml *
vmm_aml_path(const char *name)
{
	VmmAml *aml = vmm_aml_new();
	vmm_aml_name_string(aml, name);
	return aml;
}

VmmAml *
vmm_aml_local(guint n)
{
	VmmAml *aml = vmm_aml_new();
	vmm_aml_byte(aml, (uint8_t)(AML_LOCAL0 + n));
	return aml;
}

VmmAml *
vmm_aml_name(const char *name, VmmAml *value)
{
	VmmAml *aml = vmm_aml_new();
	vmm_aml_byte(aml, AML_NAME);
	vmm_aml_name_string(aml, name);
	vmm_aml_append(aml, value);
	return aml;
}

VmmAml *
vmm_aml_scope(const char *name, VmmAml *body)
{
	static const uint8_t op[] = { AML_SCOPE };
	return vmm_aml_named_block(op, sizeof op, name, body);
}

VmmAml *
vmm_aml_device(const char *name, VmmAml *body)
{
	static const uint8_t op[] = { AML_EXT, AML_EXT_DEVICE };
	return vmm_aml_named_block(op, sizeof op, name, body);
}

VmmAml *
vmm_aml_method(const char *name, guint nargs, gboolean serialized, VmmAml *body)
{
	static const uint8_t op[] = { AML_METHOD };
	VmmAml *content = vmm_aml_new();
	vmm_aml_name_string(content, name);
	vmm_aml_byte(content, (uint8_t)((nargs & 7) | (serialized ? 0x08 : 0)));
	vmm_aml_append(content, body);
	return vmm_aml_wrap(op, sizeof op, content);
}

VmmAml *
vmm_aml_package(guint n, ...)
{
	static const uint8_t op[] = { AML_PACKAGE };
	VmmAml *content = vmm_aml_new();
	vmm_aml_byte(content, (uint8_t)n);
	va_list ap;
	va_start(ap, n);
	for (guint i = 0; i < n; i++)
		vmm_aml_append(content, va_arg(ap, VmmAml *));
	va_end(ap);
	return vmm_aml_wrap(op, sizeof op, content);
}

VmmAml *
vmm_aml_op_region(const char *name, uint8_t space, uint64_t offset, uint64_t len)
{
	VmmAml *aml = vmm_aml_new();
	vmm_aml_byte(aml, AML_EXT);
	vmm_aml_byte(aml, AML_EXT_REGION);
	vmm_aml_name_string(aml, name);
	vmm_aml_byte(aml, space);
	vmm_aml_append(aml, vmm_aml_int(offset));
	vmm_aml_append(aml, vmm_aml_int(len));
	return aml;
}

VmmAml *
vmm_aml_field(const char *region, uint8_t flags, const char *field, guint bits)
{
	static const uint8_t op[] = { AML_EXT, AML_EXT_FIELD };
	VmmAml *content = vmm_aml_new();
	vmm_aml_name_string(content, region);
	vmm_aml_byte(content, flags);
	vmm_aml_name_seg(content, field, strlen(field));
	vmm_aml_pkg_length(content, bits, FALSE); /* a field's width in bits */
	return vmm_aml_wrap(op, sizeof op, content);
}

VmmAml *
vmm_aml_if(VmmAml *pred, VmmAml *body)
{
	static const uint8_t op[] = { AML_IF };
	vmm_aml_append(pred, body);
	return vmm_aml_wrap(op, sizeof op, pred);
}

static VmmAml *
vmm_aml_op2(uint8_t op, VmmAml *a, VmmAml *b)
{
	VmmAml *aml = vmm_aml_new();
	vmm_aml_byte(aml, op);
	vmm_aml_append(aml, a);
	vmm_aml_append(aml, b);
	return aml;
}

VmmAml *
vmm_aml_store(VmmAml *src, VmmAml *dst)
{
	return vmm_aml_op2(AML_STORE, src, dst);
}

VmmAml *
vmm_aml_and(VmmAml *a, VmmAml *b)
{
	VmmAml *aml = vmm_aml_op2(AML_AND, a, b);
	vmm_aml_byte(aml, AML_ZERO); /* no target */
	return aml;
}

VmmAml *
vmm_aml_lequal(VmmAml *a, VmmAml *b)
{
	return vmm_aml_op2(AML_LEQUAL, a, b);
}

VmmAml *
vmm_aml_notify(VmmAml *obj, VmmAml *value)
{
	return vmm_aml_op2(AML_NOTIFY, obj, value);
}

void
vmm_aml_res_memory32(GByteArray *desc, uint32_t base, uint32_t len)
{
	uint8_t d[12] = { 0x86, 0x09, 0x00, 0x01 /* read-write */ };
	vmm_le_put(d + 4, 4, base);
	vmm_le_put(d + 8, 4, len);
	g_byte_array_append(desc, d, sizeof d);
}

void
vmm_aml_res_io(GByteArray *desc, uint16_t port, uint8_t len)
{
	uint8_t d[8] = { 0x47, 0x01 /* 16-bit decode */, (uint8_t)port, (uint8_t)(port >> 8),
		         (uint8_t)port, (uint8_t)(port >> 8), 0x01, len };
	g_byte_array_append(desc, d, sizeof d);
}

void
vmm_aml_res_interrupt(GByteArray *desc, uint32_t gsi, gboolean edge)
{
	/* Extended interrupt: consumer, active high, exclusive, one GSI. */
	uint8_t d[9] = { 0x89, 0x06, 0x00, (uint8_t)(0x01 | (edge ? 0x02 : 0)), 0x01 };
	vmm_le_put(d + 5, 4, gsi);
	g_byte_array_append(desc, d, sizeof d);
}

VmmAml *
vmm_aml_resources(GByteArray *desc)
{
	static const uint8_t op[] = { AML_BUFFER };
	static const uint8_t end_tag[] = { 0x79, 0x00 };
	g_byte_array_append(desc, end_tag, sizeof end_tag);
	VmmAml *content = vmm_aml_int(desc->len);
	vmm_aml_append(content, desc);
	return vmm_aml_wrap(op, sizeof op, content);
}
