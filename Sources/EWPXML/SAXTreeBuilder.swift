/// Builds the `XElement` tree from `XMLReader.stream`'s events: no libxml2 DOM is built and freed,
/// which halves the allocations (and glibc's consolidation work) for big documents.
struct SAXTreeBuilder: XMLEventHandler {
    private struct Frame {
        var name: String
        var namespace: String
        var attributes: [XAttribute]
        var children: [XElement] = []
        var text = ""
    }

    private var stack: [Frame] = []
    var root: XElement?

    init() { stack.reserveCapacity(32) }

    mutating func startElement(namespace: String, name: String, attributes: [XAttribute]) {
        stack.append(Frame(name: name, namespace: namespace, attributes: attributes))
    }

    mutating func endElement(namespace: String, name: String) {
        guard let frame = stack.popLast() else { return }
        let element = XElement(frame.name, namespace: frame.namespace, attributes: frame.attributes,
                               children: frame.children, text: frame.text)
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }

    mutating func text(_ s: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += s
    }
}
