@testable import EWPNode
import EWPTestSupport
import Foundation
import HTTPTypes
import Testing

/// Docs/admin-openapi.json against the node's admin route table (`AdminRoutes.all`, which the
/// dispatcher reads): the same operations both ways, and every documented operation answering, with
/// its required parameters, one of its documented statuses through the node's responder on a real
/// SQLite file.
@Suite("Admin API: the OpenAPI document describes exactly the routes the node answers")
struct AdminOpenAPITests {
    struct Operation: Hashable, Comparable, CustomStringConvertible {
        let method: String
        let path: String
        var description: String { "\(method) \(path)" }
        static func < (a: Operation, b: Operation) -> Bool { a.description < b.description }
    }

    static let documentPath = (RepositoryPaths.root as NSString).appendingPathComponent("Docs/admin-openapi.json")
    static let httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Each documented operation with its OpenAPI operation object.
    static func documented() throws -> [Operation: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: documentPath))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var operations = [Operation: [String: Any]]()
        for (path, item) in paths {
            for (key, value) in item where httpMethods.contains(key) {
                operations[Operation(method: key.uppercased(), path: path)] = try #require(value as? [String: Any], "\(key) \(path)")
            }
        }
        return operations
    }

    static var routed: [Operation] { AdminRoutes.all.map { Operation(method: $0.method.rawValue, path: $0.path) } }

    /// Routed but not documented, and documented but not routed.
    static func drift(documented: Set<Operation>, routed: [Operation]) -> (undocumented: [Operation], unrouted: [Operation]) {
        (Set(routed).subtracting(documented).sorted(), documented.subtracting(routed).sorted())
    }

    @Test("every route of AdminRoutes.all is documented, every documented operation is a route, and no route is listed twice")
    func sameOperations() throws {
        let documented = Set(try Self.documented().keys)
        let drift = Self.drift(documented: documented, routed: Self.routed)
        #expect(drift.undocumented.isEmpty, "routes missing from Docs/admin-openapi.json: \(drift.undocumented)")
        #expect(drift.unrouted.isEmpty, "documented in Docs/admin-openapi.json but not routed: \(drift.unrouted)")
        #expect(Set(Self.routed).count == Self.routed.count, "a route is listed twice in AdminRoutes.all")
        #expect(documented.count >= 19)
    }

    @Test("the comparison names a route added without documentation and an operation documented without a route")
    func driftIsCaught() throws {
        let documented = Set(Self.routed)
        let added = Operation(method: "POST", path: "/admin/iias/terminate")
        let drift = Self.drift(documented: documented, routed: Self.routed + [added])
        #expect(drift.undocumented == [added])
        let removed = try #require(Self.routed.first)
        #expect(Self.drift(documented: documented, routed: Array(Self.routed.dropFirst())).unrouted == [removed])
    }

    @Test("every documented operation answers one of its documented statuses (never 'no such route') with its required parameters, and 401 without the token")
    func everyOperationAnswers() async throws {
        let fixture = try await AdminLAViewsTests.Fixture()
        for (operation, spec) in try Self.documented().sorted(by: { $0.key < $1.key }) {
            let target = try Self.exampleRequest(operation, spec)
            let method = try #require(HTTPRequest.Method(operation.method))
            let answer = try await fixture.send(method, target, body: Self.exampleBody(spec))
            let message = answer.json["error"] as? String ?? ""
            #expect(answer.status != 405 && !(answer.status == 404 && message.hasPrefix("No admin endpoint")), "\(operation) is not routed: \(message)")
            let statuses = Set((spec["responses"] as? [String: Any] ?? [:]).keys)
            #expect(statuses.contains(String(answer.status)), "\(target) answered \(answer.status), which is not documented (\(statuses.sorted())): \(answer.json)")
            #expect(statuses.contains("401"))
            let anonymous = try await fixture.send(method, target, authorized: false)
            #expect(anonymous.status == 401, "\(operation)")
        }
    }

    @Test("a path routed with another method is a 405 naming the allowed one; an unknown path a 404")
    func wrongMethodAndUnknownPath() async throws {
        let fixture = try await AdminLAViewsTests.Fixture()
        let wrongMethod = try await fixture.send(.get, "/admin/iias/delete?iia_id=i-1")
        #expect(wrongMethod.status == 405 && (wrongMethod.json["error"] as? String)?.hasSuffix("use POST.") == true)
        let unknown = try await fixture.send(.get, "/admin/iias/terminate")
        #expect(unknown.status == 404 && (unknown.json["error"] as? String)?.hasPrefix("No admin endpoint") == true)
        let unknownRow = try await fixture.send(.post, "/admin/cnr/outbox/12345/retry")
        #expect(unknownRow.status == 404 && (unknownRow.json["error"] as? String)?.hasPrefix("Row 12345") == true)
    }

    /// The operation's path with its path parameters and required query parameters filled in from
    /// the document's examples (else the first enum value, else "x").
    static func exampleRequest(_ operation: Operation, _ spec: [String: Any]) throws -> String {
        var path = operation.path
        var query = [String]()
        for parameter in spec["parameters"] as? [[String: Any]] ?? [] {
            let name = try #require(parameter["name"] as? String)
            let schema = parameter["schema"] as? [String: Any] ?? [:]
            let value = (parameter["example"] ?? (schema["enum"] as? [Any])?.first).map { "\($0)" } ?? "x"
            switch parameter["in"] as? String {
            case "path": path = path.replacingOccurrences(of: "{\(name)}", with: value)
            case "query" where parameter["required"] as? Bool == true:
                query.append(name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value))
            default: break
            }
        }
        #expect(!path.contains("{"), "\(operation): a path parameter is not described")
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// The request body's example, if the operation takes one.
    static func exampleBody(_ spec: [String: Any]) -> [UInt8] {
        guard let content = (spec["requestBody"] as? [String: Any])?["content"] as? [String: [String: Any]],
              let example = content.values.compactMap({ $0["example"] as? String }).first else { return [] }
        return Array(example.utf8)
    }
}
