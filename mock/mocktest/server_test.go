package mocktest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// call signs and posts one call to a test server, as an SDK would, and
// returns the raw answer.
func call(t testing.TB, ts *mocktest.Server, service, method, param string) string {
	t.Helper()
	req := fmt.Sprintf(`{"service":%q,"method":%q,"param":%s}`, service, method, param)
	now := soa.FormatTime(ts.Clock().Now())
	sign, err := keys.Sign(ts.MerchantKey, ts.SysID+req+now)
	require.NoError(t, err)
	resp, err := http.PostForm(ts.URL+"/service/soa", url.Values{"sysid": {ts.SysID}, "sign": {sign},
		"timestamp": {now}, "v": {"2.0"}, "req": {req}})
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(body)
}

func TestTestServer(t *testing.T) {
	t.Parallel()
	ts := mocktest.New(t)
	assert.True(t, strings.HasPrefix(ts.URL, "http://127.0.0.1:"))
	assert.Contains(t, call(t, ts, "MemberService", "createMember", `{"bizUserId":"a","memberType":3,"source":1}`), `"status":"OK"`)
	call(t, ts, "MemberService", "createMember", `{"bizUserId":"b","memberType":3,"source":1}`)

	assert.Len(t, ts.Calls("MemberService", "createMember"), 2)
	assert.True(t, ts.AssertCalled(t, "MemberService", "createMember", 1, "bizUserId=a"))
	assert.True(t, ts.AssertCalled(t, "MemberService", "createMember", 2, "memberType=3", "source=1"))

	ts.ArmError(t, "MemberService", "createMember", "30022")
	assert.Contains(t, call(t, ts, "MemberService", "createMember", `{"bizUserId":"c","memberType":3,"source":1}`), `"errorCode":"30022"`)

	ts.Reset()
	assert.Empty(t, ts.Calls("", ""))
	assert.Contains(t, call(t, ts, "MemberService", "createMember", `{"bizUserId":"a","memberType":3,"source":1}`), `"status":"OK"`, "state is gone")
}

func TestTestServerClock(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	ts := mocktest.New(t, mocktest.WithClockAt(start), mocktest.WithSysID("9000"))
	assert.Equal(t, start, ts.Clock().Now())
	ts.Clock().Advance(time.Hour)
	assert.Equal(t, start.Add(time.Hour), ts.Clock().Now())
	assert.Equal(t, "9000", ts.SysID)
	assert.Contains(t, call(t, ts, "MemberService", "createMember", `{"bizUserId":"a","memberType":3,"source":1}`), `"status":"OK"`,
		"requests stamped with the server's clock pass the window")
}

// TestTestServerAssertCalledReports: a failed assertion lists the calls
// it saw.
func TestTestServerAssertCalledReports(t *testing.T) {
	t.Parallel()
	ts := mocktest.New(t)
	call(t, ts, "MemberService", "createMember", `{"bizUserId":"a","memberType":3,"source":1}`)
	rec := &recordingTB{TB: t}
	assert.False(t, ts.AssertCalled(rec, "MemberService", "createMember", 1, "bizUserId=zz"))
	require.Len(t, rec.errors, 1)
	assert.Contains(t, rec.errors[0], "called 0 times with [bizUserId=zz], want 1")
	assert.Contains(t, rec.errors[0], "bizUserId:a")
	assert.False(t, ts.AssertCalled(rec, "MemberService", "createMember", 1, "no-equals-sign"))
}

// recordingTB keeps the errors a helper reports instead of failing.
type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestTestServersInParallel: each test server has its own state.
func TestTestServersInParallel(t *testing.T) {
	for i := range 4 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			ts := mocktest.New(t)
			for range 3 {
				call(t, ts, "MemberService", "createMember", `{"bizUserId":"same","memberType":3,"source":1}`)
			}
			ts.AssertCalled(t, "MemberService", "createMember", 3)
			assert.Equal(t, 1, ts.Server.Calls(mock.JournalFilter{Outcome: mock.OutcomeOK}), "one new member per server")
		})
	}
}

func TestTestServerClose(t *testing.T) {
	ts := mocktest.New(t)
	ts.Close()
	ts.Close() // and again at cleanup
	_, err := http.Get(ts.URL + "/__tsymock/health")
	assert.Error(t, err)
}
