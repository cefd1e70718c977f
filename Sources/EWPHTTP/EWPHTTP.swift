// EWPHTTP: see README.md (Layout).
