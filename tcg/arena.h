/*
 * tcg/arena.h - bump allocator for translation metadata that lives until
 * the next full flush (TBs, their exits, fault sites and locations).
 * Private to tcg/.  Not thread-safe: callers serialize (tb_lock).
 */
#ifndef EMU_TCG_ARENA_H
#define EMU_TCG_ARENA_H

#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
    ArenaChunk *head;  /* chunk being filled; older ones follow */
    char *p, *end;     /* free space in head */
} Arena;

/* size bytes, zeroed, 16-byte aligned; NULL when out of memory. */
void *arena_alloc(Arena *a, size_t size);
/* Forgets every allocation (keeps one chunk for reuse). */
void arena_reset(Arena *a);

#endif
