import EWPNotifications
import EWPXML
import Foundation

/// Reading a partner's `get` and `index` answers: the element of each object and its id.
enum PulledAnswer {
    /// The trimmed text of the first child named `name`, nil if there is none.
    static func text(_ element: XElement, _ name: String) -> String? {
        element.children.first { $0.name == name }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The `name` children of an `index` answer, trimmed.
    static func ids(_ root: XElement, named name: String) -> [String] {
        root.children.filter { $0.name == name }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The `name` children of a `get` answer with their id (those without one are left out).
    static func objects(_ root: XElement, named name: String, id: (XElement) -> String?) -> [(id: String, element: XElement)] {
        root.children.filter { $0.name == name }.compactMap { element in
            guard let id = id(element), !id.isEmpty else { return nil }
            return (id, element)
        }
    }
}
