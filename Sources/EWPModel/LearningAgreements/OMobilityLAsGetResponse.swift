import EWPXML

/// An OMobility LAs v1 `omobility-las-get-response`: the learning agreements (`la`*) it holds.
public struct OMobilityLAsGetResponse: Sendable, Hashable {
    public var learningAgreements: [LearningAgreement]

    public init(learningAgreements: [LearningAgreement]) {
        self.learningAgreements = learningAgreements
    }

    /// Decodes the root element; unknown elements are ignored (see `decode` to learn which).
    public init(_ root: XElement) throws(LADecodingError) {
        self = try Self.decode(root).response
    }

    /// What `decode` found: the response and the paths of the elements it ignored because the
    /// schema does not define them there (a partner's newer minor version, or a misspelt name).
    public struct Decoded: Sendable {
        public let response: OMobilityLAsGetResponse
        public let ignoredElements: [String]
    }

    public static let rootName = "omobility-las-get-response"

    public static func decode(_ root: XElement) throws(LADecodingError) -> Decoded {
        guard root.name == rootName, root.namespace == LANamespace.getResponse else {
            let ns = root.namespace.isEmpty ? "no namespace" : "the namespace \(root.namespace)"
            throw LADecodingError(path: root.name, "expected <\(rootName)> in the namespace \(LANamespace.getResponse), found <\(root.name)> in \(ns)")
        }
        var ignored: [String] = []
        var r = try ChildReader(Node(element: root, path: rootName), known: [QName("la")], ignored: &ignored)
        var las: [LearningAgreement] = []
        for n in r.many("la") { las.append(try LearningAgreement(n, ignored: &ignored)) }
        try r.finish()
        return Decoded(response: OMobilityLAsGetResponse(learningAgreements: las), ignoredElements: ignored)
    }

    /// Parses (hardened) and decodes a serialized document. A document that is not well-formed
    /// XML is reported at the path `/` with the parser's message (and line).
    public static func decode(bytes: [UInt8]) throws(LADecodingError) -> Decoded {
        let root: XElement
        do {
            root = try XMLReader.parse(bytes)
        } catch {
            throw LADecodingError(path: "/", "not well-formed XML: \(error)")
        }
        return try decode(root)
    }

    public var element: XElement {
        XElement(Self.rootName, namespace: LANamespace.getResponse, children: learningAgreements.map(\.element))
    }

    /// The serialized document (UTF-8, `trm:` and `p:` prefixes declared on the root).
    public var document: [UInt8] {
        XMLWriter.document(element, prefixes: LANamespace.conventionalPrefixes)
    }
}
