//go:build unix

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/keys/demo"
)

// startingFunds is what the platform holds when an application with the
// default sets starts: emulator.DefaultPlatformFunds in each of its
// standard, deposit (100002) and marketing (2000000) sets. Transfers only
// move it around.
const startingFunds = 3 * emulator.DefaultPlatformFunds

// answered is what the load saw answered: the members created and, per
// member, the money transferred to it with an OK answer (acked) and with no
// answer at all (unsure: the kill came first, it may or may not be kept).
type answered struct {
	mu             sync.Mutex
	members        []string
	acked, unsure  map[string]int64
	unexpectedErrs []error
}

func (a *answered) add(f func()) {
	a.mu.Lock()
	defer a.mu.Unlock()
	f()
}

// TestKill9KeepsEveryAnsweredCall kills tsymock with SIGKILL at random
// moments under load, five times over one data dir. After each restart
// every member and transfer answered OK is there, no transfer is there
// twice, money is conserved, and the replay came out as answered.
func TestKill9KeepsEveryAnsweredCall(t *testing.T) {
	dir := t.TempDir()
	seed := uint64(time.Now().UnixNano())
	t.Logf("kill points from seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	got := &answered{acked: map[string]int64{}, unsure: map[string]int64{}}
	for round := range 5 {
		p := startBinary(t, "--data-dir", dir)
		checkKept(t, p, got)
		kill := time.Duration(150+r.IntN(450)) * time.Millisecond
		loadUntilKilled(t, p, round, kill, got)
		require.Empty(t, got.unexpectedErrs)
	}
	checkKept(t, startBinary(t, "--data-dir", dir), got)
	t.Logf("%d members and %d transfers answered OK across 5 kills", len(got.members), len(got.acked))
}

// loadUntilKilled runs 16 workers that create members and fund them until the process
// is killed after kill.
func loadUntilKilled(t *testing.T, p *proc, round int, kill time.Duration, got *answered) {
	t.Helper()
	c := demoClient(t, p)
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Go(func() {
			for i := 0; ; i++ {
				if !oneMember(c, fmt.Sprintf("r%d-w%d-%d", round, w, i), int64(1+i%100), got) {
					return
				}
			}
		})
	}
	time.Sleep(kill)
	require.NoError(t, p.cmd.Process.Kill())
	p.wait(t)
	wg.Wait()
}

// oneMember creates a member and transfers amount to it; false once the
// server is gone.
func oneMember(c *client.Client, id string, amount int64, got *answered) bool {
	ctx := context.Background()
	_, err := c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: id, MemberType: client.MemberPersonal,
		Source: client.SourceMobile})
	if err != nil {
		return gone(err, got)
	}
	got.add(func() { got.members = append(got.members, id) })
	_, err = c.ApplicationTransfer(ctx, client.ApplicationTransferRequest{BizTransferNo: "t-" + id,
		SourceAccountSetNo: client.AccountSetStandard, TargetBizUserID: id,
		TargetAccountSetNo: client.AccountSetEscrow, Amount: amount})
	if err != nil {
		got.add(func() { got.unsure[id] = amount })
		return gone(err, got)
	}
	got.add(func() { got.acked[id] = amount })
	return true
}

// gone reports false for a transport error (the kill); an error answer
// while the server runs is a finding.
func gone(err error, got *answered) bool {
	var apiErr *client.Error
	if errors.As(err, &apiErr) {
		got.add(func() { got.unexpectedErrs = append(got.unexpectedErrs, err) })
	}
	return false
}

func demoClient(t *testing.T, p *proc) *client.Client {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	c, err := client.New("http://"+p.ready.Addr, demo.SysID, m.MerchantKey, m.PlatformCert)
	require.NoError(t, err)
	return c
}

// checkKept compares the restarted server's state with what was answered.
func checkKept(t *testing.T, p *proc, got *answered) {
	t.Helper()
	got.mu.Lock()
	defer got.mu.Unlock()
	var members []emulator.MemberView
	stateView(t, p, "members", &members)
	kept := map[string]bool{}
	for _, m := range members {
		kept[m.BizUserID] = true
	}
	for _, id := range got.members {
		require.True(t, kept[id], "member %s was answered OK but is gone", id)
	}
	var balances []emulator.BalanceView
	stateView(t, p, "balances", &balances)
	if len(balances) == 0 {
		require.Empty(t, got.members, "no state, nothing answered")
		return
	}
	total := int64(0)
	for _, b := range balances {
		if b.Owner == emulator.OwnerOutside {
			continue
		}
		total += b.All
		if b.Owner == emulator.OwnerPlatform {
			continue
		}
		want, sure := got.acked[b.Owner]
		if sure {
			assert.Equal(t, want, b.All, "%s: its OK transfer, once", b.Owner)
		} else {
			assert.Contains(t, []int64{0, got.unsure[b.Owner]}, b.All, "%s: an unanswered transfer, kept or not", b.Owner)
		}
	}
	assert.Equal(t, int64(startingFunds), total, "money is conserved")
	assert.NotContains(t, p.stderr.String(), "came out differently")
}

func stateView(t *testing.T, p *proc, view string, v any) {
	t.Helper()
	resp, err := http.Get("http://" + p.ready.Addr + "/__tsymock/state/" + demo.SysID + "/" + view)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(v))
}
