// The detachment workbooks (SPEC §6) spend more than half their CPU in zlib at level 6, the level
// libxlsxwriter always asks for (packager.c: Z_DEFLATED, Z_DEFAULT_COMPRESSION). An executable's
// definition of a symbol comes first in the dynamic linker's search, so this one is what
// libxlsxwriter's call to minizip reaches; it forwards to minizip's own with the level chosen by
// jg_xlsx_set_deflate_level (written into the entry's header), and marks the call on its thread so
// that the deflate stream minizip opens in it goes to ISA-L (isal_deflate.c). A given deflater
// and level deflate the same bytes the same way, so the workbooks stay byte-identical from run to
// run. Only libxlsxwriter uses minizip in jgpipe.
#include "xlsx_fixes.h"
#include "fix_calls.h"
#include "next_definition.h"

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
    static void *minizip;
    zip_open_new_file real = (zip_open_new_file) jg_next_definition("zipOpenNewFileInZip4_64", &minizip);
    if (method == jg_z_deflated) level = __atomic_load_n(&chosen_level, __ATOMIC_RELAXED);
    __atomic_store_n(&last_level, level, __ATOMIC_RELAXED);
    jg_xlsx_opening_zip_entry = 1;
    int opened = real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                      size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
                      password, crcForCrypting, versionMadeBy, flagBase, zip64);
    jg_xlsx_opening_zip_entry = 0;
    return opened;
}
