/*
 * cpu/decoder.h - a table-driven instruction decoder, generic over the
 * encoding width (16- or 32-bit words) and over the translator that uses
 * it: a table is a list of (name, pattern) rows; the decoder finds the
 * most specific row matching a word and extracts its named fields.  The
 * caller keeps the row -> handler mapping (rows are identified by their
 * index in the caller's array), so handler types stay the caller's.
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

#define DEC_MAX_FIELDS 12 /* per row */
#define DEC_FIELD_RUNS 4

typedef struct DecPattern {
    const char *name;
    const char *pattern;
} DecPattern;

typedef struct DecField {
    char name;
    uint8_t nruns; /* 0: more than DEC_FIELD_RUNS runs (bit loop) */
    uint32_t mask;
    struct { uint8_t shift, width, dst; } runs[DEC_FIELD_RUNS];
} DecField;

typedef struct DecRow {
    uint32_t mask, value;
    uint32_t index; /* in the caller's pattern array */
    uint8_t nfields;
    bool no_nv;     /* never matches a word with all of nv_mask set */
    DecField field[DEC_MAX_FIELDS];
} DecRow;

/* Bucket list entry: a row's (mask, value) copied in, ended by row NULL. */
typedef struct DecEnt {
    uint32_t mask, value;
    const DecRow *row;
} DecEnt;

typedef struct DecTable {
    const char *what;      /* "A32", ...: for messages */
    int bits;              /* 16 or 32 */
    uint32_t nv_mask;      /* see dec_table_init */
    DecField key;          /* the bucket key: bits of key_mask, packed */
    size_t nrows;
    DecRow *rows;
    const DecRow **sorted; /* most specific first, then table order */
    DecEnt **bucket;       /* 1 << popcount(key_mask) lazily built lists */
    pthread_mutex_t lock;
    const char *error;     /* name of a malformed row */
} DecTable;

/* Builds t from n patterns (not copied: must stay valid).  key_mask picks
 * the bits (at most 16) that index the first level: each distinct value of
 * them gets, on first use, the list of rows whose fixed bits agree with
 * it.  Rows that fix none of the nv_mask bits do not match a word that has
 * all of them set (A32: cond 1111 is the unconditional space); 0 = off.
 * Returns false (t->error names the row) for a malformed pattern. */
bool dec_table_init(DecTable *t, const char *what, int bits,
                    uint32_t key_mask, uint32_t nv_mask,
                    const DecPattern *pats, size_t n);

/* The row decoding insn, or NULL.  Thread-safe, lock-free after the
 * first use of a bucket. */
const DecRow *dec_lookup(DecTable *t, uint32_t insn);

/* Fills v[name] for each field of row r (v has 128 entries). */
void dec_fields(const DecRow *r, uint32_t insn, uint32_t *v);

/* Reports pairs of rows that can match one word with equal specificity
 * (a table bug) and fields whose fast extraction is wrong; returns the
 * number of problems. */
int dec_table_check(DecTable *t, const DecPattern *pats, FILE *out);

#endif
