import Foundation
import HTTPTypes
import Testing
@testable import EWPRegistry

@Suite struct CacheDirectivesTests {
    @Test func registryHeaders() {
        let d = CacheDirectives(headers: [
            .cacheControl: "max-age=300, must-revalidate",
            .expires: "Sun, 29 Nov 2026 16:08:11 GMT",
            .date: "Sun, 29 Nov 2026 16:03:11 GMT",
        ])
        #expect(d.maxAge == 300)
        #expect(d.expires != nil)
        #expect(d.expires!.timeIntervalSince(d.date!) == 300)
        #expect(d.serverLifetime(receivedAt: Date()) == 300)
    }

    @Test(arguments: [
        ("max-age=60", 60.0 as Double?),
        ("MAX-AGE=60", 60),
        ("public, max-age=\"120\"", 120),
        ("no-cache", 0),
        ("no-store, max-age=600", 0),
        ("max-age=abc", nil),
        ("max-age=-1", nil),
        ("private", nil),
    ])
    func cacheControl(_ t: (String, Double?)) {
        #expect(CacheDirectives(headers: [.cacheControl: t.0]).maxAge == t.1)
    }

    @Test func invalidExpiresMeansExpired() {
        let d = CacheDirectives(headers: [.expires: "0"])
        #expect(d.serverLifetime(receivedAt: Date()) == 0)
    }

    @Test func nothingSaid() {
        #expect(CacheDirectives(headers: [.eTag: "\"x\""]).serverLifetime(receivedAt: Date()) == nil)
    }
}
