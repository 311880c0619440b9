#ifndef JGPIPE_XLSX_FIXES_H
#define JGPIPE_XLSX_FIXES_H

// Definitions in the executable that libxlsxwriter 1.1.4's calls through its PLT reach instead of
// its own (docs/BENCHMARKS.md): the deflate level of its zip entries (deflate_level.c) and less
// work per cell, with the same bytes written (cell_text.c, cell_name.c), and temporary files in
// memory (temporary_files.c).

/// The zlib level libxlsxwriter's zip entries are deflated with from now on (0-9, or -1 for
/// zlib's default, 6). libxlsxwriter 1.1.4 (and 1.2.x) has no setting for it: it hands
/// Z_DEFAULT_COMPRESSION to minizip's zipOpenNewFileInZip4_64, which this target interposes.
void jg_xlsx_set_deflate_level(int level);

/// The level that zipOpenNewFileInZip4_64 was last really called with, or -2 before any call:
/// lets a test see that the interposition is in effect.
int jg_xlsx_last_deflate_level(void);

/// Whether the temporary files libxlsxwriter creates from now on, on the calling thread, are
/// memory files (memfd_create) rather than files in the workbook's temporary folder.
void jg_xlsx_set_memory_temporary_files(int on);

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

#endif
