import EWPAPIs
import EWPCore
import EWPModel
import EWPOperations
import Foundation
import Hummingbird

/// Learning agreements: the partners' proposals waiting for us (components, credit totals,
/// guideline findings; *approve* and *comment* for an LA signer, signed with the signed-in
/// account's name, position and e-mail), and ours with the partner's answers and the versions.
enum LAPages {
    static let all: [ConsolePage] = [
        ConsolePage(.get, "/console/las", .role(.viewer)) { call in try await list(call) },
        ConsolePage(.get, "/console/las/{sending}/{id}", .role(.viewer)) { call in try await detail(call) },
        ConsolePage(.post, "/console/las/{sending}/{id}/approve", .role(.laSigner)) { call in try await answer(call, comment: nil) },
        ConsolePage(.post, "/console/las/{sending}/{id}/comment", .role(.laSigner)) { call in
            guard let text = call.form("comment")?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return try await detail(call, error: "Write what the student should change before sending a comment.", status: .badRequest)
            }
            return try await answer(call, comment: text)
        },
    ]

    static let directions: [(String, String)] = [("incoming", "Partners' proposals to us (we receive)"), ("outgoing", "Ours (we send)")]
    static let states: [(String, String)] = [("", "Any state"), ("awaiting", "Waiting for the receiving university's answer"),
                                             ("rejected", "Commented (not accepted)"), ("approved", "Approved")]

    static func href(_ row: LAOverview.Row) -> String {
        "/console/las/" + ConsoleList<Int>.encoded(row.sendingHEI.value) + "/" + ConsoleList<Int>.encoded(row.omobilityID.value)
    }

    static func list(_ call: ConsoleCall) async throws -> Response {
        let hei = try call.hei()
        let direction = call.query("direction") == "outgoing" ? "outgoing" : "incoming"
        let search = call.query("q") ?? "", state = call.query("state") ?? ""
        var matching: (@Sendable (LAOverview.Row) -> Bool)?
        if !search.trimmingCharacters(in: .whitespaces).isEmpty || !state.isEmpty {
            matching = { row in
                ConsoleSearch.matches(search, row.partnerHEI.value, row.studentName, row.omobilityID.value)
                    && (state.isEmpty || row.party?.state.rawValue == state)
            }
        }
        let found: ListPage<LAOverview.Row> = try await call.console.operations.laOverview.page(
            heiID: hei, role: direction == "outgoing" ? .sending : .receiving, matching: matching,
            limit: ConsoleList<Int>.pageSize, offset: ConsoleList<Int>.offset(call))
        let list = ConsoleList<LAOverview.Row>(page: found.rows, total: found.total, call: call, path: "/console/las",
                                               search: [("direction", direction), ("q", search), ("state", state)])
        return call.page(.laList, title: "Learning agreements", [
            "directions": ConsoleSearch.options(directions, chosen: direction), "states": ConsoleSearch.options(states, chosen: state),
            "q": search, "total": list.total, "pager": list.pager, "incoming": direction == "incoming",
            "rows": list.items.map { row in
                ["href": href(row), "id": row.omobilityID.value, "partner": row.partnerHEI.value, "student": row.studentName ?? "",
                 "year": row.academicYear ?? "", "state": stateText(row), "errors": row.errors, "warnings": row.warnings,
                 "changed": ConsoleSearch.day(row.lastChange)] as [String: Any]
            },
        ])
    }

    /// In the words of the signed-in institution: "our answer" for a partner's proposal to us,
    /// "the partner's answer" for ours.
    static func stateText(_ row: LAOverview.Row) -> String {
        guard let party = row.party else { return "Unreadable: \(row.problem ?? "")" }
        let proposal = party.pendingProposalID ?? ""
        let ours = row.role == .receiving
        switch party.state {
        case .awaiting where ours && party.proposalApproved == true:
            return "We approved proposal \(proposal); the sending university's copy does not show it yet"
        case .awaiting: return ours ? "Proposal \(proposal) waits for our answer" : "Proposal \(proposal) waits for the partner's answer"
        case .rejected: return ours ? "We sent proposal \(proposal) back for changes; the sending university is to send a new one"
                                    : "The partner sent proposal \(proposal) back for changes"
        case .approved: return "Approved"
        }
    }

    /// Our approval of the proposal still pending in the partner's copy: it was accepted by the
    /// partner, whose copy shows our signature once it has been pulled again.
    static func approvalInTransit(_ detail: LAOverview.Detail) -> LAAnswer? {
        guard detail.row.role == .receiving, let pending = detail.row.party?.pendingProposalID else { return nil }
        return detail.answers.last { $0.changesProposalID == pending && $0.action == .approve }
    }

    static func detail(_ call: ConsoleCall, notice: String? = nil, error: String? = nil, errorFindings: [Finding] = [],
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        let hei = try call.hei()
        let sending = HEIID(call.parameter("sending")), id = OMobilityID(call.parameter("id"))
        guard case .found(let detail) = try await call.console.operations.laOverview.show(heiIDs: [hei], omobilityID: id, sendingHEI: sending),
              detail.row.sendingHEI == sending else {
            throw ConsoleError.notFound("Your institution holds no learning agreement \(id.value) of \(sending.value).")
        }
        let account = try call.signedIn()
        let row = detail.row
        let incoming = row.role == .receiving
        let approved = approvalInTransit(detail)
        let waiting = incoming && row.party?.state == .awaiting && approved == nil
        let base = href(row)
        let state = approved.map { "We approved proposal \($0.changesProposalID) on \(ConsoleSearch.day($0.at)) (signed by \(signer($0.signature)));"
            + " the sending university accepted it. Its copy shows our signature once it has been fetched again." } ?? stateText(row)
        var data: [String: Any] = [
            "id": id.value, "sending": row.sendingHEI.value, "receiving": row.receivingHEI.value, "student": row.studentName ?? "",
            "year": row.academicYear ?? "", "type": row.mobilityType ?? "", "state": state, "incoming": incoming,
            "sendingIsUs": row.sendingHEI == hei, "receivingIsUs": row.receivingHEI == hei,
            "findings": detail.findings.map { ["severity": $0.severity, "error": $0.severity == "error", "rule": $0.rule, "message": $0.message] },
            "errors": row.errors, "blocked": waiting && row.errors > 0,
            "canAnswer": waiting && account.may(.laSigner), "approveAction": base + "/approve", "commentAction": base + "/comment",
            "signer": account.name, "signerPosition": account.position, "signerEmail": account.email,
            "notice": notice ?? (call.query("done").map { $0 == "approved"
                ? "Approved and signed. The sending university has accepted our signature: nothing more to do."
                : "Sent back for changes. The sending university has your comment; its new proposal will appear here." } ?? ""),
            "error": error ?? "", "hasErrorFindings": !errorFindings.isEmpty, "errorFindings": errorFindings.map { ["rule": $0.rule.id, "message": $0.message] },
        ]
        if let la = detail.la {
            data["period"] = "\(la.start) to \(la.end)"
            data["tables"] = tables(la)
            data["proposal"] = la.changesProposal?.id ?? ""
        }
        data["history"] = history(detail)
        return call.page(.laDetail, title: "Learning agreement \(id.value)", data, status: status)
    }

    /// The component tables of the version that matters now: the pending proposal, else the latest approved.
    static func tables(_ la: LearningAgreement) -> [[String: Any]] {
        let (label, list): (String, ListOfComponents?) = la.changesProposal.map { ("Proposed changes \($0.id)", $0.components) }
            ?? (la.approvedChanges.map { ("Approved changes", $0) } ?? ("First version", la.firstVersion))
        guard let list else { return [] }
        let named: [(String, [Component]?)] = [
            ("Components studied at the receiving HEI (table A)", list.componentsStudied),
            ("Components recognised at the sending HEI (table B)", list.componentsRecognized),
            ("Virtual components (table C)", list.virtualComponents),
            ("Blended mobility components", list.blendedMobilityComponents),
            ("Short-term doctoral components", list.shortTermDoctoralComponents),
        ]
        return named.compactMap { name, components in
            guard let components, !components.isEmpty else { return nil }
            let total = components.filter { $0.status != .deleted }.compactMap(\.ects).reduce(Decimal(0), +)
            return ["title": "\(label): \(name)", "total": "\(total)", "components": components.map { component in
                ["title": component.title, "code": component.losCode ?? "", "ects": component.ects.map { "\($0)" } ?? "",
                 "status": component.status?.rawValue ?? "", "reason": component.reasonText ?? component.reasonCode ?? ""] as [String: Any]
            }] as [String: Any]
        }
    }

    static func history(_ detail: LAOverview.Detail) -> [[String: Any]] {
        if let pulled = detail.pulled {
            return [["at": ConsoleSearch.day(pulled.changedAt), "what": "Pulled from \(pulled.partnerHEI) (the content last changed then)", "by": ""]]
                + detail.answers.map { answer in
                    ["at": ConsoleSearch.day(answer.at), "what": "We \(answer.action == .approve ? "approved" : "commented on") proposal \(answer.changesProposalID)"
                        + (answer.comment.map { ": \($0)" } ?? ""), "by": signer(answer.signature)]
                }
        }
        return detail.versions.map { version in
            ["at": ConsoleSearch.day(version.at), "what": "Version \(version.revision): \(version.event.rawValue)"
                + (version.changesProposalID.map { " (proposal \($0))" } ?? "") + (version.comment.map { ": \($0)" } ?? ""),
             "by": version.signature.map(signer) ?? version.actorHEI] as [String: Any]
        }
    }

    static func signer(_ signature: LAVersion.SignatureRecord) -> String {
        [signature.signerName, signature.signerPosition, signature.signerEmail].compactMap { $0 }.joined(separator: ", ")
    }

    static func answer(_ call: ConsoleCall, comment: String?) async throws -> Response {
        let hei = try call.hei()
        let account = try call.signedIn()
        let sending = HEIID(call.parameter("sending")), id = OMobilityID(call.parameter("id"))
        guard case .found(let found) = try await call.console.operations.laOverview.show(heiIDs: [hei], omobilityID: id, sendingHEI: sending),
              found.row.sendingHEI == sending, found.row.role == .receiving else {
            throw ConsoleError.notFound("Your institution holds no learning agreement \(id.value) of \(sending.value) to answer.")
        }
        let operations = call.console.operations
        // The signature is the signed-in person's: never a form field.
        let signer = operations.laSigner(name: account.name, position: account.position, email: account.email)
        let done: NodeOperations.PartnerLAUpdate
        do throws(LAUpdateRefusal) {
            done = try await operations.updatePartnerLA(localHEI: hei, sendingHEI: sending, omobilityID: id,
                                                        action: comment.map(LAUpdateAction.comment) ?? .approve, signer: signer)
        } catch {
            return try await detail(call, error: "Not sent: \(error.message)", errorFindings: error.findings, status: .conflict)
        }
        try await call.audit(comment == nil ? "la.approve" : "la.comment", object: "LA \(id.value) of \(sending.value)",
                             detail: "proposal \(done.changesProposalID)" + (comment.map { ": \($0)" } ?? "") + "; \(done.stateAfter)")
        return call.redirect(to: href(found.row) + "?done=" + (comment == nil ? "approved" : "commented"))
    }
}

extension ConsoleTemplate {
    static let laList = ConsoleTemplate(name: "la-list", text: """
        <form method="get" action="/console/las" class="search" role="search">
          <label>Which <select name="direction">{{#directions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/directions}}</select></label>
          <label>Partner, student or mobility id <input type="text" name="q" value="{{q}}"></label>
          <label>State <select name="state">{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
          <button type="submit">Search</button>
        </form>
        <p>{{total}} learning agreement(s).</p>
        <div class="table-scroll">
        <table>
          <thead><tr><th scope="col">Mobility id</th><th scope="col">{{#incoming}}Sending university{{/incoming}}{{^incoming}}Receiving university{{/incoming}}</th><th scope="col">Student</th><th scope="col">Year</th><th scope="col">State</th><th scope="col">Erasmus+ checks</th><th scope="col">Changed (UTC)</th></tr></thead>
          <tbody>
          {{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{partner}}</td><td>{{student}}</td><td>{{year}}</td><td>{{state}}</td><td>{{errors}} error(s), {{warnings}} warning(s)</td><td>{{changed}}</td></tr>{{/rows}}
          {{^rows}}<tr><td colspan="7">No learning agreement matches.</td></tr>{{/rows}}
          </tbody>
        </table>
        </div>
        {{> pager}}
        """)

    static let laDetail = ConsoleTemplate(name: "la-detail", text: """
        {{#notice}}<p class="notice ok" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<div class="notice error" role="alert"><p>{{error}}</p>{{#hasErrorFindings}}<ul>{{#errorFindings}}<li>{{rule}}: {{message}}</li>{{/errorFindings}}</ul>{{/hasErrorFindings}}</div>{{/error}}
        <dl class="facts">
          <dt>Student</dt><dd>{{student}}</dd>
          <dt>Sending university</dt><dd>{{sending}}{{#sendingIsUs}} (us){{/sendingIsUs}}</dd>
          <dt>Receiving university</dt><dd>{{receiving}}{{#receivingIsUs}} (us){{/receivingIsUs}}</dd>
          <dt>Academic year</dt><dd>{{year}}</dd>
          <dt>Mobility</dt><dd>{{type}}{{#period}}, {{period}}{{/period}}</dd>
          <dt>State</dt><dd>{{state}}</dd>
        </dl>
        {{#tables}}
        <h2>{{title}}</h2>
        <div class="table-scroll">
        <table>
          <thead><tr><th scope="col">Component</th><th scope="col">Code</th><th scope="col">ECTS</th><th scope="col">Change</th></tr></thead>
          <tbody>{{#components}}<tr><td>{{title}}</td><td>{{code}}</td><td>{{ects}}</td><td>{{status}}{{#reason}} ({{reason}}){{/reason}}</td></tr>{{/components}}</tbody>
          <tfoot><tr><th scope="row" colspan="2">Total ECTS credits, without removed components (a full semester is usually 30)</th><td colspan="2">{{total}}</td></tr></tfoot>
        </table>
        </div>
        {{/tables}}
        <h2>Checks against the Erasmus+ guidelines</h2>
        <p>An <strong>error</strong> breaks a rule and blocks approval; a <strong>warning</strong> is advice.</p>
        {{#findings}}<p class="notice {{#error}}error{{/error}}{{^error}}warning{{/error}}"><strong>{{severity}}</strong> {{rule}}: {{message}}</p>{{/findings}}
        {{^findings}}<p>None: the learning agreement follows the Erasmus+ guidelines the node checks.</p>{{/findings}}
        {{#canAnswer}}
        <h2>Answer the proposal</h2>
        <p>You sign as <strong>{{signer}}</strong>{{#signerPosition}}, {{signerPosition}}{{/signerPosition}} ({{signerEmail}}).</p>
        {{#blocked}}<p class="notice error">Approval is blocked: the proposal breaks {{errors}} Erasmus+ rule(s) (the errors above).
          Only the sending university can correct it: send it back for changes below, saying what to correct. Its new proposal will appear here.</p>{{/blocked}}
        {{^blocked}}
        <form method="post" action="{{approveAction}}">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <p><button type="submit">Approve and sign</button> The sending university is told at once; an approval cannot be withdrawn.</p>
        </form>
        {{/blocked}}
        <form method="post" action="{{commentAction}}" class="stacked">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <label for="comment">Comment: why the proposal is not accepted and what the sending university should change</label>
          <textarea id="comment" name="comment" rows="4" required></textarea>
          <p><button type="submit" class="secondary">Send back for changes</button></p>
        </form>
        {{/canAnswer}}
        <h2>History</h2>
        <ul>{{#history}}<li>{{at}}: {{what}}{{#by}} — {{by}}{{/by}}</li>{{/history}}</ul>
        """)
}
