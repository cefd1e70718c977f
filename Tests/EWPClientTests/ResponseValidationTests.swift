import EWPHTTP
import EWPSecurity
import EWPTestSupport
import EWPXML
import Foundation
import Testing
@testable import EWPClient

/// A partner's 2xx answer is validated against our schema of its root element.
@Suite struct ResponseSchemasTests {
    static let schemas = SchemaCache(directory: RepositoryPaths.schemas)

    @Test("every *-response.xsd of Schemas/ is found by the roots it declares")
    func rootsOfTheRepositorySchemas() throws {
        let responses = try ResponseSchemas(cache: Self.schemas)
        let files = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.schemas).filter { $0.hasSuffix("-response.xsd") }
        #expect(files.count >= 20)
        for file in files {
            let roots = try ResponseSchemas.roots(declaredIn: [UInt8](try #require(FileManager.default.contents(atPath: RepositoryPaths.schemas + "/" + file))))
            #expect(!roots.isEmpty, "\(file) declares no top-level element")
            for root in roots {
                // The first file declaring a root keeps it; no two of ours declare the same one.
                #expect(responses.fileName(forRootNamespace: root.namespace, name: root.name) == file, "\(root) of \(file)")
            }
        }
        #expect(responses.fileName(forRootNamespace: "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd",
                                   name: "iias-get-response") == "iias-get-response.xsd")
        #expect(responses.fileName(forRootNamespace: "urn:unknown", name: "response") == nil)
    }
}

@Suite("EWPClient: partners' answers validated", .enabled(if: Responder.available))
struct ResponseValidationTests {
    static let echoNS = "https://github.com/erasmus-without-paper/ewp-specs-api-echo/tree/stable-v2"

    /// The responder answers an XML POST with the same bytes, signed: the answer is whatever we send.
    func answer(_ xml: String) async throws -> Result<EWPCallResult, EWPClientError> {
        let responder = try await Responder.shared.value
        let http = CurlClient()
        defer { http.shutdown() }
        let client = EWPClient(http: http, signer: RequestSigner(key: Responder.clientKey), timeout: .seconds(10),
                               urlPolicy: .loopbackHTTPAllowed, responseSchemas: try ResponseSchemas(cache: ResponseSchemasTests.schemas))
        do {
            return .success(try await client.postXML(responder.base + "/echo", body: Array(xml.utf8), keys: responder.keys))
        } catch let error as EWPClientError {
            return .failure(error)
        }
    }

    @Test("a valid Echo answer is taken")
    func valid() async throws {
        let result = try await answer(#"<response xmlns="\#(Self.echoNS)"><hei-id>uw.edu.pl</hei-id><echo>a</echo></response>"#)
        let taken = try result.get()
        #expect(taken.root?.elements("echo", namespace: Self.echoNS).map(\.text) == ["a"])
    }

    @Test("an Echo answer with an element its schema does not allow is invalidXML, naming the schema and the element")
    func invalid() async throws {
        let result = try await answer(#"<response xmlns="\#(Self.echoNS)"><echo>a</echo><surprise/></response>"#)
        guard case .failure(.invalidXML(_, 200, let schema, let problems)) = result else {
            Issue.record("expected invalidXML, got \(result)")
            return
        }
        #expect(schema == "echo-response.xsd")
        #expect(problems.contains { $0.description.contains("surprise") }, "\(problems)")
        let failure = try #require(EWPClientError.invalidXML(url: "u", status: 200, schema: schema, problems: problems).description as String?)
        #expect(failure.contains("not valid against echo-response.xsd"))
    }

    @Test("an answer whose root no schema of ours defines is not checked here")
    func unknownRoot() async throws {
        let result = try await answer(#"<other xmlns="urn:example:unknown"><anything/></other>"#)
        #expect(try result.get().root?.name == "other")
    }
}
