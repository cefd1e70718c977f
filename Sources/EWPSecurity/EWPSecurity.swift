// EWPSecurity: see README.md (Layout).
