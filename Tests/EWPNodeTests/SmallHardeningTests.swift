// Small hardening that needs no server: HEI ids that become paths, secrets in
// configuration errors, the admin token comparison, the import size limit.
import EWPTestSupport
import Foundation
import Testing
@testable import EWPNode
@testable import EWPOperations

@Suite("Small hardening")
struct SmallHardeningTests {
    @Test("SCHAC-like HEI ids: domain names pass; '..', slashes, empty labels, upper case do not",
          arguments: [("uw.edu.pl", true), ("example-hei.edu", true), ("node.test.example", true), ("a1.b2", true),
                      ("..", false), (".", false), ("../x.edu", false), ("x.edu/..", false), ("uw..edu", false), (".uw.edu", false),
                      ("uw.edu.", false), ("UW.edu.pl", false), ("localhost", false), ("-uw.edu", false), ("uw-.edu", false),
                      ("", false), (String(repeating: "a", count: 64) + ".edu", false), ("a\u{0}.edu", false)])
    func heiIdentifier(_ id: String, _ valid: Bool) {
        #expect(HEIIdentifier.isValid(id) == valid, "\(id)")
    }

    @Test("EWP_HEIS=.. (or a manifest hei_id ..) is refused with a clear error, and keys are never written for it")
    func dotDotRefused() throws {
        let base = ["EWP_ADMIN_EMAIL": "ewp@uw.edu.pl", "EWP_MANIFEST": "/nonexistent/manifest.json"]
        for heis in ["..", "uw.edu.pl,..", "../uw.edu.pl"] {
            var settings = base
            settings["EWP_HEIS"] = heis
            #expect { try NodeConfiguration(settings: settings) } throws: { error in
                "\(error)".contains("EWP_HEIS") && "\(error)".contains("is not a SCHAC HEI id")
            }
        }
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-keys-dotdot")
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = directory.appendingPathComponent("keys").path
        #expect(throws: KeyFileError.self) { try HostKeys.generateMissing(heiID: "..", keysDirectory: keys) }
        #expect(throws: KeyFileError.self) { try HostKeys.load(heiID: "../x.edu", keysDirectory: keys) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "something was written")
    }

    @Test("a config file line that cannot be read is reported without its value (it may be a secret)")
    func configErrorHidesValue() {
        for line in ["EWP_ADMIN_TOKEN s3cret-token-value", "EWP_ADMIN_TOKEN: s3cret-token-value", "s3cret-token-value"] {
            #expect { try ConfigFile.parse(line, source: "ewp-node.conf") } throws: { error in
                !"\(error)".contains("s3cret") && "\(error)".contains("ewp-node.conf:1")
            }
        }
    }

    @Test("admin token comparison: equal, different, shorter, longer, prefix")
    func tokenComparison() {
        let token = "Bearer 0123456789abcdef"
        #expect(AdminResponse.constantTimeEquals(token, token))
        for other in ["", "Bearer", "Bearer 0123456789abcdeX", "Bearer 0123456789abcdef0", "Bearer 0123456789abcde", "bearer 0123456789abcdef"] {
            #expect(!AdminResponse.constantTimeEquals(other, token), "\(other)")
        }
    }

    @Test("import refuses a file over the limit (and a device) before reading it")
    func importSizeLimit() throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "ewp-import-limit")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.xml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("<a/>".utf8)))
        #expect(try ImportFile.read(path) == Array("<a/>".utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(ImportFile.maxBytes) + 1)   // sparse: costs no disk
        try handle.close()
        #expect { try ImportFile.read(path) } throws: { error in
            "\(error)".contains("\(ImportFile.maxBytes + 1) bytes") && "\(error)".contains("at most \(ImportFile.maxBytes)")
        }
        #expect { try ImportFile.read("/dev/zero") } throws: { "\($0)".contains("not a regular file") }
        #expect { try ImportFile.read(directory.appendingPathComponent("absent.xml").path) } throws: { "\($0)" == "no such file" }
        #expect { try ImportFile.read(directory.path) } throws: { "\($0)" == "is a folder, not a file" }
    }
}
