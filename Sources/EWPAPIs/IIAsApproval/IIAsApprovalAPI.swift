import EWPXML
import Logging

/// IIAs Approval API v2 (ewp-specs-api-iias-approval): a partner asks which of ITS copies of IIAs we
/// approved, and with which iia-hash. `iia_id` names the caller's own ids. The server only returns
/// stored approvals; all checking happened when we approved (IIAs Approval API v2).
public enum IIAsApprovalAPI {
    public static let version = "2.0.0"
    public static let maxIIAIDs = 100
    public static let responseNamespace = "https://github.com/erasmus-without-paper/ewp-specs-api-iias-approval/tree/stable-v2"
    static let entryNamespace = "https://github.com/erasmus-without-paper/ewp-specs-api-iias-approval/blob/stable-v2/manifest-entry.xsd"

    public struct Approval: Sendable, Equatable {
        public var iiaID: String
        public var iiaHash: String
        public init(iiaID: String, iiaHash: String) {
            self.iiaID = iiaID
            self.iiaHash = iiaHash
        }
    }

    public static func manifestEntry(url: String) -> XElement {
        XElement("iias-approval", namespace: entryNamespace, attributes: [XAttribute("version", namespace: "", value: version)], children: [
            HTTPSecurityOptions.element(inEntryNamespace: entryNamespace),
            XElement("url", namespace: entryNamespace, text: url),
            XElement("max-iia-ids", namespace: entryNamespace, text: String(maxIIAIDs)),
        ])
    }

    /// The caller's iia ids: required, at most `maxIIAIDs` (duplicates kept once).
    public static func requestedIDs(_ parameters: RequestParameters) throws(APIRequestError) -> [String] {
        try parameters.requiredIDs("iia_id", max: maxIIAIDs)
    }

    /// One `approval` element (also the form we store our approvals in).
    public static func element(_ approval: Approval) -> XElement {
        XElement("approval", namespace: responseNamespace, children: [
            XElement("iia-id", namespace: responseNamespace, text: approval.iiaID),
            XElement("iia-hash", namespace: responseNamespace, text: approval.iiaHash),
        ])
    }

    public static func response(_ approvals: [Approval]) -> XElement {
        XElement("iias-approval-response", namespace: responseNamespace, children: approvals.map(element))
    }
}

extension IIAsApprovalAPI {
    public static let endpoint = ServedEndpoint("iias-approval")
    public static let served = ServedAPI(endpoint, manifestEntry: manifestEntry(url:), handle: handle)

    /// `get`: our stored approvals of the caller's copies. The caller's HEIs come from its key, so a
    /// HEI only ever sees approvals of its own IIAs; unknown or unapproved ids are left out.
    static func handle(_ call: APICall, _ services: APIServices) async throws(APIRequestError) -> XElement {
        let ids = try requestedIDs(call.parameters)
        do {
            return response(try await IIAApprovals.approvals(store: services.store, localHEI: call.servedHEI.value, callerHEIs: call.requesterHEIs.map(\.value), ids: ids))
        } catch {
            services.logger.error("cannot read IIA approvals", metadata: ["error": .string("\(error)")])
            throw APIRequestError(status: .serviceUnavailable, "The approvals could not be read; retry later.")
        }
    }
}
