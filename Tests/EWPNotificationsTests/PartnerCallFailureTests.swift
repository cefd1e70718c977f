import EWPClient
import EWPHTTP
import EWPSecurity
import EWPXML
import Testing
@testable import EWPNotifications

@Suite("Which failed partner calls are problems to report (ewp-specs-api-monitoring, README \"When to call\")")
struct PartnerCallFailureTests {
    let url = "https://partner.example/iias/get?iia_id=secret-looking-id"

    @Test("No response (timeout, no connection, TLS, connection lost) is reported; our own cancellation, shutdown or bad request is not")
    func transport() {
        for kind in [TransportError.Kind.timeout, .connectFailed, .tls, .connectionLost, .responseTooLarge, .otherCurl] {
            let problem = PartnerCallFailure.problem(.transport(url: url, TransportError(kind, message: "went wrong")))
            guard case .noResponse(let why)? = problem else {
                Issue.record("\(kind): \(String(describing: problem))")
                continue
            }
            #expect(why.contains("went wrong") && !why.contains("secret-looking-id"), "\(why)")
        }
        for kind in [TransportError.Kind.cancelled, .shutDown, .invalidRequest] {
            #expect(PartnerCallFailure.problem(.transport(url: url, TransportError(kind, message: "ours"))) == nil, "\(kind)")
        }
    }

    @Test("An HTTP error status is reported with the partner's developer-message")
    func httpStatus() {
        #expect(PartnerCallFailure.problem(.httpStatus(url: url, status: 500, developerMessage: "database down", body: []))
                == .httpError(status: 500, developerMessage: "database down"))
        #expect(PartnerCallFailure.problem(.httpStatus(url: url, status: 404, developerMessage: nil, body: []))
                == .httpError(status: 404, developerMessage: nil))
    }

    @Test("A response that fails authentication, is not well-formed XML or is not valid against its schema is an invalid response, with its status")
    func invalidResponse() {
        let unverified = PartnerCallFailure.problem(.unverifiedResponse(url: url, status: 200, ResponseVerificationFailure(.badSignature, "signature does not verify")))
        guard case .invalidResponse(200, let why)? = unverified else { Issue.record("\(String(describing: unverified))"); return }
        #expect(why.contains("signature does not verify") && !why.contains("secret-looking-id"), "\(why)")
        let malformed = PartnerCallFailure.problem(.malformedXML(url: url, status: 200, XMLProblem("unclosed tag")))
        guard case .invalidResponse(200, let what)? = malformed else { Issue.record("\(String(describing: malformed))"); return }
        #expect(what.contains("unclosed tag") && !what.contains("secret-looking-id"), "\(what)")
        let invalid = PartnerCallFailure.problem(.invalidXML(url: url, status: 200, schema: "iias-get-response.xsd",
                                                             problems: [XMLProblem("Element 'surprise': This element is not expected.")]))
        guard case .invalidResponse(200, let which)? = invalid else { Issue.record("\(String(describing: invalid))"); return }
        #expect(which.contains("iias-get-response.xsd") && which.contains("surprise") && !which.contains("secret-looking-id"), "\(which)")
    }

    @Test("A URL this node does not call (not https, malformed) is not the partner's failure: nothing was sent")
    func notCalled() {
        #expect(PartnerCallFailure.problem(.invalidURL("nonsense")) == nil)
        #expect(PartnerCallFailure.problem(.refusedURL(url: "http://partner.example/", reason: "plain http")) == nil)
    }
}
