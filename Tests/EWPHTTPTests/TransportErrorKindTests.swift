@testable import EWPHTTP
import Testing

@Suite("TransportError kinds from libcurl codes")
struct TransportErrorKindTests {
    @Test("each CURLcode family maps to the kind a caller switches on", arguments: [
        (28, TransportError.Kind.timeout), (7, .connectFailed), (6, .connectFailed), (60, .tls), (35, .tls),
        (52, .connectionLost), (55, .connectionLost), (56, .connectionLost), (63, .responseTooLarge),
        (1, .invalidRequest), (3, .invalidRequest), (18, .otherCurl), (0, .otherCurl),
    ])
    func kinds(code: Int, kind: TransportError.Kind) {
        let error = TransportError(curlCode: code, message: "m")
        #expect(error.kind == kind)
        #expect(error.curlCode == code)
        #expect(error.description == "curl error \(code): m")
    }

    @Test("the node's own failures carry no curl code")
    func own() {
        let error = TransportError(.shutDown, message: "HTTP client has been shut down")
        #expect(error.kind == .shutDown)
        #expect(error.curlCode == nil)
        #expect(error.description == "HTTP client has been shut down")
    }
}
