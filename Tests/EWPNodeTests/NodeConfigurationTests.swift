import Foundation
import Testing
@testable import EWPNode

@Suite("Configuration (README: environment, config file, defaults)")
struct NodeConfigurationTests {
    private let base = ["EWP_HEIS": "uw.edu.pl", "EWP_ADMIN_EMAIL": "ewp@uw.edu.pl", "EWP_MANIFEST": "/nonexistent/manifest.json"]

    @Test func defaultsFollowInterface() throws {
        let configuration = try NodeConfiguration(settings: base)
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.listenPort == 8080)
        #expect(configuration.publicBase == "http://127.0.0.1:8080")
        #expect(configuration.registryRefresh == .seconds(300))
        #expect(configuration.keysDirectory == "Certificates")
        #expect(configuration.database.hasPrefix("sqlite:"))
        #expect(configuration.registryURL == NodeConfiguration.defaultRegistryURL)
        #expect(configuration.adminToken == nil)
        #expect(configuration.cnrRetryBase == .seconds(30))
        #expect(configuration.syncInterval == .seconds(3600))
        #expect(!configuration.isPublicURLHTTPS)
    }

    @Test func hostHeadersIncludeNonDefaultPortOnly() throws {
        var settings = base
        settings["EWP_PUBLIC_URL"] = "https://EWP.Example.edu/"
        let standard = try NodeConfiguration(settings: settings)
        #expect(standard.publicAuthority == "ewp.example.edu")
        #expect(standard.acceptedHostHeaders == ["ewp.example.edu", "ewp.example.edu:443"])
        #expect(standard.publicBase == "https://EWP.Example.edu")

        settings["EWP_PUBLIC_URL"] = "https://127.0.0.1:8443"
        let custom = try NodeConfiguration(settings: settings)
        #expect(custom.publicAuthority == "127.0.0.1:8443")
        #expect(custom.acceptedHostHeaders == ["127.0.0.1:8443"])
    }

    @Test(arguments: [
        ("EWP_LISTEN", "8080", "EWP_LISTEN"),
        ("EWP_LISTEN", "host:99999", "EWP_LISTEN"),
        ("EWP_PUBLIC_URL", "ftp://x", "EWP_PUBLIC_URL"),
        ("EWP_REGISTRY_REFRESH", "10", "EWP_REGISTRY_REFRESH"),
        ("EWP_REGISTRY_REFRESH", "soon", "EWP_REGISTRY_REFRESH"),
        ("EWP_HEIS", "UW EDU PL", "SCHAC"),
        ("EWP_HEIS", " , ", "no covered HEI"),
    ])
    func badValuesSayWhatToFix(key: String, value: String, mentions: String) {
        var settings = base
        settings[key] = value
        #expect {
            try NodeConfiguration(settings: settings)
        } throws: { error in
            "\(error)".contains(mentions)
        }
    }

    @Test("EWP_MONITORING: on by default, off by default against a loopback registry, on/off as set, anything else refused")
    func monitoringSetting() throws {
        #expect(try NodeConfiguration(settings: base).monitoringReports)
        for registry in ["http://127.0.0.1:9000/catalogue-v1.xml", "http://localhost/catalogue-v1.xml", "http://[::1]:80/c.xml"] {
            var settings = base
            settings["EWP_REGISTRY_URL"] = registry
            #expect(try !NodeConfiguration(settings: settings).monitoringReports, "\(registry)")
            settings["EWP_MONITORING"] = "on"
            #expect(try NodeConfiguration(settings: settings).monitoringReports, "\(registry)")
        }
        var settings = base
        settings["EWP_REGISTRY_URL"] = "https://registry.example.org/catalogue-v1.xml"
        #expect(try NodeConfiguration(settings: settings).monitoringReports)
        settings["EWP_MONITORING"] = " OFF "
        #expect(try !NodeConfiguration(settings: settings).monitoringReports)
        settings["EWP_MONITORING"] = "yes"
        #expect { try NodeConfiguration(settings: settings) } throws: { "\($0)".contains("EWP_MONITORING must be on or off") }
    }

    @Test func missingAdminEmailIsRefused() {
        #expect(throws: ConfigurationError.self) {
            try NodeConfiguration(settings: ["EWP_HEIS": "uw.edu.pl", "EWP_MANIFEST": "/nonexistent"])
        }
    }

    @Test func severalHEIsAndEmails() throws {
        var settings = base
        settings["EWP_HEIS"] = "uw.edu.pl, uma.es"
        settings["EWP_ADMIN_EMAIL"] = "a@x.org,b@x.org"
        let configuration = try NodeConfiguration(settings: settings)
        #expect(configuration.heiIDs == ["uw.edu.pl", "uma.es"])
        #expect(configuration.adminEmails == ["a@x.org", "b@x.org"])
    }

    @Test func configFileLinesAndEnvironmentPrecedence() throws {
        let parsed = try ConfigFile.parse("""
        # comment
        EWP_LISTEN = 0.0.0.0:9000

        EWP_PUBLIC_URL="https://ewp.uw.edu.pl"
        """, source: "test.conf")
        #expect(parsed == ["EWP_LISTEN": "0.0.0.0:9000", "EWP_PUBLIC_URL": "https://ewp.uw.edu.pl"])
        #expect(throws: ConfigurationError.self) { try ConfigFile.parse("LISTEN=1", source: "t") }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-conf-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("ewp-node.conf").path
        try "EWP_LISTEN=0.0.0.0:9000\nEWP_REGISTRY_REFRESH=600\n".write(toFile: file, atomically: true, encoding: .utf8)
        var environment = base
        environment["EWP_CONFIG"] = file
        environment["EWP_REGISTRY_REFRESH"] = "900"
        let configuration = try NodeConfiguration.load(environment: environment)
        #expect(configuration.listenPort == 9000)
        #expect(configuration.registryRefresh == .seconds(900))
    }

    @Test func manifestSettingsFileProvidesHEIsAndNames() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ewp-mf-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("manifest.json").path
        try #"{"admin_provider":"UW (ewp-node)","admin_emails":["ewp@uw.edu.pl"],"institutions":[{"hei_id":"uw.edu.pl","names":[{"lang":"en","value":"University of Warsaw"}]}]}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let configuration = try NodeConfiguration(settings: ["EWP_MANIFEST": file])
        #expect(configuration.heiIDs == ["uw.edu.pl"])
        #expect(configuration.adminEmails == ["ewp@uw.edu.pl"])
        #expect(configuration.manifest.institution("uw.edu.pl")?.names.first?.value == "University of Warsaw")

        try "{ not json".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError.self) { try NodeConfiguration(settings: ["EWP_MANIFEST": file]) }
    }
}
