// minizip checksums every byte of a zip entry with zlib's crc32 (about 3 % of the workbooks' CPU
// once ISA-L deflates them). ISA-L's crc32_gzip_refl is the same CRC-32 (reflected IEEE
// polynomial, inverted before and after, so chained calls compose as zlib's do) several times
// faster. minizip calls it through its PLT, so this definition is the one in effect, for every
// caller in the process: each gets zlib's value (LibxlsxwriterFixesTests compares them).
#include <stddef.h>
#include <stdint.h>
#include <isa-l/crc.h>

#include "xlsx_fixes.h"

unsigned long jg_xlsx_crc32(unsigned long crc, const unsigned char *bytes, unsigned int length) {
    // zlib: a NULL buffer asks for the initial value.
    if (!bytes) return 0;
    return crc32_gzip_refl((uint32_t) crc, bytes, length);
}

unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len) { return jg_xlsx_crc32(crc, buf, len); }
