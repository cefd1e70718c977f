import EWPAPIs
import EWPCore
import EWPModel
import EWPNotifications
import EWPRegistry
import EWPXML
import Foundation

/// Targets whose input is an XML document from outside: a partner's response, a partner's update
/// request, the Registry catalogue, an imported file.
enum XMLTargets {
    /// The IIAs get-response schema, compiled once from the repository's Schemas/ (run from the
    /// repository root, as `make fuzz` does); nil elsewhere, and then validation is left out.
    static let schema: XSDSchema? = try? XSDSchema(contentsOf: "Schemas/iias-get-response.xsd", catalogPath: "Schemas/catalog.xml")

    static func xml(_ bytes: [UInt8]) {
        _ = try? XMLReader.elementLines(bytes)
        _ = schema?.validate(bytes)
        guard let root = try? XMLReader.parse(bytes) else { return }
        // What we parsed, we can write, and what we write reads back as the same tree.
        let written = XMLWriter.document(root)
        let reread: XElement
        do { reread = try XMLReader.parse(written) } catch {
            invariant(false, "XMLWriter output does not parse: \(error)")
            return
        }
        invariant(withoutIndentation(reread) == withoutIndentation(root), "XMLWriter output reads back as another tree")
    }

    /// The writer drops whitespace-only text of elements that have children (indentation).
    private static func withoutIndentation(_ e: XElement) -> XElement {
        var e = e
        if !e.children.isEmpty && e.text.allSatisfy({ " \t\n\r".contains($0) }) { e.text = "" }
        e.children = e.children.map(withoutIndentation)
        return e
    }

    static func iias(_ bytes: [UInt8]) {
        guard let root = try? XMLReader.parse(bytes) else { return }
        if let lines = try? XMLReader.elementLines(bytes) {
            let map = DocumentMap(root: root, lines: lines)
            invariant(map.entries.count == lines.count, "DocumentMap has \(map.entries.count) entries for \(lines.count) elements")
        }
        pulled(IIAsPull(), root)
        pulled(IIAsApprovalPull(), root)
        for element in root.children {
            _ = IIAHash.hash(element)
            _ = IIAHash.isValidForApproval(element)
            if let iia = try? IIA(element) {
                _ = iia.conditions.map(\.academicYears)
            }
        }
    }

    static func las(_ bytes: [UInt8]) {
        _ = try? OMobilityLAsUpdateRequest(body: bytes)
        guard let decoded = try? OMobilityLAsGetResponse.decode(bytes: bytes) else { return }
        if let root = try? XMLReader.parse(bytes) { pulled(OMobilityLAsPull(), root) }
        let today = Date(timeIntervalSince1970: 1_700_000_000)
        for la in decoded.response.learningAgreements {
            _ = GuidelineCheck.findings(for: la, today: today)
            // What we read, we can write, and it reads back as the same learning agreement.
            let again = try? LearningAgreement(la.element)
            invariant(again == la, "LearningAgreement.element does not read back as the same agreement")
        }
    }

    /// A partner's answer read as the puller reads it, in every version the descriptor knows.
    static func pulled(_ api: any PulledAPI, _ root: XElement) {
        _ = api.indexIDs(root)
        for entry in api.entries { _ = api.objects(in: root, entry: entry, partnerHEI: "uni.example") }
    }

    /// Outgoing Mobilities get/index and Incoming Mobilities get responses, read as the puller and
    /// the joined view read them; an answer we read, we can write, and it reads back the same.
    static func mobilities(_ bytes: [UInt8]) {
        guard let root = try? XMLReader.parse(bytes) else { return }
        pulled(OMobilitiesPull(), root)
        pulled(IMobilitiesPull(), root)
        for element in root.children {
            _ = try? OutgoingMobility(element)
            if let answer = NominationAnswer(element) {
                invariant(NominationAnswer(answer.element) == answer, "NominationAnswer.element does not read back as the same answer")
            }
        }
    }

    static func tors(_ bytes: [UInt8]) {
        guard let root = try? XMLReader.parse(bytes) else { return }
        pulled(IMobilityToRsPull(), root)
        for element in root.children {
            for version in ToRsVersion.allCases {
                _ = try? TranscriptOfRecords(element, version: version)
            }
        }
    }

    static func catalogue(_ bytes: [UInt8]) {
        guard let catalogue = try? Catalogue.parse(bytes) else { return }
        for host in catalogue.hosts {
            for hei in host.heiIDs.map(HEIID.init) {
                _ = catalogue.heiName(hei)
                _ = catalogue.hostIndexes(coveringHEI: hei)
                _ = catalogue.entries(hei: hei, apiNamespace: IIAsPull().entry.namespace, apiName: "iias")
            }
            for keyID in host.clientKeyIDs {
                _ = catalogue.clientKey(keyId: keyID)
                _ = catalogue.heis(coveredByClientKey: keyID)
                _ = catalogue.keyProblem(keyId: keyID)
            }
            for keyID in host.serverKeyIDs {
                _ = catalogue.isServerKey(keyId: keyID)
                for entry in catalogue.apiEntries[host.apiEntryRange] {
                    for url in entry.urls.values { _ = catalogue.serverKey(keyId: keyID, forEndpointURL: url) }
                }
            }
        }
    }
}
