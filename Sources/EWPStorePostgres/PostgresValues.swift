import Foundation
import PostgresNIO

/// Times are Unix seconds (double precision) and documents BYTEA, as SQLite keeps them.
extension PostgresRandomAccessRow {
    func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: try self[column].decode(Double.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try self[column].decode(Double?.self).map(Date.init(timeIntervalSince1970:))
    }

    /// NULL is nil; an empty document stays empty.
    func bytes(_ column: String) throws -> [UInt8]? {
        try self[column].decode(Data?.self).map { [UInt8]($0) }
    }

    func string(_ column: String) throws -> String { try self[column].decode(String.self) }

    func optionalString(_ column: String) throws -> String? { try self[column].decode(String?.self) }
}

func blob(_ bytes: [UInt8]?) -> Data? { bytes.map { Data($0) } }

/// "$first, $first+1, …" for `count` values.
func placeholders(from first: Int, count: Int) -> String {
    (first..<(first + count)).map { "$\($0)" }.joined(separator: ", ")
}

/// A value bound to a query parameter; nil binds NULL.
typealias SQLValue = (any PostgresEncodable & Sendable)?
