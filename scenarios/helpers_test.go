package scenarios

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/ids"
)

// testTime is the fixed clock of the tests: 2026-11-28 12:00:00 China time.
var testTime = time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)

// mustParse parses a scenario written in the test.
func mustParse(t testing.TB, src string) *File {
	t.Helper()
	f, err := Parse("test.yaml", []byte(src))
	require.NoError(t, err)
	return f
}

// newSet returns a set with a fixed clock and seeded ids, loaded with the
// given files.
func newSet(t testing.TB, files ...*File) *Set {
	t.Helper()
	s := NewSet(Options{Now: func() time.Time { return testTime }, IDs: ids.NewSeeded(1)})
	s.SetFiles(files)
	return s
}

// req builds a request from service.method and a JSON param text, numbers
// as json.Number as the mock decodes them.
func req(t testing.TB, call, param string) Request {
	t.Helper()
	service, method, _ := strings.Cut(call, ".")
	dec := json.NewDecoder(strings.NewReader(param))
	dec.UseNumber()
	var p map[string]any
	require.NoError(t, dec.Decode(&p))
	return Request{SysID: "100000000002", Service: service, Method: method, Param: p}
}
