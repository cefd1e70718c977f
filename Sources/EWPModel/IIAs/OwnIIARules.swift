import EWPCore

/// The rules an IIA of ours meets before we store and serve it, beyond the schema (IIAs API v7
/// endpoints/get.md and the annotations of get-response.xsd): the first partner is the HEI serving
/// it, written exactly as that HEI's id, with both `iia-id` and `iia-code`; the second is another
/// HEI; every mobility spec goes between the two partners; `terminated-as-a-whole`, if given, is
/// true.
public enum OwnIIARules {
    /// Every problem of `iia` as the copy `heiID` serves; [] when it may be stored.
    public static func problems(_ iia: IIA, servedBy heiID: String) -> [IIAProblem] {
        var problems: [IIAProblem] = []
        let local = iia.local
        let localElement = iia.element.children[local.position]
        func at(_ partner: IIA.Partner, _ child: String) -> [Int] {
            let element = iia.element.children[partner.position]
            return [partner.position] + (element.children.firstIndex { $0.name == child }.map { [$0] } ?? [])
        }

        let writtenHEI = localElement.children.first { $0.name == "hei-id" }?.text ?? ""
        if writtenHEI != heiID {
            problems.append(IIAProblem(at: at(local, "hei-id"),
                                       "the first partner is the HEI serving the IIA: its hei-id must be exactly \"\(heiID)\", not \"\(writtenHEI)\""))
        }
        if (local.iiaID ?? "").isEmpty {
            problems.append(IIAProblem(at: [local.position], "the first partner (\(heiID)) must have an iia-id: our id of this IIA"))
        }
        if (local.iiaCode ?? "").isEmpty {
            problems.append(IIAProblem(at: [local.position], "the first partner (\(heiID)) must have an iia-code: the agreement's human-readable code"))
        }
        let partnerHEI = iia.partner.heiID
        if same(partnerHEI, local.heiID) {
            problems.append(IIAProblem(at: at(iia.partner, "hei-id"), "the second partner must be another HEI than the first (\(partnerHEI))"))
        }
        if iia.element.children[iia.conditionsPosition].attribute("terminated-as-a-whole") != nil, !iia.terminatedAsAWhole {
            problems.append(IIAProblem(at: [iia.conditionsPosition], "terminated-as-a-whole, if given, must be true; leave it out instead"))
        }

        let heis = [local.heiID, partnerHEI]
        for condition in iia.conditions {
            let location = [iia.conditionsPosition, condition.position]
            let spec = iia.element.children[iia.conditionsPosition].children[condition.position]
            func child(_ name: String) -> [Int] { location + (spec.children.firstIndex { $0.name == name }.map { [$0] } ?? []) }
            for (name, hei) in [("sending-hei-id", condition.sendingHEI), ("receiving-hei-id", condition.receivingHEI)]
                where !heis.contains(where: { same($0, hei) }) {
                problems.append(IIAProblem(at: child(name), "\(name) \(hei) is not one of the IIA's partners (\(heis.joined(separator: ", ")))"))
            }
            if same(condition.sendingHEI, condition.receivingHEI) {
                problems.append(IIAProblem(at: child("receiving-hei-id"), "the sending and the receiving HEI are the same (\(condition.sendingHEI))"))
            }
        }
        return problems
    }

    /// SCHAC ids compare case-insensitively (`HEIID`'s rule; the registry does so too).
    static func same(_ a: String, _ b: String) -> Bool { HEIID(a) == HEIID(b) }
}
