import EWPXML

/// Small systematic changes to a valid document, for checking that two schemas judge every one of
/// them alike: each element removed, duplicated, moved to the end of its parent; each leaf's text
/// replaced (empty, a word, zero, 300 digits); an unexpected child added to each non-leaf; each
/// attribute removed or set to a word. Deterministic, in document order. An element whose name,
/// parent's and grandparent's names and attribute names repeat an element already mutated (the
/// second course of a transcript, a contact's parts in the next cooperation condition) is not
/// mutated again, only searched for new ones below it.
enum Mutations {
    struct Mutation {
        let label: String
        let root: XElement
    }

    static let texts = ["", "x", "0", String(repeating: "9", count: 300)]
    static let unexpectedName = "ewp-node-unexpected"

    static func of(_ root: XElement) -> [Mutation] {
        var out: [Mutation] = []
        var seen = Set<String>()
        func add(_ label: String, _ path: ArraySlice<Int>, _ change: (inout XElement) -> Void) {
            out.append(Mutation(label: label, root: edit(root, path, change)))
        }
        func visit(_ e: XElement, _ path: [Int], _ label: String, names: [String], isLast: Bool) {
            defer {
                for (i, child) in e.children.enumerated() {
                    visit(child, path + [i], "\(label)/\(child.name)[\(i)]", names: names.suffix(2) + [child.name],
                          isLast: i == e.children.count - 1)
                }
            }
            let key = names.joined(separator: "/") + e.attributes.map { " @" + $0.name }.sorted().joined()
            guard seen.insert(key).inserted else { return }
            if e.children.isEmpty {
                for text in texts where text != e.text {
                    add("\(label): text \"\(text.prefix(8))\"", path[...]) { $0.text = text }
                }
            } else {
                add("\(label): unexpected child", path[...]) { $0.children.append(XElement(unexpectedName, namespace: e.namespace)) }
            }
            for (k, a) in e.attributes.enumerated() {
                add("\(label): @\(a.name) removed", path[...]) { $0.attributes.remove(at: k) }
                add("\(label): @\(a.name)=x", path[...]) { $0.attributes[k].value = "x" }
            }
            if let i = path.last {
                let parent = path.dropLast()
                add("\(label): removed", parent) { $0.children.remove(at: i) }
                add("\(label): duplicated", parent) { $0.children.insert($0.children[i], at: i + 1) }
                if !isLast { add("\(label): moved last", parent) { $0.children.append($0.children.remove(at: i)) } }
            }
        }
        visit(root, [], root.name, names: [root.name], isLast: true)
        return out
    }

    /// `root` with `change` applied to the element at `path` (child indexes from the root).
    static func edit(_ e: XElement, _ path: ArraySlice<Int>, _ change: (inout XElement) -> Void) -> XElement {
        var e = e
        if let i = path.first {
            e.children[i] = edit(e.children[i], path.dropFirst(), change)
        } else {
            change(&e)
        }
        return e
    }
}
