// EWPAPIs: one folder per EWP specification.
