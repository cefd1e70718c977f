import EWPModel
import EWPXML

/// Writing an `update` request (update-request.xsd), the receiving HEI's side: the body our node
/// POSTs to a partner's `update` endpoint, through the one XML writer. `signature` is in the
/// update-request namespace; its children (type `la:Signature`) are in the get-response namespace.
extension OMobilityLAsUpdateRequest {
    public var element: XElement {
        let ns = OMobilityLAsAPI.updateRequestNamespace
        let update: XElement
        switch action {
        case .approve:
            update = XElement(Self.approveName, namespace: ns, children: [
                XElement("omobility-id", namespace: ns, text: omobilityID),
                XElement("changes-proposal-id", namespace: ns, text: changesProposalID),
                Self.signatureElement(signature),
            ])
        case .comment(let text):
            update = XElement(Self.commentName, namespace: ns, children: [
                XElement("omobility-id", namespace: ns, text: omobilityID),
                XElement("changes-proposal-id", namespace: ns, text: changesProposalID),
                XElement("comment", namespace: ns, text: text),
                Self.signatureElement(signature),
            ])
        }
        return XElement(Self.rootName, namespace: ns, children: [XElement("sending-hei-id", namespace: ns, text: sendingHEI), update])
    }

    /// The serialized request (UTF-8; the get-response namespace declared once on the root as `la`).
    public var document: [UInt8] {
        XMLWriter.document(element, prefixes: [OMobilityLAsAPI.getResponseNamespace: "la"])
    }

    static func signatureElement(_ signature: Signature) -> XElement {
        let la = OMobilityLAsAPI.getResponseNamespace
        let fields: [(String, String?)] = [
            ("signer-name", signature.signerName), ("signer-position", signature.signerPosition),
            ("signer-email", signature.signerEmail), ("timestamp", signature.timestamp.text), ("signer-app", signature.signerApp),
        ]
        return XElement("signature", namespace: OMobilityLAsAPI.updateRequestNamespace,
                        children: fields.compactMap { name, value in value.map { XElement(name, namespace: la, text: $0) } })
    }
}
