import EWPAPIs

/// The JSON form of our answer to a nomination, the same for `ewp-node nomination … --json` and
/// the admin API.
public enum NominationAnswerJSON {
    public static func object(_ answer: NominationAnswer, sendingHEI: String) -> [String: Any] {
        var object: [String: Any] = ["sending_hei": sendingHEI, "omobility_id": answer.omobilityID.value, "status": answer.status.rawValue]
        if let comment = answer.comment { object["comment"] = comment }
        if let arrival = answer.actualArrivalDate { object["actual_arrival_date"] = arrival }
        if let departure = answer.actualDepartureDate { object["actual_departure_date"] = departure }
        return object
    }

    /// One line for the command line.
    public static func line(_ answer: NominationAnswer, sendingHEI: String) -> String {
        var parts = ["nomination \(answer.omobilityID) from \(sendingHEI): \(answer.status.rawValue)"]
        if let arrival = answer.actualArrivalDate { parts.append("arrived \(arrival)") }
        if let departure = answer.actualDepartureDate { parts.append("left \(departure)") }
        if let comment = answer.comment { parts.append("comment: \(comment)") }
        return parts.joined(separator: "; ")
    }
}
