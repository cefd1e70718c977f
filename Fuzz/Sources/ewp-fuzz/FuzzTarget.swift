/// The fuzz targets: each feeds libFuzzer's bytes to the public entry point the node uses for
/// outside bytes of one kind, then to the readers built on it.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// The hardened XML parser: tree, element lines, XSD validation, writer round trip.
    case xml
    /// IIAs get/index responses: the IIA model reader, hash, pull-source id lookup.
    case iias
    /// OMobility LAs get responses (LA reader, guideline checks) and update requests.
    case las
    /// IMobility ToRs get responses (v2 and v3) with their ELMO documents.
    case tors
    /// Outgoing Mobilities and Incoming Mobilities responses (nominations and the answers to them).
    case mobilities
    /// The Registry catalogue (streaming reader, key index, lookups).
    case catalogue
    /// Query and form decoding, with the encode/decode round trip.
    case form
    /// Request parameters of CNRs and of get/index requests.
    case parameters
    /// `Authorization: Signature` / `Signature` headers through the request authenticator and the
    /// response verifier.
    case signature
    /// `Digest` headers.
    case digest
    /// RFC 1123 dates (`Date`, `Original-Date`).
    case httpdate

    func run(_ bytes: [UInt8]) {
        switch self {
        case .xml: XMLTargets.xml(bytes)
        case .iias: XMLTargets.iias(bytes)
        case .las: XMLTargets.las(bytes)
        case .tors: XMLTargets.tors(bytes)
        case .mobilities: XMLTargets.mobilities(bytes)
        case .catalogue: XMLTargets.catalogue(bytes)
        case .form: TextTargets.form(bytes)
        case .parameters: TextTargets.parameters(bytes)
        case .signature: HeaderTargets.signature(bytes)
        case .digest: HeaderTargets.digest(bytes)
        case .httpdate: HeaderTargets.httpDate(bytes)
        }
    }
}
