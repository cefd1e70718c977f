import EWPCrypto
import EWPSecurity

extension Catalogue: ClientKeyDirectory {
    /// Only keys referenced by some `client-credentials-in-use` (a server-only key is not a client key).
    public func clientKey(keyId: String) -> RSAPublicKey? {
        let id = keyId.asciiLowercased()
        guard clientKeyHEIs[id] != nil else { return nil }
        return keys.key(id)
    }

    /// HEIs covered by the hosts that list this client key, de-duplicated, in document order.
    public func heis(coveredByClientKey keyId: String) -> [String] {
        clientKeyHEIs[keyId.asciiLowercased()] ?? []
    }

    public func isServerKey(keyId: String) -> Bool {
        serverKeyHosts[keyId.asciiLowercased()] != nil
    }
}

extension Catalogue: ServerKeyDirectory {
    /// Same-host rule (Registry question 5): the key must be in `server-credentials-in-use` of the host
    /// whose `apis-implemented` declares `url`. When several hosts declare the same URL, this URL-only form
    /// cannot tell which one the caller meant, so it accepts only a key that every such host lists (another
    /// host's key claiming the URL is never enough). Use `serverKeys(for:)` with the entry you called to
    /// apply the rule to exactly that host.
    public func serverKey(keyId: String, forEndpointURL url: String) -> RSAPublicKey? {
        let claiming = hostIndexes(declaringURL: url)
        guard !claiming.isEmpty else { return nil }
        let id = keyId.asciiLowercased()
        guard claiming.allSatisfy({ hosts[$0].serverKeyIDs.contains(id) }) else { return nil }
        return keys.key(id)
    }
}
