import EWPTestTraits
import Foundation
import Testing
import EWPXML

/// What our writer produces is valid against OUR schemas and against the OFFICIAL schemas in
/// ../shared/ewp-specs (resolved through ../shared/ewp-specs/xml-catalog.xml passed explicitly, so
/// the result does not depend on which catalogs anything else in the process loaded globally).
@Suite struct WriterOutputTests {
    /// The official equivalent of manifest-with-entries.xsd (our wrapper through the official catalog).
    static let officialWrapper: XSDSchema? = try? Official.wrapper.get()

    static func official(_ relativePath: String) throws -> XSDSchema {
        try XSDSchema(contentsOf: TestPaths.specs + "/" + relativePath, catalogPath: TestPaths.officialCatalog)
    }

    @Test(.officialSpecs) func manifestIsValidAgainstOfficialAndOurs() throws {
        let doc = XMLWriter.document(Documents.manifest(), prefixes: Documents.prefixes)
        let wrapper = try #require(Self.officialWrapper)
        #expect(wrapper.validate(doc) == [])
        #expect(try Self.official("ewp-specs-api-discovery/manifest.xsd").validate(doc) == [])
        #expect(try ourSchemas.schema("manifest-with-entries.xsd").validate(doc) == [])
        // The official wrapper catches the lax-wildcard trap too.
        let broken = XMLWriter.document(Documents.manifest(echoURL: nil), prefixes: Documents.prefixes)
        #expect(wrapper.validate(broken).count == 1)
    }

    @Test(.officialSpecs) func echoResponseIsValidAndMatchesTheSpecVectorByteForByte() throws {
        let vector = XMLWriter.document(Documents.echoResponse(heis: ["uw.edu.pl"], echoes: ["a", "b"]))
        #expect(vector == Array(Documents.digestEchoResponse.utf8))
        let doc = XMLWriter.document(Documents.echoResponse())
        #expect(try Self.official("ewp-specs-api-echo/response.xsd").validate(doc) == [])
        #expect(try ourSchemas.schema("echo-response.xsd").validate(doc) == [])
    }

    @Test(.officialSpecs) func errorResponseIsValid() throws {
        let doc = XMLWriter.document(Documents.errorResponse())
        #expect(try Self.official("ewp-specs-architecture/common-types.xsd").validate(doc) == [])
        #expect(try ourSchemas.schema("common-types.xsd").validate(doc) == [])
    }

    @Test(.officialSpecs) func catalogueIsValid() throws {
        let doc = XMLWriter.document(Documents.catalogue(heis: 3), prefixes: Documents.prefixes)
        #expect(try #require(Self.officialWrapper).validate(doc) == [])
        #expect(try Self.official("ewp-specs-api-registry/catalogue.xsd").validate(doc) == [])
        #expect(try ourSchemas.schema("manifest-with-entries.xsd").validate(doc) == [])
    }

    /// Official examples validate against the official schemas too: the two agree on them.
    @Test(.officialSpecs) func officialExamplesAgainstOfficialSchemas() throws {
        let wrapper = try #require(Self.officialWrapper)
        for example in ["ewp-specs-api-discovery/manifest-example.xml", "ewp-specs-api-registry/catalogue-example.xml"] {
            #expect(wrapper.validate(try TestPaths.bytes(TestPaths.specs + "/" + example)) == [], "\(example)")
        }
    }
}
