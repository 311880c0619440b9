// libxlsxwriter 1.1.4 writes every cell, and every row's tag, with fprintf (built with
// _FORTIFY_SOURCE: __fprintf_chk, called through its PLT): "<c r=\"%s\" t=\"inlineStr\"><is><t>%s
// </t></is></c>", "<c r=\"%s\" s=\"%d\"><v>%.16G</v></c>" (date serials), "<%s", " %s=\"%s\"".
// vfprintf's general machinery was about 14 % of the workbooks' CPU (docs/BENCHMARKS.md). The
// executable's __fprintf_chk comes first in the dynamic linker's search, for every library of the
// process: a format whose conversions are all %s, %d, %.16G or %% is written here, with exactly
// vfprintf's bytes (an integral %.16G below 10^15 is its digits; any other goes through snprintf);
// every other format goes on to glibc's __vfprintf_chk unchanged. The stream is locked for the
// call, as vfprintf locks it. LibxlsxwriterFixesTests holds the bytes to glibc's.
#define _GNU_SOURCE
#include <math.h>
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

// `format`, known to be simple (is_simple), with its arguments; the count vfprintf returns.
static int print_simple(FILE *stream, const char *format, va_list arguments) {
    printing out = {.stream = stream};
    char number[40];
    flockfile(stream);
    for (const char *p = format; *p;) {
        const char *percent = strchrnul(p, '%');
        if (percent > p) put(&out, p, (size_t) (percent - p));
        if (!*percent) break;
        char conversion = percent[1];
        p = percent + 2;
        if (conversion == 's') {
            const char *text = va_arg(arguments, const char *);
            if (!text) text = "(null)";
            put(&out, text, strlen(text));
        } else if (conversion == 'd') {
            int value = va_arg(arguments, int);
            const char *digits = decimal(number + sizeof number, value < 0 ? 0u - (uint64_t) (int64_t) value : (uint64_t) value, value < 0);
            put(&out, digits, (size_t) (number + sizeof number - digits));
        } else if (conversion == '%') {
            put(&out, "%", 1);
        } else {
            // %.16G: an integral value below 10^15 has no exponent, point or fraction.
            double value = va_arg(arguments, double);
            p = percent + 5;
            if (fabs(value) < 1e15 && value == (double) (int64_t) value && !(value == 0 && signbit(value))) {
                int64_t integral = (int64_t) value;
                const char *digits = decimal(number + sizeof number, integral < 0 ? (uint64_t) -integral : (uint64_t) integral, integral < 0);
                put(&out, digits, (size_t) (number + sizeof number - digits));
            } else {
                put(&out, number, (size_t) snprintf(number, sizeof number, "%.16G", value));
            }
        }
    }
    flush(&out);
    funlockfile(stream);
    return out.failed || out.written > INT32_MAX ? -1 : (int) out.written;
}

int __fprintf_chk(FILE *stream, int flag, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int simple = is_simple(format);
    jg_xlsx_fix_calls_tls += (unsigned long) simple;
    int written = simple ? print_simple(stream, format, arguments)
                                    : __vfprintf_chk(stream, flag, format, arguments);
    va_end(arguments);
    return written;
}
