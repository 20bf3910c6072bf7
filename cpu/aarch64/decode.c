/*
 * cpu/aarch64/decode.c - the A64 decoder, built at start-up from the
 * declarative tables (cpu/aarch64/<group>.def, one row per Arm ARM encoding).
 *
 * Each row's pattern becomes (mask, value) plus a list of named fields.
 * Rows are bucketed by bits 28:25 (the A64 top-level op0 field) and kept
 * most-specific first (most fixed bits), so where an alias or a special
 * case shares bits with a general row, the special row wins.  Two rows of
 * equal specificity that can match the same word are a table bug:
 * a64_decoder_check() reports them (tests/unit/test_a64_decode.c).
 */
#include "cpu/aarch64/decode.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linux-user/emu.h"

typedef bool (*A64Handler)(A64Ctx *s, const A64Fields *f);

typedef struct A64Field {
    char name;
    uint32_t mask; /* bits of the field in the word */
} A64Field;

typedef struct A64Row {
    const char *name;
    const char *pattern;
    A64Handler fn;
    uint32_t mask, value;
    int nfields;
    A64Field fields[16];
} A64Row;

static A64Row a64_rows[] = {
#define A64(n, pat) {#n, pat, a64_trans_##n},
#include "cpu/aarch64/a64-all.def"
#undef A64
};
#define NROWS (sizeof(a64_rows) / sizeof(a64_rows[0]))

static A64Row **buckets[16];
static int bucket_len[16];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *init_error;

static bool parse_row(A64Row *r)
{
    int bit = 31;
    r->mask = r->value = 0;
    r->nfields = 0;
    for (const char *p = r->pattern; *p; p++) {
        char c = *p;
        if (c == ' ' || c == '_')
            continue;
        if (bit < 0)
            return false;
        if (c == '0' || c == '1') {
            r->mask |= 1u << bit;
            r->value |= (uint32_t)(c - '0') << bit;
        } else if (c != '-') {
            int k;
            for (k = 0; k < r->nfields; k++)
                if (r->fields[k].name == c)
                    break;
            if (k == r->nfields) {
                if (k == 16)
                    return false;
                r->fields[k].name = c;
                r->fields[k].mask = 0;
                r->nfields++;
            }
            r->fields[k].mask |= 1u << bit;
        }
        bit--;
    }
    return bit == -1;
}

static int cmp_specific(const void *a, const void *b)
{
    const A64Row *x = *(A64Row *const *)a, *y = *(A64Row *const *)b;
    int px = __builtin_popcount(x->mask), py = __builtin_popcount(y->mask);
    if (px != py)
        return py - px;
    return x < y ? -1 : x > y; /* stable: table order */
}

static void build(void)
{
    for (size_t i = 0; i < NROWS; i++) {
        if (!parse_row(&a64_rows[i])) {
            init_error = a64_rows[i].name;
            return;
        }
    }
    for (int op0 = 0; op0 < 16; op0++) {
        uint32_t w = (uint32_t)op0 << 25;
        buckets[op0] = calloc(NROWS + 1, sizeof(A64Row *));
        for (size_t i = 0; i < NROWS; i++) {
            A64Row *r = &a64_rows[i];
            uint32_t m = r->mask & (0xfu << 25);
            if ((w & m) == (r->value & m))
                buckets[op0][bucket_len[op0]++] = r;
        }
        qsort(buckets[op0], bucket_len[op0], sizeof(A64Row *), cmp_specific);
    }
}

static void init(void)
{
    pthread_once(&once, build);
    if (init_error)
        emu_fatal("internal error: malformed A64 decoder row %s", init_error);
}

static uint32_t extract(uint32_t insn, uint32_t mask)
{
    uint32_t v = 0;
    for (int bit = 31; bit >= 0; bit--)
        if (mask >> bit & 1)
            v = v << 1 | (insn >> bit & 1);
    return v;
}

const char *a64_decode_name(uint32_t insn)
{
    init();
    A64Row **b = buckets[(insn >> 25) & 0xf];
    for (int i = 0; i < bucket_len[(insn >> 25) & 0xf]; i++)
        if ((insn & b[i]->mask) == b[i]->value)
            return b[i]->name;
    return NULL;
}

bool a64_decode(A64Ctx *s, uint32_t insn)
{
    init();
    unsigned op0 = (insn >> 25) & 0xf;
    A64Row **b = buckets[op0];
    for (int i = 0; i < bucket_len[op0]; i++) {
        A64Row *r = b[i];
        if ((insn & r->mask) != r->value)
            continue;
        A64Fields f;
        for (int k = 0; k < r->nfields; k++)
            f.v[(unsigned char)r->fields[k].name] =
                extract(insn, r->fields[k].mask);
        if (!r->fn(s, &f))
            return a64_undef(s, false);
        return true;
    }
    return false;
}

int a64_decoder_check(FILE *out)
{
    int problems = 0;
    init();
    for (size_t i = 0; i < NROWS; i++) {
        A64Row *x = &a64_rows[i];
        for (size_t j = i + 1; j < NROWS; j++) {
            A64Row *y = &a64_rows[j];
            if (((x->value ^ y->value) & x->mask & y->mask) != 0)
                continue;
            if (__builtin_popcount(x->mask) != __builtin_popcount(y->mask))
                continue;
            fprintf(out, "A64 rows %s and %s overlap with equal specificity\n",
                    x->name, y->name);
            problems++;
        }
    }
    return problems;
}

size_t a64_decoder_rows(void)
{
    return NROWS;
}
