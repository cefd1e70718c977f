import EWPCore
import EWPNotifications
import Foundation
import Testing
@testable import EWPAPIs

@Suite("Monitoring API reports: what is reported and with which parameters (ewp-specs-api-monitoring, README \"When to call\" and \"Request parameters\")")
struct MonitoringReportTests {
    func failure(api: String = "iias", url: String = "get-url", partner: String = "partner.example",
                 _ problem: PartnerCallFailure.Problem) -> PartnerCallFailure {
        PartnerCallFailure(localHEI: HEIID("node.example"), partnerHEI: HEIID(partner), apiName: api, urlElement: url, problem: problem)
    }

    func form(_ report: MonitoringReport?) -> [String] {
        (report?.formParameters ?? []).map { "\($0.0)=\($0.1)" }
    }

    @Test("An HTTP error: server_hei_id, api_name, endpoint_name without -url, http_code, and the developer-message as server_message")
    func httpError() throws {
        let report = try #require(MonitoringReport(failure(.httpError(status: 500, developerMessage: "database down"))))
        #expect(report.localHEI == HEIID("node.example"))
        #expect(form(report) == ["server_hei_id=partner.example", "api_name=iias", "endpoint_name=get", "http_code=500",
                                 "server_message=database down"])
    }

    @Test("An HTTP error without an error-response: no server_message (it MUST be empty); client_message MAY be empty")
    func httpErrorWithoutMessage() {
        #expect(form(MonitoringReport(failure(.httpError(status: 404, developerMessage: nil))))
                == ["server_hei_id=partner.example", "api_name=iias", "endpoint_name=get", "http_code=404"])
    }

    @Test("An endpoint whose URL element is `url` (CNR APIs) has an empty endpoint_name, left out")
    func unnamedEndpoint() {
        #expect(form(MonitoringReport(failure(api: "iia-cnr", url: "url", .httpError(status: 503, developerMessage: nil))))
                == ["server_hei_id=partner.example", "api_name=iia-cnr", "http_code=503"])
    }

    @Test("No response: no http_code, and a client_message saying what happened")
    func noResponse() {
        #expect(form(MonitoringReport(failure(.noResponse("https://partner.example/iias/get: transport failure: timeout"))))
                == ["server_hei_id=partner.example", "api_name=iias", "endpoint_name=get",
                    "client_message=https://partner.example/iias/get: transport failure: timeout"])
    }

    @Test("A response that fails authentication or validation: its http_code and our client_message")
    func invalidResponse() {
        #expect(form(MonitoringReport(failure(.invalidResponse(status: 200, "signature does not verify"))))
                == ["server_hei_id=partner.example", "api_name=iias", "endpoint_name=get", "http_code=200",
                    "client_message=signature does not verify"])
    }

    @Test("An API the partner is expected to publish but does not: the API named, no endpoint, no http_code")
    func notInCatalogue() {
        #expect(form(MonitoringReport(failure(url: "get-url", .notInCatalogue("partner.example publishes no iias v7 API"))))
                == ["server_hei_id=partner.example", "api_name=iias", "endpoint_name=get",
                    "client_message=partner.example publishes no iias v7 API"])
    }

    @Test("Never for Discovery, Echo, the registry, the Monitoring API or any call to the Stats Portal")
    func unreported() {
        for api in ["discovery", "echo", "Echo", "registry", "monitoring"] {
            #expect(MonitoringReport(failure(api: api, url: "url", .httpError(status: 500, developerMessage: nil))) == nil, "\(api)")
        }
        #expect(MonitoringReport(failure(partner: "STATS.erasmuswithoutpaper.eu", .httpError(status: 500, developerMessage: nil))) == nil)
    }

    @Test("Messages are cut to a bounded excerpt, control characters replaced")
    func boundedMessages() throws {
        let long = String(repeating: "x", count: 5000) + "\n"
        let report = try #require(MonitoringReport(failure(.httpError(status: 500, developerMessage: long))))
        let message = try #require(report.formParameters.first { $0.0 == "server_message" }?.1)
        #expect(message.count < 1100 && message.hasPrefix("xxxx") && !message.contains("\n"))
    }

    @Test("Each HTTP status is its own problem for the rate limit; the endpoint and the partner count too")
    func rateKeys() throws {
        let a = try #require(MonitoringReport(failure(.httpError(status: 500, developerMessage: "one"))))
        let b = try #require(MonitoringReport(failure(.httpError(status: 500, developerMessage: "two"))))
        let c = try #require(MonitoringReport(failure(.httpError(status: 503, developerMessage: nil))))
        let d = try #require(MonitoringReport(failure(url: "index-url", .httpError(status: 500, developerMessage: nil))))
        let e = try #require(MonitoringReport(failure(partner: "other.example", .httpError(status: 500, developerMessage: nil))))
        #expect(a.rateKey == b.rateKey)
        #expect(Set([a.rateKey, c.rateKey, d.rateKey, e.rateKey]).count == 4)
    }
}

@Suite("Monitoring API reports: one per partner, API, endpoint and problem within the window")
struct MonitoringRateLimiterTests {
    let key = MonitoringRateLimiter.Key(partner: HEIID("partner.example"), api: "iias", endpoint: "get", problem: "http-500")
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// `admit`, called outside `#expect` (whose expansion cannot call a mutating method).
    func admit(_ limiter: inout MonitoringRateLimiter, _ key: MonitoringRateLimiter.Key, now: Date) -> Bool {
        limiter.admit(key, now: now)
    }

    @Test("A problem reported once is not reported again inside the window; after it, it is")
    func window() {
        var limiter = MonitoringRateLimiter(window: 3600)
        #expect(admit(&limiter, key, now: start) == true)
        #expect(admit(&limiter, key, now: start.addingTimeInterval(1)) == false)
        #expect(admit(&limiter, key, now: start.addingTimeInterval(3599)) == false)
        #expect(admit(&limiter, key, now: start.addingTimeInterval(3600)) == true)
        #expect(admit(&limiter, key, now: start.addingTimeInterval(3601)) == false)
    }

    @Test("Another partner, API, endpoint or problem is reported on its own")
    func distinctKeys() {
        var limiter = MonitoringRateLimiter(window: 3600)
        #expect(admit(&limiter, key, now: start) == true)
        for other in [MonitoringRateLimiter.Key(partner: HEIID("other.example"), api: "iias", endpoint: "get", problem: "http-500"),
                      MonitoringRateLimiter.Key(partner: HEIID("partner.example"), api: "omobility-las", endpoint: "get", problem: "http-500"),
                      MonitoringRateLimiter.Key(partner: HEIID("partner.example"), api: "iias", endpoint: "index", problem: "http-500"),
                      MonitoringRateLimiter.Key(partner: HEIID("partner.example"), api: "iias", endpoint: "get", problem: "no-response")] {
            #expect(admit(&limiter, other, now: start) == true)
        }
        #expect(admit(&limiter, MonitoringRateLimiter.Key(partner: HEIID("PARTNER.example"), api: "iias", endpoint: "get", problem: "http-500"), now: start) == false)
    }

    @Test("A clock that went back does not silence a problem")
    func clockBack() {
        var limiter = MonitoringRateLimiter(window: 3600)
        #expect(admit(&limiter, key, now: start) == true)
        #expect(admit(&limiter, key, now: start.addingTimeInterval(-10)) == true)
    }

    @Test("At capacity, expired problems make room; while all are fresh, a new problem is not reported")
    func capacity() {
        var limiter = MonitoringRateLimiter(window: 60, capacity: 2)
        let keys = (0..<3).map { MonitoringRateLimiter.Key(partner: HEIID("p\($0).example"), api: "iias", endpoint: "get", problem: "http-500") }
        #expect(admit(&limiter, keys[0], now: start) == true)
        #expect(admit(&limiter, keys[1], now: start.addingTimeInterval(30)) == true)
        #expect(admit(&limiter, keys[2], now: start.addingTimeInterval(40)) == false)
        #expect(admit(&limiter, keys[2], now: start.addingTimeInterval(61)) == true)   // keys[0] expired
        #expect(admit(&limiter, keys[1], now: start.addingTimeInterval(62)) == false)  // still remembered
    }
}
