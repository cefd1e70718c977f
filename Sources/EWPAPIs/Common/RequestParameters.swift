/// The parameters of an EWP request, in order, repeats kept (query string for GET, form body for POST).
public struct RequestParameters: Sendable, Equatable {
    public var pairs: [Pair]

    public struct Pair: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ pairs: [(String, String)]) {
        self.pairs = pairs.map { Pair(name: $0.0, value: $0.1) }
    }

    /// Every value of a repeatable parameter, in request order.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }
}
