import EWPXML

/// `ListOf_Components`: the tables of one version of the LA and its signatures. In `first-version`
/// they are the template's tables A, B, C (or D, E); in `approved-changes` and in a
/// `changes-proposal` made after the first version, A2, B2, C2 (or D2, E2).
///
/// A nil list is an absent element; an empty array is an element without components
/// (`<components-recognized/>`), which is kept as such.
public struct ListOfComponents: Sendable, Hashable {
    /// `components-studied`: Table A / A2 (at the receiving HEI).
    public var componentsStudied: [Component]?
    /// `components-recognized`: Table B / B2 (at the sending HEI).
    public var componentsRecognized: [Component]?
    /// `virtual-components`: Table C / C2.
    public var virtualComponents: [Component]?
    /// `blended-mobility-components`: Table D (blended mobility with short-term physical mobility).
    public var blendedMobilityComponents: [Component]?
    /// `short-term-doctoral-components`: Table E (short-term doctoral mobility).
    public var shortTermDoctoralComponents: [Component]?
    public var studentSignature: Signature
    public var sendingHEISignature: Signature
    /// Optional only inside a `changes-proposal` (schema annotation).
    public var receivingHEISignature: Signature?

    public init(componentsStudied: [Component]? = nil, componentsRecognized: [Component]? = nil,
                virtualComponents: [Component]? = nil, blendedMobilityComponents: [Component]? = nil,
                shortTermDoctoralComponents: [Component]? = nil, studentSignature: Signature,
                sendingHEISignature: Signature, receivingHEISignature: Signature? = nil) {
        self.componentsStudied = componentsStudied
        self.componentsRecognized = componentsRecognized
        self.virtualComponents = virtualComponents
        self.blendedMobilityComponents = blendedMobilityComponents
        self.shortTermDoctoralComponents = shortTermDoctoralComponents
        self.studentSignature = studentSignature
        self.sendingHEISignature = sendingHEISignature
        self.receivingHEISignature = receivingHEISignature
    }

    /// The five component lists in schema order, with their element names.
    static var tables: [(name: String, keyPath: WritableKeyPath<ListOfComponents, [Component]?>)] {
        [("components-studied", \.componentsStudied), ("components-recognized", \.componentsRecognized),
         ("virtual-components", \.virtualComponents), ("blended-mobility-components", \.blendedMobilityComponents),
         ("short-term-doctoral-components", \.shortTermDoctoralComponents)]
    }

    static let known: Set<QName> = Set((tables.map(\.name) + ["student-signature", "sending-hei-signature", "receiving-hei-signature"]).map { QName($0) })

    /// Reads the sequence from `r` (shared with `changes-proposal`, which extends it).
    init(_ r: inout ChildReader, ignored: inout [String]) throws(LADecodingError) {
        var lists: [[Component]?] = []
        for table in Self.tables {
            if let n = r.optional(table.name) {
                var cr = try ChildReader(n, known: [QName("component")], ignored: &ignored)
                var components: [Component] = []
                for c in cr.many("component") { components.append(try Component(c, ignored: &ignored)) }
                try cr.finish()
                lists.append(components)
            } else {
                lists.append(nil)
            }
        }
        componentsStudied = lists[0]
        componentsRecognized = lists[1]
        virtualComponents = lists[2]
        blendedMobilityComponents = lists[3]
        shortTermDoctoralComponents = lists[4]
        studentSignature = try Signature(r.required("student-signature"), ignored: &ignored)
        sendingHEISignature = try Signature(r.required("sending-hei-signature"), ignored: &ignored)
        if let n = r.optional("receiving-hei-signature") {
            receivingHEISignature = try Signature(n, ignored: &ignored)
        } else {
            receivingHEISignature = nil
        }
    }

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        try self.init(&r, ignored: &ignored)
        try r.finish()
    }

    /// The children in schema order.
    var children: [XElement] {
        Self.tables.compactMap { table in
            self[keyPath: table.keyPath].map { LAWriter.element(table.name, $0.map(\.element)) }
        } + [studentSignature.element("student-signature"), sendingHEISignature.element("sending-hei-signature"),
             receivingHEISignature?.element("receiving-hei-signature")].compactMap { $0 }
    }
}

/// `changes-proposal`: the proposed first version (when there is no `first-version`) or the proposed
/// changes to it, with its `id` (used by `update` requests) and, optionally, the student's data that
/// changed since the receiving HEI's last approval. Its tables are reached directly
/// (`proposal.componentsStudied`).
@dynamicMemberLookup
public struct ChangesProposal: Sendable, Hashable {
    /// `@id`: changes if and only if the proposal's content changes.
    public var id: String
    public var components: ListOfComponents
    public var student: Student?

    public init(id: String, components: ListOfComponents, student: Student? = nil) {
        self.id = id
        self.components = components
        self.student = student
    }

    public subscript<T>(dynamicMember keyPath: WritableKeyPath<ListOfComponents, T>) -> T {
        get { components[keyPath: keyPath] }
        set { components[keyPath: keyPath] = newValue }
    }

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        guard let id = node.attribute("id") else { throw LADecodingError(path: node.path, "missing the required attribute id") }
        self.id = id
        var r = try ChildReader(node, known: ListOfComponents.known.union([QName("student")]), ignored: &ignored)
        components = try ListOfComponents(&r, ignored: &ignored)
        if let s = r.optional("student") { student = try Student(s, ignored: &ignored) } else { student = nil }
        try r.finish()
    }

    var element: XElement {
        LAWriter.element("changes-proposal", components.children + [student?.element], attributes: [XAttribute("id", value: id)])
    }
}

/// `Signature`: who signed (name, position, e-mail: MUST for HEI signatures, SHOULD NOT for the
/// student's), when, and in which application.
public struct Signature: Sendable, Hashable {
    public var signerName: String?
    public var signerPosition: String?
    public var signerEmail: String?
    public var timestamp: XSDateTime
    public var signerApp: String?

    public init(signerName: String? = nil, signerPosition: String? = nil, signerEmail: String? = nil,
                timestamp: XSDateTime, signerApp: String? = nil) {
        self.signerName = signerName
        self.signerPosition = signerPosition
        self.signerEmail = signerEmail
        self.timestamp = timestamp
        self.signerApp = signerApp
    }

    static let known: Set<QName> = Set(["signer-name", "signer-position", "signer-email", "timestamp", "signer-app"].map { QName($0) })

    init(_ node: Node, ignored: inout [String]) throws(LADecodingError) {
        var r = try ChildReader(node, known: Self.known, ignored: &ignored)
        signerName = try r.optional("signer-name")?.string()
        signerPosition = try r.optional("signer-position")?.string()
        signerEmail = try r.optional("signer-email")?.string()
        timestamp = try r.required("timestamp").value("an xs:dateTime (YYYY-MM-DDThh:mm:ss with an optional time zone)", XSDateTime.init)
        signerApp = try r.optional("signer-app")?.string()
        try r.finish()
    }

    func element(_ name: String) -> XElement {
        LAWriter.element(name, [LAWriter.leaf("signer-name", signerName), LAWriter.leaf("signer-position", signerPosition),
                                LAWriter.leaf("signer-email", signerEmail), LAWriter.leaf("timestamp", timestamp.text),
                                LAWriter.leaf("signer-app", signerApp)])
    }
}
