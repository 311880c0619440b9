#ifndef JGPIPE_CPOSIX_H
#define JGPIPE_CPOSIX_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE); 0 or -1 with errno.
int jg_rename_exchange(const char *a, const char *b);

#endif
