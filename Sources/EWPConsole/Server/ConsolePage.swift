import HTTPTypes
import Hummingbird

/// Who may open a page.
enum ConsoleAccess: Sendable {
    /// Anyone, signed in or not (the login and set-password pages, the stylesheet).
    case anyone
    /// Any signed-in account.
    case signedIn
    /// A signed-in account of an HEI that may act as `role` (the main account may act as every
    /// role of its HEI; see `SignedInAccount.may`).
    case role(ConsoleRole)
}

/// One console page or form action: its method, its path template (`{name}` matches one segment),
/// who may open it, and its handler. `ConsolePages.all` lists them; the router reads only that list.
struct ConsolePage: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let access: ConsoleAccess
    let handle: @Sendable (ConsoleCall) async throws -> Response

    init(_ method: HTTPRequest.Method, _ path: String, _ access: ConsoleAccess, _ handle: @escaping @Sendable (ConsoleCall) async throws -> Response) {
        self.method = method
        self.path = path
        self.access = access
        self.handle = handle
    }

    /// The path parameters when `segments` (the request path split at "/") fit this template.
    func parameters(matching segments: [Substring]) -> [String: String]? {
        let template = path.split(separator: "/")
        guard template.count == segments.count else { return nil }
        var parameters = [String: String]()
        for (expected, actual) in zip(template, segments) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") {
                guard let value = String(actual).removingPercentEncoding, !value.isEmpty else { return nil }
                parameters[String(expected.dropFirst().dropLast())] = value
            } else if expected != actual {
                return nil
            }
        }
        return parameters
    }
}

/// Every console page, area by area. A new area adds its list here.
enum ConsolePages {
    static let all: [ConsolePage] = HomePages.all + SignInPages.all + AccountPages.all + IIAPages.all + LAPages.all
        + TranscriptPages.all + MobilityPages.all + NetworkPages.all
}

/// One entry of the navigation bar, shown to the accounts that may open it.
struct ConsoleNavigationItem: Sendable {
    let title: String
    let path: String
    let access: ConsoleAccess
}

enum ConsoleNavigation {
    static let items: [ConsoleNavigationItem] = [
        ConsoleNavigationItem(title: "Home", path: "/console/", access: .signedIn),
        ConsoleNavigationItem(title: "IIAs", path: "/console/iias", access: .role(.viewer)),
        ConsoleNavigationItem(title: "Learning agreements", path: "/console/las", access: .role(.viewer)),
        ConsoleNavigationItem(title: "Accounts", path: "/console/accounts", access: .role(.main)),
        ConsoleNavigationItem(title: "Audit log", path: "/console/audit", access: .role(.main)),
        ConsoleNavigationItem(title: "Transcripts", path: "/console/transcripts", access: .role(.viewer)),
        ConsoleNavigationItem(title: "Mobilities", path: "/console/mobilities", access: .role(.viewer)), ConsoleNavigationItem(title: "Network", path: "/console/network", access: .role(.operator)),
    ]
}
