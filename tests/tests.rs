//! Integration tests: the real binary on repositories built in temporary folders.

// Shared fixtures and runners.
mod util;
// `exitready scan`: inventory, documents, services, checks, scores, outputs, exit codes.
mod scan;
