import EWPCore
import Foundation
import Testing

@Suite("HEIID: SCHAC ids compare case-insensitively and keep their spelling")
struct HEIIDTests {
    @Test("ids differing only in case are equal, hash alike and order alike")
    func caseInsensitive() {
        let given: HEIID = "UW.edu.PL"
        let lower = HEIID("uw.edu.pl")
        #expect(given == lower)
        #expect(given.hashValue == lower.hashValue)
        #expect(Set([given, lower]).count == 1)
        #expect(!(given < lower) && !(lower < given))
        #expect([HEIID("b.example"), HEIID("A.example")].sorted().map(\.value) == ["A.example", "b.example"])
    }

    @Test("different ids stay different")
    func different() {
        #expect(HEIID("uw.edu.pl") != HEIID("uw.edu.pl.example"))
        #expect(HEIID("uw.edu.pl") != HEIID(" uw.edu.pl"))
    }

    @Test("the spelling given is kept for display and the wire")
    func keepsSpelling() throws {
        let id = HEIID("UW.edu.PL")
        #expect(id.description == "UW.edu.PL")
        #expect(id.normalized == "uw.edu.pl")
        #expect("\(id)" == "UW.edu.PL")
        let data = try JSONEncoder().encode(["hei": id])
        #expect(String(decoding: data, as: UTF8.self) == #"{"hei":"UW.edu.PL"}"#)
        let decoded = try JSONDecoder().decode([String: HEIID].self, from: data)
        #expect(decoded["hei"]?.value == "UW.edu.PL")
        #expect(decoded["hei"] == "uw.edu.pl")
    }

    @Test("a dictionary keyed by HEIID finds an entry in any case")
    func dictionaryLookup() {
        let partners: [HEIID: Int] = ["uni-a.example": 1]
        #expect(partners["UNI-A.example"] == 1)
    }
}

@Suite("IIAID and OMobilityID: surrogate ids compare exactly")
struct SurrogateIDTests {
    @Test("case, punctuation and leading zeros matter (EWP Architecture, Identifiers)")
    func exact() {
        #expect(IIAID("A123") != IIAID("a123"))
        #expect(OMobilityID("82cf3566-4ea1-4b14-b253-de9a68881fff") != OMobilityID("82CF3566-4EA1-4B14-B253-DE9A68881FFF"))
        #expect(IIAID("123") != IIAID("0123"))
        #expect(IIAID("123") == "123")
        #expect(Set([OMobilityID("x"), OMobilityID("X")]).count == 2)
        #expect([IIAID("b"), IIAID("B"), IIAID("a")].sorted().map(\.value) == ["B", "a", "b"])
    }

    @Test("encoded as the plain string, described as given")
    func codable() throws {
        let id = OMobilityID("om-1")
        #expect(id.description == "om-1")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["om-1"]"#)
        #expect(try JSONDecoder().decode([OMobilityID].self, from: data) == [id])
    }
}
