#ifndef JGPIPE_XLSX_FIXES_H
#define JGPIPE_XLSX_FIXES_H

#include <stddef.h>

// Definitions in the executable that libxlsxwriter 1.1.4's calls through its PLT reach instead of
// its own (docs/BENCHMARKS.md): the deflate level of its zip entries (deflate_level.c), ISA-L's
// deflate and CRC-32 instead of zlib's (isal_deflate.c, checksum.c), less work per cell with the
// same bytes written (cell_text.c, cell_name.c, cell_printing.c), and temporary files in memory
// (temporary_files.c).

/// The zlib level libxlsxwriter's zip entries are deflated with from now on (0-9, or -1 for
/// zlib's default, 6). libxlsxwriter 1.1.4 (and 1.2.x) has no setting for it: it hands
/// Z_DEFAULT_COMPRESSION to minizip's zipOpenNewFileInZip4_64, which this target interposes.
void jg_xlsx_set_deflate_level(int level);

/// The level that zipOpenNewFileInZip4_64 was last really called with, or -2 before any call:
/// lets a test see that the interposition is in effect.
int jg_xlsx_last_deflate_level(void);

/// The ISA-L level (0-3) that libxlsxwriter's zip entries are deflated at from now on, or -1 for
/// zlib at jg_xlsx_set_deflate_level's level (isal_deflate.c).
void jg_xlsx_set_isal_level(int level);

/// How many deflate streams ISA-L has deflated on the calling thread: lets a test see that the
/// replacement is in effect.
unsigned long jg_xlsx_isal_streams(void);

/// Whether the temporary files libxlsxwriter creates from now on, on the calling thread, are
/// memory files (memfd_create) rather than files in the workbook's temporary folder.
void jg_xlsx_set_memory_temporary_files(int on);

/// From begin to end, on the calling thread, each temporary file libxlsxwriter creates gets a
/// 256 KiB stdio buffer; end frees them when `all_closed` (else they are kept: a file may still use
/// its buffer).
void jg_xlsx_begin_buffered_temporary_files(void);
void jg_xlsx_end_buffered_temporary_files(int all_closed);

/// How many times, on the calling thread, libxlsxwriter has called this target's
/// lxw_has_control_characters, lxw_escape_data, lxw_rowcol_to_cell and lxw_tmpfile: lets a test
/// see that they are the ones in effect.
unsigned long jg_xlsx_fix_calls(void);

/// libxlsxwriter's own versions (found with dlsym(RTLD_NEXT)), for the tests to compare with.
/// The strings returned are the caller's to free.
unsigned char jg_lxw_original_has_control_characters(const char *string);
char *jg_lxw_original_escape_control_characters(const char *string);
char *jg_lxw_original_escape_data(const char *data);
void jg_lxw_original_rowcol_to_cell(char *cell_name, unsigned int row, unsigned short col);
size_t jg_lxw_original_utf8_strlen(const char *string);
/// The crc32 that minizip's calls reach (ISA-L's, checksum.c), and zlib's own.
unsigned long jg_xlsx_crc32(unsigned long crc, const unsigned char *bytes, unsigned int length);
unsigned long jg_zlib_crc32(unsigned long crc, const unsigned char *bytes, unsigned int length);

/// `format` (with at most three conversions among %s, %d, %.16G, taking `text`, `integer`
/// (twice for a second %d), `second` and `number` in the order the format needs them) printed into a string the caller
/// frees, through this target's __fprintf_chk (glibc = 0) or glibc's own (glibc = 1); NULL if the
/// count printf returned is not the string's length.
char *jg_xlsx_printed(int glibc, const char *format, const char *text, int integer, const char *second, double number);

#endif
