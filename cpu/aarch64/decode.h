/*
 * cpu/aarch64/decode.h - decoder introspection for tests and logging.
 */
#ifndef EMU_CPU_AARCH64_DECODE_H
#define EMU_CPU_AARCH64_DECODE_H

#include <stdio.h>
#include "cpu/aarch64/translate.h"

/* Name of the row that decodes insn, or NULL. */
const char *a64_decode_name(uint32_t insn);
/* Reports rows that overlap with equal specificity; returns their count. */
int a64_decoder_check(FILE *out);
size_t a64_decoder_rows(void);

#endif
