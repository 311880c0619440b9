// libxlsxwriter 1.1.4 copies every text cell twice more than it needs to (docs/BENCHMARKS.md,
// "2026-12-02 07:00 UTC — the workbooks' per-cell work, temporary files and overlap"). Both functions below are exported by
// libxlsxwriter and called through its PLT, so the executable's definitions are the ones in
// effect, as for zipOpenNewFileInZip4_64 (deflate_level.c). Each returns what 1.1.4's returns,
// byte for byte, with less work; LibxlsxwriterFixesTests holds them to the library's own.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
// libxlsxwriter's declarations: a replacement of another signature does not compile.
#include <xlsxwriter/utility.h>
#include <xlsxwriter/xmlwriter.h>
#include "xlsx_fixes.h"
#include "fix_calls.h"

JG_TLS unsigned long jg_xlsx_fix_calls_tls;

unsigned long jg_xlsx_fix_calls(void) { return jg_xlsx_fix_calls_tls; }

// Eight bytes at a time: a word whose every byte is `byte`, and whether any byte of `word` is
// below 0x20 or is zero (Hacker's Delight 6-1: a byte's high bit survives only if it was below).
#define JG_BYTES(byte) (0x0101010101010101ull * (uint8_t) (byte))
#define JG_HIGH_BITS 0x8080808080808080ull

static inline uint64_t below(uint64_t word, uint8_t limit) { return (word - JG_BYTES(limit)) & ~word & JG_HIGH_BITS; }

static inline uint64_t load(const char *p) {
    uint64_t word;
    memcpy(&word, p, sizeof word);
    return word;
}

// 1.1.4 tests the pointer, not the byte (`while (string)`, fixed upstream in 1.1.9, 6ccd70c):
// it answers yes at every string's NUL, so worksheet_write_string copies every text cell through
// lxw_escape_control_characters, a zeroed calloc of 7 times its length. This is 1.1.9's test;
// a string it says no to comes out of lxw_escape_control_characters unchanged, so libxlsxwriter's
// lxw_strdup of it writes the same cell.
static int is_control(char byte) { return !(byte & 0xE0) && byte != 0x0A && byte != 0x09; }

uint8_t lxw_has_control_characters(const char *string) {
    jg_xlsx_fix_calls_tls++;
    size_t length = strlen(string), k = 0;
    // Words with no byte below 0x20 are skipped; a word with one (tab, line feed) is looked into.
    for (; k + 8 <= length; k += 8) {
        if (!below(load(string + k), 0x20)) continue;
        for (size_t j = k; j < k + 8; j++) {
            if (is_control(string[j])) return 1;
        }
    }
    for (; k < length; k++) {
        if (is_control(string[k])) return 1;
    }
    return 0;
}

static inline uint64_t has_byte(uint64_t word, char byte) { return below(word ^ JG_BYTES(byte), 1); }

// What 1.1.4 does: `&`, `<`, `>` as entities, into a zeroed calloc of 5 times the length plus one
// that the caller frees. Here: a string without them (nearly all) is found so eight bytes at a
// time and copied whole into a malloc of its size; one with them is escaped into a malloc of
// exactly what is needed.
char *lxw_escape_data(const char *data) {
    jg_xlsx_fix_calls_tls++;
    size_t length = strlen(data), k = 0;
    for (; k + 8 <= length; k += 8) {
        uint64_t word = load(data + k);
        if (has_byte(word, '&') | has_byte(word, '<') | has_byte(word, '>')) break;
    }
    for (; k < length && data[k] != '&' && data[k] != '<' && data[k] != '>'; k++) {}
    if (k == length) {
        char *copy = malloc(length + 1);
        if (copy) memcpy(copy, data, length + 1);
        return copy;
    }
    size_t extra = 0;
    for (size_t j = k; j < length; j++) {
        if (data[j] == '&') extra += 4;
        else if (data[j] == '<' || data[j] == '>') extra += 3;
    }
    char *encoded = malloc(length + extra + 1);
    if (!encoded) return NULL;
    memcpy(encoded, data, k);
    char *out = encoded + k;
    for (const char *p = data + k; *p; p++) {
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

// worksheet_write_string counts every text's characters (UTF-8 lead bytes) to refuse one over
// Excel's 32,767 with a byte-at-a-time loop; here eight bytes at a time: a continuation byte is
// 10xxxxxx, its high bit set and the next one clear.
size_t lxw_utf8_strlen(const char *str) {
    jg_xlsx_fix_calls_tls++;
    size_t length = strlen(str), count = 0, k = 0;
    for (; k + 8 <= length; k += 8) {
        uint64_t word = load(str + k);
        count += 8 - (size_t) __builtin_popcountll(word & ~(word << 1) & JG_HIGH_BITS);
    }
    for (; k < length; k++) count += (str[k] & 0xC0) != 0x80;
    return count;
}
