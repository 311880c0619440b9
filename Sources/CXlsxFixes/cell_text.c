// libxlsxwriter 1.1.4 copies every text cell twice more than it needs to (docs/BENCHMARKS.md,
// "2026-12-02 — the per-cell work of libxlsxwriter"). Both functions below are exported by
// libxlsxwriter and called through its PLT, so the executable's definitions are the ones in
// effect, as for zipOpenNewFileInZip4_64 (deflate_level.c). Each returns what 1.1.4's returns,
// byte for byte, with less work; CellTextFixesTests holds them to the library's own.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
// libxlsxwriter's declarations: a replacement of another signature does not compile.
#include <xlsxwriter/xmlwriter.h>
#include "xlsx_fixes.h"
#include "fix_calls.h"

JG_TLS unsigned long jg_xlsx_fix_calls_tls;

unsigned long jg_xlsx_fix_calls(void) { return jg_xlsx_fix_calls_tls; }

// 1.1.4 tests the pointer, not the byte (`while (string)`, fixed upstream in 1.1.9, 6ccd70c):
// it answers yes at every string's NUL, so worksheet_write_string copies every text cell through
// lxw_escape_control_characters, a zeroed calloc of 7 times its length. This is 1.1.9's test;
// a string it says no to comes out of lxw_escape_control_characters unchanged, so libxlsxwriter's
// lxw_strdup of it writes the same cell.
uint8_t lxw_has_control_characters(const char *string) {
    jg_xlsx_fix_calls_tls++;
    for (; *string; string++) {
        // 0xE0 masks the bytes above 0x1F; tab and line feed need no escape.
        if (!(*string & 0xE0) && *string != 0x0A && *string != 0x09) return 1;
    }
    return 0;
}

// What 1.1.4 does: `&`, `<`, `>` as entities, into a zeroed calloc of 5 times the length plus one
// that the caller frees. Here: the length measured first, one malloc of exactly what is needed,
// and the runs between entities copied whole.
char *lxw_escape_data(const char *data) {
    jg_xlsx_fix_calls_tls++;
    size_t length = 0, extra = 0;
    for (const char *p = data; *p; p++, length++) {
        if (*p == '&') extra += 4;
        else if (*p == '<' || *p == '>') extra += 3;
    }
    char *encoded = malloc(length + extra + 1);
    if (!encoded) return NULL;
    if (extra == 0) {
        memcpy(encoded, data, length + 1);
        return encoded;
    }
    char *out = encoded;
    for (const char *p = data; *p; p++) {
        switch (*p) {
            case '&': memcpy(out, "&amp;", 5); out += 5; break;
            case '<': memcpy(out, "&lt;", 4); out += 4; break;
            case '>': memcpy(out, "&gt;", 4); out += 4; break;
            default: *out++ = *p; break;
        }
    }
    *out = '\0';
    return encoded;
}
