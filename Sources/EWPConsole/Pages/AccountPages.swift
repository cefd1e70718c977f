import EWPCore
import EWPStore
import Foundation
import Hummingbird

/// The main account's pages: the staff accounts of its HEI (create, grant roles, disable, enable,
/// delete, a new set-password link) and the HEI's audit log. Another HEI's account is a 404.
enum AccountPages {
    static let all: [ConsolePage] = [
        ConsolePage(.get, "/console/accounts", .role(.main)) { call in try await list(call) },
        ConsolePage(.post, "/console/accounts", .role(.main)) { call in try await create(call) },
        ConsolePage(.post, "/console/accounts/{id}/roles", .role(.main)) { call in
            try await change(call, action: "account.roles") { account in
                let roles = Set(call.formAll("role").compactMap(ConsoleRole.init(rawValue:))).intersection(ConsoleRole.grantable)
                account.roles = roles.sorted().map(\.rawValue)
                return "roles: " + (roles.isEmpty ? "none" : roles.sorted().map(\.rawValue).joined(separator: ", "))
            }
        },
        ConsolePage(.post, "/console/accounts/{id}/disable", .role(.main)) { call in
            try await change(call, action: "account.disable") { account in
                account.disabled = true
                return ""
            }
        },
        ConsolePage(.post, "/console/accounts/{id}/enable", .role(.main)) { call in
            try await change(call, action: "account.enable") { account in
                account.disabled = false
                return ""
            }
        },
        ConsolePage(.post, "/console/accounts/{id}/delete", .role(.main)) { call in
            let account = try await staffAccount(call)
            try await call.console.store.deleteConsoleAccount(id: account.id)
            try await call.audit("account.delete", object: account.email)
            return call.redirect(to: "/console/accounts?done=deleted")
        },
        ConsolePage(.post, "/console/accounts/{id}/reset-password", .role(.main)) { call in
            let account = try await staffAccount(call)
            guard let token = try await call.console.accounts.newSetPasswordToken(accountID: account.id) else { throw ConsoleError.notFound() }
            try await call.audit("account.reset-password", object: account.email)
            return try await list(call, link: (account.email, "/console/set-password?token=" + token))
        },
        ConsolePage(.get, "/console/audit", .role(.main)) { call in
            let hei = try call.hei()
            let page = max(1, Int(call.query("page") ?? "") ?? 1)
            let size = ConsoleList<Int>.pageSize
            // One more than a page tells whether a next page exists.
            let entries = try await call.console.store.auditEntries(heiID: hei.value, limit: size + 1, offset: (page - 1) * size)
            var pager: [String: Any] = ["page": page]
            if page > 1 { pager["previous"] = "/console/audit" + (page > 2 ? "?page=\(page - 1)" : "") }
            if entries.count > size { pager["next"] = "/console/audit?page=\(page + 1)" }
            return call.page(.audit, title: "Audit log", [
                "entries": entries.prefix(size).map { entry in
                    ["at": ConsoleSearch.day(entry.at), "who": entry.accountEmail, "action": entry.action, "object": entry.object,
                     "detail": entry.detail] as [String: Any]
                },
                "pager": pager,
            ])
        },
    ]

    /// The staff account of the path, when it belongs to the signed-in main account's HEI (else 404).
    static func staffAccount(_ call: ConsoleCall) async throws -> ConsoleAccountRecord {
        let hei = try call.hei()
        guard let account = try await call.console.store.consoleAccount(id: call.parameter("id")),
              let owner = account.heiID, HEIID(owner) == hei else {
            throw ConsoleError.notFound("Your institution has no such account.")
        }
        guard !account.isMain else { throw ConsoleError.badRequest("The main account is managed by the node's operator, not here.") }
        return account
    }

    static func change(_ call: ConsoleCall, action: String, _ apply: (inout ConsoleAccountRecord) -> String) async throws -> Response {
        var account = try await staffAccount(call)
        let detail = apply(&account)
        try await call.console.store.updateConsoleAccount(account)
        if account.disabled { try await call.console.store.deleteConsoleSessions(accountID: account.id) }
        try await call.audit(action, object: account.email, detail: detail)
        return call.redirect(to: "/console/accounts?done=changed")
    }

    static func create(_ call: ConsoleCall) async throws -> Response {
        let hei = try call.hei()
        let roles = Set(call.formAll("role").compactMap(ConsoleRole.init(rawValue:))).intersection(ConsoleRole.grantable)
        let created: ConsoleAccounts.Created
        do {
            created = try await call.console.accounts.createStaff(heiID: hei, email: call.form("email") ?? "", name: call.form("name") ?? "",
                                                                 position: call.form("position") ?? "", roles: roles)
        } catch let refusal as ConsoleAccountRefusal {
            return try await list(call, error: refusal.sentence, status: .badRequest)
        }
        try await call.audit("account.create", object: created.account.email, detail: "roles: " + created.account.roles.joined(separator: ", "))
        return try await list(call, link: (created.account.email, created.setPasswordPath))
    }

    static func list(_ call: ConsoleCall, link: (email: String, path: String)? = nil, error: String? = nil,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let hei = try call.hei()
        let accounts = try await call.console.store.consoleAccounts(heiID: hei.value)
        return call.page(.accounts, title: "Accounts of \(hei.value)", [
            "accounts": accounts.map { account in
                let base = "/console/accounts/" + ConsoleList<Int>.encoded(account.id)
                return ["email": account.email, "name": account.name, "position": account.position, "main": account.isMain,
                        "disabled": account.disabled, "pending": account.passwordHash == nil, "base": base,
                        "roles": ConsoleRole.grantable.map { role in
                            ["value": role.rawValue, "label": role.title, "checked": account.roles.contains(role.rawValue),
                             "id": "role-\(account.id)-\(role.rawValue)"] as [String: Any]
                        },
                        "roleText": account.roles.compactMap(ConsoleRole.init(rawValue:)).map(\.title).joined(separator: ", ")] as [String: Any]
            },
            "grantable": ConsoleRole.grantable.map { ["value": $0.rawValue, "label": $0.title] },
            "linkEmail": link?.email ?? "", "linkPath": link?.path ?? "", "error": error ?? "",
            "notice": call.query("done").map { $0 == "deleted" ? "The account is deleted." : "The account is changed." } ?? "",
        ], status: status)
    }
}

extension ConsoleTemplate {
    static let accounts = ConsoleTemplate(name: "accounts", text: """
        {{#notice}}<p class="notice ok" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="notice error" role="alert">{{error}}</p>{{/error}}
        {{#linkPath}}<div class="notice ok" role="status"><p>Give this one-time link to {{linkEmail}} (it sets their password; it works once):</p>
        <p><code>{{linkPath}}</code></p></div>{{/linkPath}}
        <h2>Staff accounts</h2>
        <div class="table-scroll">
        <table>
          <thead><tr><th scope="col">Person</th><th scope="col">Roles</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
          <tbody>
          {{#accounts}}
          <tr>
            <td>{{name}}<br><span class="muted">{{email}}{{#position}}, {{position}}{{/position}}</span></td>
            <td>{{#main}}Main account{{/main}}{{^main}}
              <form method="post" action="{{base}}/roles">
                <input type="hidden" name="_csrf" value="{{csrf}}">
                <fieldset><legend class="muted">Roles of {{email}}</legend>
                {{#roles}}<label for="{{id}}"><input type="checkbox" id="{{id}}" name="role" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label><br>{{/roles}}
                </fieldset>
                <button type="submit" class="secondary">Save roles</button>
              </form>{{/main}}
            </td>
            <td>{{#disabled}}Disabled{{/disabled}}{{^disabled}}{{#pending}}No password set yet{{/pending}}{{^pending}}Active{{/pending}}{{/disabled}}</td>
            <td>{{^main}}
              {{#disabled}}<form method="post" action="{{base}}/enable" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="secondary">Enable</button></form>{{/disabled}}
              {{^disabled}}<form method="post" action="{{base}}/disable" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="secondary">Disable</button></form>{{/disabled}}
              <form method="post" action="{{base}}/reset-password" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="secondary">New password link</button></form>
              <form method="post" action="{{base}}/delete" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="danger">Delete</button></form>
            {{/main}}</td>
          </tr>
          {{/accounts}}
          </tbody>
        </table>
        </div>
        <h2>Create a staff account</h2>
        <form method="post" action="/console/accounts" class="stacked">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <label for="new-email">E-mail</label>
          <input type="email" id="new-email" name="email" required>
          <label for="new-name">Name (as it appears on what they sign)</label>
          <input type="text" id="new-name" name="name" required>
          <label for="new-position">Position (as it appears on what they sign)</label>
          <input type="text" id="new-position" name="position">
          <fieldset><legend>Roles</legend>
          {{#grantable}}<label for="new-role-{{value}}"><input type="checkbox" id="new-role-{{value}}" name="role" value="{{value}}"> {{label}}</label><br>{{/grantable}}
          </fieldset>
          <p><button type="submit">Create the account</button></p>
        </form>
        """)

    static let audit = ConsoleTemplate(name: "audit", text: """
        <div class="table-scroll">
        <table>
          <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">On</th><th scope="col">Details</th></tr></thead>
          <tbody>
          {{#entries}}<tr><td>{{at}}</td><td>{{who}}</td><td>{{action}}</td><td>{{object}}</td><td>{{detail}}</td></tr>{{/entries}}
          {{^entries}}<tr><td colspan="5">Nothing has been done through the console yet.</td></tr>{{/entries}}
          </tbody>
        </table>
        </div>
        {{> pager}}
        """)
}
