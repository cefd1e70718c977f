import EWPCore
import EWPOperations
import Foundation
import Hummingbird

/// Our IIAs: the list (search by partner and state), one IIA beside the partner's copy with the
/// approval state on both sides and where the two differ, and *approve* for an IIA approver (the
/// same operation as `ewp-node iia approve`).
enum IIAPages {
    static let all: [ConsolePage] = [
        ConsolePage(.get, "/console/iias", .role(.viewer)) { call in try await list(call) },
        ConsolePage(.get, "/console/iias/{id}", .role(.viewer)) { call in try await detail(call) },
        ConsolePage(.post, "/console/iias/{id}/approve", .role(.iiaApprover)) { call in try await approve(call) },
    ]

    static let states: [(String, String)] = [
        ("", "Any state"), ("waiting", "Waiting for our approval"), ("partner-pending", "Partner has not approved"),
        ("approved", "Approved by both"), ("deleted", "Deleted"),
    ]

    static func matches(_ row: IIAOverview.Row, state: String?) -> Bool {
        switch state ?? "" {
        case "waiting": row.waitingForOurApproval
        case "partner-pending": !row.partnerApproved && !row.deleted
        case "approved": row.partnerApproved && row.locallyApproved
        case "deleted": row.deleted
        default: true
        }
    }

    static func list(_ call: ConsoleCall) async throws -> Response {
        let hei = try call.hei()
        let partner = call.query("partner"), state = call.query("state") ?? ""
        var matching: (@Sendable (IIAOverview.Row) -> Bool)?
        if !state.isEmpty { matching = { row in matches(row, state: state) } }
        let found: ListPage<IIAOverview.Row> = try await call.console.operations.iiaOverview.page(
            heiID: hei, search: partner, matching: matching, limit: ConsoleList<Int>.pageSize, offset: ConsoleList<Int>.offset(call))
        let list = ConsoleList<IIAOverview.Row>(page: found.rows, total: found.total, call: call, path: "/console/iias",
                                                search: [("partner", partner ?? ""), ("state", state)])
        return call.page(.iiaList, title: "Inter-institutional agreements", [
            "partner": partner ?? "", "states": ConsoleSearch.options(states, chosen: state), "total": list.total, "pager": list.pager,
            "rows": list.items.map { row in
                ["id": row.iiaID.value, "href": "/console/iias/" + ConsoleList<Int>.encoded(row.iiaID.value), "partner": row.partnerHEI.value,
                 "partnerIIA": row.partnerIIAID?.value ?? "not mapped yet", "weApproved": row.locallyApproved, "partnerApproved": row.partnerApproved,
                 "waiting": row.waitingForOurApproval, "deleted": row.deleted] as [String: Any]
            },
        ])
    }

    static func detail(_ call: ConsoleCall, notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let hei = try call.hei()
        let id = IIAID(call.parameter("id"))
        let overview = call.console.operations.iiaOverview
        guard let row = try await overview.row(heiID: hei, iiaID: id),
              let comparison = try await overview.compare(heiID: hei, iiaID: id) else {
            throw ConsoleError.notFound("Your institution has no IIA \(id.value).")
        }
        let account = try call.signedIn()
        // The copies agree when their cooperation conditions do (each lists its own iia-id first).
        let sameText = comparison.partnerText != nil && (comparison.plainDifferences?.isEmpty ?? (comparison.difference == nil))
        let differences = sameText ? [] : comparison.plainDifferences ?? (comparison.partnerText == nil ? [] : ["The texts cannot be read field by field; see the technical details."])
        return call.page(.iiaDetail, title: "IIA \(id.value)", [
            "id": id.value, "action": "/console/iias/" + ConsoleList<Int>.encoded(id.value) + "/approve",
            "hei": hei.value, "partner": row.partnerHEI.value, "partnerIIA": row.partnerIIAID?.value ?? "not mapped yet",
            "weApproved": row.locallyApproved, "partnerApproved": row.partnerApproved, "deleted": row.deleted, "waiting": row.waitingForOurApproval,
            "ourHash": comparison.ourHash, "ourText": fieldPerLine(comparison.ourText), "partnerHash": comparison.partnerHash ?? "",
            "partnerText": fieldPerLine(comparison.partnerText ?? ""), "noPartnerCopy": comparison.noPartnerCopy ?? "",
            "sameText": sameText, "differences": differences, "differ": !differences.isEmpty, "technical": comparison.difference ?? "",
            "canApprove": row.waitingForOurApproval && account.may(.iiaApprover),
            "notice": notice ?? (call.query("done") == "approved" ? "Approved. The partner is notified: nothing more to do." : ""), "error": error ?? "",
        ], status: status)
    }

    /// A text-to-hash with one field per line (it is one line of `_name=value_` fields).
    static func fieldPerLine(_ text: String) -> String { text.replacingOccurrences(of: "__", with: "_\n_") }

    static func approve(_ call: ConsoleCall) async throws -> Response {
        let hei = try call.hei()
        let id = IIAID(call.parameter("id"))
        guard let row = try await call.console.operations.iiaOverview.row(heiID: hei, iiaID: id) else {
            throw ConsoleError.notFound("Your institution has no IIA \(id.value).")
        }
        guard let partnerIIAID = row.partnerIIAID else {
            return try await detail(call, error: "This IIA is not mapped to a partner IIA yet: there is nothing of the partner's to approve.", status: .conflict)
        }
        let approved: NodeOperations.ApprovedIIA
        do throws(IIAApprovalRefusal) {
            approved = try await call.console.operations.approveIIA(localHEI: hei, partnerHEI: row.partnerHEI, partnerIIAID: partnerIIAID)
        } catch {
            return try await detail(call, error: "Not approved: \(error.description).", status: error.status)
        }
        try await call.audit("iia.approve", object: "IIA \(id.value)",
                             detail: "approved \(row.partnerHEI.value)'s IIA \(approved.partnerIIAID.value), iia-hash \(approved.hash)")
        return call.redirect(to: "/console/iias/" + ConsoleList<Int>.encoded(id.value) + "?done=approved")
    }
}

extension ConsoleTemplate {
    static let iiaList = ConsoleTemplate(name: "iia-list", text: """
        <form method="get" action="/console/iias" class="search" role="search">
          <label>Partner or IIA id <input type="text" name="partner" value="{{partner}}"></label>
          <label>State <select name="state">{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
          <button type="submit">Search</button>
        </form>
        <p>{{total}} IIA(s).</p>
        <div class="table-scroll">
        <table>
          <caption class="muted">Our IIAs with the approval state on both sides</caption>
          <thead><tr><th scope="col">Our IIA</th><th scope="col">Partner</th><th scope="col">Partner's IIA</th><th scope="col">We approved</th><th scope="col">Partner approved</th><th scope="col">Note</th></tr></thead>
          <tbody>
          {{#rows}}
            <tr><td><a href="{{href}}">{{id}}</a></td><td>{{partner}}</td><td>{{partnerIIA}}</td>
            <td>{{#weApproved}}Yes{{/weApproved}}{{^weApproved}}No{{/weApproved}}</td>
            <td>{{#partnerApproved}}Yes{{/partnerApproved}}{{^partnerApproved}}No{{/partnerApproved}}</td>
            <td>{{#waiting}}<strong>Waiting for our approval</strong>{{/waiting}}{{#deleted}} Deleted{{/deleted}}</td></tr>
          {{/rows}}
          {{^rows}}<tr><td colspan="6">No IIA matches.</td></tr>{{/rows}}
          </tbody>
        </table>
        </div>
        {{> pager}}
        """)

    static let iiaDetail = ConsoleTemplate(name: "iia-detail", text: """
        {{#notice}}<p class="notice ok" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="notice error" role="alert">{{error}}</p>{{/error}}
        <dl class="facts">
          <dt>Our institution</dt><dd>{{hei}}</dd>
          <dt>Partner</dt><dd>{{partner}} (their IIA: {{partnerIIA}})</dd>
          <dt>We approved the partner's copy</dt><dd>{{#weApproved}}Yes{{/weApproved}}{{^weApproved}}No{{/weApproved}}</dd>
          <dt>The partner approved our copy</dt><dd>{{#partnerApproved}}Yes{{/partnerApproved}}{{^partnerApproved}}No{{/partnerApproved}}</dd>
          {{#deleted}}<dt>Deleted</dt><dd>Yes: this IIA is no longer served to the partner.</dd>{{/deleted}}
        </dl>
        <h2>Do the two copies say the same?</h2>
        {{#noPartnerCopy}}<p class="notice warning">We cannot compare: {{noPartnerCopy}}.</p>{{/noPartnerCopy}}
        {{#sameText}}<p class="notice ok">Yes. Both copies set the same cooperation conditions (each lists its own institution's IIA number first, which is normal).</p>{{/sameText}}
        {{#differ}}<p class="notice warning">No. An approval covers exactly the partner's copy as shown below. Where the partner's copy differs from ours:</p>
        <ul>{{#differences}}<li>{{.}}</li>{{/differences}}</ul>
        <p>If the partner's copy is not what you agreed, do not approve it: contact the partner, or ask your IT team to correct our copy if ours is wrong. A corrected copy from the partner arrives here by itself.</p>{{/differ}}
        {{#canApprove}}
        <form method="post" action="{{action}}">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <p><button type="submit">Approve the partner's copy</button> The partner is told at once. If it changes its copy later, the new copy needs approving again.</p>
        </form>
        {{/canApprove}}
        {{^canApprove}}{{#waiting}}<p class="notice">The partner's copy waits for approval by someone with the IIA approver role at your institution (the main account grants roles).</p>{{/waiting}}{{/canApprove}}
        <div class="side-by-side">
          <section aria-labelledby="ours"><h2 id="ours">Our copy</h2><pre>{{ourText}}</pre></section>
          <section aria-labelledby="theirs"><h2 id="theirs">The partner's copy</h2>{{#partnerHash}}<pre>{{partnerText}}</pre>{{/partnerHash}}{{^partnerHash}}<p>We hold no copy.</p>{{/partnerHash}}</section>
        </div>
        <details>
          <summary>Technical details (for IT)</summary>
          <p class="muted">Our iia-hash {{ourHash}}{{#partnerHash}}; the partner's {{partnerHash}}{{/partnerHash}}.</p>
          {{#technical}}<pre>{{technical}}</pre>{{/technical}}
        </details>
        """)
}
