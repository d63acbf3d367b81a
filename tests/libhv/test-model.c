/* The domain model and its JSON form: every field survives
 * model -> JSON -> model -> JSON byte for byte, equality sees every field,
 * copies are deep, and bad JSON is refused with a message that says where. */
#include "config.h"

#include <string.h>

#include <hv/hv.h>

#include "hvt-fill.h"
#include "json/json-internal.h"

#define SEEDS 200

/* model -> JSON -> model -> JSON: same model, same bytes. */
static void
assert_json_round_trip(const HvDomain *d, const char *what)
{
	g_autofree char *json = hv_domain_to_json(d);
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) back = hv__domain_from_json_unchecked(json, -1, what, &error);
	g_assert_no_error(error);
	g_autofree char *again = hv_domain_to_json(back);
	if (!hv_domain_equal(d, back) || strcmp(json, again) != 0) {
		g_test_message("%s: first JSON:\n%s\nsecond JSON:\n%s", what, json, again);
		g_test_fail();
	}
}

static void
test_new_is_empty(void)
{
	g_autoptr(HvDomain) d = hv_domain_new();
	g_autofree char *json = hv_domain_to_json(d);
	g_assert_cmpstr(json, ==, "{\n  \"schema_version\": 1\n}\n");
	g_assert_nonnull(d->disks);
	g_assert_cmpuint(d->disks->len, ==, 0);
	hv_domain_free(NULL);
	g_assert_null(hv_domain_copy(NULL));
}

/* Every field set: the JSON names every field of the model, and it round
 * trips. */
static void
test_everything_round_trips(void)
{
	for (guint seed = 1; seed <= SEEDS; seed++) {
		g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
		g_autoptr(HvDomain) d = hv_domain_new();
		hvt_fill_domain(d, rand, HVT_FILL_EVERYTHING);
		g_autofree char *what = g_strdup_printf("seed %u", seed);
		assert_json_round_trip(d, what);
		g_autoptr(HvDomain) copy = hv_domain_copy(d);
		g_assert_true(hv_domain_equal(d, copy));
	}
}

static void
test_random_round_trips(void)
{
	for (guint seed = 1; seed <= SEEDS; seed++) {
		g_autoptr(GRand) rand = g_rand_new_with_seed(seed * 7919);
		g_autoptr(HvDomain) d = hv_domain_new();
		hvt_fill_domain(d, rand, 0);
		g_autofree char *what = g_strdup_printf("seed %u", seed);
		assert_json_round_trip(d, what);
	}
}

/* Each leaf field on its own: it appears in the JSON, round trips, and
 * equality tells the domain from an empty one. */
static void
test_each_field(void)
{
	guint i = 0;
	for (;; i++) {
		g_autoptr(GRand) rand = g_rand_new_with_seed(i + 1);
		g_autoptr(HvDomain) d = hv_domain_new();
		g_autofree char *path = NULL;
		if (!hvt_fill_leaf(d, i, rand, 0, &path))
			break;
		g_autoptr(HvDomain) empty = hv_domain_new();
		if (hv_domain_equal(d, empty)) {
			g_test_message("setting %s changes nothing equality sees", path);
			g_test_fail();
		}
		assert_json_round_trip(d, path);
	}
	g_test_message("%u leaf fields", i);
	g_assert_cmpuint(i, >=, 250);
}

static void
test_copy_is_deep(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(42);
	g_autoptr(HvDomain) d = hv_domain_new();
	hvt_fill_domain(d, rand, HVT_FILL_EVERYTHING);
	g_autofree char *before = hv_domain_to_json(d);
	g_autoptr(HvDomain) copy = hv_domain_copy(d);
	HvDisk *disk = g_ptr_array_index(copy->disks, 0);
	g_free(disk->vdev);
	disk->vdev = g_strdup("changed");
	g_ptr_array_add(copy->nics, hv_nic_new());
	copy->memory_kib.value++;
	g_assert_false(hv_domain_equal(d, copy));
	g_autofree char *after = hv_domain_to_json(d);
	g_assert_cmpstr(before, ==, after);
}

static void
test_enum_strings(void)
{
	for (HvEnumId id = 0; id < HV_ENUM_COUNT_; id++) {
		g_assert_null(hv_enum_to_string(id, 0));
		for (int v = 1; hv_enum_to_string(id, v); v++) {
			int back = -1;
			g_assert_true(hv_enum_from_string(id, hv_enum_to_string(id, v), &back));
			g_assert_cmpint(back, ==, v);
		}
	}
	int v;
	g_assert_false(hv_enum_from_string(HV_ENUM_ACTION, "reboot", &v));
	g_assert_cmpstr(hv_enum_to_string(HV_ENUM_ACTION, HV_ACTION_RENAME_RESTART), ==, "rename-restart");
	g_assert_null(hv_enum_to_string(HV_ENUM_ACTION, 99));
}

typedef struct {
	const char *json;
	int code;
	const char *message;
} HvBadJson;

static const HvBadJson bad_json[] = {
	{ "{", HV_ERROR_PARSE, "t.json:1:2: invalid JSON: unexpected end of data" },
	{ "{\"schema_version\": 1, \"name\": \"a\"} x", HV_ERROR_PARSE, "t.json:1:36: invalid JSON: unexpected character" },
	{ "[]", HV_ERROR_PARSE, "t.json: not an hv document: it has no integer \"schema_version\"" },
	{ "{\"schema_version\": 2, \"name\": \"a\"}", HV_ERROR_TOO_NEW,
	  "t.json: written by a newer hv (schema version 2, this hv reads up to 1)" },
	{ "{\"schema_version\": 1, \"name\": \"a\", \"type\": \"hvm\", \"memroy_kib\": 1}", HV_ERROR_PARSE,
	  "t.json: memroy_kib: unknown field" },
	{ "{\"schema_version\": 1, \"name\": 5}", HV_ERROR_PARSE, "t.json: name: expected a string" },
	{ "{\"schema_version\": 1, \"name\": \"a\", \"type\": \"pv\"}", HV_ERROR_PARSE,
	  "t.json: type: \"pv\" is not one of hvm, pvh" },
	{ "{\"schema_version\": 1, \"name\": \"a\", \"disks\": [ { \"vdev\": 1 } ]}", HV_ERROR_PARSE,
	  "t.json: disks[0].vdev: expected a string" },
	{ "{\"schema_version\": 1, \"name\": \"a\", \"vcpus\": 1.5}", HV_ERROR_PARSE,
	  "t.json: vcpus: expected an integer" },
	{ "{\"schema_version\": 1, \"name\": \"a\\u0000b\"}", HV_ERROR_PARSE,
	  "t.json: name: the string contains a NUL character" },
	{ "{\"schema_version\": 1, \"name\": \"a\", \"type\": \"hvm\", \"vcpus\": 0}", HV_ERROR_INVALID,
	  "t.json: vcpus: 0 is out of range (1 to 4096)" },
	{ "{\"schema_version\": 1, \"name\": \"-a\", \"type\": \"hvm\"}", HV_ERROR_INVALID,
	  "t.json: name: \"-a\" is not a valid domain name (1 to 64 letters, digits and _.+:-, not "
	  "starting with - or .)" },
	{ "{\"schema_version\": 1, \"name\": \"a\", \"type\": \"hvm\", \"disks\": [ { \"target\": \"/x\" } ]}",
	  HV_ERROR_INVALID, "t.json: disks[0].vdev is missing" },
};

static void
test_bad_json(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(bad_json); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(HvDomain) d = hv_domain_from_json(bad_json[i].json, -1, "t.json", &error);
		g_assert_null(d);
		g_assert_error(error, HV_ERROR, bad_json[i].code);
		g_assert_cmpstr(error->message, ==, bad_json[i].message);
	}
}

static HvDomain *
minimal(void)
{
	HvDomain *d = hv_domain_new();
	d->name = g_strdup("vm1");
	d->type = HV_DOMAIN_TYPE_HVM;
	return d;
}

static void
test_validate(void)
{
	g_autoptr(HvDomain) d = minimal();
	g_autoptr(GError) error = NULL;
	g_assert_true(hv_domain_validate(d, &error));
	d->vcpus = HV_INT(4);
	d->maxvcpus = HV_INT(2);
	g_assert_false(hv_domain_validate(d, &error));
	g_assert_error(error, HV_ERROR, HV_ERROR_INVALID);
	g_assert_cmpstr(error->message, ==, "vcpus (4) is more than maxvcpus (2)");
	g_clear_error(&error);
	d->maxvcpus = HV_INT(4);
	d->type = HV_DOMAIN_TYPE_PVH;
	g_assert_false(hv_domain_validate(d, &error));
	g_assert_error(error, HV_ERROR, HV_ERROR_INVALID);
	g_assert_true(strstr(error->message, "pvh domains boot a kernel directly") != NULL);
	g_clear_error(&error);
	d->os.kernel = g_strdup("/boot/vmlinuz");
	d->spice.enabled = HV_TRISTATE_YES;
	g_assert_false(hv_domain_validate(d, &error));
	g_assert_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED);
	g_clear_error(&error);
	d->spice.enabled = HV_TRISTATE_DEFAULT;
	g_assert_true(hv_domain_validate(d, &error));
}

static void
test_defaults(void)
{
	g_autoptr(HvDomain) d = minimal();
	d->maxmem_kib = HV_INT(1024 * 1024);
	hv_domain_apply_defaults(d);
	g_assert_cmpint(d->memory_kib.value, ==, 1024 * 1024);
	g_assert_cmpint(d->vcpus.value, ==, 1);
	g_assert_cmpint(d->maxvcpus.value, ==, 1);
	g_assert_cmpint(d->on_reboot, ==, HV_ACTION_RESTART);
	g_assert_cmpint(d->on_crash, ==, HV_ACTION_DESTROY);
	g_assert_cmpint(d->os.firmware, ==, HV_FIRMWARE_BIOS);
	g_assert_cmpstr(d->machine, ==, "q35");
	hv_domain_ensure_uuid(d);
	g_assert_true(g_uuid_string_is_valid(d->uuid));
}

static void
test_helpers(void)
{
	HvDisk disk = { .vdev = "hda" };
	g_assert_cmpint(hv_disk_get_bus(&disk, HV_HDTYPE_UNSET), ==, HV_DISK_BUS_IDE);
	g_assert_cmpint(hv_disk_get_bus(&disk, HV_HDTYPE_AHCI), ==, HV_DISK_BUS_SATA);
	disk.vdev = "xvdb";
	g_assert_cmpint(hv_disk_get_bus(&disk, HV_HDTYPE_UNSET), ==, HV_DISK_BUS_VIRTIO);
	disk.bus = HV_DISK_BUS_SCSI;
	g_assert_cmpint(hv_disk_get_bus(&disk, HV_HDTYPE_UNSET), ==, HV_DISK_BUS_SCSI);

	guint64 bytes, interval;
	g_assert_true(hv_nic_rate_parse("10Mb/s", &bytes, &interval, NULL));
	g_assert_cmpuint(bytes, ==, 1250000);
	g_assert_cmpuint(interval, ==, 50000);
	g_assert_true(hv_nic_rate_parse("1MB/s@20ms", &bytes, &interval, NULL));
	g_assert_cmpuint(bytes, ==, 1000000);
	g_assert_cmpuint(interval, ==, 20000);
	g_assert_false(hv_nic_rate_parse("fast", NULL, NULL, NULL));

	gboolean nodes;
	g_autoptr(GArray) cpus = hv_cpulist_parse("0-3,^2,8", 16, FALSE, &nodes, NULL);
	g_assert_nonnull(cpus);
	g_assert_false(nodes);
	g_assert_cmpuint(cpus->len, ==, 4);
	g_assert_cmpuint(g_array_index(cpus, guint, 2), ==, 3);
	g_autoptr(GArray) all = hv_cpulist_parse("all", 4, FALSE, NULL, NULL);
	g_assert_cmpuint(all->len, ==, 4);
	g_autoptr(GError) error = NULL;
	g_assert_null(hv_cpulist_parse("2-1", 16, FALSE, NULL, &error));
	g_assert_error(error, HV_ERROR, HV_ERROR_INVALID);
	g_assert_true(hv_domain_name_is_valid("instance-0000001a"));
	g_assert_false(hv_domain_name_is_valid("a/b"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/model/new-is-empty", test_new_is_empty);
	g_test_add_func("/model/json/everything-round-trips", test_everything_round_trips);
	g_test_add_func("/model/json/random-round-trips", test_random_round_trips);
	g_test_add_func("/model/json/each-field", test_each_field);
	g_test_add_func("/model/copy-is-deep", test_copy_is_deep);
	g_test_add_func("/model/enum-strings", test_enum_strings);
	g_test_add_func("/model/json/bad-input", test_bad_json);
	g_test_add_func("/model/validate", test_validate);
	g_test_add_func("/model/defaults", test_defaults);
	g_test_add_func("/model/helpers", test_helpers);
	return g_test_run();
}
