// libxlsxwriter 1.1.4 in constant_memory mode writes each sheet's XML to a temporary file, copies
// it into a second one when the workbook is closed, and reads that back to deflate it: about four
// times the sheet's bytes through temporary files. In the staging folder (ext4) each byte written
// costs several times what it costs in memory (docs/BENCHMARKS.md), so a workbook whose sheets are
// small enough keeps them in memory files (memfd_create, freed at fclose as tmpfile's are) instead:
// XlsxWorkbook says which, per sheet, on the thread that writes it. lxw_tmpfile is exported and
// called through libxlsxwriter's PLT, so this definition is the one in effect (as in cell_text.c).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
// libxlsxwriter's declaration: a replacement of another signature does not compile.
#include <xlsxwriter/utility.h>
#include "xlsx_fixes.h"
#include "fix_calls.h"
#include "next_definition.h"

static JG_TLS int memory_files;

void jg_xlsx_set_memory_temporary_files(int on) { memory_files = on; }

// When the workbook is closed, each sheet's XML is copied into a new temporary file 4 KiB at a
// time and read back 16 KiB at a time: with stdio's 4 KiB buffer (a memory file's block size),
// a system call each. The files made meanwhile get a larger buffer, freed once all are closed.
enum { closing_buffer_bytes = 256 << 10 };
static JG_TLS int buffered;
static JG_TLS char **buffers;
static JG_TLS size_t buffer_count, buffer_capacity;

void jg_xlsx_begin_buffered_temporary_files(void) { buffered = 1; }

void jg_xlsx_end_buffered_temporary_files(int all_closed) {
    buffered = 0;
    // A file left open (the library stopped on an error) may still use its buffer: kept then.
    if (all_closed) {
        for (size_t k = 0; k < buffer_count; k++) free(buffers[k]);
    }
    free(buffers);
    buffers = NULL;
    buffer_count = buffer_capacity = 0;
}

static FILE *with_buffer(FILE *file) {
    if (!file || !buffered) return file;
    if (buffer_count == buffer_capacity) {
        size_t capacity = buffer_capacity ? 2 * buffer_capacity : 16;
        char **grown = realloc(buffers, capacity * sizeof *grown);
        if (!grown) return file;
        buffers = grown;
        buffer_capacity = capacity;
    }
    char *buffer = malloc(closing_buffer_bytes);
    if (!buffer) return file;
    buffers[buffer_count++] = buffer;
    setvbuf(file, buffer, _IOFBF, closing_buffer_bytes);
    return file;
}

FILE *lxw_tmpfile(char *tmpdir) {
    jg_xlsx_fix_calls_tls++;
    if (memory_files) {
        int fd = memfd_create("jgpipe-xlsx", MFD_CLOEXEC);
        if (fd < 0) return NULL;
        FILE *file = fdopen(fd, "w+b");
        if (!file) close(fd);
        return with_buffer(file);
    }
    static void *library;
    FILE *(*original)(char *) = (FILE *(*)(char *)) jg_next_definition("lxw_tmpfile", &library);
    return with_buffer(original(tmpdir));
}
