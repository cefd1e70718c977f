import EWPAPIs

/// Institution data filling every element the three responses declare, for schema tests.
enum InstitutionSamples {
    static let fullAddress = FlexibleAddress(recipientNames: ["International Relations Office"], addressLines: ["Universiteitsplein 1", "Building A"],
                                             postalCode: "1234 AB", locality: "Voorbeeldstad", region: "Noord-Holland", country: "NL")
    static let structuredAddress = FlexibleAddress(buildingNumber: "904", buildingName: "Science Tower", streetName: "Sciencepark", unit: "3B",
                                                   floor: "3", postOfficeBox: "94000", deliveryPointCodes: ["A1", "A2"], postalCode: "1098 XH",
                                                   locality: "Voorbeeldstad", country: "NL")

    static let contact = Contact(
        names: [LocalizedText(lang: "en", value: "Anna de Vries (coordinator)"), LocalizedText(lang: "nl", value: "Anna de Vries (coördinator)")],
        givenNames: [LocalizedText(value: "Anna")], familyNames: [LocalizedText(lang: "nl", value: "de Vries")], gender: 2,
        phones: [PhoneNumber(e164: "+31201234500", ext: "210"), PhoneNumber(otherFormat: "(020) 123 45 00")],
        faxes: [PhoneNumber(e164: "+31201234599")], emails: ["anna@example.edu", "erasmus@example.edu"],
        streetAddress: fullAddress, mailingAddress: structuredAddress,
        roleDescriptions: [LocalizedText(lang: "en", value: "Advises incoming students.\nCalling hours: 9-12 <Mon & Tue>.")])

    static let institution = Institution(
        heiID: "example.edu", otherIDs: [.init(type: "erasmus", value: "NL EXAMPL01"), .init(type: "local", value: "EXU")],
        names: [LocalizedText(lang: "en", value: "Example University"), LocalizedText(lang: "nl", value: "Voorbeelduniversiteit")],
        abbreviation: "EXU", streetAddress: fullAddress, mailingAddress: structuredAddress,
        websiteURLs: [LocalizedText(lang: "en", value: "https://www.example.edu/en/"), LocalizedText(value: "http://www.example.edu/")],
        logoURL: "https://www.example.edu/logo.svg",
        mobilityFactsheetURLs: [LocalizedText(lang: "en", value: "https://www.example.edu/factsheet.pdf")],
        courseCatalogueURLs: [LocalizedText(lang: "en", value: "https://courses.example.edu/")],
        contacts: [contact, Contact(names: [LocalizedText(value: "IRO")], emails: ["iro@example.edu"])],
        rootOUnitID: "exu-root", ounitIDs: ["exu-root", "exu-sci"])

    static let units = [
        OrganizationalUnit(id: "exu-root", code: "EXU", names: [LocalizedText(lang: "en", value: "Example University")]),
        OrganizationalUnit(id: "exu-sci", code: "FSCI", names: [LocalizedText(lang: "en", value: "Faculty of Science")], abbreviation: "FSCI",
                           parentID: "exu-root", streetAddress: structuredAddress, mailingAddress: fullAddress,
                           websiteURLs: [LocalizedText(lang: "en", value: "https://science.example.edu/")],
                           logoURL: "https://science.example.edu/logo.png",
                           mobilityFactsheetURLs: [LocalizedText(lang: "en", value: "https://science.example.edu/factsheet")],
                           contacts: [contact]),
        OrganizationalUnit(id: "exu-hum", code: "fsci", names: [LocalizedText(value: "Faculty of Humanities")], parentID: "exu-root"),
    ]

    static func information(_ topic: String) -> Factsheet.Information {
        Factsheet.Information(email: "\(topic)@example.edu", phone: PhoneNumber(e164: "+31201234567"),
                              websiteURLs: [LocalizedText(lang: "en", value: "https://www.example.edu/\(topic)"), LocalizedText(value: "https://www.example.edu/")])
    }

    static let factsheet = Factsheet(
        calendar: .init(studentNominations: .init(autumnTerm: "--05-01", springTerm: "--10-01"),
                        studentApplications: .init(autumnTerm: "--05-15", springTerm: "--10-15")),
        applicationInfo: information("apply"),
        additionalRequirements: [.init(name: "Motivation letter", details: "In English", informationWebsites: [LocalizedText(value: "https://www.example.edu/letter")]),
                                 .init(name: "Privacy statement", details: "Read it")],
        decisionWeeksLimit: 5, torWeeksLimit: 4,
        accessibility: [.init(type: "service", name: "Accessibility office", description: "Help for students with disabilities", information: information("access")),
                        .init(type: "infrastructure", name: "Step-free campus", information: information("campus"))],
        housingInfo: information("housing"), visaInfo: information("visa"), insuranceInfo: information("insurance"),
        additionalInfo: [.init(type: "Recognition process", info: information("recognition"))])
}

/// The error a parameter rule refuses with, or nil when it accepts.
func refusal<T>(_ rule: () throws(APIRequestError) -> T) -> APIRequestError? {
    do {
        _ = try rule()
        return nil
    } catch {
        return error
    }
}
