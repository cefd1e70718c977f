import EWPCore
import EWPNode
import EWPNotifications
import EWPOperations
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation

/// The learning agreements and transcripts that the LA/ToR view tests read, in-process (the admin
/// API through the responder) and as processes (`ewp-node la|tor list|show`).
public enum LAViewsData {
    public static let hei = "a.example"
    public static let partner = "b.example"
    public static let t0 = Date(timeIntervalSince1970: 1_778_371_200) // 2026-05-10T00:00:00Z

    /// Our LA m-1 (a changes proposal, warnings), the partner's t-1 (no provisions-url: an error),
    /// ToR om-1 we issued for the partner's student, ToR our-1 received from the partner.
    public static func fill(_ store: any Store, configuration: NodeConfiguration) async throws {
        let schemas = try NodeAssembly.setUpXML()
        let policy = NotificationSettings.lifetime(Double(configuration.cnrLifetime.components.seconds))
        let las = try LAImporter(store: store, coveredHEIs: configuration.heiIDs, schemas: schemas, policy: policy)
        let report = await las.importDocument(Array(LADocuments.response([
            LADocuments.la("m-1", sending: hei, receiving: partner, stage: .changesProposed(proposalID: "p-2"),
                           recognizedECTS: "34"),
        ]).utf8), now: t0)
        guard !report.rejected else { throw LAViewsDataError(lines: report.lines) }
        let theirs = try XMLReader.parse(Array(LADocuments.response([
            LADocuments.la("t-1", sending: partner, receiving: hei, stage: .signedFirstVersion, provisions: false),
        ]).utf8)).children[0]
        let tor = try XMLReader.parse(Array(ToRDocuments.v2(["our-1"], issuer: partner).utf8)).children[0]
        try await store.savePartnerCopies([
            PartnerCopy(api: "omobility-las", localHEI: hei, partnerHEI: partner, objectID: "t-1",
                        document: XMLWriter.document(theirs), hash: nil, seenAt: t0, changedAt: t0),
            PartnerCopy(api: "imobility-tors", localHEI: hei, partnerHEI: partner, objectID: "our-1",
                        document: XMLWriter.document(tor), hash: nil, seenAt: t0, changedAt: t0),
        ])
        for api in ["omobility-las", "imobility-tors"] {   // as the puller registers every partner it pulled from
            try await store.saveSyncState(SyncState(api: api, localHEI: hei, partnerHEI: partner))
        }
        let tors = try ToRImporter(store: store, coveredHEIs: configuration.heiIDs, schemas: schemas, policy: policy)
        let issued = await tors.importDocument(Array(ToRDocuments.v2(["om-1"], issuer: hei).utf8),
                                               sendingHEI: HEIID(partner), now: t0)
        guard !issued.rejected else { throw LAViewsDataError(lines: issued.lines) }
    }
}

struct LAViewsDataError: Error, CustomStringConvertible {
    let lines: [String]
    var description: String { "the LA/ToR view data was refused: \(lines.joined(separator: "\n"))" }
}
