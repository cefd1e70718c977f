internal import CLibXML2

/// Parses untrusted XML into an `XElement` tree. Same hardening as `HardenedParser` (no network,
/// no entity substitution, no DTD loading, any DOCTYPE refused before its internal subset is
/// read, size limit, libxml2's default depth and text limits), but the tree is built from SAX
/// events, without a libxml2 DOM (see `SAXTreeBuilder`).
public enum XMLReader {
    public static let defaultMaxBytes = 32 * 1024 * 1024

    /// Hardened: no network, no DTD, no entity expansion (any DOCTYPE is rejected), size limit,
    /// namespace-aware. Errors carry the line number where libxml2 knows it.
    public static func parse(_ bytes: [UInt8], maxBytes: Int = defaultMaxBytes) throws(XMLProblem) -> XElement {
        XMLSetup.ensureInitialized()
        try HardenedParser.checkSize(bytes, maxBytes: maxBytes)
        let collector = ErrorCollector()
        let (wellFormed, builder) = try SAXTreeBuilder.withBuilder { builder throws(XMLProblem) -> Bool in
          try collector.capturing { () throws(XMLProblem) -> Bool in
            try bytes.withUnsafeBufferPointer { buffer throws(XMLProblem) -> Bool in
                let start = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                guard let ctxt = xmlCreateMemoryParserCtxt(start, Int32(buffer.count)) else {
                    throw XMLProblem("libxml2 could not allocate a parser")
                }
                defer {
                    if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }   // the empty shell SAX2 made
                    xmlFreeParserCtxt(ctxt)
                }
                let sax = ctxt.pointee.sax!
                sax.pointee.startElementNs = saxStartElement
                sax.pointee.endElementNs = saxEndElement
                sax.pointee.characters = saxCharacters
                sax.pointee.cdataBlock = saxCharacters
                sax.pointee.ignorableWhitespace = saxCharacters
                sax.pointee.internalSubset = saxRefuseDoctype
                sax.pointee.comment = nil
                sax.pointee.processingInstruction = nil
                sax.pointee.reference = nil
                ctxt.pointee._private = UnsafeMutableRawPointer(builder)
                _ = xmlCtxtUseOptions(ctxt, HardenedParser.options)
                return xmlParseDocument(ctxt) == 0 && ctxt.pointee.wellFormed != 0
            }
          }
        }
        if builder.sawDoctype { throw HardenedParser.doctypeProblem(collector) }
        guard wellFormed else { throw collector.first ?? XMLProblem("document is not well-formed XML") }
        guard let root = builder.root else { throw XMLProblem("document has no root element") }
        return root
    }
}
