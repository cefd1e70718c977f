import Testing
import EWPCrypto
@testable import EWPRegistry

/// Small catalogues built for one rule each (Registry API questions 1–5, sec-intro defaults).
@Suite struct HandBuiltCatalogueTests {
    typealias F = CatalogueFixture
    static let a = FixtureKeys.example
    static let b = FixtureKeys.second

    static func echo(_ url: String, version: String = "2.0.0") -> String {
        F.api("echo", ns: F.echoNS, version: version, urls: [("url", url)])
    }

    @Test func clientKeysAreNotServerKeysAndViceVersa() throws {
        var f = F()
        f.hosts = [.init(heis: ["x.edu"], apis: [Self.echo("https://x.edu/echo")], clientKeys: [Self.b.id], serverKeys: [Self.a.id])]
        f.binaries = [Self.a, Self.b]
        let c = try Catalogue.parse(f.bytes)
        #expect(c.clientKey(keyId: Self.b.id)?.fingerprint == Self.b.id)
        #expect(c.heis(coveredByClientKey: Self.b.id) == ["x.edu"])
        #expect(!c.isServerKey(keyId: Self.b.id))
        #expect(c.clientKey(keyId: Self.a.id) == nil)               // server-only key
        #expect(c.heis(coveredByClientKey: Self.a.id).isEmpty)
        #expect(c.isServerKey(keyId: Self.a.id))
        #expect(c.serverKey(keyId: Self.a.id, forEndpointURL: "https://x.edu/echo") != nil)
        #expect(c.serverKey(keyId: Self.b.id, forEndpointURL: "https://x.edu/echo") == nil)   // client key as server key
    }

    @Test func unreferencedBinaryIsNoClientKey() throws {
        var f = F()
        f.hosts = [.init(heis: ["x.edu"], clientKeys: [Self.b.id])]
        f.binaries = [Self.a, Self.b]
        let c = try Catalogue.parse(f.bytes)
        #expect(c.publicKey(keyId: Self.a.id) != nil)
        #expect(c.clientKey(keyId: Self.a.id) == nil)
        #expect(!c.isServerKey(keyId: Self.a.id))
    }

    @Test func referencedKeyWithoutBinaryIsUnknown() throws {
        var f = F()
        f.hosts = [.init(heis: ["x.edu"], clientKeys: [Self.a.id])]
        let c = try Catalogue.parse(f.bytes)
        #expect(c.keyCount == 0)
        #expect(c.clientKey(keyId: Self.a.id) == nil)
        #expect(c.heis(coveredByClientKey: Self.a.id) == ["x.edu"])
    }

    @Test func binaryNotMatchingItsFingerprintIsRejected() throws {
        var f = F()
        f.hosts = [.init(heis: ["x.edu"], clientKeys: [Self.a.id])]
        f.binaries = [(id: Self.a.id, base64: Self.b.base64)]    // b's bytes published under a's id
        let c = try Catalogue.parse(f.bytes)
        #expect(c.clientKey(keyId: Self.a.id) == nil)
        #expect(c.keyProblem(keyId: Self.a.id)?.contains(Self.b.id) == true)
        var g = F()
        g.hosts = [.init(heis: ["x.edu"], clientKeys: [Self.a.id])]
        g.binaries = [(id: Self.a.id, base64: "bm90IGEga2V5")]
        #expect(try Catalogue.parse(g.bytes).clientKey(keyId: Self.a.id) == nil)
    }

    @Test("a published key under 2048 bits is ignored, with the reason")
    func smallKeyIsIgnored() throws {
        let small = FixtureKeys.cavage
        var f = F()
        f.hosts = [.init(heis: ["x.edu"], apis: [Self.echo("https://x.edu/echo")], clientKeys: [small.id], serverKeys: [small.id])]
        f.binaries = [small]
        let c = try Catalogue.parse(f.bytes)
        #expect(c.clientKey(keyId: small.id) == nil)
        #expect(c.serverKey(keyId: small.id, forEndpointURL: "https://x.edu/echo") == nil)
        #expect(c.publicKey(keyId: small.id) == nil)
        #expect(c.keyProblem(keyId: small.id) == "an RSA key of 1024 bits; at least 2048 bits are required")
        #expect(c.heis(coveredByClientKey: small.id) == ["x.edu"])   // the host is still known
    }

    @Test func heiCoveredByTwoHosts() throws {
        var f = F()
        f.hosts = [
            .init(heis: ["x.edu"], apis: [Self.echo("https://one.example/echo", version: "2.0.0")], clientKeys: [Self.a.id]),
            .init(heis: ["y.edu", "x.edu"], apis: [Self.echo("https://two.example/echo", version: "2.1.0")], clientKeys: [Self.b.id]),
        ]
        f.binaries = [Self.a, Self.b]
        let c = try Catalogue.parse(f.bytes)
        #expect(c.hostIndexes(coveringHEI: "x.edu") == [0, 1])
        #expect(c.entries(hei: "x.edu", apiNamespace: F.echoNS, apiName: "echo").count == 2)
        let best = try #require(c.endpoint(hei: "x.edu", apiNamespace: F.echoNS, apiName: "echo", majorVersion: 2))
        #expect(best.version == "2.1.0")
        #expect(best.hostIndex == 1)
        #expect(best.urls["url"] == "https://two.example/echo")
        #expect(c.endpoint(hei: "y.edu", apiNamespace: F.echoNS, apiName: "echo", majorVersion: 2)?.hostIndex == 1)
        #expect(c.heis(coveredByClientKey: Self.b.id) == ["y.edu", "x.edu"])
        #expect(c.heiCount == 2)
    }

    @Test func highestVersionOfTheMajorWins() throws {
        let urls = { (v: String) in [("get-url", "https://x.edu/iias/\(v)/get"), ("index-url", "https://x.edu/iias/\(v)/index")] }
        var f = F()
        f.hosts = [.init(heis: ["x.edu"], apis: [
            F.api("iias", ns: F.iiasNS7, version: "7.2.1", urls: urls("7.2.1"), limits: [("max-iia-ids", 20)]),
            F.api("iias", ns: F.iiasNS7, version: "7.10.0", urls: urls("7.10.0"), limits: [("max-iia-ids", 50)]),
            F.api("iias", ns: F.iiasNS7, version: "7.0.0", urls: urls("7.0.0"), limits: [("max-iia-ids", 10)]),
            F.api("iias", ns: F.iiasNS7, version: "8.0.0", urls: urls("8.0.0")),
            F.api("iias", ns: F.iiasNS7, version: nil, urls: urls("none")),
            F.api("iias", ns: F.iiasNS7, version: "seven", urls: urls("bad")),
            F.api("iias", ns: F.iiasNS6, version: "6.9.0", urls: urls("6.9.0")),
        ])]
        let c = try Catalogue.parse(f.bytes)
        let v7 = try #require(c.endpoint(hei: "x.edu", apiNamespace: F.iiasNS7, apiName: "iias", majorVersion: 7))
        #expect(v7.version == "7.10.0")                       // numeric, not lexical, order
        #expect(v7.urls == ["get-url": "https://x.edu/iias/7.10.0/get", "index-url": "https://x.edu/iias/7.10.0/index"])
        #expect(v7.limits == ["max-iia-ids": 50])
        #expect(c.endpoint(hei: "x.edu", apiNamespace: F.iiasNS7, apiName: "iias", majorVersion: 8)?.version == "8.0.0")
        #expect(c.endpoint(hei: "x.edu", apiNamespace: F.iiasNS7, apiName: "iias", majorVersion: 6) == nil)
        #expect(c.endpoint(hei: "x.edu", apiNamespace: F.iiasNS6, apiName: "iias", majorVersion: 6)?.version == "6.9.0")
        #expect(c.endpoint(hei: "x.edu", apiNamespace: F.iiasNS7, apiName: "iias-approval", majorVersion: 7) == nil)
    }

    @Test func sameHostRuleForServerKeys() throws {
        var f = F()
        f.hosts = [
            .init(heis: ["a.edu"], apis: [Self.echo("https://a.example/echo")], serverKeys: [Self.a.id]),
            .init(heis: ["b.edu"], apis: [Self.echo("https://b.example/echo")], serverKeys: [Self.b.id]),
        ]
        f.binaries = [Self.a, Self.b]
        let c = try Catalogue.parse(f.bytes)
        #expect(c.serverKey(keyId: Self.a.id, forEndpointURL: "https://a.example/echo") != nil)
        #expect(c.serverKey(keyId: Self.b.id, forEndpointURL: "https://b.example/echo") != nil)
        #expect(c.serverKey(keyId: Self.b.id, forEndpointURL: "https://a.example/echo") == nil)   // other host's key
        #expect(c.serverKey(keyId: Self.a.id, forEndpointURL: "https://b.example/echo") == nil)
        #expect(c.serverKey(keyId: Self.a.id, forEndpointURL: "https://unknown.example/echo") == nil)
        #expect(c.serverKey(keyId: Self.a.id.uppercased(), forEndpointURL: "https://a.example/echo") != nil)
    }

    @Test func anotherHostClaimingTheSameURLIsNotTrusted() throws {
        var f = F()
        f.hosts = [
            .init(heis: ["a.edu"], apis: [Self.echo("https://a.example/echo")], serverKeys: [Self.a.id]),
            .init(heis: ["evil.edu"], apis: [Self.echo("https://a.example/echo")], serverKeys: [Self.b.id]),
        ]
        f.binaries = [Self.a, Self.b]
        let c = try Catalogue.parse(f.bytes)
        #expect(c.hostIndexes(declaringURL: "https://a.example/echo") == [0, 1])
        // URL-only: ambiguous, so neither host's key alone is enough.
        #expect(c.serverKey(keyId: Self.b.id, forEndpointURL: "https://a.example/echo") == nil)
        #expect(c.serverKey(keyId: Self.a.id, forEndpointURL: "https://a.example/echo") == nil)
        // Relative to the entry actually called (question 5): exactly that host's keys.
        let aEntry = try #require(c.endpoint(hei: "a.edu", apiNamespace: F.echoNS, apiName: "echo", majorVersion: 2))
        #expect(c.serverKeys(for: aEntry).serverKey(keyId: Self.a.id, forEndpointURL: "https://a.example/echo") != nil)
        #expect(c.serverKeys(for: aEntry).serverKey(keyId: Self.b.id, forEndpointURL: "https://a.example/echo") == nil)
    }

    @Test func sharedServerKeyOnBothClaimingHostsIsAccepted() throws {
        var f = F()
        f.hosts = [
            .init(heis: ["a.edu"], apis: [Self.echo("https://a.example/echo")], serverKeys: [Self.a.id]),
            .init(heis: ["a2.edu"], apis: [Self.echo("https://a.example/echo")], serverKeys: [Self.a.id, Self.b.id]),
        ]
        f.binaries = [Self.a, Self.b]
        let c = try Catalogue.parse(f.bytes)
        #expect(c.serverKey(keyId: Self.a.id, forEndpointURL: "https://a.example/echo") != nil)
        #expect(c.serverKey(keyId: Self.b.id, forEndpointURL: "https://a.example/echo") == nil)
    }

    @Test func duplicateHEIIDs() throws {
        var f = F()
        f.hosts = [
            .init(heis: ["x.edu", "x.edu", "X.EDU", " y.edu "], clientKeys: [Self.a.id, Self.a.id]),
            .init(heis: ["y.edu", "z.edu"], clientKeys: [Self.a.id]),      // same key on a second host
        ]
        f.institutions = [(id: "x.edu", names: [(lang: "pl", value: "Iks")]),
                          (id: "x.edu", names: [(lang: "en", value: "Ex")]),
                          (id: "y.edu", names: [(lang: nil, value: "Why")])]
        f.binaries = [Self.a]
        let c = try Catalogue.parse(f.bytes)
        #expect(c.hosts[0].heiIDs == ["x.edu", "y.edu"])
        #expect(c.hosts[0].clientKeyIDs == [Self.a.id])
        #expect(c.heis(coveredByClientKey: Self.a.id) == ["x.edu", "y.edu", "z.edu"])
        #expect(c.hostIndexes(coveringHEI: "y.edu") == [0, 1])
        #expect(c.heiCount == 3)
        #expect(c.heiName("x.edu") == "Ex")                   // merged names, English preferred
        #expect(c.institution("x.edu")?.names.count == 2)
        #expect(c.institution("x.edu")?.name(preferring: "pl") == "Iks")
        #expect(c.heiName("y.edu") == "Why")
    }

    @Test(arguments: [
        (security: false, client: Bool?.none, server: Bool?.none, expectClient: false, expectServer: false),
        (security: true, client: nil, server: nil, expectClient: false, expectServer: false),
        (security: true, client: true, server: nil, expectClient: true, expectServer: false),
        (security: true, client: nil, server: true, expectClient: false, expectServer: true),
        (security: true, client: false, server: false, expectClient: false, expectServer: false),
        (security: true, client: true, server: true, expectClient: true, expectServer: true),
    ])
    func httpSecurityDefaults(_ t: (security: Bool, client: Bool?, server: Bool?, expectClient: Bool, expectServer: Bool)) throws {
        var f = F()
        f.hosts = [.init(heis: ["x.edu"], apis: [F.api("echo", ns: F.echoNS, version: "2.0.0", urls: [("url", "https://x.edu/e")],
                                                        security: t.security, clientHTTPSig: t.client, serverHTTPSig: t.server)])]
        let e = try #require(try Catalogue.parse(f.bytes).endpoint(hei: "x.edu", apiNamespace: F.echoNS, apiName: "echo", majorVersion: 2))
        #expect(e.clientAuthHTTPSig == t.expectClient)
        #expect(e.serverAuthHTTPSig == t.expectServer)
    }

    @Test func notACatalogueIsRejected() {
        #expect(throws: (any Error).self) { try Catalogue.parse(Array("<iias xmlns=\"urn:x\"/>".utf8)) }
        #expect(throws: (any Error).self) { try Catalogue.parse(Array("garbage <<<".utf8)) }
        #expect(throws: (any Error).self) {
            try Catalogue.parse(Array("<catalogue xmlns=\"\(F.registryNS)\"><institutions/></catalogue>".utf8))   // no host
        }
        #expect(throws: (any Error).self) {
            try Catalogue.parse(Array("<catalogue xmlns=\"\(F.registryNS)\"><host/></catalogue>".utf8))   // no institutions
        }
    }
}
