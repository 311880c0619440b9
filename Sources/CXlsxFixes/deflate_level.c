// The detachment workbooks (SPEC §6) spend more than half their CPU in zlib at level 6, the level
// libxlsxwriter always asks for (packager.c: Z_DEFLATED, Z_DEFAULT_COMPRESSION). An executable's
// definition of a symbol comes first in the dynamic linker's search, so this one is what
// libxlsxwriter's call to minizip reaches; it forwards to minizip's own with the level chosen by
// jg_xlsx_set_deflate_level. A given zlib and level deflate the same bytes the same way, so the
// workbooks stay byte-identical from run to run. Only libxlsxwriter uses minizip in jgpipe.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include "xlsx_fixes.h"

// minizip 1.1's zip.h (libminizip-dev is not needed to build): zipFile and zip_fileinfo are
// pointers, uInt unsigned int, uLong unsigned long.
typedef int (*zip_open_new_file)(void *file, const char *filename, const void *zipfi,
                                 const void *extrafield_local, unsigned int size_extrafield_local,
                                 const void *extrafield_global, unsigned int size_extrafield_global,
                                 const char *comment, int method, int level, int raw, int windowBits,
                                 int memLevel, int strategy, const char *password,
                                 unsigned long crcForCrypting, unsigned long versionMadeBy,
                                 unsigned long flagBase, int zip64);

enum { jg_z_deflated = 8, jg_z_default_compression = -1 };

static int chosen_level = jg_z_default_compression;
static int last_level = -2;

void jg_xlsx_set_deflate_level(int level) { __atomic_store_n(&chosen_level, level, __ATOMIC_RELAXED); }

int jg_xlsx_last_deflate_level(void) { return __atomic_load_n(&last_level, __ATOMIC_RELAXED); }

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
                            const void *extrafield_local, unsigned int size_extrafield_local,
                            const void *extrafield_global, unsigned int size_extrafield_global,
                            const char *comment, int method, int level, int raw, int windowBits,
                            int memLevel, int strategy, const char *password,
                            unsigned long crcForCrypting, unsigned long versionMadeBy,
                            unsigned long flagBase, int zip64) {
    // Workbooks are closed on several threads at once; every thread finds the same function.
    static zip_open_new_file minizip;
    zip_open_new_file real = __atomic_load_n(&minizip, __ATOMIC_ACQUIRE);
    if (!real) {
        real = (zip_open_new_file) dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (!real) {
            fprintf(stderr, "jgpipe: minizip's zipOpenNewFileInZip4_64 not found: %s\n", dlerror());
            abort();
        }
        __atomic_store_n(&minizip, real, __ATOMIC_RELEASE);
    }
    if (method == jg_z_deflated) level = __atomic_load_n(&chosen_level, __ATOMIC_RELAXED);
    __atomic_store_n(&last_level, level, __ATOMIC_RELAXED);
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
                password, crcForCrypting, versionMadeBy, flagBase, zip64);
}
