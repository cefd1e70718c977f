import EWPCrypto
import EWPSecurity

/// An in-memory key directory standing in for the Registry catalogue.
struct TestDirectory: ClientKeyDirectory, ServerKeyDirectory {
    var clientKeys: [String: RSAPublicKey] = [:]
    var clientHEIs: [String: [String]] = [:]
    var serverKeys: [String: RSAPublicKey] = [:]
    /// endpoint URL → key ids of the host that publishes it.
    var serverKeysByURL: [String: Set<String>] = [:]

    func clientKey(keyId: String) -> RSAPublicKey? { clientKeys[keyId] }
    func heis(coveredByClientKey keyId: String) -> [String] { clientHEIs[keyId] ?? [] }
    func isServerKey(keyId: String) -> Bool { serverKeys[keyId] != nil && clientKeys[keyId] == nil }
    func serverKey(keyId: String, forEndpointURL url: String) -> RSAPublicKey? {
        serverKeysByURL[url]?.contains(keyId) == true ? serverKeys[keyId] : nil
    }

    mutating func addClient(_ key: RSAPublicKey, heis: [String]) {
        clientKeys[key.fingerprint] = key
        clientHEIs[key.fingerprint] = heis
    }

    mutating func addServer(_ key: RSAPublicKey, urls: [String]) {
        serverKeys[key.fingerprint] = key
        for url in urls { serverKeysByURL[url, default: []].insert(key.fingerprint) }
    }
}
