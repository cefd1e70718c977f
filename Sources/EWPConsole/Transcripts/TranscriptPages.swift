import EWPCore
import EWPOperations
import Foundation

/// Transcripts of records of the signed-in account's HEI: those received from partners (our
/// students abroad) and those we issued (partners' students here), searchable by partner,
/// omobility-id, student and direction; one transcript with its ELMO document.
enum TranscriptPages {
    static let all: [ConsolePage] = [
        ConsolePage(.get, "/console/transcripts", .role(.viewer)) { call in
            let hei = try call.hei()
            let q = call.query("q") ?? "", direction = call.query("direction") ?? ""
            let rows = try await call.console.operations.torOverview.rows(heiIDs: [hei])
                .filter { (direction.isEmpty || $0.direction.rawValue == direction) && $0.matches(q) }
            let list = ConsoleList(rows, call: call, path: "/console/transcripts", search: [("q", q), ("direction", direction)])
            return call.page(.transcripts, title: "Transcripts of records", [
                "q": q, "directions": ConsoleSearch.options([("", "Received and issued"), ("received", "Received"), ("issued", "Issued")], chosen: direction),
                "rows": list.items.map(TranscriptPages.row), "any": !list.items.isEmpty, "total": list.total, "pager": list.pager,
            ])
        },
        ConsolePage(.get, "/console/transcripts/{partner}/{omobility}", .role(.viewer)) { call in
            let hei = try call.hei()
            let partner = HEIID(call.parameter("partner")), omobility = OMobilityID(call.parameter("omobility"))
            let rows = try await call.console.operations.torOverview.show(heiIDs: [hei], partnerHEI: partner, omobilityID: omobility)
            guard !rows.isEmpty else { throw ConsoleError.notFound("There is no transcript of mobility \(omobility) with \(partner).") }
            return call.page(.transcript, title: "Transcript of \(omobility)", [
                "partner": partner.value, "omobility": omobility.value,
                "versions": rows.map { row in
                    TranscriptPages.row(row).merging(["document": row.document.map { String(decoding: $0, as: UTF8.self) } ?? ""]) { $1 }
                },
            ])
        },
    ]

    /// What a list line and a detail section show of one transcript.
    static func row(_ row: ToROverview.Row) -> [String: Any] {
        var fields: [String: Any] = [
            "received": row.direction == .received, "direction": row.direction == .received ? "Received" : "Issued",
            "partner": row.partnerHEI.value, "omobility": row.omobilityID.value, "student": row.learnerName ?? "",
            "version": row.version, "changed": ConsoleSearch.day(row.changedAt), "deleted": row.document == nil,
            "link": "/console/transcripts/\(ConsoleList<Int>.encoded(row.partnerHEI.value))/\(ConsoleList<Int>.encoded(row.omobilityID.value))",
        ]
        if let seen = row.seenAt { fields["seen"] = ConsoleSearch.day(seen) }
        return fields
    }
}

extension ConsoleTemplate {
    static let transcripts = ConsoleTemplate(name: "transcripts", text: """
        <p>Received: transcripts partners sent for our students after their mobility. Issued: the
        transcripts we publish for partners' students who studied here.</p>
        <form class="search" method="get" action="/console/transcripts" role="search">
        <label for="q">Partner, mobility id or student</label> <input id="q" name="q" value="{{q}}">
        <label for="direction">Direction</label>
        <select id="direction" name="direction">{{#directions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/directions}}</select>
        <button type="submit">Search</button>
        </form>
        <p>{{total}} transcript(s).</p>
        {{#any}}<div class="table-scroll"><table>
        <thead><tr><th scope="col">Mobility</th><th scope="col">Student</th><th scope="col">Direction</th><th scope="col">Partner</th><th scope="col">Version</th><th scope="col">Changed</th></tr></thead>
        <tbody>{{/any}}{{#rows}}<tr><td><a href="{{link}}">{{omobility}}</a></td><td>{{student}}{{#deleted}}<em>deleted by the partner</em>{{/deleted}}</td><td>{{direction}}</td><td>{{partner}}</td><td>{{version}}</td><td>{{changed}}</td></tr>
        {{/rows}}{{#any}}</tbody></table></div>{{/any}}
        {{^any}}<p>No transcript matches.</p>{{/any}}
        {{> pager}}
        """)

    static let transcript = ConsoleTemplate(name: "transcript", text: """
        <p><a href="/console/transcripts">All transcripts</a></p>
        {{#versions}}<section>
        <h2>{{direction}} ({{version}})</h2>
        <dl class="facts"><dt>Student</dt><dd>{{student}}</dd><dt>Mobility</dt><dd>{{omobility}}</dd><dt>Partner</dt><dd>{{partner}}</dd>
        <dt>Changed</dt><dd>{{changed}}</dd>{{#seen}}<dt>Last seen at the partner</dt><dd>{{seen}}</dd>{{/seen}}</dl>
        {{#deleted}}<p class="notice warning">The partner deleted this transcript or no longer shows it to us.</p>{{/deleted}}
        {{^deleted}}<details><summary>The transcript as exchanged (ELMO XML)</summary><pre class="table-scroll">{{document}}</pre></details>{{/deleted}}
        </section>{{/versions}}
        """)
}
