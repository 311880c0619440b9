#!/usr/bin/env python3
"""Writes the small hostile input files beside this script (the big ones are made by the test).
Every file is read as units.csv; expected.tsv holds the outcome of each, worked out by hand."""
import os

HEADER = "unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone"
# Valid rows from samples/utf8/units.csv (lines 2, 3, 5, 6).
R2 = "91440106MA5UA00013,穗天河物流有限公司,A,440106197503120117,陈建国,440106,13800138001"
R3 = "91440305MA5UA00022,深南山科技有限公司,,440305197802200234,林志强,440305,13800138002"
R5 = "91310115MA5UA00037,沪浦东货运有限公司,A,31011519800515042X,王海燕,310115,13800138003"
R6 = "91440106MA5UA0004C,穗天河客运有限公司,,440106198207070156,赵文华,440106,12345"


def write(name, data):
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


write("empty.csv", b"")
write("header-only.csv", HEADER + "\n")
write("no-header-match.csv", "a,b,c\n1,2,3\n")
write("duplicate-headers.csv", HEADER + ",单位代码\n" + R2 + ",x\n")
write("duplicate-pass-through-headers.csv", HEADER + ",remark,remark\n" + R2 + ",a,b\n" + R3 + ",c,d\n")
write("unterminated-quote-at-end.csv", HEADER + "\n" + R2 + "\n" + R3.replace(",13800138002", ",\"13800138002") + "\n")
# NUL inside a free-text field is kept as read; inside a code it makes the code invalid.
write("nul-bytes.csv", HEADER + "\n" + R2.replace("穗天河", "穗天\x00河") + "\n" + R3.replace("MA5UA", "MA5\x00UA") + "\n")
# More than the decoder's 4 KiB decision window of UTF-8, then one GB18030 row (line 62).
utf8_part = HEADER + "\n" + (R2 + "\n") * 60
write("mixed-encodings.csv", utf8_part.encode("utf-8") + "91440106MA5UA00013,".encode() + "穗天河".encode("gb18030") + b",A,440106197503120117,x,440106,\n")
# Line ends: CRLF header, LF, CRLF, LF, CRLF with a quoted CRLF (lines 5-6), LF.
write("crlf-lf-mixed.csv", HEADER + "\r\n" + R2 + "\n"
      + R3.replace("440305197802200234", "440305197802200235") + "\r\n"
      + R5 + "\n" + R6.replace("穗天河客运有限公司", "\"穗天河\r\n客运有限公司\"") + "\r\n"
      + R2.replace("MA5UA00013", "MA5UA00014") + "\n")
# A second header with a BOM in the middle (concatenated exports), and a BOM before a code.
write("bom-in-middle.csv", "\ufeff" + HEADER + "\n" + R2 + "\n" + R3 + "\n" + "\ufeff" + HEADER + "\n" + "\ufeff" + R5 + "\n" + R6 + "\n")
gb_header = "统一社会信用代码,单位名称,法人证件类型,法人证件号码,法人姓名,行政区划,联系电话\r\n"
write("invalid-gb18030.csv", (gb_header + R2 + "\r\n").encode("gb18030") + b"91440305MA5UA00022,\xff\xfe," + b"A,440305197802200234,x,440305,\r\n")
write("gb18030-cut-at-end.csv", (gb_header + R2 + "\r\n").encode("gb18030") + "91440305MA5UA00022,".encode() + b"\x95\x32")
write("utf16.csv", (HEADER + "\n" + R2 + "\n").encode("utf-16"))
