// The end-to-end suites share one environment (node + nginx + registry, see EndToEndEnvironment.swift),
// started once for this parent suite and stopped when it ends, whatever the outcome.
import Testing

@Suite("End-to-end (real node, nginx, registry on 127.0.0.1)", .serialized, .endToEndEnvironment,
       .timeLimit(.minutes(10)))
enum EndToEnd {}
