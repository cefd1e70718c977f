import EWPAPIs
import EWPNotifications
import Testing

/// The lists the router, the manifest and the engine read: one descriptor per key, every key as
/// stored in databases, every reference between them resolvable.
@Suite("API lists: consistent and with the stored keys unchanged")
struct APIListsTests {
    @Test("Queue keys and pulled-source keys are byte-identical to what databases hold")
    func storedKeys() {
        #expect(CNRAPIList.all.all.map(\.api.rawValue) == ["iia-cnr", "iia-approval-cnr", "omobility-la-cnr", "imobility-tor-cnr", "omobility-cnr", "imobility-cnr"])
        #expect(PulledAPIList.all.all.map(\.source.rawValue) == ["iias", "iias-approval", "omobility-las", "imobility-tors", "omobilities", "imobilities"])
        #expect(PullSource.indexed.map(\.rawValue) == ["iias", "omobility-las", "imobility-tors", "omobilities"])
        // The keys the storages write into their notifications are the descriptors' keys.
        #expect(OwnIIAStorage.notificationAPI == IIACNR().api.rawValue)
        #expect(OwnLAStorage.notificationAPI == OMobilityLACNR().api.rawValue)
        #expect(OwnToRStorage.notificationAPI == IMobilityToRCNR().api.rawValue)
        #expect(OwnOMobilityStorage.notificationAPI == OMobilityCNR().api.rawValue)
        #expect(OwnNominationAnswerStorage.notificationAPI == IMobilityCNR().api.rawValue)
    }

    @Test("Every key names one descriptor; every CNR's sources are pulled APIs; every pulled API is notified by one CNR")
    func references() {
        let cnrs = CNRAPIList.all.all, pulled = PulledAPIList.all
        #expect(Set(cnrs.map(\.api)).count == cnrs.count)
        #expect(Set(pulled.all.map(\.source)).count == pulled.all.count)
        for cnr in cnrs {
            #expect(pulled[cnr.source] != nil, "\(cnr.api) pulls from \(cnr.source), which no pulled API describes")
            #expect(pulled[cnr.counterpartSource]?.isIndexed == true, "\(cnr.api) registers \(cnr.counterpartSource) for index-sync, which has no index")
            #expect(!cnr.entries.isEmpty && cnr.entries.allSatisfy { $0.name == cnr.api.rawValue })
            #expect(cnr.entries.map(\.majorVersion) == cnr.entries.map(\.majorVersion).sorted(by: >), "\(cnr.api): entries newest first")
        }
        for api in pulled.all {
            #expect(cnrs.filter { $0.source == api.source }.count == 1, "\(api.source) must be notified by exactly one CNR API")
            #expect(CNRAPIList.all.notifying(api.source) != nil)
            #expect(!api.entries.isEmpty)
            #expect(api.entries.map(\.majorVersion) == api.entries.map(\.majorVersion).sorted(by: >), "\(api.source): entries newest first")
        }
    }
}
