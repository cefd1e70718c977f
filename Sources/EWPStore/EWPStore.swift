// EWPStore: see README.md (Layout).
