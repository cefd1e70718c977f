import EWPAPIs
import EWPCore
import Foundation
import HTTPTypes

/// What the receiving HEI's staff change in their answer to a nomination (Incoming Mobilities v1):
/// verify or reject it (with an optional comment), or record the student's actual arrival or
/// departure. Pure rules: `applied(to:)` gives the new answer or says why not.
public enum NominationChange: Sendable, Equatable {
    case verify(comment: String?)
    case reject(comment: String?)
    /// An `xs:date` (YYYY-MM-DD).
    case arrival(String)
    case departure(String)

    /// `answer` with this change made. Dates are for a verified nomination only (a student whose
    /// nomination is pending or rejected does not arrive), and must be real dates in the xs:date
    /// form; a departure before the arrival is refused.
    public func applied(to answer: NominationAnswer) throws(NominationError) -> NominationAnswer {
        var changed = answer
        switch self {
        case .verify(let comment):
            changed.status = .verified
            if let comment { changed.comment = comment }
        case .reject(let comment):
            changed.status = .rejected
            if let comment { changed.comment = comment }
        case .arrival(let date), .departure(let date):
            guard answer.status == .verified else {
                throw NominationError("the nomination \(answer.omobilityID) is \(answer.status.rawValue); verify it before recording the student's arrival or departure")
            }
            guard Self.isDate(date) else { throw NominationError("\"\(date)\" is not a date in the form YYYY-MM-DD") }
            if case .arrival = self { changed.actualArrivalDate = date } else { changed.actualDepartureDate = date }
            if let arrival = changed.actualArrivalDate, let departure = changed.actualDepartureDate, departure < arrival {
                throw NominationError("the departure \(departure) would be before the arrival \(arrival)")
            }
        }
        return changed
    }

    static func isDate(_ text: String) -> Bool {
        guard text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil else { return false }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.isLenient = false
        return formatter.date(from: text).map { formatter.string(from: $0) == text } ?? false
    }
}

/// Why a change to a nomination answer was refused; its kind decides the admin API's status.
public struct NominationError: EWPError, CustomStringConvertible {
    public enum Kind: Sendable { case refused, unknownNomination, storeFailed }

    public let message: String
    public let kind: Kind
    public init(_ message: String, kind: Kind = .refused) {
        self.message = message
        self.kind = kind
    }
    public var description: String { message }
    public var developerMessage: String { message }
    public var status: HTTPResponse.Status {
        switch kind {
        case .refused: .conflict
        case .unknownNomination: .notFound
        case .storeFailed: .serviceUnavailable
        }
    }
}
