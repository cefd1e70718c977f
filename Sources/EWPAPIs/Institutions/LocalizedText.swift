import EWPXML

/// A string with an optional `xml:lang` (common-types `StringWithOptionalLang`,
/// `MultilineStringWithOptionalLang`, `HTTPWithOptionalLang`). In `Manifest/manifest.json`:
/// `{"lang": "en", "value": "..."}`, or just `"..."` when there is no language.
public struct LocalizedText: Sendable, Equatable, Codable {
    public var lang: String?
    public var value: String

    public init(lang: String? = nil, value: String) {
        self.lang = lang
        self.value = value
    }

    enum CodingKeys: String, CodingKey { case lang, value }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(value: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(lang: try container.decodeIfPresent(String.self, forKey: .lang), value: try container.decode(String.self, forKey: .value))
    }

    public func element(_ name: String, namespace: String) -> XElement {
        XElement(name, namespace: namespace,
                 attributes: lang.map { [XAttribute("lang", namespace: XMLWriter.xmlNamespace, value: $0)] } ?? [],
                 text: value)
    }
}

extension LocalizedText {
    /// One element per text, in order.
    static func elements(_ texts: [LocalizedText]?, _ name: String, namespace: String) -> [XElement] {
        (texts ?? []).map { $0.element(name, namespace: namespace) }
    }
}
