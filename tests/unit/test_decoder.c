/*
 * tests/unit/test_decoder.c - the generic decoder engine (cpu/decoder.c)
 * against a reference written here: a linear scan that takes, of the rows
 * matching a word, the one with the most fixed bits (ties: the first in
 * the table), and for nv_mask tables skips rows that fix none of nv_mask
 * when the word has all of it set.  Checked on small tables (groups,
 * hash growth past many keys, malformed rows) and on the whole A64 table
 * through a64_decode_name(), the path the translator uses.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "cpu/aarch64/decode.h"
#include "cpu/decoder.h"

static void ref_parse(const char *pat, int bits, uint32_t *mask, uint32_t *val)
{
    int bit = bits - 1;
    *mask = *val = 0;
    for (const char *p = pat; *p; p++) {
        if (*p == ' ' || *p == '_')
            continue;
        if (*p == '0' || *p == '1') {
            *mask |= 1u << bit;
            *val |= (uint32_t)(*p - '0') << bit;
        }
        bit--;
    }
}

/* The reference: index of the row decoding w, or -1. */
static int ref_lookup(const DecPattern *pats, size_t n, int bits,
                      uint32_t nv_mask, uint32_t w)
{
    int best = -1, best_pop = -1;
    bool nv = nv_mask && (w & nv_mask) == nv_mask;
    for (size_t i = 0; i < n; i++) {
        uint32_t m, v;
        ref_parse(pats[i].pattern, bits, &m, &v);
        if ((w & m) != v || (nv && !(m & nv_mask)))
            continue;
        if (__builtin_popcount(m) > best_pop) {
            best = (int)i;
            best_pop = __builtin_popcount(m);
        }
    }
    return best;
}

static uint32_t rnd(void)
{
    static uint32_t x = 0x9e3779b9u;
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    return x;
}

/* A toy 16-bit table: a general row, a special case of it, an alias with
 * a field split in two runs, and a row in another group. */
static const DecPattern toy[] = {
    {"GEN", "0 1 aa bbbb cccc dddd"},
    {"SPECIAL", "0 1 00 1111 cccc dddd"},
    {"SPLIT", "1 0 e 0 eeee ---- 11 ff"},
    {"OTHER", "1 1 ---- ---- ---- --"},
};

Test(decoder, most_specific_row_wins_and_fields_extract)
{
    DecTable t;
    cr_assert(dec_table_init_ex(&t, "toy", 16, 0xc000u, 0xfff0u, 0, toy, 4));
    const DecRow *r = dec_lookup(&t, 0x4f12); /* 01 00 1111 0001 0010 */
    cr_assert(r);
    cr_assert_str_eq(toy[r->index].name, "SPECIAL");
    r = dec_lookup(&t, 0x6e12); /* 01 10 1110 ...: the general row */
    cr_assert_str_eq(toy[r->index].name, "GEN");
    uint32_t v[128] = {0};
    dec_fields(r, 0x6e12, v);
    cr_assert_eq(v['a'], 2);
    cr_assert_eq(v['b'], 0xe);
    cr_assert_eq(v['c'], 1);
    cr_assert_eq(v['d'], 2);
    /* 10 1 0 1010 xxxx 11 01: e = bit 13 then bits 11:8 */
    r = dec_lookup(&t, 0xaa0du | 0x00f0u);
    cr_assert_str_eq(toy[r->index].name, "SPLIT");
    dec_fields(r, 0xaafd, v);
    cr_assert_eq(v['e'], 0x1a);
    cr_assert_eq(v['f'], 1);
    cr_assert_null(dec_lookup(&t, 0x0000)); /* 00...: no row */
    cr_assert_null(dec_lookup(&t, 0x8001)); /* 10 but bits 3:2 != 11 */
    cr_assert_eq(dec_table_check(&t, toy, stderr), 0);
}

Test(decoder, every_16bit_word_matches_the_reference)
{
    DecTable t;
    cr_assert(dec_table_init_ex(&t, "toy", 16, 0xc000u, 0xfff0u, 0, toy, 4));
    for (uint32_t w = 0; w < 0x10000; w++) {
        const DecRow *r = dec_lookup(&t, w);
        int want = ref_lookup(toy, 4, 16, 0, w);
        cr_assert_eq(r ? (int)r->index : -1, want, "word %#x", w);
    }
    /* thousands of keys: the hash table grew several times on the way */
    cr_assert(t.hash->size >= 4096);
}

/* Conditional rows (the A32 rule): a row that fixes none of the nv bits
 * is not tried on a word with all of them set. */
static const DecPattern nvrows[] = {
    {"COND", "cccc 0000 ---- ---- ---- ---- ---- ----"},
    {"UNCOND", "1111 00-- ---- ---- ---- ---- ---- ----"},
    {"WIDE", "---- 0--- ---- ---- ---- ---- ---- ----"},
};

Test(decoder, nv_mask_rows)
{
    DecTable t;
    cr_assert(
        dec_table_init(&t, "nv", 32, 0x0ff00000u, 0xf0000000u, nvrows, 3));
    cr_assert_str_eq(nvrows[dec_lookup(&t, 0xe0000000u)->index].name, "COND");
    cr_assert_str_eq(nvrows[dec_lookup(&t, 0xf0000000u)->index].name, "UNCOND");
    cr_assert_null(dec_lookup(&t, 0xf4000000u)); /* WIDE is conditional */
    cr_assert_str_eq(nvrows[dec_lookup(&t, 0xe4000000u)->index].name, "WIDE");
    for (int i = 0; i < 20000; i++) {
        uint32_t w = rnd();
        const DecRow *r = dec_lookup(&t, w);
        cr_assert_eq(r ? (int)r->index : -1,
                     ref_lookup(nvrows, 3, 32, 0xf0000000u, w), "word %#x", w);
    }
}

Test(decoder, malformed_tables_are_refused)
{
    static const DecPattern short_row[] = {{"SHORT", "0101"}};
    static const DecPattern long_row[] = {{"LONG", "0101 0101 0101 0101 1"}};
    DecTable t;
    cr_assert_not(dec_table_init(&t, "bad", 16, 0xff00u, 0, short_row, 1));
    cr_assert_str_eq(t.error, "SHORT");
    cr_assert_not(dec_table_init(&t, "bad", 16, 0xff00u, 0, long_row, 1));
    cr_assert_str_eq(t.error, "LONG");
    /* a group bit outside the key would put one key in two groups */
    cr_assert_not(
        dec_table_init_ex(&t, "bad", 16, 0x0001u, 0xff00u, 0, toy, 4));
}

Test(decoder, overlap_of_equal_specificity_is_reported)
{
    static const DecPattern amb[] = {{"A", "01-- ---- ---- ----"},
                                     {"B", "-1-0 ---- ---- ----"}};
    DecTable t;
    cr_assert(dec_table_init(&t, "amb", 16, 0xf000u, 0, amb, 2));
    FILE *f = tmpfile();
    cr_assert_eq(dec_table_check(&t, amb, f), 1);
    fclose(f);
}

static const DecPattern a64_pats[] = {
#define A64(n, pat) {#n, pat},
#include "cpu/aarch64/a64-all.def"
#undef A64
};
#define A64_NROWS (sizeof(a64_pats) / sizeof(a64_pats[0]))

/* The A64 decoder (groups by op0, hashed second-level key) decodes as the
 * flat most-specific-first scan of its table would: on random words and
 * on each row's own encodings with random field bits. */
Test(decoder, a64_matches_the_reference)
{
    cr_assert_eq(a64_decoder_rows(), A64_NROWS);
    for (int i = 0; i < 30000; i++) {
        uint32_t w = rnd();
        if (i < 20 * (int)A64_NROWS) {
            uint32_t m, v;
            ref_parse(a64_pats[i % A64_NROWS].pattern, 32, &m, &v);
            w = (w & ~m) | v;
        }
        const char *got = a64_decode_name(w);
        int want = ref_lookup(a64_pats, A64_NROWS, 32, 0, w);
        if (want < 0)
            cr_assert_null(got, "word %#x: %s", w, got);
        else
            cr_assert(got && !strcmp(got, a64_pats[want].name),
                      "word %#x: %s, want %s", w, got ? got : "(none)",
                      a64_pats[want].name);
    }
}
