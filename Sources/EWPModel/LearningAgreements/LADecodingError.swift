/// Why a document is not a well-formed `omobility-las-get-response`: the path of the offending
/// element (`omobility-las-get-response/la[2]/first-version/components-studied/component[3]/title`,
/// 1-based positions among same-named siblings, as in XPath) and what is wrong there.
public struct LADecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
