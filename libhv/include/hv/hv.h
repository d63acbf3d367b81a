/* hv/hv.h: libhv, the domain-config library of the hv virtualization
 * stack: the domain model (hv/model.h), its JSON form (hv/json.h), Xen's
 * xl.cfg format (hv/xlcfg.h), the state store (hv/store.h), its errors
 * (hv/error.h) and running domains (hv/engine.h). Link with
 * `pkg-config --libs libhv`. */
#pragma once

#include <hv/error.h>
#include <hv/types.h>
#include <hv/model.h>
#include <hv/json.h>
#include <hv/xlcfg.h>
#include <hv/store.h>
#include <hv/engine.h>
