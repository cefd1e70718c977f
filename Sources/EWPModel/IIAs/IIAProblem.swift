import EWPXML

/// What is wrong with one element of an `iia` (or of the document holding it), and where.
public struct IIAProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Positions in `children` from the `iia` element down to the element at fault; [] is the
    /// `iia` itself. `DocumentMap` turns it into a path and a line.
    public var location: [Int]
    public var message: String

    public init(at location: [Int], _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}
