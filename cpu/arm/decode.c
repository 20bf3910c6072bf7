/*
 * cpu/arm/decode.c - the A32, T32 and T16 decoders, built once from the
 * rows of cpu/arm/arm-all.def with the generic engine (cpu/decoder.c).
 *
 * Three tables, one per encoding set.  The first-level keys hold the bits
 * where the Arm ARM's top-level decode tables look: A32 bits 27:20 and
 * 7:4 (op1/op2 of the data-processing, media and load/store spaces) plus
 * bit 28 (so cond 1111 rows and cond rows split); T32 the first halfword's
 * bits 15:4 and the second's bit 15; T16 bits 15:6.  A32 rows that leave
 * bits 31:28 open are conditional and never match cond 1111 (nv_mask).
 */
#include "cpu/arm/arm-internal.h"

#include <pthread.h>
#include <stdlib.h>

#include "common/emu.h"
#include "cpu/decoder.h"

typedef bool (*ArmHandler)(ArmCtx *s, const ArmFields *f);

#define A32(n, pat) {#n, pat},
#define T32(n, pat)
#define T16(n, pat)
static const DecPattern a32_pats[] = {
#include "cpu/arm/arm-all.def"
};
#undef A32
#undef T32
#define A32(n, pat)
#define T32(n, pat) {#n, pat},
static const DecPattern t32_pats[] = {
#include "cpu/arm/arm-all.def"
};
#undef T32
#undef T16
#define T32(n, pat)
#define T16(n, pat) {#n, pat},
static const DecPattern t16_pats[] = {
#include "cpu/arm/arm-all.def"
};
#undef A32
#undef T32
#undef T16

#define A32(n, pat) arm_trans_##n,
#define T32(n, pat)
#define T16(n, pat)
static const ArmHandler a32_fns[] = {
#include "cpu/arm/arm-all.def"
};
#undef A32
#undef T32
#define A32(n, pat)
#define T32(n, pat) arm_trans_##n,
static const ArmHandler t32_fns[] = {
#include "cpu/arm/arm-all.def"
};
#undef T32
#undef T16
#define T32(n, pat)
#define T16(n, pat) arm_trans_##n,
static const ArmHandler t16_fns[] = {
#include "cpu/arm/arm-all.def"
};
#undef A32
#undef T32
#undef T16

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static DecTable tables[3]; /* A32, T32, T16 */
static const DecPattern *const table_pats[3] = {a32_pats, t32_pats, t16_pats};
static const ArmHandler *const table_fns[3] = {a32_fns, t32_fns, t16_fns};
static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *init_error;

static void build(void)
{
    if (!dec_table_init(&tables[0], "A32", 32, 0x1ff000f0u, 0xf0000000u,
                        a32_pats, NELEM(a32_pats)) ||
        !dec_table_init(&tables[1], "T32", 32, 0xfff08000u, 0, t32_pats,
                        NELEM(t32_pats)) ||
        !dec_table_init(&tables[2], "T16", 16, 0xffc0u, 0, t16_pats,
                        NELEM(t16_pats))) {
        for (int i = 0; i < 3; i++)
            if (tables[i].error)
                init_error = tables[i].error;
    }
}

static void init(void)
{
    pthread_once(&once, build);
    if (init_error)
        emu_fatal("internal error: malformed ARM decoder row %s", init_error);
}

/* 0 A32, 1 T32, 2 T16 */
static int which_table(uint32_t insn, bool thumb)
{
    if (!thumb)
        return 0;
    return insn < 0x10000 && !arm_t16_is_32bit((uint16_t)insn) ? 2 : 1;
}

const char *arm_decode_name(uint32_t insn, bool thumb)
{
    init();
    int w = which_table(insn, thumb);
    const DecRow *r = dec_lookup(&tables[w], insn);
    return r ? table_pats[w][r->index].name : NULL;
}

bool arm_decode(ArmCtx *s)
{
    init();
    int w = !s->thumb ? 0 : s->len == 2 ? 2 : 1;
    const DecRow *r = dec_lookup(&tables[w], s->insn);
    if (!r)
        return false;
    ArmFields f;
    dec_fields(r, s->insn, f.v);
    if (!table_fns[w][r->index](s, &f))
        return arm_undef(s, false);
    return true;
}

int arm_decoder_check(FILE *out)
{
    int problems = 0;
    init();
    for (int i = 0; i < 3; i++)
        problems += dec_table_check(&tables[i], table_pats[i], out);
    return problems;
}
