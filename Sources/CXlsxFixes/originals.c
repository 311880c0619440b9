// libxlsxwriter's own definitions of the functions this target replaces, for the tests to hold
// the replacements to: dlsym(RTLD_NEXT) from the executable finds the library's.
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xlsx_fixes.h"
#include "next_definition.h"

static void *original(const char *name) {
    // Found anew each time: the tests call these rarely.
    void *cache = 0;
    return jg_next_definition(name, &cache);
}

unsigned char jg_lxw_original_has_control_characters(const char *string) {
    return ((unsigned char (*)(const char *)) original("lxw_has_control_characters"))(string);
}

char *jg_lxw_original_escape_control_characters(const char *string) {
    return ((char *(*)(const char *)) original("lxw_escape_control_characters"))(string);
}

char *jg_lxw_original_escape_data(const char *data) {
    return ((char *(*)(const char *)) original("lxw_escape_data"))(data);
}

void jg_lxw_original_rowcol_to_cell(char *cell_name, unsigned int row, unsigned short col) {
    ((void (*)(char *, unsigned int, unsigned short)) original("lxw_rowcol_to_cell"))(cell_name, row, col);
}

size_t jg_lxw_original_utf8_strlen(const char *string) {
    return ((size_t (*)(const char *)) original("lxw_utf8_strlen"))(string);
}

unsigned long jg_zlib_crc32(unsigned long crc, const unsigned char *bytes, unsigned int length) {
    return ((unsigned long (*)(unsigned long, const unsigned char *, unsigned int)) original("crc32"))(crc, bytes, length);
}

// glibc's, which this target's __fprintf_chk forwards to for the formats it does not write itself.
extern int __vfprintf_chk(FILE *stream, int flag, const char *format, va_list arguments);
int __fprintf_chk(FILE *stream, int flag, const char *format, ...);

static int glibc_fprintf(FILE *stream, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int written = __vfprintf_chk(stream, 1, format, arguments);
    va_end(arguments);
    return written;
}

char *jg_xlsx_printed(int glibc, const char *format, const char *text, int integer, const char *second, double number) {
    // The conversions in order, to pass the arguments in that order.
    char kinds[8] = {0};
    int count = 0;
    for (const char *p = format; (p = strchr(p, '%')) && count < 7; p++) {
        if (p[1] == '%') { p++; continue; }
        p += 1 + strspn(p + 1, "-+ #0123456789.");
        kinds[count++] = strchr("eEfFgG", *p) ? 'G' : *p;
    }
    char *printed = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&printed, &size);
    if (!stream) return NULL;
    int (*print)(FILE *, int, const char *, ...) = __fprintf_chk;
#define JG_PRINT(...) (glibc ? glibc_fprintf(stream, format, __VA_ARGS__) : print(stream, 1, format, __VA_ARGS__))
    int written;
    if (!strcmp(kinds, "sG")) written = JG_PRINT(text, number);
    else if (!strcmp(kinds, "sdG")) written = JG_PRINT(text, integer, number);
    else if (!strcmp(kinds, "ss")) written = JG_PRINT(text, second);
    else if (!strcmp(kinds, "sds")) written = JG_PRINT(text, integer, second);
    else if (!strcmp(kinds, "sd")) written = JG_PRINT(text, integer);
    else if (!strcmp(kinds, "ds")) written = JG_PRINT(integer, text);
    else if (!strcmp(kinds, "sdd")) written = JG_PRINT(text, integer, integer);
    else if (!strcmp(kinds, "s")) written = JG_PRINT(text);
    else if (!strcmp(kinds, "G")) written = JG_PRINT(number);
    else if (!strcmp(kinds, "d")) written = JG_PRINT(integer);
    else if (!count) written = glibc ? glibc_fprintf(stream, format, 0) : print(stream, 1, format, 0);
    else written = -1;
#undef JG_PRINT
    fclose(stream);
    if (written < 0 || (size_t) written != size) {
        free(printed);
        return NULL;
    }
    return printed;
}
