@testable import JGPipe

struct ParsedRecord: Equatable, CustomStringConvertible {
    let line: Int
    let fields: [String]
    var description: String { "\(line):\(fields)" }
}

/// Decodes and parses `bytes` fed in pieces of `chunk` bytes, as a file read would.
func parse(_ bytes: [UInt8], chunk: Int, encoding: InputEncoding = .auto,
           maxFieldBytes: Int = 1 << 20) throws -> [ParsedRecord] {
    let decoder = StreamDecoder(encoding: encoding)
    let reader = CSVReader(maxFieldBytes: maxFieldBytes)
    var records: [ParsedRecord] = []
    let take: (RecordBatch) -> Void = { batch in
        for r in 0..<batch.count { records.append(ParsedRecord(line: batch.records[r].line, fields: batch.fields(r))) }
    }
    var offset = 0
    while offset < bytes.count {
        let piece = Array(bytes[offset..<min(offset + chunk, bytes.count)])
        try piece.withUnsafeBytes { raw in
            try decoder.decode(raw, final: false) { try reader.parse($0, take) }
        }
        offset += chunk
    }
    try decoder.decode(UnsafeRawBufferPointer(start: nil, count: 0), final: true) { try reader.parse($0, take) }
    try reader.finish(take)
    return records
}

/// `编号,姓名,备注` / `1,张三,"多行␍␊备注，含逗号"` / `2,𠀀€,"引号""内"`, CRLF, encoded in GB18030 by
/// Python's codec (not by the code under test); 𠀀 is a four-byte sequence (95 32 82 36).
let gb18030Sample: [UInt8] = [
    0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xB1, 0xB8, 0xD7, 0xA2, 0x0D, 0x0A, 0x31, 0x2C, 0xD5,
    0xC5, 0xC8, 0xFD, 0x2C, 0x22, 0xB6, 0xE0, 0xD0, 0xD0, 0x0D, 0x0A, 0xB1, 0xB8, 0xD7, 0xA2, 0xA3, 0xAC, 0xBA, 0xAC,
    0xB6, 0xBA, 0xBA, 0xC5, 0x22, 0x0D, 0x0A, 0x32, 0x2C, 0x95, 0x32, 0x82, 0x36, 0xA2, 0xE3, 0x2C, 0x22, 0xD2, 0xFD,
    0xBA, 0xC5, 0x22, 0x22, 0xC4, 0xDA, 0x22, 0x0D, 0x0A,
]

let gb18030SampleRecords = [
    ParsedRecord(line: 1, fields: ["编号", "姓名", "备注"]),
    ParsedRecord(line: 2, fields: ["1", "张三", "多行\r\n备注，含逗号"]),
    ParsedRecord(line: 4, fields: ["2", "𠀀€", "引号\"内"]),
]
