/// Receives a document's events from `XMLReader.stream(_:maxBytes:into:)`, in document order,
/// namespace-resolved. Comments and processing instructions are not reported; CDATA sections and
/// character references arrive as text; a text run may be split over several `text` calls.
///
/// A handler that finds the document unacceptable (say, the wrong root element) records why and
/// ignores the rest: the parse itself only fails for malformed or refused XML.
public protocol XMLEventHandler {
    /// An element starts. `namespace` is "" for no namespace; `attributes` exclude `xmlns`
    /// declarations.
    mutating func startElement(namespace: String, name: String, attributes: [XAttribute])
    /// The element that started last (and is not ended yet) ends.
    mutating func endElement(namespace: String, name: String)
    /// Character data (text, CDATA, whitespace) directly inside the current element.
    mutating func text(_ s: String)
}
