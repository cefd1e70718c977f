import EWPAPIs
import EWPCore
import EWPHTTP
import EWPNotifications
import EWPOperations
import EWPStore
import Foundation

/// The query string of an admin request.
struct AdminQuery {
    let pairs: [(String, String)]

    init(_ query: String?) {
        pairs = query.map { FormURLEncoding.decode($0) } ?? []
    }

    func value(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    /// `name` as a SCHAC id, when given: any spelling names the same HEI.
    func heiID(_ name: String) -> HEIID? { value(name).map(HEIID.init) }

    func queue() throws(APIRequestError) -> EWPStore.NotificationQueue {
        guard let name = value("queue") else { return .outbox }
        guard let queue = EWPStore.NotificationQueue(rawValue: name) else { throw APIRequestError(status: .badRequest, "queue must be outbox or inbound (got \(name)).") }
        return queue
    }

    /// `api` when given: one of the CNR APIs the queues hold rows of.
    func notificationAPI() throws(APIRequestError) -> NotificationAPI? {
        guard let name = value("api") else { return nil }
        guard let api = NotificationAPI(listedName: name) else {
            throw APIRequestError(status: .badRequest, "api must be one of \(NotificationAPI.listed.map(\.rawValue).joined(separator: ", ")) (got \(name)).")
        }
        return api
    }

    func sources() throws(APIRequestError) -> [PullSource] {
        guard let sources = NodeOperations.syncSources(value("api")) else {
            throw APIRequestError(status: .badRequest, "api must be one of \(PullSource.indexed.map(\.rawValue).joined(separator: ", ")) (got \(value("api") ?? "")).")
        }
        return sources
    }

    /// `name` as a whole number within `range`, when given.
    func whole(_ name: String, in range: ClosedRange<Int>) throws(APIRequestError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw APIRequestError(status: .badRequest, "\(name) must be a whole number from \(range.lowerBound)" + (range.upperBound == Int.max ? " up." : " to \(range.upperBound)."))
        }
        return n
    }

    /// `hei` (when covered), else every covered HEI.
    func localHEIs(_ operations: NodeOperations) throws(APIRequestError) -> [HEIID] {
        do { return try operations.coveredHEIs(heiID("hei")) } catch { throw APIRequestError(status: .badRequest, "\(error).") }
    }

    /// `hei` (when covered), or the only HEI the node covers.
    func localHEI(_ operations: NodeOperations) throws(APIRequestError) -> HEIID {
        do {
            return try operations.coveredHEI(heiID("hei"))
        } catch where error.kind == .several {
            throw APIRequestError(status: .badRequest, "This node covers several HEIs: add &hei=<our hei-id>.")
        } catch {
            throw APIRequestError(status: .badRequest, "\(error).")
        }
    }
}
