import EWPTestTraits
import Testing
import EWPXML

/// The samples of SchemaAgreementTests (official examples + our rich documents) together use
/// every element and attribute these schemas declare, so every part of them is mutated.
@Suite struct RichDocumentsTests {
    static let xs = "http://www.w3.org/2001/XMLSchema"
    static let covered = [
        "types-contact.xsd", "types-address.xsd", "types-phonenumber.xsd",
        "iias-get-response.xsd", "iias-index-response.xsd", "iias-stats-response.xsd", "iias-approval-response.xsd",
        "institutions-response.xsd", "ounits-response.xsd", "factsheet-response.xsd", "omobility-la-cnr-stats-response.xsd",
        "courses-response.xsd", "omobility-las-get-response.xsd", "omobility-las-index-response.xsd",
        "omobility-las-update-request.xsd", "omobility-las-update-response.xsd", "omobility-las-stats-response.xsd",
        "imobility-tors-get-response.xsd", "imobility-tors-index-response.xsd",
        "elmo-v1.xsd", "europass-isocountries.xsd",
    ]

    /// (namespace, local name) of every element, and the local name of every attribute, in a document.
    static func used(_ e: XElement, into elements: inout Set<String>, attributes: inout Set<String>) {
        elements.insert(e.namespace + " " + e.name)
        for a in e.attributes { attributes.insert(a.name) }
        for c in e.children { used(c, into: &elements, attributes: &attributes) }
    }

    /// What all samples use, collected once.
    static let usage = Result { () throws -> (elements: Set<String>, attributes: Set<String>) in
        var elements = Set<String>(), attributes = Set<String>()
        for sample in SchemaAgreementTests.samples {
            used(try XMLReader.parse(try sample.document()), into: &elements, attributes: &attributes)
        }
        return (elements, attributes)
    }

    static func declared(_ e: XElement, _ name: String) -> [String] {
        (e.namespace == xs && e.name == name ? [e.attribute("name")].compactMap { $0 } : []) + e.children.flatMap { declared($0, name) }
    }

    @Test(.officialSpecs, arguments: covered)
    func samplesUseEveryDeclaredElementAndAttribute(_ file: String) throws {
        let (elements, attributes) = try Self.usage.get()
        let schema = try XMLReader.parse(try TestPaths.bytes(TestPaths.schemas + "/" + file))
        let namespace = try #require(schema.attribute("targetNamespace"))
        let missingElements = Self.declared(schema, "element").filter { !elements.contains(namespace + " " + $0) }
        let missingAttributes = Self.declared(schema, "attribute").filter { !attributes.contains($0) }
        #expect(missingElements == [])
        #expect(missingAttributes == [])
    }
}
