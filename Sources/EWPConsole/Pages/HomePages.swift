import Hummingbird

/// The console's home page: who is signed in, for which HEI, and what each part of the console is for.
enum HomePages {
    static let all: [ConsolePage] = [
        ConsolePage(.get, "/console/", .signedIn) { call in
            let account = try call.signedIn()
            let sections = ConsoleNavigation.items.filter { $0.path != "/console/" && ConsoleNavigation.allows($0.access, account) }
                .map { ["title": $0.title, "path": $0.path] }
            return call.page(.home, title: "Home", [
                "name": account.name, "hei": account.heiID?.value ?? "", "operator": account.isOperator,
                "roles": account.roles.sorted().map(\.title), "sections": sections,
            ])
        },
    ]
}

extension ConsoleTemplate {
    static let home = ConsoleTemplate(name: "home", text: """
        <p>Welcome, {{name}}.{{#hei}} You act for <strong>{{hei}}</strong>.{{/hei}}{{#operator}} You look after this node.{{/operator}}</p>
        <h2>Your roles</h2>
        <ul>{{#roles}}<li>{{.}}</li>{{/roles}}</ul>
        <h2>Where to go</h2>
        <ul>
        {{#sections}}<li><a href="{{path}}">{{title}}</a></li>{{/sections}}
        {{^sections}}<li>There is nothing more here for your roles yet.</li>{{/sections}}
        </ul>
        """)
}
