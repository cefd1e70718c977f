import Foundation

/// Whose an own object is: the change stamps of `OwnObjectStore` are per owner.
public struct OwnObjectOwner: Hashable, Sendable {
    public let kind: String
    public let heiID: String
}

extension OwnObject {
    public var owner: OwnObjectOwner { OwnObjectOwner(kind: kind, heiID: heiID) }
}

extension [OwnObject] {
    /// The owners of these objects, each once.
    public var owners: Set<OwnObjectOwner> { Set(map(\.owner)) }

    /// Each object with modifiedAt raised to its owner's stamp (Unix seconds) where that is later.
    public func stamped(_ stamps: [OwnObjectOwner: Double]) -> [OwnObject] {
        map { object in
            var stamped = object
            if let stamp = stamps[object.owner], stamp > object.modifiedAt.timeIntervalSince1970 {
                stamped.modifiedAt = Date(timeIntervalSince1970: stamp)
            }
            return stamped
        }
    }
}
