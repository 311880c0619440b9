#define _GNU_SOURCE
#include <string.h>
#include "cposix.h"

void jg_count_lines(const unsigned char *text, intptr_t length, intptr_t *newlines, intptr_t *column) {
    const unsigned char *last = length > 0 ? memrchr(text, '\n', (size_t)length) : NULL;
    if (last == NULL) {
        *column += length;
        return;
    }
    // A plain loop the compiler vectorises.
    intptr_t count = 0;
    for (intptr_t i = 0; i < length; i++) count += text[i] == '\n';
    *newlines += count;
    *column = text + length - last - 1;
}
