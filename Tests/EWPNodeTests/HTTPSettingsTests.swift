import EWPNode
import EWPSecurity
import Testing

/// EWP_ALLOW_HTTP and the HTTP server limits as NodeConfiguration reads them.
@Suite("HTTP settings: EWP_ALLOW_HTTP, EWP_HTTP_*")
struct HTTPSettingsTests {
    private let base = ["EWP_HEIS": "uw.edu.pl", "EWP_ADMIN_EMAIL": "ewp@uw.edu.pl", "EWP_MANIFEST": "/nonexistent/manifest.json"]

    private func load(_ extra: [String: String]) throws -> NodeConfiguration {
        try NodeConfiguration.load(environment: base.merging(extra) { $1 })
    }

    @Test("EWP_ALLOW_HTTP: unset or empty is https only, loopback allows loopback http, anything else is refused")
    func allowHTTP() throws {
        #expect(try load([:]).outboundURLPolicy == .httpsOnly)
        #expect(try load(["EWP_ALLOW_HTTP": ""]).outboundURLPolicy == .httpsOnly)
        #expect(try load(["EWP_ALLOW_HTTP": "loopback"]).outboundURLPolicy == .loopbackHTTPAllowed)
        for bad in ["yes", "1", "all", "true"] {
            #expect { try load(["EWP_ALLOW_HTTP": bad]) } throws: { "\($0)".contains("EWP_ALLOW_HTTP must be loopback or unset") }
        }
    }

    @Test("HTTP server limits: 30 s defaults, settable, whole numbers ≥ 1")
    func limits() throws {
        let defaults = try load([:]).httpLimits
        #expect(defaults.idleTimeout == .seconds(30) && defaults.readTimeout == .seconds(30) && defaults.maxConnections >= 16)
        let set = try load(["EWP_HTTP_IDLE_TIMEOUT": "5", "EWP_HTTP_READ_TIMEOUT": "7", "EWP_HTTP_MAX_CONNECTIONS": "64"]).httpLimits
        #expect(set == HTTPServerLimits(idleTimeout: .seconds(5), readTimeout: .seconds(7), maxConnections: 64))
        for (key, value) in [("EWP_HTTP_IDLE_TIMEOUT", "0"), ("EWP_HTTP_READ_TIMEOUT", "soon"), ("EWP_HTTP_MAX_CONNECTIONS", "0")] {
            #expect { try load([key: value]) } throws: { "\($0)".contains(key) }
        }
    }

    @Test("The default connection cap stays below the open-file limit (128 kept for the rest), 1024 at most")
    func defaultCap() {
        #expect(HTTPServerLimits.defaultMaxConnections(fileLimit: nil) == 1024)
        #expect(HTTPServerLimits.defaultMaxConnections(fileLimit: 1_048_576) == 1024)
        #expect(HTTPServerLimits.defaultMaxConnections(fileLimit: 1024) == 896)
        #expect(HTTPServerLimits.defaultMaxConnections(fileLimit: 256) == 128)
        #expect(HTTPServerLimits.defaultMaxConnections(fileLimit: 100) == 16)
    }
}
