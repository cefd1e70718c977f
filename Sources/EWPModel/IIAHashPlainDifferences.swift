import Foundation

extension IIAHash {
    /// How two copies' cooperation conditions differ, in words for the people who approve them
    /// (the console), one line per difference; empty when they agree. Conditions are matched by
    /// kind and direction (sending and receiving HEI), not by position, so two copies listing the
    /// same conditions in another order agree. The `iia-id` fields are left out: each copy lists
    /// its own institution's id first. Nil when a text does not read as a text-to-hash (then
    /// `explainDifference` says where the characters differ).
    public static func plainDifferences(ours: String, theirs: String) -> [String]? {
        guard let a = HashField.parse(ours), let b = HashField.parse(theirs) else { return nil }
        var lines: [String] = []
        let (aHead, aBody) = HashField.splitHead(a)
        let (bHead, bBody) = HashField.splitHead(b)
        let aTerminated = aHead.contains { $0.isTerminated }, bTerminated = bHead.contains { $0.isTerminated }
        if aTerminated != bTerminated {
            lines.append(aTerminated ? "Our copy terminates the agreement as a whole; the partner's does not."
                                     : "The partner's copy terminates the agreement as a whole; ours does not.")
        }
        let ourConditions = CooperationCondition.split(aBody), theirConditions = CooperationCondition.split(bBody)
        var unmatched = theirConditions
        for condition in ourConditions {
            guard let k = unmatched.firstIndex(where: { $0.key == condition.key }) else {
                lines.append("\(condition.title): only in our copy.")
                continue
            }
            let other = unmatched.remove(at: k)
            let changes = condition.differences(from: other)
            if !changes.isEmpty { lines.append("\(condition.title): " + changes.joined(separator: "; ") + ".") }
        }
        lines.append(contentsOf: unmatched.map { "\($0.title): only in the partner's copy." })
        return lines
    }
}

/// One cooperation condition of a text-to-hash: its kind, direction and fields.
struct CooperationCondition {
    struct Key: Equatable {
        var kind: String
        var sending: String
        var receiving: String
    }

    var key: Key
    var fields: [HashField]

    /// The conditions in order: each starts at its `sending-hei-id`, the first child of every kind.
    static func split(_ body: [HashField]) -> [CooperationCondition] {
        var conditions: [CooperationCondition] = []
        for field in body {
            let parts = field.name.split(separator: ".").map(String.init)
            if !field.isAttribute, parts.count == 3, parts[0] == "cooperation-conditions", parts[2] == "sending-hei-id" || conditions.isEmpty {
                conditions.append(CooperationCondition(key: Key(kind: parts[1], sending: "", receiving: ""), fields: []))
            }
            guard !conditions.isEmpty else { continue }
            if !field.isAttribute, parts.count == 3, parts[0] == "cooperation-conditions" {
                if parts[2] == "sending-hei-id" { conditions[conditions.count - 1].key.sending = field.value }
                if parts[2] == "receiving-hei-id" { conditions[conditions.count - 1].key.receiving = field.value }
            }
            conditions[conditions.count - 1].fields.append(field)
        }
        return conditions
    }

    static let kinds = [
        "student-studies-mobility-spec": "Student mobility for studies",
        "student-traineeship-mobility-spec": "Student mobility for traineeships",
        "staff-teacher-mobility-spec": "Staff mobility for teaching",
        "staff-training-mobility-spec": "Staff mobility for training",
    ]

    var title: String {
        "\(Self.kinds[key.kind] ?? key.kind), from \(key.sending) to \(key.receiving)"
    }

    /// "mobilities per year: ours 2, theirs 3", for each field whose values differ.
    func differences(from other: CooperationCondition) -> [String] {
        let ours = Self.values(fields), theirs = Self.values(other.fields)
        var labels = ours.map(\.label)
        for (label, _) in theirs where !labels.contains(label) { labels.append(label) }
        return labels.compactMap { label in
            let a = ours.first { $0.label == label }?.value, b = theirs.first { $0.label == label }?.value
            guard a != b else { return nil }
            return "\(label): ours \(a.map(HashField.quoted) ?? "(none)"), theirs \(b.map(HashField.quoted) ?? "(none)")"
        }
    }

    /// The fields by label, a repeated field's values joined in order.
    static func values(_ fields: [HashField]) -> [(label: String, value: String)] {
        var out: [(label: String, value: String)] = []
        for field in fields {
            let label = Self.label(field)
            if let i = out.firstIndex(where: { $0.label == label }) { out[i].value += ", " + field.value } else { out.append((label, field.value)) }
        }
        return out
    }

    /// A field's name in words: the path below the condition, `-` as spaces.
    static func label(_ field: HashField) -> String {
        switch field.name {
        case IIAHash.firstYear: return "first academic year"
        case IIAHash.lastYear: return "last academic year"
        default:
            var parts = field.name.split(separator: ".").map(String.init)
            if parts.first == "cooperation-conditions" { parts.removeFirst() }
            if let first = parts.first, first.hasSuffix("-mobility-spec") { parts.removeFirst() }
            let words = parts.map { $0.replacingOccurrences(of: "-", with: " ") }.joined(separator: ", ")
            return field.isAttribute ? "attribute " + words : words
        }
    }
}
