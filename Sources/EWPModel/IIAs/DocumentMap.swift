import EWPXML

/// Every element of a parsed document with its XPath-like path (`/iias-get-response/iia[2]/partner[1]/iia-code`:
/// a position only where siblings share the name) and, given `XMLReader.elementLines` of the same
/// bytes, its line: for messages that say exactly which element is wrong.
public struct DocumentMap: Sendable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var path: String
        public var line: Int?
    }

    /// In preorder, the order of `XMLReader.elementLines`.
    public let entries: [Entry]
    private let root: XElement

    public init(root: XElement, lines: [Int]) {
        self.root = root
        var entries: [Entry] = []
        func walk(_ element: XElement, path: String) {
            entries.append(Entry(name: element.name, path: path, line: lines.indices.contains(entries.count) ? lines[entries.count] : nil))
            var seen: [String: Int] = [:]
            let counts = Dictionary(element.children.map { ($0.namespace + " " + $0.name, 1) }, uniquingKeysWith: +)
            for child in element.children {
                let key = child.namespace + " " + child.name
                seen[key, default: 0] += 1
                walk(child, path: path + "/" + child.name + (counts[key, default: 0] > 1 ? "[\(seen[key]!)]" : ""))
            }
        }
        walk(root, path: "/" + root.name)
        self.entries = entries
    }

    /// The element reached from the root through the child positions `location` (nil if a position is out of range).
    public func entry(at location: [Int]) -> Entry? {
        var element = root
        var index = 0
        for position in location {
            guard element.children.indices.contains(position) else { return nil }
            // Before the child in preorder: the parent, then every earlier sibling's subtree.
            index += 1 + element.children[..<position].reduce(0) { $0 + Self.size($1) }
            element = element.children[position]
        }
        return entries[index]
    }

    /// The first element named `name` (any, if nil) that starts on `line`.
    public func entry(line: Int, name: String?) -> Entry? {
        entries.first { $0.line == line && (name == nil || $0.name == name) } ?? entries.first { $0.line == line }
    }

    private static func size(_ element: XElement) -> Int {
        1 + element.children.reduce(0) { $0 + size($1) }
    }
}
