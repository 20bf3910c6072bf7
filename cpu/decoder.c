/*
 * cpu/decoder.c - the generic table decoder (see cpu/decoder.h), used by
 * both guests' front ends.
 *
 * Each pattern becomes (mask, value) and up to DEC_MAX_FIELDS fields, each
 * precomputed as contiguous (shift, width) runs so extraction is a few
 * shifts and masks; the fields of all rows sit in one array, front to
 * back, so a table's parsed data is a few pages.  Rows are sorted
 * most-specific first (most fixed bits; ties keep table order) and split
 * into groups by their fixed group bits; a filter keeps the sort, so a
 * group's first match is the sorted table's first match.  The second
 * level is keyed by insn & key_mask: a bucket lists, in group order, the
 * group's rows whose fixed key bits agree with the key (group bits are key
 * bits, so one key lies in one group).  Keys are sparse (A64's 17 key bits
 * would make a direct table touch ~170 pages at every start-up), so the
 * key -> bucket map is a small open-addressing hash table.  The lookup
 * and field extraction are inline in cpu/decoder.h (a front end decodes
 * every instruction it translates); building is here.  Buckets and
 * hash tables are built under t->lock, published with release stores and
 * never freed: readers take no lock, and a reader still in a hash table
 * that a bigger one replaced just misses and retries under the lock.
 */
#include "cpu/decoder.h"

#include <stdlib.h>
#include <string.h>

#include "common/emu.h"

static void pack_field(DecField *fl)
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
            return;
        }
        fl->runs[n].shift = (uint8_t)lo;
        fl->runs[n].width = (uint8_t)w;
        fl->runs[n].dst = (uint8_t)total;
        n++;
        b = lo - 1;
    }
    fl->nruns = (uint8_t)n;
}

/* Parses pat into r, its fields into fields[] (room for DEC_MAX_FIELDS). */
static bool parse_row(DecRow *r, DecField *fields, const char *pat, int bits,
                      uint32_t nv)
{
    int bit = bits - 1;
    memset(r, 0, sizeof(*r));
    r->field = fields;
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
                if (fields[k].name == c)
                    break;
            if (k == r->nfields) {
                if (k == DEC_MAX_FIELDS)
                    return false;
                fields[k].name = c;
                r->nfields++;
            }
            fields[k].mask |= 1u << bit;
        }
        bit--;
    }
    if (bit != -1)
        return false;
    for (int k = 0; k < r->nfields; k++)
        pack_field(&fields[k]);
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

uint32_t dec_extract_bits(uint32_t insn, uint32_t mask)
{
    uint32_t v = 0;
    for (int bit = 31; bit >= 0; bit--)
        if (mask >> bit & 1)
            v = v << 1 | (insn >> bit & 1);
    return v;
}

static void *dec_alloc(const DecTable *t, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        emu_fatal("out of memory building the %s decoder", t->what);
    return p;
}

bool dec_table_init_ex(DecTable *t, const char *what, int bits,
                       uint32_t group_mask, uint32_t key_mask, uint32_t nv_mask,
                       const DecPattern *pats, size_t n)
{
    memset(t, 0, sizeof(*t));
    t->what = what;
    t->bits = bits;
    t->nv_mask = nv_mask;
    t->key_mask = key_mask;
    t->nrows = n;
    pthread_mutex_init(&t->lock, NULL);
    /* one key must lie in one group */
    if ((group_mask & ~key_mask) ||
        __builtin_popcount(group_mask) > DEC_MAX_GROUP_BITS) {
        t->error = "(group mask)";
        return false;
    }
    t->group.mask = group_mask;
    pack_field(&t->group);
    /* the worst case; only the pages the fields fill are touched */
    t->rows = dec_alloc(t, n, sizeof(DecRow));
    t->fields = dec_alloc(t, n * DEC_MAX_FIELDS, sizeof(DecField));
    const DecRow **sorted = dec_alloc(t, n, sizeof(DecRow *));
    size_t nf = 0;
    for (size_t i = 0; i < n; i++) {
        if (!parse_row(&t->rows[i], &t->fields[nf], pats[i].pattern, bits,
                       nv_mask)) {
            t->error = pats[i].name;
            free(sorted);
            return false;
        }
        nf += t->rows[i].nfields;
        t->rows[i].index = (uint32_t)i;
        sorted[i] = &t->rows[i];
    }
    qsort(sorted, n, sizeof(DecRow *), cmp_specific);
    uint32_t ngroups = 1u << __builtin_popcount(group_mask);
    t->groups = dec_alloc(t, ngroups, sizeof(*t->groups));
    for (uint32_t g = 0; g < ngroups; g++) {
        /* the word bits of group value g: deposit g into group_mask */
        uint32_t w = 0, k = 0;
        for (int bit = 0; bit < 32; bit++)
            if (group_mask >> bit & 1)
                w |= (g >> k++ & 1) << bit;
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            m += ((w ^ sorted[i]->value) & sorted[i]->mask & group_mask) == 0;
        const DecRow **list = dec_alloc(t, m + 1, sizeof(DecRow *));
        m = 0;
        for (size_t i = 0; i < n; i++)
            if (((w ^ sorted[i]->value) & sorted[i]->mask & group_mask) == 0)
                list[m++] = sorted[i];
        t->groups[g] = list;
    }
    free(sorted);
    return true;
}

bool dec_table_init(DecTable *t, const char *what, int bits, uint32_t key_mask,
                    uint32_t nv_mask, const DecPattern *pats, size_t n)
{
    return dec_table_init_ex(t, what, bits, 0, key_mask, nv_mask, pats, n);
}

/* Caller holds t->lock (or owns h); h has room. */
static void hash_insert(DecHash *h, uint32_t key, const DecEnt *list)
{
    uint32_t m = h->size - 1, i = dec_key_hash(h, key);
    while (h->slot[i].list)
        i = (i + 1) & m;
    h->slot[i].key = key;
    __atomic_store_n(&h->slot[i].list, list, __ATOMIC_RELEASE);
    h->used++;
}

/* Caller holds t->lock: makes room for one more key. */
static void hash_grow(DecTable *t)
{
    DecHash *old = t->hash;
    if (old && 2 * (old->used + 1) < old->size)
        return;
    uint32_t size = old ? 4 * old->size : 1024;
    DecHash *h = dec_alloc(t, 1, sizeof(DecHash) + size * sizeof(DecSlot));
    h->size = size;
    h->shift = (uint8_t)(32 - __builtin_ctz(size));
    for (uint32_t i = 0; old && i < old->size; i++)
        if (old->slot[i].list)
            hash_insert(h, old->slot[i].key, old->slot[i].list);
    /* the old table stays valid for readers still in it: never freed */
    __atomic_store_n(&t->hash, h, __ATOMIC_RELEASE);
}

const DecEnt *dec_bucket_build(DecTable *t, uint32_t insn)
{
    uint32_t key = insn & t->key_mask;
    uint32_t g = t->group.mask ? dec_extract(insn, &t->group) : 0;
    const DecRow **rows = t->groups[g];
    pthread_mutex_lock(&t->lock);
    const DecEnt *found = dec_hash_find(t->hash, key);
    if (found) { /* another thread built it meanwhile */
        pthread_mutex_unlock(&t->lock);
        return found;
    }
    hash_grow(t);
    size_t n = 0;
    for (size_t i = 0; rows[i]; i++)
        n += ((key ^ rows[i]->value) & rows[i]->mask & t->key_mask) == 0;
    if ((size_t)(t->pool_end - t->pool) < n + 1) {
        size_t cap = n + 1 > 4096 ? n + 1 : 4096;
        t->pool = dec_alloc(t, cap, sizeof(DecEnt)); /* never freed */
        t->pool_end = t->pool + cap;
    }
    DecEnt *list = t->pool;
    n = 0;
    for (size_t i = 0; rows[i]; i++)
        if (((key ^ rows[i]->value) & rows[i]->mask & t->key_mask) == 0)
            list[n++] = (DecEnt){rows[i]->mask, rows[i]->value, rows[i]};
    list[n] = (DecEnt){0, 0, NULL};
    t->pool += n + 1;
    hash_insert(t->hash, key, list);
    pthread_mutex_unlock(&t->lock);
    return list;
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
                if (dec_extract(x, fl) != dec_extract_bits(x, fl->mask)) {
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
