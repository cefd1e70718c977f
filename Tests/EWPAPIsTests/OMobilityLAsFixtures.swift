import EWPAPIs
import EWPModel
import EWPStore
import EWPTestSupport
import EWPXML
import Foundation
import Testing

/// Learning agreements of `sendingHEI` for the OMobility LAs tests, stored as the importer stores them.
enum LAFixture {
    static let sendingHEI = "sending.example"
    static let receivingHEI = "receiving.example"
    static let otherHEI = "other.example"
    static let t0 = Date(timeIntervalSince1970: 1_778_371_200) // 2026-05-10T00:00:00Z

    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    static func la(_ id: String, receiving: String = receivingHEI, stage: LADocuments.Stage = .signedFirstVersion,
                   year: String = "2026/2027", globalID: String = "urn:schac:personalUniqueCode:int:esi:test:1") throws -> LearningAgreement {
        let document = LADocuments.response([LADocuments.la(id, sending: sendingHEI, receiving: receiving, stage: stage, year: year, globalID: globalID)])
        return try #require(try OMobilityLAsGetResponse.decode(bytes: Array(document.utf8)).response.learningAgreements.first)
    }

    static func object(_ la: LearningAgreement, marks: LAMarks = LAMarks(), revision: Int = 1, modified: Date = t0) -> OwnObject {
        OwnLAStorage.object(la, heiID: sendingHEI, marks: marks, revision: revision, modifiedAt: modified)
    }

    /// An xs:dateTime (EWPModel's, named in full: EWPAPIs may have its own XSDateTime).
    static func timestamp(_ text: String) throws -> EWPModel.XSDateTime {
        let value = EWPModel.XSDateTime(text)
        return try #require(value)
    }

    static func parameters(_ pairs: [(String, String)]) -> RequestParameters { RequestParameters(pairs) }
}

/// A fresh SQLite store in a temporary directory, removed by `remove()`.
struct LAStoreFixture {
    let directory: URL
    let store: SQLiteStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-olas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("node.sqlite").path)
    }

    /// Stores these LAs (and their year markers) as an import would.
    func put(_ objects: [OwnObject]) async throws {
        let years = Set(objects.compactMap { $0.filterKeys[OwnLAStorage.Key.academicYear]?.first })
        try await store.commit(ChangeSet(upserts: objects + years.map { OwnLAStorage.yearObject($0, heiID: LAFixture.sendingHEI, at: LAFixture.t0) },
                                         notificationsExpireAt: LAFixture.at(3600)), now: LAFixture.t0)
    }

    func outbox() async throws -> [QueueRow] {
        try await store.queueRows(.outbox, filter: QueueFilter(limit: 1000))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
