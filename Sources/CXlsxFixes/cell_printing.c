// libxlsxwriter 1.1.4 writes every cell, and every row's tag, with fprintf (built with
// _FORTIFY_SOURCE: __fprintf_chk, called through its PLT): "<c r=\"%s\" t=\"inlineStr\"><is><t>%s
// </t></is></c>", "<c r=\"%s\" s=\"%d\"><v>%.16G</v></c>" (date serials), "<%s", " %s=\"%s\"".
// vfprintf's general machinery was about 14 % of the workbooks' CPU (docs/BENCHMARKS.md). The
// executable's __fprintf_chk comes first in the dynamic linker's search, for every library of the
// process: a format whose conversions are all %s, %d, %.16G or %% is written here, with exactly
// vfprintf's bytes (an integral %.16G below 10^15 is its digits; any other goes through snprintf);
// every other format goes on to glibc's __vfprintf_chk unchanged. The stream is locked for the
// call, as vfprintf locks it. libxlsxwriter's formats are parsed once per thread (simple_parse). LibxlsxwriterFixesTests holds the bytes to glibc's.
#define _GNU_SOURCE
#include <link.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "fix_calls.h"

// glibc's, called for every other format.
extern int __vfprintf_chk(FILE *stream, int flag, const char *format, va_list arguments);
int __fprintf_chk(FILE *stream, int flag, const char *format, ...);

// Whether every conversion of `format` is one written here.
static int is_simple(const char *format) {
    for (const char *p = format; (p = strchr(p, '%')); ) {
        p++;
        if (*p == 's' || *p == 'd' || *p == '%') p++;
        else if (!strncmp(p, ".16G", 4)) p += 4;
        else return 0;
    }
    return 1;
}

// The decimal digits of `magnitude`, after a minus when `negative`, ending at `end`.
static char *decimal(char *end, uint64_t magnitude, int negative) {
    char *start = end;
    do {
        *--start = (char) ('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (negative) *--start = '-';
    return start;
}

// What is printed so far, in one buffer: a cell is one fwrite, not one per piece.
typedef struct {
    FILE *stream;
    size_t used;
    long written;
    int failed;
    char bytes[512];
} printing;

static void flush(printing *out) {
    if (out->used) out->failed |= fwrite_unlocked(out->bytes, 1, out->used, out->stream) != out->used;
    out->used = 0;
}

static void put(printing *out, const char *text, size_t length) {
    out->written += (long) length;
    if (length > sizeof out->bytes - out->used) {
        flush(out);
        if (length > sizeof out->bytes) {
            out->failed |= fwrite_unlocked(text, 1, length, out->stream) != length;
            return;
        }
    }
    memcpy(out->bytes + out->used, text, length);
    out->used += length;
}

// A simple format split at its conversions: literal text, then a conversion ('s', 'd', 'G', or
// 0 at the end), piece after piece.
enum { most_pieces = 8 };
typedef struct {
    const char *format;
    uint8_t count;
    struct { uint16_t start, length; char conversion; } pieces[most_pieces];
} parsed_format;

static int parse(const char *format, parsed_format *parsed) {
    parsed->format = format;
    parsed->count = 0;
    for (const char *p = format;; ) {
        if (parsed->count == most_pieces) return 0;
        const char *percent = strchrnul(p, '%');
        if (percent - format > UINT16_MAX) return 0;
        char conversion = *percent ? percent[1] : 0;
        if (conversion == '%') {
            // "%%": the literal runs on to the second '%'.
            percent++;
            conversion = '%';
        }
        parsed->pieces[parsed->count].start = (uint16_t) (p - format);
        parsed->pieces[parsed->count].length = (uint16_t) (percent - p);
        parsed->pieces[parsed->count].conversion = conversion == '.' ? 'G' : conversion == '%' ? '%' : conversion;
        parsed->count++;
        if (!conversion) return 1;
        p = percent + (conversion == '%' ? 1 : conversion == '.' ? 5 : 2);
    }
}

// libxlsxwriter's own formats are string literals in its read-only segments, which never change:
// their parses are kept per thread, by address. Any other format is parsed at every call.
typedef struct { uintptr_t start, end; } address_range;
static address_range library_constants[4];
static int library_constant_ranges;
static pthread_once_t constants_found = PTHREAD_ONCE_INIT;

static int note_read_only_segments(struct dl_phdr_info *info, size_t size, void *unused) {
    (void) size; (void) unused;
    if (!info->dlpi_name || !strstr(info->dlpi_name, "libxlsxwriter")) return 0;
    for (int k = 0; k < info->dlpi_phnum && library_constant_ranges < 4; k++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[k];
        if (segment->p_type != PT_LOAD || (segment->p_flags & PF_W)) continue;
        uintptr_t start = info->dlpi_addr + segment->p_vaddr;
        library_constants[library_constant_ranges++] = (address_range) {start, start + segment->p_memsz};
    }
    return 1;
}

static void find_library_constants(void) { dl_iterate_phdr(note_read_only_segments, NULL); }

static int is_library_constant(const char *format) {
    pthread_once(&constants_found, find_library_constants);
    for (int k = 0; k < library_constant_ranges; k++) {
        if ((uintptr_t) format >= library_constants[k].start && (uintptr_t) format < library_constants[k].end) return 1;
    }
    return 0;
}

enum { cached_formats = 64 };
static JG_TLS parsed_format cache[cached_formats];

// The parse of a simple format, or NULL for one this file does not write.
static const parsed_format *simple_parse(const char *format, parsed_format *scratch) {
    parsed_format *slot = &cache[((uintptr_t) format >> 3) % cached_formats];
    if (slot->format == format) return slot;
    if (!is_simple(format) || !parse(format, scratch)) return NULL;
    if (!is_library_constant(format)) return scratch;
    *slot = *scratch;
    return slot;
}

// `parsed` with its arguments; the count vfprintf returns.
static int print_simple(FILE *stream, const parsed_format *parsed, va_list arguments) {
    printing out = {.stream = stream};
    char number[40];
    flockfile(stream);
    for (int k = 0; k < parsed->count; k++) {
        if (parsed->pieces[k].length) put(&out, parsed->format + parsed->pieces[k].start, parsed->pieces[k].length);
        switch (parsed->pieces[k].conversion) {
            case 's': {
                const char *text = va_arg(arguments, const char *);
                if (!text) text = "(null)";
                put(&out, text, strlen(text));
                break;
            }
            case 'd': {
                int value = va_arg(arguments, int);
                const char *digits = decimal(number + sizeof number, value < 0 ? 0u - (uint64_t) (int64_t) value : (uint64_t) value, value < 0);
                put(&out, digits, (size_t) (number + sizeof number - digits));
                break;
            }
            case 'G': {
                // %.16G: an integral value below 10^15 has no exponent, point or fraction.
                double value = va_arg(arguments, double);
                if (fabs(value) < 1e15 && value == (double) (int64_t) value && !(value == 0 && signbit(value))) {
                    int64_t integral = (int64_t) value;
                    const char *digits = decimal(number + sizeof number, integral < 0 ? (uint64_t) -integral : (uint64_t) integral, integral < 0);
                    put(&out, digits, (size_t) (number + sizeof number - digits));
                } else {
                    put(&out, number, (size_t) snprintf(number, sizeof number, "%.16G", value));
                }
                break;
            }
            default: break;  // '%': written with the literal; 0: the end.
        }
    }
    flush(&out);
    funlockfile(stream);
    return out.failed || out.written > INT32_MAX ? -1 : (int) out.written;
}

int __fprintf_chk(FILE *stream, int flag, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    parsed_format scratch;
    const parsed_format *parsed = simple_parse(format, &scratch);
    jg_xlsx_fix_calls_tls += parsed != NULL;
    int written = parsed ? print_simple(stream, parsed, arguments) : __vfprintf_chk(stream, flag, format, arguments);
    va_end(arguments);
    return written;
}
