import EWPCore
import EWPOperations
import EWPStore
import Foundation

/// The node operator's view of the network: the node's health, the registry catalogue it holds,
/// the partners (what each publishes, the last index sync, what the notification queues hold for
/// it) and, per partner, the queue rows with *retry* and *drop* (audited).
enum NetworkPages {
    static let all: [ConsolePage] = [
        ConsolePage(.get, "/console/network", .role(.operator)) { call in
            let operations = call.console.operations
            let q = call.query("q") ?? ""
            let partners = try await operations.networkPartners(search: q)
            let list = ConsoleList(partners, call: call, path: "/console/network", search: [("q", q)])
            return call.page(.network, title: "Network", await NetworkPages.health(operations).merging([
                "q": q, "partners": list.items.map(NetworkPages.partner), "any": !list.items.isEmpty, "total": list.total, "pager": list.pager,
            ]) { $1 })
        },
        ConsolePage(.get, "/console/network/partners/{hei}", .role(.operator)) { call in
            let operations = call.console.operations
            guard let partner = try await operations.networkPartner(HEIID(call.parameter("hei"))) else {
                throw ConsoleError.notFound("This node knows no partner \(call.parameter("hei")).")
            }
            var rows: [QueueRow] = []
            for queue in NotificationQueue.allCases {
                rows += try await operations.queueRows(queue, partner: partner.heiID, limit: 100)
            }
            return call.page(.networkPartner, title: partner.name ?? partner.heiID.value, NetworkPages.partner(partner).merging([
                "syncs": partner.syncs.map { sync in
                    ["api": sync.api, "hei": sync.localHEI, "success": sync.lastSuccessAt.map(ConsoleSearch.day) ?? "never",
                     "attempt": sync.lastAttemptAt.map(ConsoleSearch.day) ?? "never", "error": sync.lastError ?? ""]
                },
                "anySyncs": !partner.syncs.isEmpty,
                "rows": rows.sorted { $0.updatedAt > $1.updatedAt }.map(NetworkPages.queueRow), "anyRows": !rows.isEmpty,
            ]) { $1 })
        },
        ConsolePage(.post, "/console/network/queues/{queue}/{id}/{action}", .role(.operator)) { call in
            guard let queue = NotificationQueue(rawValue: call.parameter("queue")), let id = Int64(call.parameter("id")),
                  let action = QueueRowAction(rawValue: call.parameter("action")) else {
                throw ConsoleError.notFound()
            }
            guard let row = try await call.console.operations.changeRow(queue, id: id, action) else {
                throw ConsoleError.notFound(action == .drop ? "There is no undelivered row \(id) in the \(queue.rawValue) queue." : "There is no row \(id) in the \(queue.rawValue) queue.")
            }
            try await call.audit("\(action.rawValue) notification", object: "\(queue.rawValue) row \(id)",
                                 detail: "\(row.key.api) \(row.key.localHEI) -> \(row.key.partnerHEI) \(row.key.objectID)")
            return call.redirect(to: "/console/network/partners/\(ConsoleList<Int>.encoded(row.key.partnerHEI))")
        },
    ]

    /// The node's health: the database answered (this page read it), the catalogue and its age,
    /// whether our keys are listed in it, and the backlog of both queues.
    static func health(_ operations: NodeOperations) async -> [String: Any] {
        var data: [String: Any] = [:]
        if let registry = operations.registrySummary() {
            let age = Int(registry.state.age(now: operations.now()))
            data["registry"] = [
                "url": registry.registryURL, "fetched": ConsoleSearch.day(registry.state.fetchedAt), "age": duration(age),
                "stale": registry.state.expiresAt < operations.now(), "source": registry.state.source == .registry ? "the registry" : "the copy saved at the last start",
                "hosts": registry.state.catalogue.hostCount, "heis": registry.state.catalogue.heiCount,
                "keys": registry.hosts.map { ["hei": $0.heiID.value, "listed": $0.clientKeyListed && $0.serverKeyListed] },
            ] as [String: Any]
        }
        let summaries = await operations.queueSummaries()
        data["queues"] = NotificationQueue.allCases.map { queue -> [String: Any] in
            guard let summary = summaries[queue] else { return ["name": queue.rawValue, "error": true] }
            let count = { (match: (QueueCount) -> Bool) in summary.counts.filter(match).reduce(0) { $0 + $1.count } }
            return ["name": queue.rawValue, "pending": count { $0.state == .pending && !$0.retrying }, "retrying": count { $0.state == .pending && $0.retrying },
                    "failed": count { NetworkPartner.failedStates.contains($0.state) },
                    "oldest": summary.oldestPendingCreatedAt.map { duration(Int(operations.now().timeIntervalSince($0))) } ?? "none waiting"]
        }
        return data
    }

    static func partner(_ partner: NetworkPartner) -> [String: Any] {
        var fields: [String: Any] = [
            "hei": partner.heiID.value, "apis": partner.apis.map { "\($0.name) \($0.version)" },
            "apiList": partner.apis.map(\.name).joined(separator: ", "),
            "lastSync": partner.lastSyncAt.map(ConsoleSearch.day) ?? "never", "pending": partner.pending, "failed": partner.failed,
            "link": "/console/network/partners/\(ConsoleList<Int>.encoded(partner.heiID.value))",
        ]
        if let name = partner.name { fields["name"] = name }
        if let error = partner.lastSyncError { fields["syncError"] = error }
        return fields
    }

    static func queueRow(_ row: QueueRow) -> [String: Any] {
        let base = "/console/network/queues/\(row.queue.rawValue)/\(row.id)"
        var fields: [String: Any] = [
            "id": row.id, "queue": row.queue.rawValue, "api": row.key.api, "hei": row.key.localHEI, "object": row.key.objectID,
            "state": QueueRowFormat.stateName(row), "attempts": row.attempts, "updated": ConsoleSearch.day(row.updatedAt),
            "error": row.lastError ?? "", "retry": base + "/retry",
        ]
        if row.state != .delivered && row.state != .dropped { fields["drop"] = base + "/drop" }  // only while not delivered
        return fields
    }

    static func duration(_ seconds: Int) -> String {
        switch max(0, seconds) {
        case ..<120: "\(max(0, seconds)) seconds"
        case ..<7200: "\(seconds / 60) minutes"
        case ..<172_800: "\(seconds / 3600) hours"
        default: "\(seconds / 86_400) days"
        }
    }
}

extension ConsoleTemplate {
    static let network = ConsoleTemplate(name: "network", text: """
        <h2>Health</h2>
        <dl class="facts">
        <dt>Database</dt><dd>answering</dd>
        {{#registry}}<dt>Registry catalogue</dt><dd>fetched {{fetched}} from {{source}}, {{age}} old{{#stale}} <strong class="notice warning">past its lifetime: the registry has not answered since</strong>{{/stale}}; {{hosts}} hosts, {{heis}} institutions</dd>
        {{#keys}}<dt>Our keys for {{hei}}</dt><dd>{{#listed}}listed in the catalogue{{/listed}}{{^listed}}<strong>NOT listed: partners refuse our calls until the registry lists them</strong>{{/listed}}</dd>{{/keys}}{{/registry}}
        {{^registry}}<dt>Registry catalogue</dt><dd><strong>none yet: the node has not fetched one</strong></dd>{{/registry}}
        {{#queues}}<dt>{{name}} queue</dt><dd>{{#error}}cannot be read{{/error}}{{^error}}{{pending}} waiting, {{retrying}} retrying, {{failed}} failed; oldest waiting: {{oldest}}{{/error}}</dd>{{/queues}}
        </dl>
        <h2>Partners</h2>
        <form class="search" method="get" action="/console/network" role="search">
        <label for="q">Partner id or name</label> <input id="q" name="q" value="{{q}}"> <button type="submit">Search</button>
        </form>
        <p>{{total}} partner(s).</p>
        {{#any}}<div class="table-scroll"><table>
        <thead><tr><th scope="col">Partner</th><th scope="col">Publishes</th><th scope="col">Last sync</th><th scope="col">Waiting</th><th scope="col">Failed</th></tr></thead>
        <tbody>{{/any}}{{#partners}}<tr><td><a href="{{link}}">{{hei}}</a>{{#name}}<br>{{name}}{{/name}}</td><td>{{apiList}}</td>
        <td>{{lastSync}}{{#syncError}}<br><span class="notice error">{{syncError}}</span>{{/syncError}}</td><td>{{pending}}</td><td>{{failed}}</td></tr>
        {{/partners}}{{#any}}</tbody></table></div>{{/any}}
        {{^any}}<p>No partner matches.</p>{{/any}}
        {{> pager}}
        """)

    static let networkPartner = ConsoleTemplate(name: "network-partner", text: """
        <p><a href="/console/network">All partners</a></p>
        <dl class="facts"><dt>HEI id</dt><dd>{{hei}}</dd>{{#name}}<dt>Name</dt><dd>{{name}}</dd>{{/name}}
        <dt>Last index sync</dt><dd>{{lastSync}}</dd>{{#syncError}}<dt>Last sync error</dt><dd class="notice error">{{syncError}}</dd>{{/syncError}}</dl>
        <h2>What it publishes</h2>
        <ul>{{#apis}}<li>{{.}}</li>{{/apis}}</ul>{{^apis}}<p>The registry catalogue lists no API of this partner.</p>{{/apis}}
        <h2>Index synchronisation</h2>
        {{^anySyncs}}<p>No index sync with this partner yet.</p>{{/anySyncs}}
        {{#anySyncs}}<div class="table-scroll"><table>
        <thead><tr><th scope="col">API</th><th scope="col">Our HEI</th><th scope="col">Last success</th><th scope="col">Last attempt</th><th scope="col">Error</th></tr></thead>
        <tbody>{{#syncs}}<tr><td>{{api}}</td><td>{{hei}}</td><td>{{success}}</td><td>{{attempt}}</td><td>{{error}}</td></tr>{{/syncs}}</tbody></table></div>{{/anySyncs}}
        <h2>Notifications</h2>
        {{^anyRows}}<p>No notification to or from this partner.</p>{{/anyRows}}
        {{#anyRows}}<div class="table-scroll"><table>
        <thead><tr><th scope="col">Row</th><th scope="col">API</th><th scope="col">Object</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Updated</th><th scope="col">Last error</th><th scope="col">Act</th></tr></thead>
        <tbody>{{#rows}}<tr><td>{{queue}} {{id}}</td><td>{{api}} ({{hei}})</td><td>{{object}}</td><td>{{state}}</td><td>{{attempts}}</td><td>{{updated}}</td><td>{{error}}</td>
        <td><form method="post" action="{{retry}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" aria-label="Retry {{queue}} row {{id}}">Retry</button></form>
        {{#drop}}<form method="post" action="{{drop}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" aria-label="Drop {{queue}} row {{id}}">Drop</button></form>{{/drop}}</td></tr>
        {{/rows}}</tbody></table></div>{{/anyRows}}
        """)
}
