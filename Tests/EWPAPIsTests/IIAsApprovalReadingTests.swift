import EWPAPIs
import EWPXML
import Testing

/// An `approval` element read back: what the stored approvals and a partner's answers are compared by.
@Suite struct IIAsApprovalReadingTests {
    private let namespace = IIAsApprovalAPI.responseNamespace

    private func approval(id: String?, hash: String?) -> XElement {
        XElement("approval", namespace: namespace, children: [
            id.map { XElement("iia-id", namespace: namespace, text: $0) },
            hash.map { XElement("iia-hash", namespace: namespace, text: $0) },
        ].compactMap { $0 })
    }

    @Test func readsWhatTheWriterWrites() throws {
        let written = IIAsApprovalAPI.Approval(iiaID: "IIA-1", iiaHash: String(repeating: "ab", count: 32))
        let document = XMLWriter.document(IIAsApprovalAPI.element(written))
        #expect(IIAsApprovalAPI.Approval(try XMLReader.parse(document)) == written)
        #expect(StoredIIAApprovals.approvedHash(document) == written.iiaHash)
    }

    @Test func trimsBothAndLowercasesTheHashOnly() {
        let read = IIAsApprovalAPI.Approval(approval(id: "  Partner-IIA  ", hash: "\n ABCDEF \n"))
        #expect(read == IIAsApprovalAPI.Approval(iiaID: "Partner-IIA", iiaHash: "abcdef"))
    }

    @Test(arguments: [(nil, "abc"), ("id", nil), ("  ", "abc"), ("id", " ")] as [(String?, String?)])
    func refusesAnApprovalWithoutIdOrHash(id: String?, hash: String?) {
        #expect(IIAsApprovalAPI.Approval(approval(id: id, hash: hash)) == nil)
    }

    @Test func refusesAnotherElement() {
        let other = XElement("iia", namespace: namespace, children: [XElement("iia-id", namespace: namespace, text: "x"),
                                                                    XElement("iia-hash", namespace: namespace, text: "y")])
        #expect(IIAsApprovalAPI.Approval(other) == nil)
        #expect(StoredIIAApprovals.approvedHash(Array("not xml".utf8)) == nil)
    }
}
