// The definition a replaced function would have had: dlsym(RTLD_NEXT) from the executable finds
// the next one in the dynamic linker's search order (libxlsxwriter's, minizip's, zlib's, libc's).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include "next_definition.h"

void *jg_next_definition(const char *name, void **cache) {
    // Workbooks are written on several threads at once; every thread finds the same function.
    void *function = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
    if (function) return function;
    function = dlsym(RTLD_NEXT, name);
    if (!function) {
        fprintf(stderr, "jgpipe: the library's %s not found: %s\n", name, dlerror());
        abort();
    }
    __atomic_store_n(cache, function, __ATOMIC_RELEASE);
    return function;
}
