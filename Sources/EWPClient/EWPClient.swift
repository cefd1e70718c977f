// EWPClient: see README.md (Layout).
