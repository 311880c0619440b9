#ifndef JGPIPE_XLSX_DEFLATE_H
#define JGPIPE_XLSX_DEFLATE_H

/// The zlib level libxlsxwriter's zip entries are deflated with from now on (0-9, or -1 for
/// zlib's default, 6). libxlsxwriter 1.1.4 (and 1.2.x) has no setting for it: it hands
/// Z_DEFAULT_COMPRESSION to minizip's zipOpenNewFileInZip4_64, which this target interposes.
void jg_xlsx_set_deflate_level(int level);

/// The level that zipOpenNewFileInZip4_64 was last really called with, or -2 before any call:
/// lets a test see that the interposition is in effect.
int jg_xlsx_last_deflate_level(void);

#endif
