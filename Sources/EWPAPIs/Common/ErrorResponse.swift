import EWPXML

/// The `error-response` of common-types.xsd: one developer message, then optional user messages.
public struct ErrorResponse: Sendable, Equatable {
    public struct UserMessage: Sendable, Equatable {
        public var language: String?
        public var text: String
        public init(language: String? = "en", text: String) {
            self.language = language
            self.text = text
        }
    }

    public var developerMessage: String
    public var userMessages: [UserMessage]

    public init(developerMessage: String, userMessages: [UserMessage] = []) {
        self.developerMessage = developerMessage
        self.userMessages = userMessages
    }

    public var element: XElement {
        let ns = EWPNamespace.commonTypes
        var children = [XElement("developer-message", namespace: ns, text: developerMessage)]
        for message in userMessages {
            let lang = message.language.map { [XAttribute("lang", namespace: EWPNamespace.xml, value: $0)] } ?? []
            children.append(XElement("user-message", namespace: ns, attributes: lang, text: message.text))
        }
        return XElement("error-response", namespace: ns, children: children)
    }

    public var document: [UInt8] { XMLWriter.document(element) }
}
