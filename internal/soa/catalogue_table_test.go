package soa

import (
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateTable = flag.Bool("update", false, "rewrite catalogue_table.go from the tables (go generate ./internal/soa)")

// TestCatalogueTable: catalogue_table.go, which DefaultCatalogue indexes, is what the tables of
// catalogue_*.go build, written out by tableSource; after a change to the tables, "go generate
// ./internal/soa" rewrites it.
func TestCatalogueTable(t *testing.T) {
	want, err := tableSource(DefaultMethods())
	require.NoError(t, err)
	if *updateTable { // the table compiled into this test is the old one: compare next time
		require.NoError(t, os.WriteFile("catalogue_table.go", want, 0o644))
		return
	}
	got, err := os.ReadFile("catalogue_table.go")
	require.NoError(t, err)
	if line, differ := firstDifference(string(want), string(got)); differ {
		t.Errorf("catalogue_table.go is out of date (line %d: %s): run go generate ./internal/soa", line.n, line.text)
	}
	assert.True(t, reflect.DeepEqual(DefaultMethods(), defaultTable), "the table as compiled differs from the tables")
}

// numberedLine is a line of a file, counted from 1.
type numberedLine struct {
	n    int
	text string
}

// firstDifference is the first line of want that got does not have in its place.
func firstDifference(want, got string) (numberedLine, bool) {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range w {
		if i >= len(g) || w[i] != g[i] {
			return numberedLine{i + 1, strings.TrimSpace(w[i])}, true
		}
	}
	return numberedLine{len(w) + 1, "(end of file)"}, len(g) != len(w)
}

// TestDefaultCatalogueBuildsNoMethod guards the start of a server (issue 18): DefaultCatalogue
// indexes the table and builds none of its methods. No clock is read: it must allocate far less
// than building the methods does.
func TestDefaultCatalogueBuildsNoMethod(t *testing.T) {
	bytes := func(f func()) int64 {
		return testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f()
			}
		}).AllocedBytesPerOp()
	}
	catalogue, methods := bytes(func() { DefaultCatalogue() }), bytes(func() { DefaultMethods() })
	t.Logf("bytes allocated: DefaultCatalogue %d, DefaultMethods %d", catalogue, methods)
	assert.Less(t, catalogue, methods/4, "DefaultCatalogue seems to build the methods")
}

// TestCataloguesDoNotShareTheTable: a catalogue's methods are its own copy
// of the package's table, so a change to one (a test's, a caller's that
// forgot they are read-only) reaches neither the table nor another server.
func TestCataloguesDoNotShareTheTable(t *testing.T) {
	a, b := DefaultCatalogue(), DefaultCatalogue()
	m, err := a.Lookup("MemberService", "createMember")
	require.Nil(t, err)
	m.Doc = "changed"
	other, err := b.Lookup("MemberService", "createMember")
	require.Nil(t, err)
	assert.NotEqual(t, "changed", other.Doc)
	assert.NotEqual(t, "changed", defaultTable[0].Doc)
}
