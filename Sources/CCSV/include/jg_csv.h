#ifndef JGPIPE_CSV_H
#define JGPIPE_CSV_H

#include <stdint.h>

/// A record the tokenizer completed: its fields are field_ends[first_field ..< first_field + field_count].
typedef struct {
    intptr_t line;          ///< physical line (1-based) on which the record starts
    intptr_t first_field;
    intptr_t field_count;
} jg_csv_record;

/// An RFC 4180 tokenizer with libcsv 3.0.3's semantics in the mode jgpipe used it in
/// (CSV_REPALL_NL, not strict, no space trimming), writing fields straight into flat buffers
/// and counting physical lines. Read the output fields; change only through the functions.
typedef struct {
    unsigned char delimiter;
    unsigned char quote;
    int state;              ///< libcsv's pstate: 0 row not begun, 1 field not begun, 2 field begun, 3 field might have ended
    int quoted;
    int terminator_cr;      ///< the last line break ending a row was a CR (CRLF counts once)
    int content_cr;         ///< the last byte added to the open field was a CR
    intptr_t newlines;      ///< line breaks consumed so far
    intptr_t record_line;   ///< line of the open record
    intptr_t record_first_field; ///< first field of the open record, -1 when none is open
    intptr_t field_start;   ///< offset in bytes where the open field starts
    intptr_t max_field_bytes;
    intptr_t overlong_line; ///< line of the first record holding a completed field over the cap, 0 if none

    unsigned char *bytes;   ///< field contents back to back
    intptr_t byte_count, byte_capacity;
    intptr_t *field_ends;   ///< end offset in bytes of each field
    intptr_t field_count, field_capacity;
    jg_csv_record *records;
    intptr_t record_count, record_capacity;

    unsigned char plain[256]; ///< 1 for bytes with no special meaning inside a field
} jg_csv;

/// A tokenizer, or NULL when out of memory.
jg_csv *jg_csv_new(unsigned char delimiter, intptr_t max_field_bytes);
void jg_csv_free(jg_csv *csv);

/// Consumes `length` bytes; 0, or -1 when out of memory.
int jg_csv_parse(jg_csv *csv, const unsigned char *text, intptr_t length);

/// Ends the input: the last record, without a final line break, is completed. 0 or -1.
int jg_csv_finish(jg_csv *csv);

/// 1 when the input so far ends inside a quoted field whose closing quote never came.
int jg_csv_in_open_quote(const jg_csv *csv);

/// Bytes of the field still being read (0 between fields).
intptr_t jg_csv_open_field_bytes(const jg_csv *csv);

/// At a record boundary (the previous row ended, no record open): the next byte starts a line
/// after `lines` line breaks, as when a file is read from there in parts.
void jg_csv_start_line(jg_csv *csv, intptr_t lines);

/// Forgets the completed records and their fields (once handed over); the open record's
/// fields move to the front.
void jg_csv_drop_records(jg_csv *csv);

#endif
