// libxlsxwriter's own definitions of the functions this target replaces, for the tests to hold
// the replacements to: dlsym(RTLD_NEXT) from the executable finds the library's.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include "xlsx_fixes.h"

static void *original(const char *name) {
    void *function = dlsym(RTLD_NEXT, name);
    if (!function) {
        fprintf(stderr, "jgpipe: libxlsxwriter's %s not found: %s\n", name, dlerror());
        abort();
    }
    return function;
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
