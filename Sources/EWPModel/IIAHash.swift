import EWPCrypto
import EWPXML

/// The IIAs v7 `iia-hash`, computed natively exactly as the official XSLT 2.0 stylesheet
/// `ewp-specs-api-iias/resources/xsltKit/transform_version_7.xsl` computes it (IIAs API v7 README ›
/// IIA hash calculation).
///
/// Every rule below is the stylesheet's, including the ones its README leaves out:
/// - Names are matched by local name only, in any namespace (`*[local-name()='…']`).
/// - `_@terminated-as-a-whole@_` comes first when a `cooperation-conditions` element has a
///   `terminated-as-a-whole` attribute (any namespace) whose value is exactly `true` or `1`. The
///   stylesheet looks for it in the whole document, so one terminated IIA marks every IIA of a
///   multi-IIA response; we compute what it gives for a document holding this IIA alone.
/// - Then `_iia-id_<i>=<value>_` for each `partner` child (position i); an absent and an empty
///   `iia-id` give the same `_iia-id_2=_`.
/// - Then, per child M of `cooperation-conditions` (every mobility spec, in document order), every
///   descendant element E of M in document order, unless E has a `sending-contact` or
///   `receiving-contact` ancestor, E is named `receiving-first-academic-year-id` or
///   `receiving-last-academic-year-id`, or E or ANY ancestor (M, `cooperation-conditions` and the
///   `iia` included) has an unqualified `not-yet-defined` equal to exactly `true` or `1` (the
///   string comparison does not collapse whitespace: `" true"`, valid for the XSD, does not count):
///   - each attribute of E in document order (namespaced ones such as `xsi:type` included, local
///     name only), except unqualified `not-yet-defined` and `v6-value`: `_@gp.p.E.A=value@_`;
///   - if E has no child element: `_gp.p.E=value_` with E's text exactly as parsed (no trimming;
///     CDATA and character references count, comments and processing instructions do not); for
///     `isced-f-code` the value is its unqualified `v6-value` when that is non-empty.
///   The contact elements themselves are visited (only their descendants are skipped): their
///   attributes count, and so would their text if they had no child element (the schema requires
///   `contact-name`, so a valid contact never does).
///   After M's descendants: `_receiving-first-academic-year-id=<v>_` and
///   `_receiving-last-academic-year-id=<v>_` from M's first such children, always, even when
///   `not-yet-defined` hides everything else of M.
/// - `iia-hash` is the lowercase hex SHA-256 of the UTF-8 text.
///
/// Works on `XElement`, which keeps everything the stylesheet reads for a schema-valid IIA: leaf
/// text exactly as parsed, attributes in document order. `XElement` does not keep the order of text
/// relative to child elements, so for mixed content (an `iia-id` or academic-year element with a
/// child element, which the schema forbids) the element's own text is taken before its children's.
public enum IIAHash {
    /// The text-to-hash of one `iia` element (IIAs v7 get-response), exactly as the official
    /// transform_version_7.xsl computes it (IIAs API v7 README › IIA hash calculation) for a
    /// document holding this IIA alone.
    public static func textToHash(_ iia: XElement) -> String {
        String(decoding: utf8TextToHash(iia), as: UTF8.self)
    }

    /// Lowercase hex SHA-256 of `textToHash`: the value of `iia-hash`.
    public static func hash(_ iia: XElement) -> String {
        SHA256Hash.hex(utf8TextToHash(iia))
    }

    /// False when the stylesheet adds `<valid-for-approval>false</valid-for-approval>`: some
    /// element (anywhere in the IIA) has an unqualified `not-yet-defined` equal to `true` or `1`,
    /// or a non-empty unqualified `v6-value`. Such an IIA must not be approved.
    public static func isValidForApproval(_ iia: XElement) -> Bool {
        !anyElement(iia) { isNotYetDefined($0) || !($0.attribute("v6-value") ?? "").isEmpty }
    }

    /// The text-to-hash as UTF-8 bytes (what is hashed), without a detour through `String`.
    public static func utf8TextToHash(_ iia: XElement) -> [UInt8] {
        var out = TextToHash()
        if anyElement(iia, where: isTerminatedAsAWhole) { out.append("_@terminated-as-a-whole@_") }

        var position = 0
        for partner in iia.children where partner.name == "partner" {
            position += 1
            out.dumpElement(partner.children.first { $0.name == "iia-id" }, name: "iia-id_\(position)")
        }

        let iiaHidden = isNotYetDefined(iia)
        let iiaInContact = isContact(iia)
        for conditions in iia.children where conditions.name == "cooperation-conditions" {
            let conditionsHidden = iiaHidden || isNotYetDefined(conditions)
            let conditionsInContact = iiaInContact || isContact(conditions)
            for spec in conditions.children {
                let context = Context(grandparent: conditions.name, parent: spec.name,
                                      inContact: conditionsInContact || isContact(spec),
                                      hidden: conditionsHidden || isNotYetDefined(spec))
                for i in spec.children.indices { out.visit(spec.children[i], context) }
                out.dumpElement(spec.children.first { $0.name == firstYear }, name: firstYear)
                out.dumpElement(spec.children.first { $0.name == lastYear }, name: lastYear)
            }
        }
        return out.bytes
    }

    static let firstYear = "receiving-first-academic-year-id"
    static let lastYear = "receiving-last-academic-year-id"

    /// `@not-yet-defined='true' or @not-yet-defined='1'`: an exact string comparison.
    static func isNotYetDefined(_ e: XElement) -> Bool {
        guard let v = e.attribute("not-yet-defined") else { return false }
        return v == "true" || v == "1"
    }

    static func isContact(_ e: XElement) -> Bool {
        e.name == "sending-contact" || e.name == "receiving-contact"
    }

    /// `ewp:dumpTerminated(//*[local-name()='cooperation-conditions']/@*[local-name()='terminated-as-a-whole'])`.
    static func isTerminatedAsAWhole(_ e: XElement) -> Bool {
        e.name == "cooperation-conditions"
            && e.attributes.contains { $0.name == "terminated-as-a-whole" && ($0.value == "true" || $0.value == "1") }
    }

    /// Whether `e` or any element below it satisfies `test`.
    static func anyElement(_ e: XElement, where test: (XElement) -> Bool) -> Bool {
        if test(e) { return true }
        // Indices, not `for child in`: iterating copies each element (a retain per stored reference).
        for i in e.children.indices where anyElement(e.children[i], where: test) { return true }
        return false
    }
}

/// Where a descendant of a mobility spec sits: the names of its parent and grandparent, and what
/// its ancestors decide for it.
struct Context {
    var grandparent: String
    var parent: String
    var inContact: Bool   // a strict ancestor is sending-contact or receiving-contact
    var hidden: Bool      // an ancestor has not-yet-defined true/1
}

/// The text under construction, as UTF-8.
struct TextToHash {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `ewp:dumpElement`: `_name=value_`, an absent element giving an empty value.
    mutating func dumpElement(_ e: XElement?, name: String) {
        bytes.append(UInt8(ascii: "_"))
        append(name)
        appendValue(e)
    }

    /// `ewp:dumpElement` for a descendant of a mobility spec: `_gp.p.E=value_`.
    mutating func dumpElement(_ e: XElement, _ context: Context) {
        bytes.append(UInt8(ascii: "_"))
        appendPath(context, e.name)
        appendValue(e)
    }

    /// `gp.p.E`
    mutating func appendPath(_ context: Context, _ name: String) {
        append(context.grandparent)
        bytes.append(UInt8(ascii: "."))
        append(context.parent)
        bytes.append(UInt8(ascii: "."))
        append(name)
    }

    /// `=value_`: for `isced-f-code` its non-empty `v6-value`, else the string value.
    mutating func appendValue(_ e: XElement?) {
        bytes.append(UInt8(ascii: "="))
        if let e {
            if e.name == "isced-f-code", let v6 = e.attribute("v6-value"), !v6.isEmpty {
                append(v6)
            } else {
                appendStringValue(e)
            }
        }
        bytes.append(UInt8(ascii: "_"))
    }

    /// The XPath string value: all descendant text. Exact for elements without child elements.
    mutating func appendStringValue(_ e: XElement) {
        append(e.text)
        for child in e.children { appendStringValue(child) }
    }

    /// The stylesheet's inner `for-each select=".//*"` body for `e`, then `e`'s descendants.
    mutating func visit(_ e: XElement, _ context: Context) {
        let hidden = context.hidden || IIAHash.isNotYetDefined(e)
        if !context.inContact, !hidden, e.name != IIAHash.firstYear, e.name != IIAHash.lastYear {
            for a in e.attributes where !(a.namespace.isEmpty && (a.name == "not-yet-defined" || a.name == "v6-value")) {
                append("_@")
                appendPath(context, e.name)
                bytes.append(UInt8(ascii: "."))
                append(a.name)
                bytes.append(UInt8(ascii: "="))
                append(a.value)
                append("@_")
            }
            if e.children.isEmpty { dumpElement(e, context) }
        }
        guard !e.children.isEmpty else { return }
        let inner = Context(grandparent: context.parent, parent: e.name,
                            inContact: context.inContact || IIAHash.isContact(e), hidden: hidden)
        for i in e.children.indices { visit(e.children[i], inner) }
    }
}
