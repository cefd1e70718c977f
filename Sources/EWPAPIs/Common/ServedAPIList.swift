/// The one list of served APIs, in manifest order: the router, the manifest and the URLs all read
/// it. A new API is a folder in EWPAPIs (its endpoints, manifest entry and handler) and one line here.
public enum ServedAPIList {
    public static let all: [ServedAPI] = [
        EchoAPI.served,
        IIAsApprovalAPI.served,
        IIACNRAPI.served,
        IIAApprovalCNRAPI.served,
        OMobilityLACNRAPI.served,
        IMobilityToRCNRAPI.served,
        IMobilityToRCNRv2API.served,
        OMobilityCNRAPI.served,
        IMobilityCNRAPI.served,
        InstitutionsAPI.served,
        OUnitsAPI.served,
        FactsheetAPI.served,
        IIAsAPI.served,
        OMobilityLAsAPI.served,
        IMobilityToRsAPI.served(.v2),
        IMobilityToRsAPI.served(.v3),
        OMobilitiesAPI.served,
        IMobilitiesAPI.served,
    ]

    /// Every endpoint by its path below the HEI base (a path twice is a programming error).
    public static let byPath: [String: (api: ServedAPI, endpoint: ServedEndpoint)] = Dictionary(uniqueKeysWithValues: all.flatMap { api in
        api.endpoints.map { ($0.path, (api, $0)) }
    })
}
