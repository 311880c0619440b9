#ifndef JGPIPE_CPOSIX_H
#define JGPIPE_CPOSIX_H

#include <stdint.h>

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE); 0 or -1 with errno.
int jg_rename_exchange(const char *a, const char *b);

/// Handles SIGTERM, SIGINT and SIGHUP by recording the signal (see jg_stop_signal), so the run
/// can stop at its next check and clean up; a second signal ends the process at once.
void jg_install_stop_handlers(void);

/// The signal that asked the process to stop, or 0.
int jg_stop_signal(void);

/// Adds the line feeds in `text` to `*newlines`; `*column` becomes the number of bytes after
/// the last one, or grows by `length` when there is none.
void jg_count_lines(const unsigned char *text, intptr_t length, intptr_t *newlines, intptr_t *column);

/// Asks the CPU to start loading the cache line at `address` (no fault if it is not mapped):
/// look-ups into tables of megabytes issue their loads a few rows ahead.
static inline void jg_prefetch(const void *address) { __builtin_prefetch(address); }

#endif
