/*
 * cpu/decoder.c - the generic table decoder (see cpu/decoder.h).
 *
 * Each pattern becomes (mask, value) and up to DEC_MAX_FIELDS fields, each
 * precomputed as contiguous (shift, width) runs so extraction is a few
 * shifts and masks.  Rows are sorted most-specific first (most fixed
 * bits; ties keep table order), so a special case beats the general row
 * it overlaps.  Lookup goes through a first level indexed by the packed
 * key bits: a bucket lists, in sorted order, the rows whose fixed key bits
 * agree with the key, so the first match there is the first match in the
 * whole sorted table.  Buckets are built under t->lock on first use,
 * published with a release store and never freed (readers take no lock).
 */
#include "cpu/decoder.h"

#include <stdlib.h>
#include <string.h>

#include "common/emu.h"

static bool pack_field(DecField *fl)
{
    int n = 0, total = __builtin_popcount(fl->mask);
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
        if (n == DEC_FIELD_RUNS) {
            fl->nruns = 0;
            return true;
        }
        fl->runs[n].shift = (uint8_t)lo;
        fl->runs[n].width = (uint8_t)w;
        fl->runs[n].dst = (uint8_t)total;
        n++;
        b = lo - 1;
    }
    fl->nruns = (uint8_t)n;
    return true;
}

static bool parse_row(DecRow *r, const char *pat, int bits, uint32_t nv)
{
    int bit = bits - 1;
    memset(r, 0, sizeof(*r));
    for (const char *p = pat; *p; p++) {
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
                if (r->field[k].name == c)
                    break;
            if (k == r->nfields) {
                if (k == DEC_MAX_FIELDS)
                    return false;
                r->field[k].name = c;
                r->nfields++;
            }
            r->field[k].mask |= 1u << bit;
        }
        bit--;
    }
    if (bit != -1)
        return false;
    for (int k = 0; k < r->nfields; k++)
        pack_field(&r->field[k]);
    r->no_nv = nv && !(r->mask & nv);
    return true;
}

static int cmp_specific(const void *a, const void *b)
{
    const DecRow *x = *(const DecRow *const *)a, *y = *(const DecRow *const *)b;
    int px = __builtin_popcount(x->mask), py = __builtin_popcount(y->mask);
    if (px != py)
        return py - px;
    return x->index < y->index ? -1 : x->index > y->index;
}

bool dec_table_init(DecTable *t, const char *what, int bits,
                    uint32_t key_mask, uint32_t nv_mask,
                    const DecPattern *pats, size_t n)
{
    memset(t, 0, sizeof(*t));
    t->what = what;
    t->bits = bits;
    t->nv_mask = nv_mask;
    t->nrows = n;
    t->key.mask = key_mask;
    pack_field(&t->key);
    pthread_mutex_init(&t->lock, NULL);
    t->rows = calloc(n ? n : 1, sizeof(DecRow));
    t->sorted = calloc(n ? n : 1, sizeof(DecRow *));
    t->bucket = calloc((size_t)1 << __builtin_popcount(key_mask),
                       sizeof(DecEnt *));
    if (!t->rows || !t->sorted || !t->bucket)
        emu_fatal("out of memory building the %s decoder", what);
    for (size_t i = 0; i < n; i++) {
        if (!parse_row(&t->rows[i], pats[i].pattern, bits, nv_mask)) {
            t->error = pats[i].name;
            return false;
        }
        t->rows[i].index = (uint32_t)i;
        t->sorted[i] = &t->rows[i];
    }
    qsort(t->sorted, n, sizeof(DecRow *), cmp_specific);
    return true;
}

static uint32_t extract_bits(uint32_t insn, uint32_t mask)
{
    uint32_t v = 0;
    for (int bit = 31; bit >= 0; bit--)
        if (mask >> bit & 1)
            v = v << 1 | (insn >> bit & 1);
    return v;
}

static inline uint32_t extract(uint32_t insn, const DecField *fl)
{
    if (!fl->nruns)
        return extract_bits(insn, fl->mask);
    uint32_t v = 0;
    for (int i = 0; i < fl->nruns; i++) {
        uint32_t w = fl->runs[i].width;
        uint32_t m = w == 32 ? ~0u : (1u << w) - 1;
        v |= ((insn >> fl->runs[i].shift) & m) << fl->runs[i].dst;
    }
    return v;
}

static DecEnt *bucket_build(DecTable *t, uint32_t key, uint32_t insn)
{
    uint32_t kbits = insn & t->key.mask;
    pthread_mutex_lock(&t->lock);
    DecEnt *list = t->bucket[key];
    if (!list) {
        size_t n = 0;
        for (size_t i = 0; i < t->nrows; i++) {
            const DecRow *r = t->sorted[i];
            n += ((kbits ^ r->value) & r->mask & t->key.mask) == 0;
        }
        list = calloc(n + 1, sizeof(DecEnt)); /* never freed */
        if (!list)
            emu_fatal("out of memory building the %s decoder", t->what);
        n = 0;
        for (size_t i = 0; i < t->nrows; i++) {
            const DecRow *r = t->sorted[i];
            if (((kbits ^ r->value) & r->mask & t->key.mask) == 0)
                list[n++] = (DecEnt){r->mask, r->value, r};
        }
        __atomic_store_n(&t->bucket[key], list, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&t->lock);
    return list;
}

const DecRow *dec_lookup(DecTable *t, uint32_t insn)
{
    uint32_t key = extract(insn, &t->key);
    DecEnt *e = __atomic_load_n(&t->bucket[key], __ATOMIC_ACQUIRE);
    if (!e)
        e = bucket_build(t, key, insn);
    bool nv = t->nv_mask && (insn & t->nv_mask) == t->nv_mask;
    for (; e->row; e++)
        if ((insn & e->mask) == e->value && !(nv && e->row->no_nv))
            return e->row;
    return NULL;
}

void dec_fields(const DecRow *r, uint32_t insn, uint32_t *v)
{
    for (int k = 0; k < r->nfields; k++)
        v[(unsigned char)r->field[k].name] = extract(insn, &r->field[k]);
}

int dec_table_check(DecTable *t, const DecPattern *pats, FILE *out)
{
    int problems = 0;
    uint32_t x = 0x12345678u;
    for (size_t i = 0; i < t->nrows; i++)
        for (int k = 0; k < t->rows[i].nfields; k++)
            for (int n = 0; n < 64; n++) {
                const DecField *fl = &t->rows[i].field[k];
                x ^= x << 13, x ^= x >> 17, x ^= x << 5;
                if (extract(x, fl) != extract_bits(x, fl->mask)) {
                    fprintf(out, "%s row %s field %c: bad extraction\n",
                            t->what, pats[i].name, fl->name);
                    problems++;
                    break;
                }
            }
    for (size_t i = 0; i < t->nrows; i++) {
        const DecRow *a = &t->rows[i];
        for (size_t j = i + 1; j < t->nrows; j++) {
            const DecRow *b = &t->rows[j];
            if (((a->value ^ b->value) & a->mask & b->mask) != 0)
                continue;
            if (__builtin_popcount(a->mask) != __builtin_popcount(b->mask))
                continue;
            fprintf(out, "%s rows %s and %s overlap with equal specificity\n",
                    t->what, pats[i].name, pats[j].name);
            problems++;
        }
    }
    return problems;
}
