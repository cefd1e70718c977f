import EWPCore
import EWPRegistry
import EWPStore
import Foundation
import Testing
@testable import EWPOperations

/// The operator's list of partners: who the catalogue and the node's own history name, what each
/// publishes, the last sync and its error, the queue counts, and the search.
@Suite("NodeOperations: network partners")
struct NetworkPartnersTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Two hosts: ours (a.example) and one covering two partners, one of them named, with IIAs v7 and Echo.
    static let catalogue: Catalogue = {
        let registry = "https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1"
        func api(_ name: String, _ ns: String, _ version: String) -> String {
            "<a:\(name) xmlns:a=\"https://github.com/erasmus-without-paper/ewp-specs-api-\(ns)/blob/stable-v\(version.prefix(1))/manifest-entry.xsd\" version=\"\(version)\"><a:url>https://p.example/\(name)</a:url></a:\(name)>"
        }
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <catalogue xmlns="\(registry)" xmlns:ewp="https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd">
            <host><ewp:admin-email>admin@a.example</ewp:admin-email><apis-implemented>\(api("echo", "echo", "2.0.0"))</apis-implemented>
            <institutions-covered><hei-id>a.example</hei-id></institutions-covered></host>
            <host><ewp:admin-email>admin@p.example</ewp:admin-email><apis-implemented>\(api("iias", "iias", "7.0.0"))\(api("echo", "echo", "2.0.0"))\(api("iias", "iias", "7.0.0"))</apis-implemented>
            <institutions-covered><hei-id>p.example</hei-id><hei-id>q.example</hei-id></institutions-covered></host>
            <institutions><hei id="p.example"><name xml:lang="en">Partner University</name></hei></institutions>
            </catalogue>
            """
        return try! Catalogue.parse(Array(xml.utf8))
    }()

    @Test("every catalogue HEI but ours, and those only the history names; APIs distinct and sorted")
    func listed() throws {
        let syncs = [
            SyncState(api: "iias", localHEI: "a.example", partnerHEI: "p.example", lastSuccessAt: Self.t0, lastAttemptAt: Self.t0),
            SyncState(api: "iias", localHEI: "a.example", partnerHEI: "gone.example", lastAttemptAt: Self.t0, lastError: "HTTP 500"),
        ]
        let counts = [
            QueueCount(api: "iia-cnr", partnerHEI: "p.example", state: .pending, retrying: true, count: 2),
            QueueCount(api: "iia-cnr", partnerHEI: "p.example", state: .dead, retrying: false, count: 1),
            QueueCount(api: "iia-cnr", partnerHEI: "p.example", state: .delivered, retrying: false, count: 7),
            QueueCount(api: "iia-cnr", partnerHEI: "r.example", state: .rejected, retrying: false, count: 3),
        ]
        let partners = NetworkPartner.list(catalogue: Self.catalogue, covered: [HEIID("A.example")], syncStates: syncs, queueCounts: counts)
        #expect(partners.map(\.heiID.value) == ["gone.example", "p.example", "q.example", "r.example"])

        let p = try #require(partners.first { $0.heiID == "p.example" })
        #expect(p.name == "Partner University")
        #expect(p.apis.map { "\($0.name) \($0.version)" } == ["echo 2.0.0", "iias 7.0.0"])
        #expect(p.lastSyncAt == Self.t0 && p.lastSyncError == nil)
        #expect(p.pending == 2 && p.failed == 1)

        let gone = try #require(partners.first { $0.heiID == "gone.example" })
        #expect(gone.name == nil && gone.apis.isEmpty)
        #expect(gone.lastSyncAt == nil && gone.lastSyncError == "HTTP 500")
        #expect(partners.first { $0.heiID == "r.example" }?.failed == 3)

        // Without a catalogue, only what the history names.
        let bare = NetworkPartner.list(catalogue: nil, covered: [HEIID("a.example")], syncStates: syncs, queueCounts: [])
        #expect(bare.map(\.heiID.value) == ["gone.example", "p.example"])
    }

    @Test("a failed attempt older than the last success is no longer the partner's error")
    func staleError() {
        let syncs = [
            SyncState(api: "iias", localHEI: "a.example", partnerHEI: "p.example", lastSuccessAt: Self.t0, lastAttemptAt: Self.t0),
            SyncState(api: "omobility-las", localHEI: "a.example", partnerHEI: "p.example", lastAttemptAt: Self.t0 - 60, lastError: "timeout"),
            SyncState(api: "imobility-tors", localHEI: "a.example", partnerHEI: "q.example", lastSuccessAt: Self.t0 - 60,
                      lastAttemptAt: Self.t0, lastError: "HTTP 503"),
        ]
        let partners = NetworkPartner.list(catalogue: nil, covered: [], syncStates: syncs, queueCounts: [])
        #expect(partners.first { $0.heiID == "p.example" }?.lastSyncError == nil)
        #expect(partners.first { $0.heiID == "q.example" }?.lastSyncError == "HTTP 503")
    }

    @Test("search: id or name, case-insensitive; blank matches all")
    func search() throws {
        let partners = NetworkPartner.list(catalogue: Self.catalogue, covered: [HEIID("a.example")], syncStates: [], queueCounts: [])
        #expect(partners.filter { $0.matches("UNIVERSITY") }.map(\.heiID.value) == ["p.example"])
        #expect(partners.filter { $0.matches("q.EX") }.map(\.heiID.value) == ["q.example"])
        #expect(partners.filter { $0.matches("  ") }.count == 2)
        #expect(partners.filter { $0.matches("nowhere") }.isEmpty)
    }
}
