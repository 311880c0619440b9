// libxlsxwriter 1.1.4 names every cell it writes (`r="AB12"`) with lxw_rowcol_to_cell, which
// formats the row with snprintf: a vfprintf per cell. It is exported and called through the PLT,
// so this definition is the one in effect (as in cell_text.c); it writes the same name.
#include <stdint.h>
// libxlsxwriter's declarations: a replacement of another signature does not compile.
#include <xlsxwriter/utility.h>
#include "xlsx_fixes.h"
#include "fix_calls.h"

void lxw_rowcol_to_cell(char *cell_name, lxw_row_t row, lxw_col_t col) {
    jg_xlsx_fix_calls_tls++;
    // The column in base 26 without a zero digit (A..Z, AA..), as lxw_col_to_name (in its type).
    char letters[4];
    int n = 0;
    for (unsigned column = (uint16_t) (col + 1); column; column = (column - 1) / 26) {
        unsigned remainder = column % 26;
        letters[n++] = (char) ('A' + (remainder ? remainder : 26) - 1);
    }
    char *out = cell_name;
    while (n) *out++ = letters[--n];
    // The row 1-based, as snprintf's "%d" of `++row` (row < 1,048,576: no sign).
    char digits[11];
    int d = 0;
    int32_t value = (int32_t) (row + 1);
    unsigned magnitude = value < 0 ? 0u - (unsigned) value : (unsigned) value;
    do {
        digits[d++] = (char) ('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) *out++ = '-';
    while (d) *out++ = digits[--d];
    *out = '\0';
}
