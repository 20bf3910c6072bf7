/*
 * cpu/aarch64/decode.c - the A64 decoder, built at start-up from the
 * declarative tables (cpu/aarch64/<group>.def, one row per Arm ARM encoding).
 *
 * Each row's pattern becomes (mask, value) plus a list of named fields,
 * each field precomputed as up to FIELD_RUNS contiguous (shift, width)
 * runs so extraction is a few shifts and masks.
 * Rows are bucketed by bits 28:25 (the A64 top-level op0 field) and kept
 * most-specific first (most fixed bits), so where an alias or a special
 * case shares bits with a general row, the special row wins.  Two rows of
 * equal specificity that can match the same word are a table bug:
 * a64_decoder_check() reports them (tests/unit/test_ir.c).
 * Decoding goes through a second, finer level built lazily: the key is
 * bits 31:21 and 15:10 (KEY_MASK; they hold the opcode fields of most
 * groups, SIMD included), and its bucket lists, in op0-bucket order, the
 * rows whose fixed bits agree with the key.  So the first match there is
 * the first match in the op0 bucket: the same semantics with a few rows
 * tried instead of hundreds.  The key -> bucket map is a small open-
 * addressing hash table (a direct 2^17 table touched ~170 pages at every
 * start-up).  Buckets and tables are built under key_lock, published
 * with release stores and never freed (lock-free readers; a reader of a
 * table replaced by a bigger one just misses and retries under the lock).
 * The static row table holds only what needs relocating (name, pattern,
 * handler: a few pages for the start-up's static-pie relocation); parsed
 * data lives in zero-initialised arrays.
 */
#include "cpu/aarch64/decode.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/emu.h"

typedef bool (*A64Handler)(A64Ctx *s, const A64Fields *f);

#define FIELD_RUNS 4

typedef struct A64Run {
    uint8_t shift, width, dst; /* value bits dst.. = insn bits shift.. */
} A64Run;

typedef struct A64Field {
    char name;
    uint8_t nruns;  /* 0: more than FIELD_RUNS runs, use the bit loop */
    uint32_t mask;  /* bits of the field in the word */
    A64Run runs[FIELD_RUNS];
} A64Field;

typedef struct A64Spec {
    const char *name;
    const char *pattern;
    A64Handler fn;
} A64Spec;

static const A64Spec a64_specs[] = {
#define A64(n, pat) {#n, pat, a64_trans_##n},
#include "cpu/aarch64/a64-all.def"
#undef A64
};
#define NROWS (sizeof(a64_specs) / sizeof(a64_specs[0]))
#define MAX_FIELDS 16 /* per row */

typedef struct A64Row {
    const A64Spec *spec;
    uint32_t mask, value;
    uint16_t field_first; /* index into a64_fields */
    uint8_t nfields;
} A64Row;

static A64Row a64_rows[NROWS];
static A64Field a64_fields[NROWS * MAX_FIELDS]; /* filled front to back */
static uint32_t a64_nfields;

static A64Row **buckets[16];
static int bucket_len[16];

#define KEY_MASK 0xffe0fc00u /* bits 31:21 and 15:10 */
/* Second level: a list ended by row == NULL, with each row's (mask,
 * value) copied in so a miss does not touch the row. */
typedef struct A64Ent {
    uint32_t mask, value;
    A64Row *row;
} A64Ent;
typedef struct KeySlot {
    uint32_t key1;  /* key + 1; 0 = empty */
    A64Ent *list;
} KeySlot;
typedef struct KeyTable {
    uint32_t size, used; /* size a power of two, used < size / 2 */
    KeySlot slot[];
} KeyTable;
static KeyTable *key_table;
static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;
static A64Ent *pool, *pool_end; /* entries are carved from here */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *init_error;

static bool parse_row(A64Row *r, const A64Spec *sp)
{
    int bit = 31;
    r->spec = sp;
    r->mask = r->value = 0;
    r->nfields = 0;
    r->field_first = (uint16_t)a64_nfields;
    A64Field *fields = &a64_fields[a64_nfields];
    for (const char *p = sp->pattern; *p; p++) {
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
                if (fields[k].name == c)
                    break;
            if (k == r->nfields) {
                if (k == MAX_FIELDS)
                    return false;
                fields[k].name = c;
                fields[k].mask = 0;
                r->nfields++;
            }
            fields[k].mask |= 1u << bit;
        }
        bit--;
    }
    if (bit != -1)
        return false;
    a64_nfields += r->nfields;
    for (int k = 0; k < r->nfields; k++) {
        A64Field *fl = &fields[k];
        int total = __builtin_popcount(fl->mask), n = 0;
        fl->nruns = 0;
        for (int b = 31; b >= 0;) {
            if (!(fl->mask >> b & 1)) {
                b--;
                continue;
            }
            int lo = b;
            while (lo > 0 && (fl->mask >> (lo - 1) & 1))
                lo--;
            int w = b - lo + 1;
            total -= w;
            if (n == FIELD_RUNS) {
                n = 0;
                break;
            }
            fl->runs[n++] = (A64Run){(uint8_t)lo, (uint8_t)w, (uint8_t)total};
            b = lo - 1;
        }
        fl->nruns = (uint8_t)n;
    }
    return true;
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
        if (!parse_row(&a64_rows[i], &a64_specs[i])) {
            init_error = a64_specs[i].name;
            return;
        }
    }
    for (int op0 = 0; op0 < 16; op0++) {
        uint32_t w = (uint32_t)op0 << 25;
        size_t n = 0;
        for (size_t i = 0; i < NROWS; i++) {
            uint32_t m = a64_rows[i].mask & (0xfu << 25);
            n += (w & m) == (a64_rows[i].value & m);
        }
        buckets[op0] = malloc((n + 1) * sizeof(A64Row *));
        if (!buckets[op0]) {
            init_error = "(out of memory)";
            return;
        }
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

static uint32_t extract_bits(uint32_t insn, uint32_t mask)
{
    uint32_t v = 0;
    for (int bit = 31; bit >= 0; bit--)
        if (mask >> bit & 1)
            v = v << 1 | (insn >> bit & 1);
    return v;
}

static inline uint32_t extract(uint32_t insn, const A64Field *fl)
{
    if (!fl->nruns)
        return extract_bits(insn, fl->mask);
    uint32_t v = 0;
    for (int i = 0; i < fl->nruns; i++) {
        const A64Run *r = &fl->runs[i];
        uint32_t m = r->width == 32 ? ~0u : (1u << r->width) - 1;
        v |= ((insn >> r->shift) & m) << r->dst;
    }
    return v;
}

static inline uint32_t key_of(uint32_t insn)
{
    return (insn >> 21) << 6 | ((insn >> 10) & 0x3f);
}

static inline uint32_t key_hash(uint32_t key)
{
    return (key * 0x9e3779b1u) >> 15; /* 17 bits; masked by the caller */
}

/* The bucket of key in t, or NULL if t does not have it. */
static A64Ent *key_find(const KeyTable *t, uint32_t key)
{
    if (!t)
        return NULL;
    uint32_t m = t->size - 1;
    for (uint32_t h = key_hash(key) & m;; h = (h + 1) & m) {
        uint32_t k1 = __atomic_load_n(&t->slot[h].key1, __ATOMIC_ACQUIRE);
        if (k1 == key + 1)
            return t->slot[h].list;
        if (!k1)
            return NULL;
    }
}

/* Caller holds key_lock; t has room. */
static void key_insert(KeyTable *t, uint32_t key, A64Ent *list)
{
    uint32_t m = t->size - 1, h = key_hash(key) & m;
    while (t->slot[h].key1)
        h = (h + 1) & m;
    t->slot[h].list = list;
    __atomic_store_n(&t->slot[h].key1, key + 1, __ATOMIC_RELEASE);
    t->used++;
}

/* Caller holds key_lock: makes room for one more key. */
static void key_grow(void)
{
    KeyTable *old = key_table;
    if (old && 2 * (old->used + 1) < old->size)
        return;
    uint32_t size = old ? 4 * old->size : 1024;
    KeyTable *t = calloc(1, sizeof(KeyTable) + size * sizeof(KeySlot));
    if (!t)
        emu_fatal("out of memory building the A64 decoder");
    t->size = size;
    for (uint32_t i = 0; old && i < old->size; i++)
        if (old->slot[i].key1)
            key_insert(t, old->slot[i].key1 - 1, old->slot[i].list);
    /* the old table stays valid for readers still in it: never freed */
    __atomic_store_n(&key_table, t, __ATOMIC_RELEASE);
}

/* Builds (once) the second-level bucket of insn's key. */
static A64Ent *key_bucket_build(uint32_t insn)
{
    uint32_t key = key_of(insn), kbits = insn & KEY_MASK;
    unsigned op0 = (insn >> 25) & 0xf;
    A64Row **b = buckets[op0];
    pthread_mutex_lock(&key_lock);
    A64Ent *list = key_find(key_table, key);
    if (list) { /* another thread built it meanwhile */
        pthread_mutex_unlock(&key_lock);
        return list;
    }
    key_grow();
    int n = 0;
    for (int i = 0; i < bucket_len[op0]; i++)
        n += ((kbits ^ b[i]->value) & b[i]->mask & KEY_MASK) == 0;
    if (pool_end - pool < n + 1) {
        size_t cap = 4096 > n + 1 ? 4096 : (size_t)n + 1;
        pool = calloc(cap, sizeof(A64Ent)); /* never freed */
        if (!pool)
            emu_fatal("out of memory building the A64 decoder");
        pool_end = pool + cap;
    }
    list = pool;
    n = 0;
    for (int i = 0; i < bucket_len[op0]; i++)
        if (((kbits ^ b[i]->value) & b[i]->mask & KEY_MASK) == 0)
            list[n++] = (A64Ent){b[i]->mask, b[i]->value, b[i]};
    list[n] = (A64Ent){0, 0, NULL};
    pool += n + 1;
    key_insert(key_table, key, list);
    pthread_mutex_unlock(&key_lock);
    return list;
}

static A64Row *find_row(uint32_t insn)
{
    A64Ent *b = key_find(__atomic_load_n(&key_table, __ATOMIC_ACQUIRE),
                         key_of(insn));
    if (!b)
        b = key_bucket_build(insn);
    for (; b->row; b++)
        if ((insn & b->mask) == b->value)
            return b->row;
    return NULL;
}

const char *a64_decode_name(uint32_t insn)
{
    init();
    A64Row *r = find_row(insn);
    return r ? r->spec->name : NULL;
}

bool a64_decode(A64Ctx *s, uint32_t insn)
{
    init();
    A64Row *r = find_row(insn);
    if (!r)
        return false;
    A64Fields f;
    const A64Field *fl = &a64_fields[r->field_first];
    for (int k = 0; k < r->nfields; k++)
        f.v[(unsigned char)fl[k].name] = extract(insn, &fl[k]);
    if (!r->spec->fn(s, &f))
        return a64_undef(s, false);
    return true;
}

int a64_decoder_check(FILE *out)
{
    int problems = 0;
    init();
    /* the precomputed runs extract what the bit loop does */
    uint32_t x = 0x12345678u;
    for (size_t i = 0; i < NROWS; i++)
        for (int k = 0; k < a64_rows[i].nfields; k++)
            for (int t = 0; t < 64; t++) {
                x ^= x << 13, x ^= x >> 17, x ^= x << 5;
                const A64Field *fl = &a64_fields[a64_rows[i].field_first + k];
                if (extract(x, fl) != extract_bits(x, fl->mask)) {
                    fprintf(out, "A64 row %s field %c: bad extraction\n",
                            a64_rows[i].spec->name, fl->name);
                    problems++;
                    break;
                }
            }
    for (size_t i = 0; i < NROWS; i++) {
        A64Row *x = &a64_rows[i];
        for (size_t j = i + 1; j < NROWS; j++) {
            A64Row *y = &a64_rows[j];
            if (((x->value ^ y->value) & x->mask & y->mask) != 0)
                continue;
            if (__builtin_popcount(x->mask) != __builtin_popcount(y->mask))
                continue;
            fprintf(out, "A64 rows %s and %s overlap with equal specificity\n",
                    x->spec->name, y->spec->name);
            problems++;
        }
    }
    return problems;
}

size_t a64_decoder_rows(void)
{
    return NROWS;
}
