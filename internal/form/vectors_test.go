package form

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// vectorsPath is the known-answer file made with openssl; never edit it.
const vectorsPath = "../../testdata/vectors/vectors.json"

// vectors is the part of vectors.json the form reader is tested against:
// requests as real clients put them on the wire, and the signed strings
// they must yield.
type vectors struct {
	Request []requestVector `json:"request"`
	Wire    []wireVector    `json:"wire"`
}

// requestVector is one signed request.
type requestVector struct {
	Name, SysID, Req, Timestamp, Sign string
}

// wireVector is one request as a real client puts it on the wire.
type wireVector struct {
	Name, Method, ContentType, Vector, Query, Body string
}

// raw is the form text of the wire vector, from the query string or the body.
func (w wireVector) raw() string {
	if w.Method == "GET" {
		return w.Query
	}
	return w.Body
}

// loadVectors reads testdata/vectors/vectors.json.
func loadVectors(tb testing.TB) vectors {
	tb.Helper()
	data, err := os.ReadFile(vectorsPath)
	require.NoError(tb, err)
	var v vectors
	require.NoError(tb, json.Unmarshal(data, &v))
	require.NotEmpty(tb, v.Request)
	require.Len(tb, v.Wire, 4)
	return v
}

// request finds a request vector by name.
func (v vectors) request(tb testing.TB, name string) requestVector {
	tb.Helper()
	for _, r := range v.Request {
		if r.Name == name {
			return r
		}
	}
	tb.Fatalf("no request vector %q", name)
	return requestVector{}
}
