@testable import EWPNode
import Testing

/// The admin API's queue parameters parse through the same types as the CLI's `--queue`, `--state`
/// and `--api`: a listed value is taken, any other is a 400 naming the choices.
@Suite("Admin API: queue, state and api take the CLI's values")
struct AdminQueueChoicesTests {
    @Test("GET /admin/cnr accepts a listed queue, state and CNR API; an unknown api is a 400 naming the CNR APIs")
    func listChoices() async throws {
        let fixture = try await AdminLAViewsTests.Fixture()
        let listed = try await fixture.get("/admin/cnr?queue=inbound&state=retrying&api=iia-approval-cnr")
        #expect(listed.status == 200, "\(listed.json)")

        let badAPI = try await fixture.get("/admin/cnr?api=iias")
        #expect(badAPI.status == 400)
        let message = badAPI.json["error"] as? String ?? ""
        #expect(message.contains("iia-cnr, iia-approval-cnr, omobility-la-cnr, imobility-tor-cnr") && message.contains("(got iias)"), "\(message)")

        let badState = try await fixture.get("/admin/cnr?state=Retrying")
        #expect(badState.status == 400 && (badState.json["error"] as? String)?.contains("retrying") == true)
        let badQueue = try await fixture.get("/admin/cnr?queue=outgoing")
        #expect(badQueue.status == 400)
    }

    @Test("POST /admin/sync takes only an indexed API")
    func syncChoices() async throws {
        let fixture = try await AdminLAViewsTests.Fixture()
        let answer = try await fixture.send(.post, "/admin/sync?partner=partner.example.org&api=iias-approval")
        #expect(answer.status == 400)
        #expect((answer.json["error"] as? String)?.contains("iias, omobility-las, imobility-tors") == true, "\(answer.json)")
    }
}
