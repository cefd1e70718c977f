import Foundation
import Testing
@testable import EWPNode

/// Path templates of the admin API: `{name}` matches one segment, percent-decoded.
@Suite struct AdminRouteMatchingTests {
    func route(_ path: String) -> AdminRoute {
        AdminRoutes.all.first { $0.path == path }!
    }

    func segments(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }

    @Test("an omobility id holding '/' or '%' is asked for percent-encoded and reaches the handler decoded")
    func percentDecoded() {
        let show = route("/admin/mobilities/{omobility_id}")
        #expect(show.parameters(matching: segments("/admin/mobilities/plain-id"))?["omobility_id"] == "plain-id")
        #expect(show.parameters(matching: segments("/admin/mobilities/a%2Fb%25c%20d"))?["omobility_id"] == "a/b%c d")
        // Not valid percent-encoding: taken as written (the handler then finds no such mobility).
        #expect(show.parameters(matching: segments("/admin/mobilities/50%ZZ"))?["omobility_id"] == "50%ZZ")
    }

    @Test("fixed segments must match and the segment count must fit")
    func fixedSegments() {
        let show = route("/admin/mobilities/{omobility_id}")
        #expect(show.parameters(matching: segments("/admin/mobilities")) == nil)
        #expect(show.parameters(matching: segments("/admin/mobility/x")) == nil)
        #expect(show.parameters(matching: segments("/admin/mobilities/a/b")) == nil)
        let retry = route("/admin/cnr/{queue}/{id}/retry")
        #expect(retry.parameters(matching: segments("/admin/cnr/outbox/42/retry")) == ["queue": "outbox", "id": "42"])
    }

    @Test("through the admin API: the 404 names the decoded id")
    func throughTheAPI() async throws {
        let fixture = try await AdminLAViewsTests.Fixture()
        let missing = try await fixture.get("/admin/mobilities/a%2Fb")
        #expect(missing.status == 404)
        let message = try #require(missing.json["error"] as? String)
        #expect(message.contains("No mobility a/b is held"), "\(missing.json)")
    }
}
