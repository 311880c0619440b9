#ifndef JGPIPE_FIX_CALLS_H
#define JGPIPE_FIX_CALLS_H

// Counted per thread (jg_xlsx_fix_calls), so that the workers share no cache line; initial-exec:
// an add to a fixed offset from the thread pointer, no __tls_get_addr call per cell.
#define JG_FIX_CALLS_TLS __attribute__((tls_model("initial-exec"))) _Thread_local
extern JG_FIX_CALLS_TLS unsigned long jg_xlsx_fix_calls_tls;

#endif
