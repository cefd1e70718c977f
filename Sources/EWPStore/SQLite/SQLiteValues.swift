import Foundation
import GRDB

/// Times are stored as Unix seconds (REAL), as in the blobs table.
func date(_ row: Row, _ column: String) throws -> Date {
    Date(timeIntervalSince1970: try row.decode(Double.self, forColumn: column))
}

func optionalDate(_ row: Row, _ column: String) throws -> Date? {
    try row.decode(Double?.self, forColumn: column).map(Date.init(timeIntervalSince1970:))
}

/// Documents are BLOBs; NULL is nil, an empty document stays empty.
func bytes(_ row: Row, _ column: String) throws -> [UInt8]? {
    try row.decode(Data?.self, forColumn: column).map { [UInt8]($0) }
}

func blob(_ bytes: [UInt8]?) -> Data? { bytes.map { Data($0) } }
