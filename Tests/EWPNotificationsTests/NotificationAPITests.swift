import EWPStore
import EWPXML
import Foundation
import Testing
@testable import EWPNotifications

@Suite("The API keys and lists the engine is given; how rows are grouped")
struct NotificationAPITests {
    struct FakePulled: PulledAPI {
        var source: PullSource
        var isIndexed: Bool
        var entries: [APIReference] { [APIReference(namespace: "ns", name: source.rawValue, majorVersion: 1)] }
        var maxIDsElement: String { "max-ids" }
        func getParameters(for entry: APIReference, partnerHEI: String, localHEI: String, ids: [String]) -> [(String, String)] { [] }
        func indexParameters(for entry: APIReference, partnerHEI: String, localHEI: String, modifiedSince: String?) -> [(String, String)] { [] }
        func indexIDs(_ root: XElement) -> [String] { [] }
        func objects(in root: XElement, entry: APIReference, partnerHEI: String) -> [(id: String, element: XElement)] { [] }
    }

    struct FakeCNR: CNRAPI {
        var api: NotificationAPI
        var source: PullSource
        var counterpartSource: PullSource { source }
        var entries: [APIReference] {
            [APIReference(namespace: "ns", name: api.rawValue, majorVersion: 2), APIReference(namespace: "ns", name: api.rawValue, majorVersion: 1)]
        }
        func form(for entry: APIReference, localHEI: String, objectIDs: [String]) -> [(String, String)] { [] }
        func idsPerNotification(limits: [String: Int]) -> Int { 1 }
        var response: XElement { XElement("r", namespace: "ns") }
    }

    @Test("Keys are their raw strings: equal by value, an empty one refused")
    func keys() {
        #expect(PullSource(rawValue: "things") == PullSource("things"))
        #expect(PullSource(rawValue: "things") != PullSource("other"))
        #expect(PullSource(rawValue: "") == nil)
        #expect(NotificationAPI(rawValue: "thing-cnr")?.rawValue == "thing-cnr")
        #expect(NotificationAPI(rawValue: "") == nil)
    }

    @Test("The lists find a descriptor by its key, the CNR that pulls a source, the indexed sources in order")
    func lists() {
        let a = PullSource("a"), b = PullSource("b"), c = PullSource("c")
        let pulled = PulledAPIs([FakePulled(source: b, isIndexed: true), FakePulled(source: a, isIndexed: false), FakePulled(source: c, isIndexed: true)])
        #expect(pulled[a]?.source == a)
        #expect(pulled[PullSource("none")] == nil)
        #expect(pulled.indexed == [b, c])
        let cnrs = CNRAPIs([FakeCNR(api: NotificationAPI("a-cnr"), source: a), FakeCNR(api: NotificationAPI("b-cnr"), source: b)])
        #expect(cnrs[NotificationAPI("b-cnr")]?.source == b)
        #expect(cnrs[NotificationAPI("c-cnr")] == nil)
        #expect(cnrs.notifying(a)?.api == NotificationAPI("a-cnr"))
        #expect(cnrs.notifying(c) == nil)
        #expect(cnrs.all[0].entry.majorVersion == 1)
    }

    @Test("Rows are grouped per API, HEI and partner, in order, and cut to the partner's limit")
    func grouping() {
        let t = Date(timeIntervalSince1970: 0)
        func row(_ id: Int64, _ api: String, _ partner: String) -> QueueRow {
            QueueRow(id: id, queue: .outbox, key: NotificationKey(api: api, localHEI: "a", partnerHEI: partner, objectID: "o\(id)"),
                     state: .pending, attempts: 0, mergedChanges: 1, createdAt: t, updatedAt: t, nextAttemptAt: t, expiresAt: t,
                     leaseOwner: nil, leaseUntil: nil, lastError: nil, finishedAt: nil)
        }
        let rows = [row(1, "omobility-la-cnr", "p"), row(2, "iia-cnr", "p"), row(3, "omobility-la-cnr", "p"),
                    row(4, "omobility-la-cnr", "q"), row(5, "omobility-la-cnr", "p")]
        let chunks = NotificationKeyGroup.chunks(rows) { $0.api == "omobility-la-cnr" && $0.partnerHEI == "p" ? 2 : 1 }
        #expect(chunks.map { $0.map(\.id) } == [[1, 3], [5], [2], [4]])
    }
}
