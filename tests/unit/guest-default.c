/*
 * tests/unit/guest-default.c - linked into every unit test: guest_arch
 * (NULL in the core until main() sets it) is the AArch64 guest's before
 * any test runs, the guest most unit tests were written for.  Tests of
 * the ARM guest that need its description set guest_arch themselves.
 */
#include "linux-user/aarch64/a64-guest.h"

__attribute__((constructor)) static void guest_default(void)
{
    guest_arch = &a64_guest_arch;
}
