#ifndef JGPIPE_NEXT_DEFINITION_H
#define JGPIPE_NEXT_DEFINITION_H

/// The definition of `name` after the executable's (dlsym(RTLD_NEXT)), kept in `*cache`; aborts
/// when there is none (a library without it is not the one jgpipe was built against).
void *jg_next_definition(const char *name, void **cache);

#endif
