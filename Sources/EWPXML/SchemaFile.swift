/// File names in `Schemas/` for `SchemaCache.schema(_:)` (naming rule in Schemas/README.md).
public enum SchemaFile {
    /// `error-response` (and every common type).
    public static let errorResponse = "common-types.xsd"
    /// Echo v2 `response`.
    public static let echoResponse = "echo-response.xsd"
    /// Discovery v6 `manifest` WITH every API entry and security method we know, so the lax
    /// wildcards are checked. Use this, not `discovery-manifest.xsd`, to validate manifests.
    public static let manifest = "manifest-with-entries.xsd"
    /// Registry v1 `catalogue`, with the API entries inside `apis-implemented` left to the lax
    /// wildcard: a partner's entry written for a newer minor version of an API must not make the
    /// whole catalogue (and with it every partner's keys) unusable. Our own manifest is checked
    /// strictly with `manifest` instead.
    public static let catalogue = "registry-catalogue.xsd"

    /// The empty responses of the four CNR APIs (IIA v3, IIA Approval v2, OMobility LA v1, IMobility ToR v1).
    public static let iiaCNRResponse = "iia-cnr-response.xsd"
    public static let iiaApprovalCNRResponse = "iia-approval-cnr-response.xsd"
    public static let omobilityLACNRResponse = "omobility-la-cnr-response.xsd"
    public static let imobilityToRCNRResponse = "imobility-tor-cnr-response.xsd"
    /// IMobility ToR CNR v2 (beside ToRs v3, `_supplemental`): same element, stable-v2 namespace.
    public static let imobilityToRCNRv2Response = "imobility-tor-cnr-v2-response.xsd"
    /// Outgoing Mobility CNR v1 and Incoming Mobility CNR v1.
    public static let omobilityCNRResponse = "omobility-cnr-response.xsd"
    public static let imobilityCNRResponse = "imobility-cnr-response.xsd"
    /// OMobility LA CNR v1 `las-incoming-stats-response`.
    public static let omobilityLACNRStatsResponse = "omobility-la-cnr-stats-response.xsd"

    /// IIAs v7 `iias-get-response`, `iias-index-response`, `iias-stats-response`.
    public static let iiasGetResponse = "iias-get-response.xsd"
    public static let iiasIndexResponse = "iias-index-response.xsd"
    public static let iiasStatsResponse = "iias-stats-response.xsd"
    /// IIAs Approval v2 `iias-approval-response`.
    public static let iiasApprovalResponse = "iias-approval-response.xsd"
    /// Institutions v2, Organizational Units v2, Mobility Factsheet v1 responses.
    public static let institutionsResponse = "institutions-response.xsd"
    public static let ounitsResponse = "ounits-response.xsd"
    public static let factsheetResponse = "factsheet-response.xsd"

    /// OMobility LAs v1 get / index / stats responses, the update request (XML POSTed by the
    /// receiving HEI) and its response.
    public static let omobilityLAsGetResponse = "omobility-las-get-response.xsd"
    public static let omobilityLAsIndexResponse = "omobility-las-index-response.xsd"
    public static let omobilityLAsStatsResponse = "omobility-las-stats-response.xsd"
    public static let omobilityLAsUpdateRequest = "omobility-las-update-request.xsd"
    public static let omobilityLAsUpdateResponse = "omobility-las-update-response.xsd"

    /// IMobility ToRs v2 get (with EMREX ELMO v1 inside) and index responses.
    public static let imobilityToRsGetResponse = "imobility-tors-get-response.xsd"
    public static let imobilityToRsIndexResponse = "imobility-tors-index-response.xsd"

    /// IMobility ToRs v3 (ELMO v2) get and index responses (v3.0.0 from the Registry Service).
    public static let imobilityToRsV3GetResponse = "imobility-tors-v3-get-response.xsd"
    public static let imobilityToRsV3IndexResponse = "imobility-tors-v3-index-response.xsd"

    /// Outgoing Mobilities v2 get and index responses; Incoming Mobilities v1 get response.
    public static let omobilitiesGetResponse = "omobilities-get-response.xsd"
    public static let omobilitiesIndexResponse = "omobilities-index-response.xsd"
    public static let imobilitiesGetResponse = "imobilities-get-response.xsd"

    /// Every file named above.
    public static let all = [
        errorResponse, echoResponse, manifest, catalogue,
        iiaCNRResponse, iiaApprovalCNRResponse, omobilityLACNRResponse, imobilityToRCNRResponse, imobilityToRCNRv2Response, omobilityLACNRStatsResponse,
        iiasGetResponse, iiasIndexResponse, iiasStatsResponse, iiasApprovalResponse,
        institutionsResponse, ounitsResponse, factsheetResponse,
        omobilityLAsGetResponse, omobilityLAsIndexResponse, omobilityLAsStatsResponse, omobilityLAsUpdateRequest,
        omobilityLAsUpdateResponse, imobilityToRsGetResponse, imobilityToRsIndexResponse,
        imobilityToRsV3GetResponse, imobilityToRsV3IndexResponse,
        omobilityCNRResponse, imobilityCNRResponse, omobilitiesGetResponse, omobilitiesIndexResponse, imobilitiesGetResponse,
    ]
}
