// EWPXML: see README.md (Layout).
