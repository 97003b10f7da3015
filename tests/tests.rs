//! Integration tests: the real binary on repositories built in temporary folders.

// Shared fixtures and runners.
mod util;
// `exitready scan`: inventory, documents, services, checks, scores, outputs, exit codes.
mod scan;
// Who knows the code: history, DOA, truck factor, off-boarding, trend, in-flight work.
mod knowledge;
// Ownership: CODEOWNERS measures, ownership checks, explain.
mod ownership;
// Deliverables: baseline and diff, sign-off, estate and merge, HTML, schema, escaping.
mod deliverables;
// The CI gate: runbooks with code, --fail-under, waivers, SARIF, JUnit, annotations.
mod gate;
// Stale and hollow documents (issue 5): age, drift, dead references, reviews, ADRs, hollow runbooks.
mod freshness;
// The exit inventory (issue 14): vendor hosts, people, infrastructure, secrets, rebuild readiness, tickets.
mod exit_inventory;
// Estate examples (GitHub Actions, GitLab CI, Kubernetes) and their scripts, run for real.
mod estate;
// The layering of src/: imports only flow down the pipeline.
mod layering;
// Corrupt, damaged and unusual inputs (issue 11): errors and warnings, never a wrong report.
mod corrupt;
// Hostile and unlucky inputs, output side (issue 11): terminal-safe text, bounded evidence, closed pipes.
mod hostile;
// Property tests of every parser of untrusted input on arbitrary bytes (PROPTEST_CASES; scripts/fuzz.sh).
mod fuzz;
