/* Raw libcsv parse baseline: count fields and records of a CSV file.
 *   cc -O2 -o csvcount scripts/bench/csvcount.c -lcsv
 *   ./csvcount FILE   ->  "records fields bytes"
 * Strict RFC 4180 mode off (like jgpipe's reader: tolerant of stray quotes). */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts { unsigned long long fields, records; };

static void on_field(void *s, size_t len, void *data) { (void)s; (void)len; ((struct counts *)data)->fields++; }
static void on_record(int c, void *data) { (void)c; ((struct counts *)data)->records++; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE\n", argv[0]); return 64; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 66; }
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) return 70;
    struct counts c = {0, 0};
    static char buf[1 << 20];
    size_t n; unsigned long long bytes = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        bytes += n;
        if (csv_parse(&p, buf, n, on_field, on_record, &c) != n) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 65;
        }
    }
    csv_fini(&p, on_field, on_record, &c);
    csv_free(&p);
    fclose(f);
    printf("%llu %llu %llu\n", c.records, c.fields, bytes);
    return 0;
}
