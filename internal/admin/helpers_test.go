package admin_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// newServer is a server that knows the demo application, on a clock fixed
// at wiretest.Time, with change applied to its config.
func newServer(tb testing.TB, change ...func(*mock.Config)) (*mock.Server, *demo.Material) {
	tb.Helper()
	m := wiretest.Demo(tb)
	cfg := mock.Config{PlatformKey: m.PlatformKey, Apps: []mock.App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}},
		Clock: mock.NewFixedClock(wiretest.Now(tb))}
	for _, fn := range change {
		fn(&cfg)
	}
	s, err := mock.New(cfg)
	require.NoError(tb, err)
	return s, m
}

// members are sysid's members, as GET /__tsymock/state/{sysid}/members
// shows them.
func members(tb testing.TB, h http.Handler, sysid string) []emulator.MemberView {
	tb.Helper()
	return wiretest.GetJSON[[]emulator.MemberView](tb, h, "/__tsymock/state/"+sysid+"/members")
}
