// /health/ready and /metrics show a caller without the admin token what a load
// balancer needs (status, each check's ok, the catalogue age); details only with the token.
import Foundation
import Testing
@testable import EWPNode

extension NodeResponderTests {
    @Test("health/ready: ok flags for anyone, HEI and key ids only with the admin token")
    func readyDetailsNeedTheToken() async throws {
        let fixture = try await Fixture(heis: ["uw.edu.pl"], adminToken: "ops-secret-1")
        func checks(_ headers: [(String, String)]) async throws -> (status: Int, checks: [String: [String: Any]]) {
            let ready = await fixture.send(.get, "/health/ready", headers: headers)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(ready.body)) as? [String: Any])
            return (ready.status, try #require(json["checks"] as? [String: [String: Any]]))
        }
        let anonymous = try await checks([])
        #expect(anonymous.status == 503)
        #expect(anonymous.checks["registry"]?["catalogue_age_seconds"] is NSNull)
        for (name, check) in anonymous.checks {
            #expect(Set(check.keys).isSubset(of: ["ok", "catalogue_age_seconds"]), "\(name): \(check)")
        }
        let wrong = try await checks([("Authorization", "Bearer ops-secret-2")])
        #expect(wrong.checks["keys"]?["heis"] == nil)
        let admin = try await checks([("Authorization", "Bearer ops-secret-1")])
        #expect(admin.status == 503)
        #expect(admin.checks["keys"]?["heis"] as? [String] == ["uw.edu.pl"])
        #expect(admin.checks["own_keys_in_catalogue"]?["missing"] != nil)
        #expect(admin.checks["registry"]?["error"] != nil)
    }

    @Test("a node without an admin token shows no details to anyone")
    func noTokenNoDetails() async throws {
        let fixture = try await Fixture(heis: ["uw.edu.pl"])
        let ready = await fixture.send(.get, "/health/ready", headers: [("Authorization", "Bearer ")])
        #expect(!String(decoding: ready.body, as: UTF8.self).contains("uw.edu.pl"))
    }
}
