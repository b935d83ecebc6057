package mock

import "github.com/tsymock/tsymock/internal/soa"

// fixedHeaders are header values every answer carries, made once: set by
// assigning the slice, they cost nothing per request, where Header.Set
// makes a new one-element slice on every call. Sharing them is safe:
// nothing changes a header value in place, and Header.Add appends past a
// full slice, into a new array.
type fixedHeaders struct {
	version []string // X-Tsymock-Version
	json    []string // Content-Type of /service/soa answers
}

func newFixedHeaders(version string) fixedHeaders {
	return fixedHeaders{version: []string{version}, json: []string{soa.ContentType}}
}
