import EWPOperations
import EWPStore
import Foundation
import HTTPTypes
import Hummingbird

/// How the console behaves on this node.
public struct ConsoleSettings: Sendable {
    /// Cookies get `Secure` (set when the node's public URL is https).
    public var secureCookies: Bool
    /// A session unused this long is over.
    public var sessionTimeout: Duration
    /// Failed logins allowed per account and per address within `loginWindow` before further
    /// attempts are refused until the window has passed.
    public var loginFailureLimit: Int
    public var loginWindow: Duration
    /// bcrypt cost (log2 rounds); tests lower it.
    public var bcryptCost: UInt8

    public init(secureCookies: Bool, sessionTimeout: Duration = .seconds(30 * 60), loginFailureLimit: Int = 5,
                loginWindow: Duration = .seconds(15 * 60), bcryptCost: UInt8 = 12) {
        self.secureCookies = secureCookies
        self.sessionTimeout = sessionTimeout
        self.loginFailureLimit = loginFailureLimit
        self.loginWindow = loginWindow
        self.bcryptCost = bcryptCost
    }
}

/// The IRO console under `/console/`: server-rendered pages for the staff of each HEI the node
/// serves. It does what it does through `NodeOperations` (the same use cases as the CLI and the admin
/// API) and keeps only its own accounts, sessions and audit log (`ConsoleStore`).
public struct Console: Sendable {
    public let operations: NodeOperations
    public let store: any ConsoleStore
    public let settings: ConsoleSettings

    public init(operations: NodeOperations, store: any ConsoleStore, settings: ConsoleSettings) {
        self.operations = operations
        self.store = store
        self.settings = settings
    }

    /// The one clock (the node's).
    public var now: Date { operations.now() }

    /// The account management the CLI and the pages share.
    public var accounts: ConsoleAccounts { ConsoleAccounts(store: store, now: operations.now, bcryptCost: settings.bcryptCost) }

    /// Answers a request whose path is `/console` or below it; `peerAddress` is the connection's
    /// peer (failed logins are counted per address too).
    public func respond(to request: Request, peerAddress: String?) async -> Response {
        await ConsoleRouter(console: self, peerAddress: peerAddress ?? "unknown").respond(to: request)
    }
}
