package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// TestCheckAccountSets: a configured list of account sets is at least one
// number of up to 20 digits and letters starting with a digit, none twice
// (spec §6.17).
func TestCheckAccountSets(t *testing.T) {
	tests := []struct {
		name string
		sets []string
		bad  string
	}{
		{"the defaults", []string{SetEscrow, SetStandard}, ""},
		{"the spec's standard sets", []string{"400193", "100001", "100002", "100003", "2000000", "100006"}, ""},
		{"none", nil, "at least one"},
		{"empty", []string{"200126", ""}, `account set ""`},
		{"a name", []string{"escrow"}, `account set "escrow"`},
		{"letters in a test escrow set's number", []string{"56029005999Z8RA", "100001"}, ""},
		{"a leading letter", []string{"Z8RA"}, `account set "Z8RA"`},
		{"not ASCII", []string{"200126０"}, "1 to 20 ASCII digits and letters"},
		{"a dash", []string{"2001-26"}, "1 to 20 ASCII digits and letters"},
		{"too long", []string{"123456789012345678901"}, "1 to 20 ASCII digits and letters"},
		{"twice", []string{"200126", "100001", "200126"}, "200126 is listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckAccountSets(tt.sets)
			if tt.bad == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.bad)
		})
	}
}

// TestConfiguredAccountSets: Config.AccountSets gives every application its
// sets, SetAccountSets one application its own from its next state, and
// AccountSetsOf tells which are in force; an unknown set is 30019 naming
// the sets and the flags that give others.
func TestConfiguredAccountSets(t *testing.T) {
	e := withSets([]string{"400193", "100001", "2000000"})
	sets, live := e.AccountSetsOf("app")
	assert.Equal(t, []string{"400193", "100001", "2000000"}, sets)
	assert.False(t, live)
	ok(t, e, "queryMerchantBalance", `{"accountSetNo":"2000000"}`)
	_, live = e.AccountSetsOf("app")
	assert.True(t, live, "the first call made its state")

	_, serr := do(t, e, "queryMerchantBalance", `{"accountSetNo":"200126"}`)
	require.NotNil(t, serr)
	assert.Equal(t, "30019", serr.Code)
	assert.Equal(t, `账户集不存在: accountSetNo "200126"; this application has [400193 100001 2000000] `+
		`(tsymock serve --account-sets or --app-account-sets app=... give it others)`, serr.Message)

	e.SetAccountSets("app", []string{"400221", "100001"})
	sets, _ = e.AccountSetsOf("app")
	assert.Equal(t, []string{"400193", "100001", "2000000"}, sets, "a state keeps its sets until it is reset")
	require.NoError(t, e.Reset("app"))
	sets, live = e.AccountSetsOf("app")
	assert.Equal(t, []string{"400221", "100001"}, sets)
	assert.False(t, live)
	assert.Equal(t, "30019", code(t, e, "queryMerchantBalance", `{"accountSetNo":"2000000"}`))
}

// TestPlatformFundsInMarketingSets: the platform starts with its funds in
// the standard set, and as much in the marketing and deposit sets an
// application has, so that a COUPON or a transfer from them works at once.
func TestPlatformFundsInMarketingSets(t *testing.T) {
	for _, tt := range []struct {
		name string
		sets []string
		want map[string]int64
	}{
		{"the defaults", nil, map[string]int64{SetStandard: DefaultPlatformFunds, SetMarketing: DefaultPlatformFunds,
			SetDeposit: DefaultPlatformFunds, "100003": 0}},
		{"without them", []string{SetEscrow, SetStandard}, map[string]int64{SetStandard: DefaultPlatformFunds, SetMarketing: -1, SetDeposit: -1}},
		{"the spec's sets", []string{"400193", SetStandard, SetDeposit, SetMarketing},
			map[string]int64{SetStandard: DefaultPlatformFunds, SetMarketing: DefaultPlatformFunds, SetDeposit: DefaultPlatformFunds}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := withSets(tt.sets)
			for set, want := range tt.want {
				v, serr := do(t, e, "queryMerchantBalance", `{"accountSetNo":"`+set+`"}`)
				if want < 0 {
					require.NotNil(t, serr)
					assert.Equal(t, "30019", serr.Code)
					continue
				}
				require.Nil(t, serr)
				assert.EqualValues(t, want, v["allAmount"], set)
			}
		})
	}
}

// withSets is newTest with Config.AccountSets.
func withSets(sets []string) *Emulator {
	return New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		AccountSets: sets})
}

// TestSpecAccountSetsByDefault: without configuration every standard
// account set of spec §6.17 is the application's, so a member's balance
// and the platform's are read in each without 30019; another set is 30019,
// whose message lists them.
func TestSpecAccountSetsByDefault(t *testing.T) {
	e := newTest()
	funded(t, e, 0, "m")
	for _, set := range []string{"100001", "100002", "100003", "100004", "100005", "2000000", "100006", SetEscrow} {
		t.Run(set, func(t *testing.T) {
			_, serr := do(t, e, "queryBalance", `{"bizUserId":"m","accountSetNo":"`+set+`"}`)
			assert.Nil(t, serr, "%v", serr)
			_, serr = do(t, e, "queryMerchantBalance", `{"accountSetNo":"`+set+`"}`)
			assert.Nil(t, serr, "%v", serr)
		})
	}
	_, serr := do(t, e, "queryBalance", `{"bizUserId":"m","accountSetNo":"400193"}`)
	require.NotNil(t, serr)
	assert.Equal(t, "30019", serr.Code)
	assert.Contains(t, serr.Message, "[200126 100001 100002 100003 100004 100005 2000000 100006]")
}

// TestAccountSetNames: a statement line's accountSetName (spec §5.12) is
// the escrow set's as §4.2.20 names it and each standard set's as §6.17's
// table names it.
func TestAccountSetNames(t *testing.T) {
	tests := []struct{ set, name string }{
		{"200126", "tsymock测试应用-托管账户集"},
		{"100001", "标准余额账户集"},
		{"100002", "标准保证金账户集"},
		{"100003", "准备金额度账户集"},
		{"100004", "中间账户集A"},
		{"100005", "中间账户集B"},
		{"2000000", "标准营销账户集"},
		{"100006", "预付卡账户集"},
		{"400193", "账户集400193"},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			assert.Equal(t, tt.name, accountSetName(tt.set))
		})
	}
	for _, set := range DefaultAccountSets() {
		assert.NotContains(t, accountSetName(set), set, "every default set has its own name")
	}
}
