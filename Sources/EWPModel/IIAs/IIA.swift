import EWPXML

/// One `iia` element of an IIAs v7 get-response (ewp-specs-api-iias, endpoints/get.md), read for
/// what the node's logic needs: the two partners, the cooperation conditions and their academic
/// years, `in-effect`, termination. The element itself is kept whole in `element`: it is what we
/// store, hash and serve, so nothing of the document is lost.
///
/// Reading is lenient about what the logic does not use (unknown elements are kept, not checked)
/// and strict about what it does: exactly two partners with a `hei-id`, a boolean `in-effect`,
/// and academic-year ids that form a range in every mobility spec.
public struct IIA: Sendable, Equatable {
    public static let namespace = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"

    public struct Partner: Sendable, Equatable {
        public var heiID: String
        public var ounitID: String?
        public var iiaID: String?
        public var iiaCode: String?
        /// Position of this `partner` among the `iia` element's children.
        public var position: Int
    }

    /// The four kinds of mobility spec, in the order the schema requires them.
    public enum MobilityType: String, Sendable, CaseIterable {
        case studentStudies = "student-studies-mobility-spec"
        case studentTraineeship = "student-traineeship-mobility-spec"
        case staffTeacher = "staff-teacher-mobility-spec"
        case staffTraining = "staff-training-mobility-spec"
    }

    public struct CooperationCondition: Sendable, Equatable {
        public var type: MobilityType
        public var sendingHEI: String
        public var receivingHEI: String
        public var firstAcademicYear: AcademicYearID
        public var lastAcademicYear: AcademicYearID
        /// Position of this spec among the `cooperation-conditions` children.
        public var position: Int

        /// Every academic year from the first to the last receiving one.
        public var academicYears: [AcademicYearID] {
            AcademicYearID.years(from: firstAcademicYear, through: lastAcademicYear) ?? []
        }
    }

    /// Longest range of academic years one cooperation condition may cover (a typo guard: the
    /// index keeps one entry per year).
    public static let maxYearSpan = 100

    public let element: XElement
    public let partners: [Partner]
    public let inEffect: Bool
    /// `cooperation-conditions/@terminated-as-a-whole` is true.
    public let terminatedAsAWhole: Bool
    public let conditions: [CooperationCondition]
    /// Position of `cooperation-conditions` among the `iia` element's children.
    public let conditionsPosition: Int
    /// The `iia-hash` as written in the element (we never trust it: see `computedHash`).
    public let declaredHash: String?

    public init(_ element: XElement) throws(IIAProblem) {
        guard element.name == "iia" else { throw IIAProblem(at: [], "expected an iia element, found \(element.name)") }
        self.element = element
        let children = element.children
        let partners = Self.partners(of: element)
        guard partners.count == 2 else {
            throw IIAProblem(at: [], "an iia has exactly 2 partner elements (this one has \(partners.count))")
        }
        if let unnamed = partners.first(where: { $0.heiID.isEmpty }) {
            throw IIAProblem(at: [unnamed.position], "partner has no hei-id")
        }
        self.partners = partners

        guard let effectPosition = children.firstIndex(where: { $0.name == "in-effect" }) else {
            throw IIAProblem(at: [], "iia has no in-effect element")
        }
        guard let inEffect = Self.boolean(children[effectPosition].text) else {
            throw IIAProblem(at: [effectPosition], "in-effect must be true or false, not \"\(children[effectPosition].text)\"")
        }
        self.inEffect = inEffect

        guard let conditionsPosition = children.firstIndex(where: { $0.name == "cooperation-conditions" }) else {
            throw IIAProblem(at: [], "iia has no cooperation-conditions element")
        }
        self.conditionsPosition = conditionsPosition
        let conditionsElement = children[conditionsPosition]
        if let terminated = conditionsElement.attribute("terminated-as-a-whole") {
            guard let value = Self.boolean(terminated) else {
                throw IIAProblem(at: [conditionsPosition], "terminated-as-a-whole must be a boolean, not \"\(terminated)\"")
            }
            terminatedAsAWhole = value
        } else {
            terminatedAsAWhole = false
        }
        var conditions: [CooperationCondition] = []
        for (position, spec) in conditionsElement.children.enumerated() {
            guard let type = MobilityType(rawValue: spec.name) else { continue }
            conditions.append(try Self.condition(spec, type: type, location: [conditionsPosition, position]))
        }
        self.conditions = conditions
        declaredHash = Self.declaredHash(of: element)
    }

    /// The partner serving this copy: the first (IIAs API v7 endpoints/get.md).
    public var local: Partner { partners[0] }
    /// The other partner.
    public var partner: Partner { partners[1] }

    /// Every receiving academic year any cooperation condition covers, sorted, without duplicates:
    /// what `index` filters `receiving_academic_year_id` on (IIAs API v7 endpoints/index.md).
    public var receivingAcademicYears: [String] {
        Array(Set(conditions.flatMap(\.academicYears))).sorted().map(\.description)
    }

    /// Our own iia-hash of this element (EWPModel.IIAHash, IIAs API v7 README › IIA hash
    /// calculation); `declaredHash` is ignored.
    public var computedHash: String { IIAHash.hash(element) }

    /// The element with `iia-hash` set to `hash` (added before `pdf-file`, or last, if absent).
    /// Nothing the hash covers changes, so the result has the same hash.
    public func element(withHash hash: String) -> XElement {
        var copy = element
        if let position = copy.children.firstIndex(where: { $0.name == "iia-hash" }) {
            copy.children[position].text = hash
            copy.children[position].children = []
        } else {
            let at = copy.children.firstIndex(where: { $0.name == "pdf-file" }) ?? copy.children.endIndex
            copy.children.insert(XElement("iia-hash", namespace: Self.namespace, text: hash), at: at)
        }
        return copy
    }

    // MARK: - reading

    /// The `partner` blocks of an `iia` element as they are, without the checks of `init` (a block
    /// without `hei-id` reads with an empty one): what a pulled copy's id and mapping are read from.
    public static func partners(of element: XElement) -> [Partner] {
        element.children.indices.filter { element.children[$0].name == "partner" }.map { position in
            let partner = element.children[position]
            return Partner(heiID: text(partner, "hei-id") ?? "", ounitID: text(partner, "ounit-id"), iiaID: text(partner, "iia-id"),
                           iiaCode: text(partner, "iia-code"), position: position)
        }
    }

    /// The `iia-hash` an `iia` element declares, if any.
    public static func declaredHash(of element: XElement) -> String? { text(element, "iia-hash") }

    private static func condition(_ spec: XElement, type: MobilityType, location: [Int]) throws(IIAProblem) -> CooperationCondition {
        func required(_ name: String) throws(IIAProblem) -> (text: String, position: Int) {
            guard let position = spec.children.firstIndex(where: { $0.name == name }) else {
                throw IIAProblem(at: location, "\(type.rawValue) has no \(name)")
            }
            return (LexicalScanner.collapsed(spec.children[position].text), position)
        }
        let sending = try required("sending-hei-id")
        let receiving = try required("receiving-hei-id")
        let first = try required("receiving-first-academic-year-id")
        let last = try required("receiving-last-academic-year-id")
        guard let firstYear = AcademicYearID(first.text) else {
            throw IIAProblem(at: location + [first.position], AcademicYearID.problem(first.text) ?? "invalid academic year")
        }
        guard let lastYear = AcademicYearID(last.text) else {
            throw IIAProblem(at: location + [last.position], AcademicYearID.problem(last.text) ?? "invalid academic year")
        }
        guard firstYear.isSingleCalendarYear == lastYear.isSingleCalendarYear else {
            throw IIAProblem(at: location + [last.position],
                             "receiving-last-academic-year-id \(lastYear) and receiving-first-academic-year-id \(firstYear) use different forms (YYYY/YYYY+1 and YYYY/YYYY)")
        }
        guard lastYear >= firstYear else {
            throw IIAProblem(at: location + [last.position],
                             "receiving-last-academic-year-id \(lastYear) precedes receiving-first-academic-year-id \(firstYear)")
        }
        guard lastYear.startYear - firstYear.startYear < maxYearSpan else {
            throw IIAProblem(at: location + [last.position],
                             "the academic years \(firstYear) to \(lastYear) span more than \(maxYearSpan) years; is one of them mistyped?")
        }
        return CooperationCondition(type: type, sendingHEI: sending.text, receivingHEI: receiving.text,
                                    firstAcademicYear: firstYear, lastAcademicYear: lastYear, position: location.last ?? 0)
    }

    /// The trimmed text of the first child named `name`, nil if there is none.
    static func text(_ element: XElement, _ name: String) -> String? {
        element.children.first { $0.name == name }.map { LexicalScanner.collapsed($0.text) }
    }

    /// xs:boolean after whitespace collapsing.
    static func boolean(_ text: String) -> Bool? {
        switch LexicalScanner.collapsed(text) {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }
}
