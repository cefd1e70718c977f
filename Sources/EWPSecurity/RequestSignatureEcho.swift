import HTTPTypes

/// The `signature` parameter of a request's `Authorization: Signature …` header. A signed response
/// echoes it in X-Request-Signature whenever the request was httpsig-signed
/// (ewp-specs-sec-srvauth-httpsig), also when that request then failed authentication.
public enum RequestSignatureEcho {
    public static func value(in headers: HTTPFields) -> String? {
        for value in Headers.values("authorization", in: headers) {
            let trimmed = Headers.trimmed(value)
            guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }),
                  trimmed[..<space].lowercased() == "signature",
                  let parameters = try? SignatureParameters.parse(String(trimmed[space...])) else { continue }
            return parameters.signature
        }
        return nil
    }
}
