// libxlsxwriter 1.1.4 in constant_memory mode writes each sheet's XML to a temporary file, copies
// it into a second one when the workbook is closed, and reads that back to deflate it: about four
// times the sheet's bytes through temporary files. In the staging folder (ext4) each byte written
// costs several times what it costs in memory (docs/BENCHMARKS.md), so a workbook whose sheets are
// small enough keeps them in memory files (memfd_create, freed at fclose as tmpfile's are) instead:
// XlsxWorkbook says which, per sheet, on the thread that writes it. lxw_tmpfile is exported and
// called through libxlsxwriter's PLT, so this definition is the one in effect (as in cell_text.c).
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
// libxlsxwriter's declaration: a replacement of another signature does not compile.
#include <xlsxwriter/utility.h>
#include "xlsx_fixes.h"
#include "fix_calls.h"
#include "next_definition.h"

static JG_TLS int memory_files;

void jg_xlsx_set_memory_temporary_files(int on) { memory_files = on; }

FILE *lxw_tmpfile(char *tmpdir) {
    jg_xlsx_fix_calls_tls++;
    if (memory_files) {
        int fd = memfd_create("jgpipe-xlsx", MFD_CLOEXEC);
        if (fd < 0) return NULL;
        FILE *file = fdopen(fd, "w+b");
        if (!file) close(fd);
        return file;
    }
    static void *library;
    FILE *(*original)(char *) = (FILE *(*)(char *)) jg_next_definition("lxw_tmpfile", &library);
    return original(tmpdir);
}
