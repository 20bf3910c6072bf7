/*
 * common/guest-arch.c - the one pointer to the running guest's
 * description (common/guest-arch.h).  It belongs to no guest: main()
 * sets it first thing from the guest library it was linked with, unit
 * tests from tests/unit/guest-default.c.
 */
#include "common/guest-arch.h"

const GuestArch *guest_arch;
