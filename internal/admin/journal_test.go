package admin_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tsymock/tsymock/internal/admin"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

func TestJournalFilters(t *testing.T) {
	s, m := newServer(t)
	h := s.Handler()
	for _, id := range []string{"a", "b", "a", "c"} {
		wiretest.Call(t, h, m, wiretest.CreateMemberReq(id))
	}
	wiretest.Call(t, h, m, `{"service":"MemberService","method":"getMemberInfo","param":{"bizUserId":"a"}}`)
	tests := []struct {
		query string
		want  int
	}{
		{"", 5},
		{"method=createMember", 4},
		{"method=createMember&param.bizUserId=a", 2},
		{"param.bizUserId=a", 3},
		{"param.memberType=3", 4},
		{"errorCode=30000", 1},
		{"outcome=ok", 4},
		{"outcome=error", 1},
		{"service=OrderService", 0},
		{"sysid=" + demo.SysID, 5},
		{"sysid=other", 0},
		{"after=3", 2},
		{"limit=2", 2},
		{"since=1h", 5},
		{"until=2000-01-01T00:00:00Z", 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			page := wiretest.GetJSON[admin.JournalPage](t, h, "/__tsymock/journal?"+tt.query)
			assert.Len(t, page.Entries, tt.want)
			calls := wiretest.GetJSON[map[string]int](t, h, "/__tsymock/calls?"+tt.query)
			if !strings.Contains(tt.query, "limit") {
				assert.Equal(t, tt.want, calls["count"])
			}
		})
	}
	page := wiretest.GetJSON[admin.JournalPage](t, h, "/__tsymock/journal?limit=2")
	assert.Equal(t, []uint64{4, 5}, []uint64{page.Entries[0].ID, page.Entries[1].ID}, "limit keeps the newest")
}

func TestJournalEntryEndpoint(t *testing.T) {
	s, m := newServer(t)
	h := s.Handler()
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("a"))
	e := wiretest.GetJSON[mock.JournalEntry](t, h, "/__tsymock/journal/1")
	assert.Equal(t, "createMember", e.Method)
	assert.Equal(t, http.StatusNotFound, wiretest.Do(t, h, http.MethodGet, "/__tsymock/journal/99", "").Code)
	assert.Equal(t, http.StatusBadRequest, wiretest.Do(t, h, http.MethodGet, "/__tsymock/journal/x", "").Code)
	assert.Equal(t, http.StatusBadRequest, wiretest.Do(t, h, http.MethodGet, "/__tsymock/journal?since=yesterday", "").Code)
	assert.Equal(t, http.StatusOK, wiretest.Do(t, h, http.MethodDelete, "/__tsymock/journal", "").Code)
	assert.Empty(t, wiretest.GetJSON[admin.JournalPage](t, h, "/__tsymock/journal").Entries)
}
