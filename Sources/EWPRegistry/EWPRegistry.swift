// EWPRegistry: see README.md (Layout).
