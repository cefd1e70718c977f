import Foundation
import Testing
@testable import EWPNode

/// The RSA work of EWP requests (verifying the request, signing the answer) runs on threads of its
/// own, one per core, not on Swift's cooperative pool that reads and writes the connections.
@Suite("Signature threads")
struct SignatureThreadsTests {
    @Test("Signature work runs on the ewp-httpsig threads")
    func signatureWorkRunsOnItsOwnThreads() async {
        let name = await NodeRuntime.signatureThreads.run { Thread.current.name ?? "" }
        #expect(name.hasPrefix("ewp-httpsig-"))
    }
}
