/// What a Discovery v6 manifest says about one EWP host. Discovery v6 allows one HEI per host,
/// so a node covering several HEIs describes each as a host of its own.
public struct HostDescription: Sendable {
    public struct Institution: Sendable {
        public struct OtherID: Sendable {
            public var type: String
            public var value: String
            public init(type: String, value: String) {
                self.type = type
                self.value = value
            }
        }

        public struct Name: Sendable {
            public var language: String?
            public var value: String
            public init(language: String?, value: String) {
                self.language = language
                self.value = value
            }
        }

        public var heiID: String
        public var otherIDs: [OtherID]
        public var names: [Name]

        public init(heiID: String, otherIDs: [OtherID] = [], names: [Name]) {
            self.heiID = heiID
            self.otherIDs = otherIDs
            self.names = names
        }
    }

    public var adminEmails: [String]
    public var adminProvider: String
    public var adminNotes: String?
    public var institution: Institution
    /// Base64 of the DER SubjectPublicKeyInfo of each key.
    public var clientKeys: [String]
    public var serverKeys: [String]

    public init(adminEmails: [String], adminProvider: String, adminNotes: String?, institution: Institution, clientKeys: [String], serverKeys: [String]) {
        self.adminEmails = adminEmails
        self.adminProvider = adminProvider
        self.adminNotes = adminNotes
        self.institution = institution
        self.clientKeys = clientKeys
        self.serverKeys = serverKeys
    }
}
