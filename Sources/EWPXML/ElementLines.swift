internal import CLibXML2

extension XMLReader {
    /// The line where each element starts, in document order: entry i belongs to the i-th element
    /// of a preorder walk of the `XElement` tree `parse` returns for the same bytes. For messages
    /// about elements found wrong after parsing (importers). Same hardening as `parse`; libxml2
    /// records lines above 65535 as 65535.
    public static func elementLines(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes) throws(XMLProblem) -> [Int] {
        let document = try HardenedParser.document(bytes, maxBytes: maxBytes)
        defer { xmlFreeDoc(document) }
        var lines: [Int] = []
        // Iterative preorder walk over element nodes (libxml2's depth limit bounds the stack).
        var stack: [UnsafeMutablePointer<xmlNode>] = []
        if let root = xmlDocGetRootElement(document) { stack.append(root) }
        while let node = stack.popLast() {
            lines.append(Int(xmlGetLineNo(node)))
            var children: [UnsafeMutablePointer<xmlNode>] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                child = current.pointee.next
            }
            stack.append(contentsOf: children.reversed())
        }
        return lines
    }
}
