// End-to-end: the Discovery v6 manifest as served through nginx over HTTPS (README "HTTP").
import EWPTestTraits
import Foundation
import Testing
import EWPHTTP

extension EndToEnd {
@Suite("Discovery manifest through nginx")
struct Discovery {

    @Test("The served manifest validates against the official Discovery XSD with every API and security entry")
    func servedManifestIsValid() async throws {
        let env = try requireEnvironment()
        #expect(env.manifestURL == "\(env.publicURL)/hei/\(E2EEnvironment.nodeHEI)/manifest.xml")
        let response = try await env.http.send(OutboundRequest(method: "GET", url: env.manifestURL))
        #expect(response.status == 200, "GET \(env.manifestURL) → \(response.status)")
        let wrapper = try OfficialSchema.discoveryWrapper(in: env.directory)
        let problems = await xsdProblemsAsync(response.body, schema: wrapper, scratchDirectory: env.directory)
        #expect(problems.isEmpty, "\(problems)\n\(String(decoding: response.body, as: UTF8.self))")
        #expect(response.body == env.manifestFromCLI, "`ewp-node manifest` differs from the served manifest")
    }

    @Test("The wrapper schema really checks API entries: an Echo entry without <url> is rejected", .officialSpecs)
    func wrapperCatchesBrokenEntries() async throws {
        let env = try requireEnvironment()
        var text = String(decoding: env.manifestFromCLI, as: UTF8.self)
        let echoURL = env.echoURL
        let pattern = "<[A-Za-z0-9]*:?url>\(NSRegularExpression.escapedPattern(for: echoURL))</[A-Za-z0-9]*:?url>"
        let r = try #require(text.range(of: pattern, options: .regularExpression), "echo url element not found")
        text.removeSubrange(r)
        let problems = await xsdProblemsAsync(Array(text.utf8), schema: try OfficialSchema.discoveryWrapper(in: env.directory),
                                   scratchDirectory: env.directory)
        #expect(!problems.isEmpty, "a manifest whose Echo entry lacks <url> passed validation")
    }

    @Test("Endpoint URLs are https URLs under EWP_PUBLIC_URL (checked by the EWP API Validator)")
    func urlsUnderPublicURL() throws {
        let env = try requireEnvironment()
        #expect(env.echoURL.hasPrefix(env.publicURL + "/"), "echo URL \(env.echoURL)")
        #expect(env.manifestURL.hasPrefix("https://"))
    }

    @Test("With one covered HEI the manifest is also at /manifest.xml")
    func rootManifest() async throws {
        let env = try requireEnvironment()
        let response = try await env.http.send(OutboundRequest(method: "GET", url: "\(env.publicURL)/manifest.xml"))
        #expect(response.status == 200)
        #expect(response.body == env.manifestFromCLI)
    }

    @Test("The node's keys are in the catalogue it loaded, and /health/ready says ready through nginx")
    func readyWithOwnKeys() async throws {
        let env = try requireEnvironment()
        let catalogue = String(decoding: env.catalogue, as: UTF8.self)
        #expect(catalogue.contains("sha-256=\"\(env.nodeClientKeyId)\""))
        #expect(catalogue.contains("sha-256=\"\(env.nodeServerKeyId)\""))
        let response = try await env.http.send(OutboundRequest(method: "GET", url: "\(env.publicURL)/health/ready"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("\"ready\""))
    }
}
}
