/// Fixed RSA public keys (DER SPKI, base64) with their EWP keyIds.
enum FixtureKeys {
    /// The key in ewp-specs-api-registry/catalogue-example.xml (2048-bit).
    static let example = (
        id: "5531f9a02c44a894d0b706961259fec740ad4ae8a3555871f1a5cd9801285bd4",
        base64: """
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkQojIPtX+BYGGC2f1zXrU3ijq5oApW6Y
        A+mSiB3p5pEQRUuvIHKbSKRXQaW/5hORYpWU1GzU2Wq99vykjX9b8GQlM+0xbFP0cILIhjz23R0Q
        53mKcf2xAzQt2b3f56QOnjUaKbXsuB+ejTLAtQ4DyKYSodCzUFkuUZUw+TK7G9ySMbcVHqrG8qDC
        w3/7CXkN0Wf9HpSnYP5fwd426fayu6RXGeX5vUuX5BJkjsxoL8Smn7TB31LSFn3LbQLzG4UuxGaG
        gHWZCMSC35dX2d3z4zcpZxgyN8LNWXCf4g95b20Ljsbnvk1dIUTJtRJJ29zbWXcgXgVl69UKQx8N
        xXIx6wIDAQAB
        """)
    /// A second 2048-bit key (generated for these tests; the private half was discarded).
    static let second = (
        id: "0067a0420f5dabde7a10dd764ae416db4eb4a5105467536f321ecfca66193bd6",
        base64: """
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1PZ8DNljYSkoB4obTorEbJDrIZRN0C2u
        S+6pfteOj2dvTcq8u8MZ9zXRJ0KcmoLmNFBz2xHnqDxzuQikEhQvXHSm5Uu1iwUejFNftv9Ewt8L
        gD5+sFClLVNwWpd5YV5ICIka+x8sJ1IfS5OapFzDNrgs+YSUHVkSWkCOXkD1ycVdsD3OF1j95ImR
        t+JZlUUms0ZieSR7ilBkdCquJSVwO8IsocK/sphoXt/E7F6/8Rw+CvZHpy6we3xpw4JjyxvkcXIj
        2cTVJzYPx21GRwkH+80KyRy64ll9V1pUWoxUIc1ZNlBdeh8JpwfzaOMntTPayewQnjd1wcvfAibI
        HAua2wIDAQAB
        """)
    /// draft-cavage-http-signatures Appendix C test key (1024-bit: below the minimum, so a catalogue
    /// never accepts it as a key).
    static let cavage = (
        id: "6abc29c310d9c042fd93e21828b8178161400a3b78adf0f09d62ac13712eb5fe",
        base64: "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj+CvfSC8+q28hxA161QFNUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6Z4UMR7EOcpfdUE9Hf3m/hs+FUR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJwoYi+1hqp1fIekaxsyQIDAQAB")
}
