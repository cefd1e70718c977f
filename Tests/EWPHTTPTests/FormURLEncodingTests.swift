import EWPHTTP
import Testing

@Suite("FormURLEncoding")
struct FormURLEncodingTests {
    @Test("round trip keeps order, repeats, empty values and any characters")
    func roundTrip() {
        let pairs: [(String, String)] = [
            ("hei_id", "uw.edu.pl"), ("hei_id", "b"), ("empty", ""), ("", "no name"),
            ("q", "Łódź + więcej & = ?#%/"), ("emoji", "👩‍🎓"), ("space", "a b"),
        ]
        let encoded = FormURLEncoding.encode(pairs)
        let decoded = FormURLEncoding.decode(encoded)
        #expect(decoded.map(\.0) == pairs.map(\.0))
        #expect(decoded.map(\.1) == pairs.map(\.1))
    }

    @Test("encoding: space is '+', unreserved stay, everything else is %XX upper-case")
    func encoding() {
        #expect(FormURLEncoding.encode([("a b", "c+d&e=f")]) == "a+b=c%2Bd%26e%3Df")
        #expect(FormURLEncoding.encode([("k", "*-._~AZaz09")]) == "k=*-._%7EAZaz09")
        #expect(FormURLEncoding.encode([("ł", "é")]) == "%C5%82=%C3%A9")
        #expect(FormURLEncoding.encode([]) == "")
    }

    @Test("decoding: '+', %XX in either case, a value with '=' in it, a name without '='")
    func decoding() {
        let d = FormURLEncoding.decode("a+b=c%2bd&e=f=g&flag&x=%C5%82")
        #expect(d.map(\.0) == ["a b", "e", "flag", "x"])
        #expect(d.map(\.1) == ["c+d", "f=g", "", "ł"])
    }

    @Test("invalid percent sequences stay literal and never crash",
          arguments: [("a=%", "%"), ("a=%4", "%4"), ("a=%zz", "%zz"), ("a=%%41", "%A"), ("a=100%", "100%"), ("a=%G1", "%G1")])
    func invalidPercent(input: String, value: String) {
        let d = FormURLEncoding.decode(input)
        #expect(d.count == 1)
        #expect(d.first?.1 == value)
    }

    @Test("bytes that are not UTF-8 become U+FFFD")
    func invalidUTF8() {
        #expect(FormURLEncoding.decode("a=%FF%FE").first?.1 == "\u{FFFD}\u{FFFD}")
    }

    @Test("empty segments are skipped")
    func emptySegments() {
        let d = FormURLEncoding.decode("&&a=1&&b=2&")
        #expect(d.map(\.0) == ["a", "b"])
        #expect(FormURLEncoding.decode("").isEmpty)
    }
}
