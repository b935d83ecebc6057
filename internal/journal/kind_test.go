package journal

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKindAndAction: page requests and SOA calls share the journal; kind
// and action tell them apart, and Len counts them all.
func TestKindAndAction(t *testing.T) {
	j := New(0)
	soa := entryOf("A", nil)
	soa.Kind = KindSOA
	j.Add(soa, true)
	for _, action := range []string{PageOpen, PageConfirm, PageOpen} {
		e := entryOf("A", nil)
		e.Kind, e.Page, e.Action = KindPage, "/yungateway/pwd/setPayPwd.html", action
		j.Add(e, true)
	}
	j.Add(entryOf("stranger", nil), false)
	assert.Equal(t, 5, j.Len())

	q, err := url.ParseQuery("kind=page&action=open")
	require.NoError(t, err)
	f, err := ParseFilter(q)
	require.NoError(t, err)
	assert.Equal(t, Filter{Kind: KindPage, Action: PageOpen}, f)
	for _, tc := range []struct {
		f    Filter
		want int
	}{
		{Filter{}, 5},
		{Filter{Kind: KindSOA}, 1},
		{Filter{Kind: KindPage}, 3},
		{f, 2},
		{Filter{Action: PageConfirm}, 1},
	} {
		assert.Equal(t, tc.want, j.Count(tc.f), "%+v", tc.f)
	}
	j.Reset("")
	assert.Zero(t, j.Len())
}
