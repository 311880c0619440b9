#ifndef JGPIPE_FIX_CALLS_H
#define JGPIPE_FIX_CALLS_H

// Per thread, so that the workers share no cache line; initial-exec: an access at a fixed offset
// from the thread pointer, no __tls_get_addr call per cell.
#define JG_TLS __attribute__((tls_model("initial-exec"))) _Thread_local

// Counted for jg_xlsx_fix_calls.
extern JG_TLS unsigned long jg_xlsx_fix_calls_tls;

// Set on a thread while minizip opens a zip entry for libxlsxwriter (deflate_level.c): the deflate
// stream opened meanwhile is deflated by ISA-L (isal_deflate.c).
extern JG_TLS int jg_xlsx_opening_zip_entry;

#endif
