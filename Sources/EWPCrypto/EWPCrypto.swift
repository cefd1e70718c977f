// EWPCrypto: see README.md (Layout).
