import HTTPTypes

// Test shorthand for header lists written as (name, value) pairs, in order, repeats included, as
// the tests wrote them before the node used `HTTPFields`. Every name must be a valid token (a test
// that needs an invalid one builds the bytes itself). Only tests import this module.

extension HTTPFields: @retroactive ExpressibleByArrayLiteral {
    public init(arrayLiteral pairs: (name: String, value: String)...) {
        self.init(pairs: pairs)
    }

    public init(pairs: [(name: String, value: String)]) {
        self.init(pairs.map(HTTPField.init(pair:)))
    }

    public mutating func append(_ pair: (name: String, value: String)) {
        append(HTTPField(pair: pair))
    }

    public static func + (lhs: HTTPFields, rhs: [(name: String, value: String)]) -> HTTPFields {
        lhs + HTTPFields(pairs: rhs)
    }
}

extension HTTPField {
    public init(pair: (name: String, value: String)) {
        guard let name = HTTPField.Name(pair.name) else { preconditionFailure("not a header name: \(pair.name)") }
        self.init(name: name, value: pair.value)
    }
}

extension HTTPField.Name {
    /// Compares the name as written (`rawName`), exactly as the tests compared tuple names.
    public static func == (lhs: HTTPField.Name, rhs: String) -> Bool { lhs.rawName == rhs }
    public static func != (lhs: HTTPField.Name, rhs: String) -> Bool { lhs.rawName != rhs }
}
