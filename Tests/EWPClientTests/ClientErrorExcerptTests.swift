import Testing
@testable import EWPClient

@Suite("Partners' words in our errors are excerpts (the client side of bounded signatures)")
struct ClientErrorExcerptTests {
    @Test("a partner's huge developer-message is cut in the error's description (logs, queue rows)")
    func developerMessageExcerpt() {
        let error = EWPClientError.httpStatus(url: "https://p.example/iia-cnr", status: 400,
                                              developerMessage: String(repeating: "m", count: 100_000), body: [])
        #expect(error.description.utf8.count < 500)
        #expect(error.description.contains("mmmm") && error.description.contains("100000 bytes"))
    }

    @Test("ReplayRefusal recognises our node's and other nodes' wording, 400/401 only")
    func replayWording() {
        #expect(ReplayRefusal.matches(status: 400, developerMessage: "X-Request-Id 0b1f was already used by this key within the last 600 seconds; use a fresh UUID for every request."))
        #expect(ReplayRefusal.matches(status: 400, developerMessage: "X-Request-Id 0b1f was used before (replay)"))
        #expect(ReplayRefusal.matches(status: 401, developerMessage: "Replayed request"))
        #expect(!ReplayRefusal.matches(status: 403, developerMessage: "replay"))
        #expect(!ReplayRefusal.matches(status: 400, developerMessage: "iia_id is required"))
        #expect(!ReplayRefusal.matches(status: 400, developerMessage: nil))
    }
}
