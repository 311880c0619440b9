// zlib's deflate at level 1 was about 27 % of the workbooks' CPU (docs/BENCHMARKS.md, "ISA-L's
// deflate"). Intel ISA-L's igzip deflates the same sheet XML several times faster, as raw deflate
// streams any zip reader inflates. minizip (called by libxlsxwriter) calls zlib's deflateInit2_,
// deflate and deflateEnd through its PLT, so these definitions in the executable are the ones it
// reaches. Only a stream that minizip opens inside zipOpenNewFileInZip4_64 for libxlsxwriter
// (deflate_level.c marks that call on its thread), raw and with zlib's default strategy, is
// deflated by ISA-L; every other stream goes on to zlib unchanged. Such a stream is told apart
// later by its zalloc, set to a function of this file that nothing calls. ISA-L gives the same
// bytes for the same input fed the same way (minizip's fixed buffers), so the workbooks stay
// byte-identical from run to run on a machine (its code is chosen per CPU at load time).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <isa-l/igzip_lib.h>
#include "xlsx_fixes.h"
#include "fix_calls.h"
#include "next_definition.h"

// zlib 1.2's z_stream (zlib.h; the development package is not needed to build): its layout is
// zlib's ABI, the same in every 1.2.x and 1.3.x.
typedef struct {
    const uint8_t *next_in;
    unsigned avail_in;
    unsigned long total_in;
    uint8_t *next_out;
    unsigned avail_out;
    unsigned long total_out;
    const char *msg;
    void *state;
    void *(*zalloc)(void *, unsigned, unsigned);
    void (*zfree)(void *, void *);
    void *opaque;
    int data_type;
    unsigned long adler;
    unsigned long reserved;
} jg_z_stream;

enum { z_ok = 0, z_stream_end = 1, z_stream_error = -2, z_mem_error = -4, z_buf_error = -5 };
enum { z_no_flush = 0, z_finish = 4, z_deflated = 8, z_default_strategy = 0, raw_window_bits = -15 };

JG_TLS int jg_xlsx_opening_zip_entry;
static JG_TLS unsigned long isal_streams;
static int isal_level = -1;

void jg_xlsx_set_isal_level(int level) { __atomic_store_n(&isal_level, level, __ATOMIC_RELAXED); }

unsigned long jg_xlsx_isal_streams(void) { return isal_streams; }

// The mark of a stream deflated here (never called: the stream allocates nothing through it).
static void *isal_stream_mark(void *opaque, unsigned items, unsigned size) {
    (void) opaque; (void) items; (void) size;
    return NULL;
}

static size_t level_buffer_bytes(int level) {
    switch (level) {
        case 0: return ISAL_DEF_LVL0_DEFAULT;
        case 1: return ISAL_DEF_LVL1_DEFAULT;
        case 2: return ISAL_DEF_LVL2_DEFAULT;
        default: return ISAL_DEF_LVL3_DEFAULT;
    }
}

// The ISA-L stream and its level's buffer in one allocation.
typedef struct {
    struct isal_zstream stream;
    uint8_t level_buffer[];
} isal_entry;

typedef int (*deflate_init2)(jg_z_stream *, int, int, int, int, int, const char *, int);
typedef int (*deflate_call)(jg_z_stream *, int);
typedef int (*deflate_end)(jg_z_stream *);
static void *zlib_init2, *zlib_deflate, *zlib_end;

int deflateInit2_(jg_z_stream *strm, int level, int method, int windowBits, int memLevel, int strategy,
                  const char *version, int stream_size) {
    int chosen = __atomic_load_n(&isal_level, __ATOMIC_RELAXED);
    if (!(jg_xlsx_opening_zip_entry && chosen >= 0 && chosen <= ISAL_DEF_MAX_LEVEL && method == z_deflated
          && windowBits == raw_window_bits && strategy == z_default_strategy && strm)) {
        return ((deflate_init2) jg_next_definition("deflateInit2_", &zlib_init2))(
            strm, level, method, windowBits, memLevel, strategy, version, stream_size);
    }
    size_t buffer = level_buffer_bytes(chosen);
    isal_entry *entry = malloc(sizeof(isal_entry) + buffer);
    if (!entry) return z_mem_error;
    isal_deflate_init(&entry->stream);
    entry->stream.level = (uint32_t) chosen;
    entry->stream.level_buf = buffer ? entry->level_buffer : NULL;
    entry->stream.level_buf_size = (uint32_t) buffer;
    entry->stream.gzip_flag = IGZIP_DEFLATE;
    entry->stream.flush = NO_FLUSH;
    strm->state = entry;
    strm->zalloc = isal_stream_mark;
    strm->zfree = NULL;
    strm->msg = NULL;
    strm->total_in = strm->total_out = 0;
    strm->data_type = 0;
    strm->adler = 0;
    isal_streams++;
    return z_ok;
}

int deflate(jg_z_stream *strm, int flush) {
    if (!strm || strm->zalloc != isal_stream_mark) {
        return ((deflate_call) jg_next_definition("deflate", &zlib_deflate))(strm, flush);
    }
    // minizip asks for no other flush.
    if (flush != z_no_flush && flush != z_finish) return z_stream_error;
    struct isal_zstream *stream = &((isal_entry *) strm->state)->stream;
    if (stream->internal_state.state == ZSTATE_END) return z_stream_end;
    stream->next_in = (uint8_t *) strm->next_in;
    stream->avail_in = strm->avail_in;
    stream->next_out = strm->next_out;
    stream->avail_out = strm->avail_out;
    stream->end_of_stream = flush == z_finish;
    if (isal_deflate(stream) != COMP_OK) {
        strm->msg = "ISA-L deflate failed";
        return z_stream_error;
    }
    unsigned consumed = strm->avail_in - stream->avail_in, produced = strm->avail_out - stream->avail_out;
    strm->next_in += consumed;
    strm->avail_in = stream->avail_in;
    strm->total_in += consumed;
    strm->next_out += produced;
    strm->avail_out = stream->avail_out;
    strm->total_out += produced;
    if (stream->internal_state.state == ZSTATE_END) return z_stream_end;
    // zlib's answer when no progress was possible (no room for output).
    return consumed || produced ? z_ok : z_buf_error;
}

int deflateEnd(jg_z_stream *strm) {
    if (!strm || strm->zalloc != isal_stream_mark) {
        return ((deflate_end) jg_next_definition("deflateEnd", &zlib_end))(strm);
    }
    free(strm->state);
    strm->state = NULL;
    strm->zalloc = NULL;
    return z_ok;
}
