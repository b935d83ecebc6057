package pages

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTemplatesParse: the embedded templates, parsed on the first page a
// server draws, parse, and hold every page renderPage is asked for.
func TestTemplatesParse(t *testing.T) {
	tmpl, err := parsePageTemplates()
	require.NoError(t, err)
	for _, name := range []string{"flow", "done", "error"} {
		t.Run(name, func(t *testing.T) {
			assert.NotNil(t, tmpl.Lookup(name))
		})
	}
}

// TestNewParsesNoTemplate guards the start of a server (issue 18): New
// leaves the templates to the first page. No clock is read: New must
// allocate less than parsing the templates alone does.
func TestNewParsesNoTemplate(t *testing.T) {
	parse := testing.AllocsPerRun(3, func() { _, _ = parsePageTemplates() })
	handler := testing.AllocsPerRun(3, func() { _ = New(Config{}, Parts{}) })
	t.Logf("allocations: New %.0f, parsing the templates %.0f", handler, parse)
	assert.Less(t, handler, parse/4, "New seems to parse the templates")
}
