#include <stdlib.h>
#include <string.h>
#include "jg_csv.h"

// libcsv's parser states, and its transitions below, case by case and in its order of tests.
enum { ROW_NOT_BEGUN, FIELD_NOT_BEGUN, FIELD_BEGUN, FIELD_MIGHT_HAVE_ENDED };

#define ONES 0x0101010101010101ULL

// The high bit set in each byte of `word` that is zero (exact for the lowest one).
static inline uint64_t zero_bytes(uint64_t word) {
    return (word - ONES) & ~word & (ONES * 0x80);
}

static int reserve(void **buffer, intptr_t *capacity, intptr_t needed, size_t element) {
    if (needed <= *capacity) return 0;
    intptr_t grown = *capacity > 0 ? *capacity : 1024;
    while (grown < needed) grown *= 2;
    void *larger = realloc(*buffer, (size_t)grown * element);
    if (larger == NULL) return -1;
    *buffer = larger;
    *capacity = grown;
    return 0;
}

jg_csv *jg_csv_new(unsigned char delimiter, intptr_t max_field_bytes) {
    jg_csv *csv = calloc(1, sizeof *csv);
    if (csv == NULL) return NULL;
    csv->delimiter = delimiter;
    csv->quote = '"';
    csv->record_first_field = -1;
    csv->max_field_bytes = max_field_bytes;
    memset(csv->plain, 1, sizeof csv->plain);
    csv->plain[delimiter] = csv->plain['"'] = csv->plain['\r'] = csv->plain['\n'] = 0;
    return csv;
}

void jg_csv_free(jg_csv *csv) {
    if (csv == NULL) return;
    free(csv->bytes);
    free(csv->field_ends);
    free(csv->records);
    free(csv);
}

// Line breaks inside a field: CRLF counts once.
static inline void count_content(jg_csv *csv, unsigned char c) {
    if (c == '\r') {
        csv->newlines++;
        csv->content_cr = 1;
    } else {
        if (c == '\n' && !csv->content_cr) csv->newlines++;
        csv->content_cr = 0;
    }
}

static int submit_field(jg_csv *csv, intptr_t end) {
    if (end - csv->field_start > csv->max_field_bytes && csv->overlong_line == 0) {
        csv->overlong_line = csv->record_line;
    }
    void *ends = csv->field_ends;
    if (reserve(&ends, &csv->field_capacity, csv->field_count + 1, sizeof(intptr_t)) != 0) return -1;
    csv->field_ends = ends;
    csv->field_ends[csv->field_count++] = end;
    csv->field_start = end;
    csv->terminator_cr = 0;
    csv->content_cr = 0;
    return 0;
}

// A CR or LF ending a row (also an empty one), or -1 at the end of the input.
static int submit_row(jg_csv *csv, int terminator) {
    if (csv->record_first_field >= 0) {
        void *records = csv->records;
        if (reserve(&records, &csv->record_capacity, csv->record_count + 1, sizeof(jg_csv_record)) != 0) return -1;
        csv->records = records;
        csv->records[csv->record_count++] = (jg_csv_record){
            csv->record_line, csv->record_first_field, csv->field_count - csv->record_first_field};
        csv->record_first_field = -1;
    }
    if (terminator == '\r') {
        csv->newlines++;
        csv->terminator_cr = 1;
    } else if (terminator == '\n') {
        if (!csv->terminator_cr) csv->newlines++;
        csv->terminator_cr = 0;
    }
    csv->content_cr = 0;
    return 0;
}

int jg_csv_parse(jg_csv *csv, const unsigned char *text, intptr_t length) {
    // Each input byte adds at most one byte to a field, so `out` needs no check of its own
    // (8 more for the last word stored whole).
    void *bytes = csv->bytes;
    if (reserve(&bytes, &csv->byte_capacity, csv->byte_count + length + 8, 1) != 0) return -1;
    csv->bytes = bytes;
    const unsigned char *s = text, *end = text + length;
    unsigned char *out = csv->bytes + csv->byte_count;
    const unsigned char delimiter = csv->delimiter, quote = csv->quote;
    const unsigned char *plain = csv->plain;
    const uint64_t delimiters = ONES * delimiter, quotes = ONES * quote;
    int state = csv->state, quoted = csv->quoted, failed = 0;

#define ADD(c) (*out++ = (c), count_content(csv, (c)))
#define SUBMIT_FIELD() do { \
        if (submit_field(csv, out - csv->bytes) != 0) { failed = 1; goto done; } \
        state = FIELD_NOT_BEGUN; quoted = 0; } while (0)
#define SUBMIT_ROW(c) do { \
        if (submit_row(csv, (c)) != 0) { failed = 1; goto done; } \
        state = ROW_NOT_BEGUN; quoted = 0; } while (0)

    while (s < end) {
        if (state == FIELD_BEGUN) {
            // The common case: a run of ordinary bytes inside a field, eight at a time. A word
            // is stored whole (the buffer has room past the end); only its ordinary bytes count.
            const unsigned char *run = s;
            while (s + 8 <= end) {
                uint64_t word;
                memcpy(&word, s, 8);
                memcpy(out, &word, 8);
                uint64_t special = zero_bytes(word ^ delimiters) | zero_bytes(word ^ quotes)
                    | zero_bytes(word ^ (ONES * '\r')) | zero_bytes(word ^ (ONES * '\n'));
                if (special != 0) {
                    // Little-endian: the lowest set bit is the first special byte in memory.
                    int ordinary = __builtin_ctzll(special) / 8;
                    s += ordinary;
                    out += ordinary;
                    break;
                }
                s += 8;
                out += 8;
            }
            while (s < end && plain[*s]) *out++ = *s++;
            if (s != run) csv->content_cr = 0;
            if (s == end) break;
        }
        unsigned char c = *s++;
        switch (state) {
        case ROW_NOT_BEGUN:
        case FIELD_NOT_BEGUN:
            if (c == '\r' || c == '\n') {
                if (state == FIELD_NOT_BEGUN) SUBMIT_FIELD();
                SUBMIT_ROW(c);
                continue;
            }
            if (state == ROW_NOT_BEGUN) {
                csv->record_line = csv->newlines + 1;
                csv->record_first_field = csv->field_count;
            }
            if (c == delimiter) {
                SUBMIT_FIELD();
            } else if (c == quote) {
                state = FIELD_BEGUN;
                quoted = 1;
            } else {
                state = FIELD_BEGUN;
                quoted = 0;
                ADD(c);
            }
            break;
        case FIELD_BEGUN:
            if (c == quote) {
                ADD(c);
                if (quoted) state = FIELD_MIGHT_HAVE_ENDED;
            } else if (c == delimiter) {
                if (quoted) ADD(c);
                else SUBMIT_FIELD();
            } else if (c == '\r' || c == '\n') {
                if (quoted) {
                    ADD(c);
                } else {
                    SUBMIT_FIELD();
                    SUBMIT_ROW(c);
                }
            } else {
                ADD(c);
            }
            break;
        case FIELD_MIGHT_HAVE_ENDED:
            // The quote before this byte was added tentatively: it closed the field, or it was
            // the first of a doubled quote, or (not strict) a stray quote kept as text.
            if (c == delimiter) {
                out--;
                SUBMIT_FIELD();
            } else if (c == '\r' || c == '\n') {
                out--;
                SUBMIT_FIELD();
                SUBMIT_ROW(c);
            } else if (c == quote) {
                state = FIELD_BEGUN;
            } else {
                state = FIELD_BEGUN;
                ADD(c);
            }
            break;
        }
    }
done:
#undef ADD
#undef SUBMIT_FIELD
#undef SUBMIT_ROW
    csv->byte_count = out - csv->bytes;
    csv->state = state;
    csv->quoted = quoted;
    return failed ? -1 : 0;
}

int jg_csv_finish(jg_csv *csv) {
    int failed = 0;
    switch (csv->state) {
    case FIELD_MIGHT_HAVE_ENDED:
        csv->byte_count--;
        // fall through
    case FIELD_NOT_BEGUN:
    case FIELD_BEGUN:
        failed = submit_field(csv, csv->byte_count) != 0 || submit_row(csv, -1) != 0;
        break;
    }
    csv->state = ROW_NOT_BEGUN;
    csv->quoted = 0;
    return failed ? -1 : 0;
}

int jg_csv_in_open_quote(const jg_csv *csv) {
    return csv->state == FIELD_BEGUN && csv->quoted;
}

intptr_t jg_csv_open_field_bytes(const jg_csv *csv) {
    switch (csv->state) {
    case FIELD_BEGUN: return csv->byte_count - csv->field_start;
    case FIELD_MIGHT_HAVE_ENDED: return csv->byte_count - csv->field_start - 1;
    default: return 0;
    }
}

void jg_csv_drop_records(jg_csv *csv) {
    if (csv->record_count == 0) return;
    const jg_csv_record *last = &csv->records[csv->record_count - 1];
    intptr_t fields = last->first_field + last->field_count;
    intptr_t shift = csv->field_ends[fields - 1];
    memmove(csv->bytes, csv->bytes + shift, (size_t)(csv->byte_count - shift));
    csv->byte_count -= shift;
    csv->field_start -= shift;
    for (intptr_t i = fields; i < csv->field_count; i++) csv->field_ends[i - fields] = csv->field_ends[i] - shift;
    csv->field_count -= fields;
    if (csv->record_first_field >= 0) csv->record_first_field -= fields;
    csv->record_count = 0;
}

void jg_csv_start_line(jg_csv *csv, intptr_t lines) {
    csv->newlines = lines;
    csv->terminator_cr = 0;
    csv->content_cr = 0;
}
