// EWPNode: see README.md (Layout).
