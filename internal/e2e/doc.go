// Package e2e holds the end-to-end tests: a real tsymock server on a
// loopback port, driven by the bundled client and by raw HTTP requests
// shaped like those of real SDKs. It has no code of its own; it exists
// because mock and client must not import each other.
package e2e
