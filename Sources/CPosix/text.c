#define _GNU_SOURCE
#include <string.h>
#include "cposix.h"

void jg_count_lines(const unsigned char *text, intptr_t length, intptr_t *newlines, intptr_t *column) {
    const unsigned char *last = length > 0 ? memrchr(text, '\n', (size_t)length) : NULL;
    if (last == NULL) {
        *column += length;
        return;
    }
    // Lines are tens of bytes or more: memchr's wide loads beat a loop over every byte.
    intptr_t count = 1;
    for (const unsigned char *p = text; (p = memchr(p, '\n', (size_t)(last - p))) != NULL; p++) count++;
    *newlines += count;
    *column = text + length - last - 1;
}
