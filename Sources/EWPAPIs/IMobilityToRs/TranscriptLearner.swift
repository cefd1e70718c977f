import EWPXML

extension TranscriptOfRecords {
    /// The student a stored `tor` element is about, as its ELMO document names them
    /// (`elmo/learner/givenNames` and `familyName`, the same in ELMO v1 and v2): for lists an
    /// office searches by name. Nil when the document is unreadable or names nobody.
    public static func learnerName(_ document: [UInt8]) -> String? {
        guard let tor = try? XMLReader.parse(document),
              let learner = tor.children.first(where: { $0.name == "elmo" })?.children.first(where: { $0.name == "learner" }) else { return nil }
        let parts = ["givenNames", "familyName"].compactMap { name in
            learner.children.first { $0.name == name }.map { $0.text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
