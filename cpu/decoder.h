/*
 * cpu/decoder.h - a table-driven instruction decoder, generic over the
 * encoding width (16- or 32-bit words) and over the translator that uses
 * it: a table is a list of (name, pattern) rows; the decoder finds the
 * most specific row matching a word and extracts its named fields.  The
 * caller keeps the row -> handler mapping (rows are identified by their
 * index in the caller's array), so handler types stay the caller's.
 * Both guests use it: cpu/arm/decode.c (A32, T32, T16) and
 * cpu/aarch64/decode.c (A64).
 *
 * Pattern syntax: one character per bit, MSB first ('0'/'1' fixed, a
 * letter a field, '-' don't care; spaces and '_' ignored), `bits`
 * characters in all.
 */
#ifndef EMU_CPU_DECODER_H
#define EMU_CPU_DECODER_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DEC_MAX_FIELDS 16 /* per row */
#define DEC_FIELD_RUNS 4
#define DEC_MAX_GROUP_BITS 8

typedef struct DecPattern {
    const char *name;
    const char *pattern;
} DecPattern;

typedef struct DecField {
    char name;
    uint8_t nruns; /* 0: more than DEC_FIELD_RUNS runs (bit loop) */
    uint32_t mask;
    struct {
        uint8_t shift, width, dst;
    } runs[DEC_FIELD_RUNS];
} DecField;

typedef struct DecRow {
    uint32_t mask, value;
    uint32_t index; /* in the caller's pattern array */
    uint8_t nfields;
    bool no_nv;            /* never matches a word with all of nv_mask set */
    const DecField *field; /* nfields entries, in the table's field array */
} DecRow;

/* Bucket list entry: a row's (mask, value) copied in, so that a miss does
 * not touch the row; ended by row NULL. */
typedef struct DecEnt {
    uint32_t mask, value;
    const DecRow *row;
} DecEnt;

/* Key -> bucket: open addressing, list NULL = empty slot. */
typedef struct DecSlot {
    uint32_t key;
    const DecEnt *list;
} DecSlot;
typedef struct DecHash {
    uint32_t size, used; /* size a power of two, used < size / 2 */
    uint8_t shift;       /* 32 - log2(size) */
    DecSlot slot[];
} DecHash;

typedef struct DecTable {
    const char *what; /* "A32", "A64", ...: for messages */
    int bits;         /* 16 or 32 */
    uint32_t nv_mask; /* see dec_table_init_ex */
    uint32_t key_mask;
    DecField group; /* the group index: bits of group_mask, packed */
    size_t nrows;
    DecRow *rows;
    DecField *fields;
    const DecRow **
        *groups;   /* per group: rows most specific first, NULL-ended */
    DecHash *hash; /* the buckets built so far */
    DecEnt *pool, *pool_end; /* bucket lists are carved from here */
    pthread_mutex_t lock;
    const char *error; /* name of a malformed row */
} DecTable;

/* Builds t from n patterns (not copied: must stay valid).
 *
 * Rows are ordered most specific first (most fixed bits; ties keep table
 * order), so a special case or alias beats the general row it overlaps.
 * group_mask (at most DEC_MAX_GROUP_BITS bits, inside key_mask; 0 = one
 * group) splits the rows by the bits the architecture's top-level decode
 * looks at (A64: op0, bits 28:25): each group lists the rows whose fixed
 * bits agree with its value, built here.  key_mask picks the bits of the
 * second level: each distinct value of insn & key_mask gets, on first
 * use, the list of its group's rows whose fixed bits agree with the key,
 * so the first match there is the first match in the whole sorted table
 * and a lookup tries a few rows instead of hundreds.
 *
 * Rows that fix none of the nv_mask bits do not match a word that has all
 * of them set (A32: cond 1111 is the unconditional space); 0 = off.
 * Returns false (t->error names the row) for a malformed pattern or
 * masks. */
bool dec_table_init_ex(DecTable *t, const char *what, int bits,
                       uint32_t group_mask, uint32_t key_mask, uint32_t nv_mask,
                       const DecPattern *pats, size_t n);
/* The same with one group. */
bool dec_table_init(DecTable *t, const char *what, int bits, uint32_t key_mask,
                    uint32_t nv_mask, const DecPattern *pats, size_t n);

/* Reports pairs of rows that can match one word with equal specificity
 * (a table bug) and fields whose fast extraction is wrong; returns the
 * number of problems. */
int dec_table_check(DecTable *t, const DecPattern *pats, FILE *out);

/* ---- the translate-time path, inline ---- */

/* Slow paths (cpu/decoder.c): the bucket of insn's key, built once under
 * t->lock; a field of more than DEC_FIELD_RUNS runs. */
const DecEnt *dec_bucket_build(DecTable *t, uint32_t insn);
uint32_t dec_extract_bits(uint32_t insn, uint32_t mask);

/* Multiplicative hashing: the top bits of the product depend on every key
 * bit (keys are masked words, often with low bits zero). */
static inline uint32_t dec_key_hash(const DecHash *h, uint32_t key)
{
    return (key * 0x9e3779b1u) >> h->shift;
}

/* The bucket of key in h, or NULL if h does not have it. */
static inline const DecEnt *dec_hash_find(const DecHash *h, uint32_t key)
{
    if (!h)
        return NULL;
    uint32_t m = h->size - 1;
    for (uint32_t i = dec_key_hash(h, key);; i = (i + 1) & m) {
        const DecEnt *l = __atomic_load_n(&h->slot[i].list, __ATOMIC_ACQUIRE);
        if (!l)
            return NULL;
        if (h->slot[i].key == key)
            return l;
    }
}

/* The row decoding insn, or NULL.  Thread-safe, lock-free after the
 * first use of a key. */
static inline const DecRow *dec_lookup(DecTable *t, uint32_t insn)
{
    const DecEnt *e = dec_hash_find(__atomic_load_n(&t->hash, __ATOMIC_ACQUIRE),
                                    insn & t->key_mask);
    if (!e)
        e = dec_bucket_build(t, insn);
    bool nv = t->nv_mask && (insn & t->nv_mask) == t->nv_mask;
    for (; e->row; e++)
        if ((insn & e->mask) == e->value && !(nv && e->row->no_nv))
            return e->row;
    return NULL;
}

static inline uint32_t dec_extract(uint32_t insn, const DecField *fl)
{
    if (!fl->nruns)
        return dec_extract_bits(insn, fl->mask);
    uint32_t v = 0;
    for (int i = 0; i < fl->nruns; i++) {
        uint32_t w = fl->runs[i].width;
        uint32_t m = w == 32 ? ~0u : (1u << w) - 1;
        v |= ((insn >> fl->runs[i].shift) & m) << fl->runs[i].dst;
    }
    return v;
}

/* Fills v[name] for each field of row r (v has 128 entries). */
static inline void dec_fields(const DecRow *r, uint32_t insn, uint32_t *v)
{
    for (int k = 0; k < r->nfields; k++)
        v[(unsigned char)r->field[k].name] = dec_extract(insn, &r->field[k]);
}

#endif
