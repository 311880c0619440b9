#!/usr/bin/python3
"""Reads every by_detachment/*.xlsx of a jgpipe output folder with openpyxl (a real xlsx reader,
independent of the writer) and prints what the tests check, as JSON:
{"440100.xlsx": [{"title", "headers", "rows", "freeze", "filter", "types": [[type names per column]]}]}.
Usage: scripts/read-workbooks.py OUT_DIR   (Debian's python3-openpyxl; scripts/bootstrap.sh installs it)
"""
import json, os, sys
import openpyxl

def sheet_facts(ws):
    rows = list(ws.iter_rows(values_only=True))
    headers = list(rows[0]) if rows else []
    data = rows[1:]
    types = [sorted({type(r[c]).__name__ for r in data if c < len(r) and r[c] is not None}) for c in range(len(headers))]
    return {"title": ws.title, "headers": headers, "rows": len(data), "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref, "types": types,
            "widths": [ws.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].width for c in range(len(headers))]}

folder = os.path.join(sys.argv[1], "by_detachment")
books = {}
for name in sorted(os.listdir(folder)):
    wb = openpyxl.load_workbook(os.path.join(folder, name), read_only=False)
    books[name] = [sheet_facts(ws) for ws in wb.worksheets]
json.dump(books, sys.stdout, ensure_ascii=False, default=str)
