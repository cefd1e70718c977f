import EWPXML

/// The Mobility Factsheet v1 of one HEI (a `factsheet` of `factsheet-response`): dates, contacts
/// and requirements incoming students need. JSON keys in `Manifest/manifest.json` are the
/// element names with `_` for `-`.
public struct Factsheet: Sendable, Equatable, Codable {
    /// `autumn-term` and `spring-term` as `xs:gMonthDay`, e.g. `--05-15`.
    public struct TermDates: Sendable, Equatable, Codable {
        public var autumnTerm: String
        public var springTerm: String
        public init(autumnTerm: String, springTerm: String) {
            self.autumnTerm = autumnTerm
            self.springTerm = springTerm
        }
        enum CodingKeys: String, CodingKey { case autumnTerm = "autumn_term", springTerm = "spring_term" }
    }

    public struct Calendar: Sendable, Equatable, Codable {
        public var studentNominations: TermDates
        public var studentApplications: TermDates
        public init(studentNominations: TermDates, studentApplications: TermDates) {
            self.studentNominations = studentNominations
            self.studentApplications = studentApplications
        }
        enum CodingKeys: String, CodingKey { case studentNominations = "student_nominations", studentApplications = "student_applications" }
    }

    /// `InformationEntry`: one e-mail, one phone number, at least one website.
    public struct Information: Sendable, Equatable, Codable {
        public var email: String
        public var phone: PhoneNumber
        public var websiteURLs: [LocalizedText]
        public init(email: String, phone: PhoneNumber, websiteURLs: [LocalizedText]) {
            self.email = email
            self.phone = phone
            self.websiteURLs = websiteURLs
        }
        enum CodingKeys: String, CodingKey { case email, phone, websiteURLs = "website_urls" }
    }

    /// Names with a defined meaning: "Motivation letter", "Transcript of Records", "Language
    /// certificate", "Reference letter", "Portfolio", "CV", "Other document"; any other name is information only.
    public struct Requirement: Sendable, Equatable, Codable {
        public var name: String
        public var details: String
        public var informationWebsites: [LocalizedText]?
        public init(name: String, details: String, informationWebsites: [LocalizedText]? = nil) {
            self.name = name
            self.details = details
            self.informationWebsites = informationWebsites
        }
        enum CodingKeys: String, CodingKey { case name, details, informationWebsites = "information_websites" }
    }

    /// Support for participants with special needs; `type` is `infrastructure` or `service`.
    public struct Accessibility: Sendable, Equatable, Codable {
        public var type: String
        public var name: String
        public var description: String?
        public var information: Information
        public init(type: String, name: String, description: String? = nil, information: Information) {
            self.type = type
            self.name = name
            self.description = description
            self.information = information
        }
    }

    public struct AdditionalInfo: Sendable, Equatable, Codable {
        public var type: String
        public var info: Information
        public init(type: String, info: Information) {
            self.type = type
            self.info = info
        }
    }

    public var calendar: Calendar
    public var applicationInfo: Information
    public var additionalRequirements: [Requirement]?
    public var decisionWeeksLimit: Int
    public var torWeeksLimit: Int
    public var accessibility: [Accessibility]?
    public var housingInfo: Information
    public var visaInfo: Information
    public var insuranceInfo: Information
    public var additionalInfo: [AdditionalInfo]?

    public init(calendar: Calendar, applicationInfo: Information, additionalRequirements: [Requirement]? = nil,
                decisionWeeksLimit: Int, torWeeksLimit: Int, accessibility: [Accessibility]? = nil, housingInfo: Information,
                visaInfo: Information, insuranceInfo: Information, additionalInfo: [AdditionalInfo]? = nil) {
        self.calendar = calendar
        self.applicationInfo = applicationInfo
        self.additionalRequirements = additionalRequirements
        self.decisionWeeksLimit = decisionWeeksLimit
        self.torWeeksLimit = torWeeksLimit
        self.accessibility = accessibility
        self.housingInfo = housingInfo
        self.visaInfo = visaInfo
        self.insuranceInfo = insuranceInfo
        self.additionalInfo = additionalInfo
    }

    enum CodingKeys: String, CodingKey {
        case calendar, applicationInfo = "application_info", additionalRequirements = "additional_requirements"
        case decisionWeeksLimit = "decision_weeks_limit", torWeeksLimit = "tor_weeks_limit", accessibility
        case housingInfo = "housing_info", visaInfo = "visa_info", insuranceInfo = "insurance_info", additionalInfo = "additional_info"
    }

    /// The `factsheet` element of `heiID`, in the order of response.xsd.
    public func element(heiID: String) -> XElement {
        let ns = InstitutionNamespace.factsheetResponse
        func text(_ name: String, _ value: String) -> XElement { XElement(name, namespace: ns, text: value) }
        func terms(_ name: String, _ dates: TermDates) -> XElement {
            XElement(name, namespace: ns, children: [text("autumn-term", dates.autumnTerm), text("spring-term", dates.springTerm)])
        }
        func information(_ name: String, _ info: Information) -> XElement {
            XElement(name, namespace: ns, children: [text("email", info.email), info.phone.element("phone-number")]
                + LocalizedText.elements(info.websiteURLs, "website-url", namespace: ns))
        }
        var children = [
            text("hei-id", heiID),
            XElement("calendar", namespace: ns, children: [terms("student-nominations", calendar.studentNominations),
                                                           terms("student-applications", calendar.studentApplications)]),
            information("application-info", applicationInfo),
        ]
        children += (additionalRequirements ?? []).map { requirement in
            XElement("additional-requirement", namespace: ns, children: [text("name", requirement.name), text("details", requirement.details)]
                + LocalizedText.elements(requirement.informationWebsites, "information-website", namespace: ns))
        }
        children += [text("decision-weeks-limit", String(decisionWeeksLimit)), text("tor-weeks-limit", String(torWeeksLimit))]
        children += (accessibility ?? []).map { entry in
            XElement("accessibility", namespace: ns, children: [text("type", entry.type), text("name", entry.name)]
                + XElement.optional("description", namespace: ns, entry.description) + [information("information", entry.information)])
        }
        children += [information("housing-info", housingInfo), information("visa-info", visaInfo), information("insurance-info", insuranceInfo)]
        children += (additionalInfo ?? []).map { entry in
            XElement("additional-info", namespace: ns, children: [text("type", entry.type), information("info", entry.info)])
        }
        return XElement("factsheet", namespace: ns, children: children)
    }
}
