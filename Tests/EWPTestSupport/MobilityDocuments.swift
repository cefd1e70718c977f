/// Outgoing Mobilities v2 documents for tests: valid `omobilities-get-response`s (against ours and
/// the official XSD) with the mobilities asked for.
public enum MobilityDocuments {
    public static let getResponseNamespace = "https://github.com/erasmus-without-paper/ewp-specs-api-omobilities/blob/stable-v2/endpoints/get-response.xsd"

    /// One `student-mobility` from `sending` to `receiving`.
    public static func mobility(_ id: String, sending: String, receiving: String, year: String = "2026/2027",
                                status: String = "nomination", familyName: String = "Nowak") -> String {
        """
          <student-mobility>
            <omobility-id>\(id)</omobility-id>
            <sending-hei><hei-id>\(sending)</hei-id></sending-hei>
            <receiving-hei><hei-id>\(receiving)</hei-id></receiving-hei>
            <non-standard-mobility-period/>
            <receiving-academic-year-id>\(year)</receiving-academic-year-id>
            <student>
              <given-names>Anna</given-names>
              <family-name>\(familyName)</family-name>
              <global-id>urn:schac:personalUniqueCode:int:esi:\(sending):\(id)</global-id>
            </student>
            <status>\(status)</status>
            <activity-type>student-studies</activity-type>
            <activity-attributes>long-term</activity-attributes>
          </student-mobility>
        """
    }

    /// An `omobilities-get-response` with these mobilities.
    public static func getResponse(_ mobilities: [String]) -> String {
        "<omobilities-get-response xmlns=\"\(getResponseNamespace)\">\n" + mobilities.joined(separator: "\n") + "\n</omobilities-get-response>\n"
    }
}
