import Foundation
import Mustache

/// A Mustache template of the console, kept in the binary as a Swift string (so `make run`, a
/// release build and the tests find it without a resource folder). `{{x}}` is HTML-escaped;
/// `{{{x}}}` only for HTML the console itself rendered.
struct ConsoleTemplate: Sendable, Hashable {
    let name: String
    let text: String
}

enum ConsoleTemplates {
    /// Every template, by name; partials (`{{> pager}}`) are found here too.
    static let all: [ConsoleTemplate] = [.layout, .error, .home, .login, .setPassword, .pager, .accounts, .audit, .iiaList, .iiaDetail, .laList, .laDetail]
        + [ConsoleTemplate.transcripts, ConsoleTemplate.transcript, ConsoleTemplate.mobilities, ConsoleTemplate.mobility, ConsoleTemplate.network, ConsoleTemplate.networkPartner]

    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for template in all {
            // A template that does not parse is a programming error, caught by the console tests.
            guard let parsed = try? MustacheTemplate(string: template.text) else { preconditionFailure("console template \(template.name) does not parse") }
            library.register(parsed, named: template.name)
        }
        return library
    }()

    /// `template` with `data`, inside the layout: title, the account and its HEI, the navigation
    /// the account may use, and the CSRF token (`{{csrf}}` in every template).
    static func render(_ template: ConsoleTemplate, title: String, data: [String: Any], call: ConsoleCall) -> String {
        var data = withoutEmptyText(data) as? [String: Any] ?? [:]
        data["csrf"] = call.csrfToken
        let content = library.render(data, withTemplate: template.name) ?? ""
        let path = call.request.uri.path
        var layout: [String: Any] = ["title": title, "content": content, "csrf": call.csrfToken]
        if let account = call.account {
            layout["account"] = [
                "email": account.email, "name": account.name, "hei": account.heiID?.value ?? "",
                "roles": account.roles.sorted().map(\.title).joined(separator: ", "),
            ] as [String: Any]
            let navigation = ConsoleNavigation.items.filter { ConsoleNavigation.allows($0.access, account) }.map { item in
                ["title": item.title, "path": item.path,
                 "current": item.path == path || (item.path != "/console/" && path.hasPrefix(item.path))] as [String: Any]
            }
            layout["navigation"] = navigation
            layout["hasNavigation"] = !navigation.isEmpty
        }
        return library.render(layout, withTemplate: ConsoleTemplate.layout.name) ?? ""
    }

}

/// `value` without its empty strings: Mustache takes "" as true, so `{{#notice}}…{{/notice}}` would
/// show an empty notice; a missing key is false.
private func withoutEmptyText(_ value: Any) -> Any? {
    switch value {
    case let text as String: return text.isEmpty ? nil : text
    case let object as [String: Any]: return object.compactMapValues(withoutEmptyText)
    case let list as [[String: Any]]: return list.map { $0.compactMapValues(withoutEmptyText) }
    default: return value
    }
}

extension ConsoleNavigation {
    static func allows(_ access: ConsoleAccess, _ account: SignedInAccount) -> Bool {
        switch access {
        case .anyone, .signedIn: true
        case .role(let role): (role == .operator || account.heiID != nil) && account.may(role)
        }
    }
}
