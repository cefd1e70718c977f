import EWPCore
import EWPAPIs
import EWPOperations
import Foundation
import Hummingbird

/// The mobilities of the signed-in account's HEI, as sending HEI (our nominations) and as
/// receiving HEI (partners' nominations of students coming here): the nomination, both HEIs'
/// statuses, the learning agreement and the transcripts joined by omobility-id, the history of
/// status changes, and the flags (an LA or ToR on a rejected or cancelled nomination). On an
/// incoming nomination a nomination answerer verifies or rejects it and records the student's actual
/// arrival and departure, through the same operation as `ewp-node nomination` and `ewp-node mobility`.
enum MobilityPages {
    static let all: [ConsolePage] = [
        ConsolePage(.get, "/console/mobilities", .role(.viewer)) { call in
            let hei = try call.hei()
            let q = call.query("q") ?? "", status = call.query("status") ?? "", side = call.query("side") ?? ""
            let rows = try await call.console.operations.mobilityOverview
                .rows(heiIDs: [hei], status: status.isEmpty ? nil : status)
                .filter { (side.isEmpty || $0.role.rawValue == side)
                    && ConsoleSearch.matches(q, $0.omobilityID.value, $0.partnerHEI.value, $0.nomination?.studentName) }
            let list = ConsoleList(rows, call: call, path: "/console/mobilities", search: [("q", q), ("status", status), ("side", side)])
            return call.page(.mobilities, title: "Mobilities and nominations", [
                "q": q,
                "statuses": ConsoleSearch.options([("", "Any status")] + MobilityOverview.statusFilters.map { ($0, $0) }, chosen: status),
                "sides": ConsoleSearch.options([("", "Outgoing and incoming"), ("sending", "Outgoing (we nominate)"), ("receiving", "Incoming (partners nominate)")],
                                               chosen: side),
                "rows": list.items.map(MobilityPages.row), "any": !list.items.isEmpty, "total": list.total, "pager": list.pager,
            ])
        },
        ConsolePage(.get, "/console/mobilities/{omobility}", .role(.viewer)) { call in try await detail(call) },
        ConsolePage(.post, "/console/mobilities/{omobility}/verify", .role(.nominationAnswerer)) { call in
            try await answer(call, action: "verify") { comment in [.verify(comment: comment)] }
        },
        ConsolePage(.post, "/console/mobilities/{omobility}/reject", .role(.nominationAnswerer)) { call in
            try await answer(call, action: "reject") { comment in
                guard let comment else { throw ConsoleError(.badRequest, "Write why the nomination is rejected before rejecting it.") }
                return [.reject(comment: comment)]
            }
        },
        ConsolePage(.post, "/console/mobilities/{omobility}/dates", .role(.nominationAnswerer)) { call in
            try await answer(call, action: "dates") { _ in
                let dates: [(String, (String) -> NominationChange)] = [("arrival", NominationChange.arrival), ("departure", NominationChange.departure)]
                let changes = dates.compactMap { field, change in call.form(field).flatMap { $0.isEmpty ? nil : change($0) } }
                guard !changes.isEmpty else { throw ConsoleError(.badRequest, "Give the student's actual arrival or departure date.") }
                return changes
            }
        },
    ]

    static func detail(_ call: ConsoleCall, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let hei = try call.hei()
        let omobility = OMobilityID(call.parameter("omobility"))
        let rows = try await call.console.operations.mobilityOverview.show(heiIDs: [hei], omobilityID: omobility)
        guard !rows.isEmpty else { throw ConsoleError.notFound("There is no mobility \(omobility).") }
        let account = try call.signedIn()
        let done = call.query("done").flatMap(NominationAnswer.Status.init(rawValue:))
            .map { "Saved: the nomination is \($0.rawValue). The sending HEI is notified." } ?? ""
        return call.page(.mobility, title: "Mobility \(omobility)", [
            "mobilities": rows.map { row in
                detail(row).merging(["canAnswer": row.role == .receiving && row.nomination != nil && account.may(.nominationAnswerer),
                                     "base": "/console/mobilities/" + ConsoleList<Int>.encoded(omobility.value)]) { $1 }
            },
            "notice": done, "error": error ?? "",
        ], status: status)
    }

    /// Changes our answer to the incoming nomination named by the path and the form's `sending`
    /// (the changes `changes` makes of the form's trimmed `comment`, one after the other), audits
    /// each that changed something and shows the page again; a refusal is shown on the page with the
    /// operation's reason (the changes before it stay made).
    static func answer(_ call: ConsoleCall, action: String,
                       _ changes: (_ comment: String?) throws -> [NominationChange]) async throws -> Response {
        let hei = try call.hei()
        let omobility = OMobilityID(call.parameter("omobility")), sending = HEIID(call.form("sending") ?? "")
        guard let held = try await call.console.operations.mobilityOverview.show(heiIDs: [hei], omobilityID: omobility)
            .first(where: { $0.role == .receiving && $0.sendingHEI == sending && $0.nomination != nil }) else {
            throw ConsoleError.notFound("Your institution holds no nomination \(omobility) of \(sending.value).")
        }
        let comment = call.form("comment")?.trimmingCharacters(in: .whitespacesAndNewlines)
        let made: [NominationChange]
        do {
            made = try changes(comment?.isEmpty == false ? comment : nil)
        } catch let error as ConsoleError {
            return try await detail(call, error: error.message, status: error.status)
        }
        var current = held.nomination?.answer
        for change in made {
            let changed: NominationAnswer
            do throws(NominationError) {
                changed = try await call.console.operations.changeNomination(sendingHEI: sending, omobilityID: omobility, receivingHEI: hei, change)
            } catch {
                return try await detail(call, error: "Not saved: \(error.message).", status: error.status)
            }
            if changed != current {
                try await call.audit("nomination.\(action)", object: "nomination \(omobility.value) of \(sending.value)",
                                     detail: NominationAnswerJSON.line(changed, sendingHEI: sending.value))
                current = changed
            }
        }
        return call.redirect(to: "/console/mobilities/" + ConsoleList<Int>.encoded(omobility.value) + "?done=" + (current?.status.rawValue ?? ""))
    }

    /// What a list line shows of one mobility.
    static func row(_ row: MobilityRow) -> [String: Any] {
        [
            "omobility": row.omobilityID.value, "partner": row.partnerHEI.value,
            "side": row.role == .sending ? "Outgoing" : "Incoming",
            "student": row.nomination?.studentName ?? "", "year": row.nomination?.academicYear ?? "",
            "sendingStatus": row.sendingStatus ?? "–", "receivingStatus": row.receivingStatus ?? "not known",
            "la": row.learningAgreement.map { $0.party?.state.rawValue ?? "unreadable" } ?? "none",
            "tor": row.presentTranscripts.isEmpty ? "none" : "present",
            "flagged": !row.flags.isEmpty,
            "link": "/console/mobilities/\(ConsoleList<Int>.encoded(row.omobilityID.value))",
        ]
    }

    /// The detail of one mobility: the list fields, the receiving HEI's answer, links to the LA and
    /// transcript pages, the history and the flags in words.
    static func detail(_ row: MobilityRow) -> [String: Any] {
        let answer = row.nomination?.answer
        let laLink = "/console/las/" + ConsoleList<Int>.encoded(row.sendingHEI.value) + "/" + ConsoleList<Int>.encoded(row.omobilityID.value)
        let torLink = "/console/transcripts/" + ConsoleList<Int>.encoded(row.partnerHEI.value) + "/" + ConsoleList<Int>.encoded(row.omobilityID.value)
        return Self.row(row).merging([
            "sending": row.sendingHEI.value, "receiving": row.receivingHEI.value, "held": row.nomination != nil,
            "comment": answer?.comment ?? "", "arrival": answer?.actualArrivalDate ?? "", "departure": answer?.actualDepartureDate ?? "",
            "hasLA": row.learningAgreement != nil, "laLink": laLink,
            "hasToR": !row.presentTranscripts.isEmpty, "torLink": torLink,
            "history": row.history.map { ["at": ConsoleSearch.day($0.at), "side": $0.side == .sending ? "Sending HEI" : "Receiving HEI",
                                          "status": $0.status, "origin": $0.origin.rawValue] },
            "anyHistory": !row.history.isEmpty,
            "flags": row.flags,
        ]) { $1 }
    }
}

extension ConsoleTemplate {
    static let mobilities = ConsoleTemplate(name: "mobilities", text: """
        <p>Outgoing: students we nominated to partners. Incoming: students partners nominated to us.
        Each line joins the nomination, both institutions' statuses, the learning agreement and the transcript.</p>
        <form class="search" method="get" action="/console/mobilities" role="search">
        <label for="q">Mobility id, partner or student</label> <input id="q" name="q" value="{{q}}">
        <label for="side">Direction</label>
        <select id="side" name="side">{{#sides}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sides}}</select>
        <label for="status">Status</label>
        <select id="status" name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select>
        <button type="submit">Search</button>
        </form>
        <p>{{total}} mobility(ies).</p>
        {{#any}}<div class="table-scroll"><table>
        <thead><tr><th scope="col">Mobility</th><th scope="col">Student</th><th scope="col">Direction</th><th scope="col">Partner</th><th scope="col">Sending HEI's status</th><th scope="col">Receiving HEI's answer</th><th scope="col">Learning agreement</th><th scope="col">Transcript</th></tr></thead>
        <tbody>{{/any}}{{#rows}}<tr><td><a href="{{link}}">{{omobility}}</a>{{#flagged}} <strong class="notice warning">flagged</strong>{{/flagged}}</td><td>{{student}}</td><td>{{side}}</td><td>{{partner}}</td><td>{{sendingStatus}}</td><td>{{receivingStatus}}</td><td>{{la}}</td><td>{{tor}}</td></tr>
        {{/rows}}{{#any}}</tbody></table></div>{{/any}}
        {{^any}}<p>No mobility matches.</p>{{/any}}
        {{> pager}}
        """)

    static let mobility = ConsoleTemplate(name: "mobility", text: """
        <p><a href="/console/mobilities">All mobilities</a></p>
        {{#notice}}<p class="notice ok" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="notice error" role="alert">{{error}}</p>{{/error}}
        {{#mobilities}}<section>
        <h2>{{side}}: {{sending}} to {{receiving}}</h2>
        {{#flags}}<p class="notice warning">{{.}}</p>{{/flags}}
        <dl class="facts"><dt>Student</dt><dd>{{student}}</dd><dt>Academic year</dt><dd>{{year}}</dd>
        <dt>Sending HEI's status</dt><dd>{{sendingStatus}}</dd><dt>Receiving HEI's answer</dt><dd>{{receivingStatus}}</dd>
        {{#comment}}<dt>Its comment</dt><dd>{{comment}}</dd>{{/comment}}
        {{#arrival}}<dt>Actual arrival</dt><dd>{{arrival}}</dd>{{/arrival}}{{#departure}}<dt>Actual departure</dt><dd>{{departure}}</dd>{{/departure}}
        <dt>Learning agreement</dt><dd>{{#hasLA}}<a href="{{laLink}}">{{la}}</a>{{/hasLA}}{{^hasLA}}none{{/hasLA}}</dd>
        <dt>Transcript of records</dt><dd>{{#hasToR}}<a href="{{torLink}}">present</a>{{/hasToR}}{{^hasToR}}none{{/hasToR}}</dd></dl>
        {{^held}}<p class="notice warning">No nomination is held for this mobility: only its learning agreement or transcript.</p>{{/held}}
        {{#canAnswer}}
        <h3>Answer the nomination</h3>
        <p>Verify: we accept the student. Reject: we do not (say why). The sending HEI is notified of each change.</p>
        <form method="post" action="{{base}}/verify" class="stacked">
          <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="sending" value="{{sending}}">
          <label for="verify-comment-{{sending}}">Comment (optional)</label>
          <textarea id="verify-comment-{{sending}}" name="comment" rows="2"></textarea>
          <p><button type="submit">Verify the nomination</button></p>
        </form>
        <form method="post" action="{{base}}/reject" class="stacked">
          <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="sending" value="{{sending}}">
          <label for="reject-comment-{{sending}}">Why it is rejected</label>
          <textarea id="reject-comment-{{sending}}" name="comment" rows="2" required></textarea>
          <p><button type="submit" class="secondary">Reject the nomination</button></p>
        </form>
        <form method="post" action="{{base}}/dates" class="stacked">
          <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="sending" value="{{sending}}">
          <p>Once verified: the dates the student actually arrived and left.</p>
          <label for="arrival-{{sending}}">Actual arrival</label> <input type="date" id="arrival-{{sending}}" name="arrival" value="{{arrival}}">
          <label for="departure-{{sending}}">Actual departure</label> <input type="date" id="departure-{{sending}}" name="departure" value="{{departure}}">
          <p><button type="submit" class="secondary">Save the dates</button></p>
        </form>
        {{/canAnswer}}
        <h3>History of status changes</h3>
        {{#anyHistory}}<div class="table-scroll"><table><thead><tr><th scope="col">When</th><th scope="col">Whose status</th><th scope="col">Status</th><th scope="col">How we learnt it</th></tr></thead><tbody>
        {{#history}}<tr><td>{{at}}</td><td>{{side}}</td><td>{{status}}</td><td>{{origin}}</td></tr>{{/history}}
        </tbody></table></div>{{/anyHistory}}
        {{^anyHistory}}<p>No status change recorded.</p>{{/anyHistory}}
        </section>{{/mobilities}}
        """)
}
