package apps

import (
	"crypto/rsa"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

func TestRegistry(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	merchant, platform := &m.MerchantKey.PublicKey, &m.PlatformKey.PublicKey
	r := NewRegistry()
	for _, bad := range []App{{Key: merchant}, {SysID: "1"}} {
		_, err := r.Add(bad, OriginAdmin)
		assert.Error(t, err, "%+v", bad)
	}
	a, err := r.Add(App{SysID: "2", Key: merchant}, OriginConfig)
	require.NoError(t, err)
	assert.Equal(t, keys.Fingerprint(merchant), a.Fingerprint())
	require.NotNil(t, a.Verifier())
	_, err = r.Add(App{SysID: "1", Key: merchant}, OriginAdmin)
	require.NoError(t, err)
	replaced, err := r.Add(App{SysID: "2", Key: platform}, OriginAuto)
	require.NoError(t, err)

	got, ok := r.Get("2")
	require.True(t, ok)
	assert.Same(t, replaced.Verifier(), got.Verifier(), "the new key's")
	_, ok = r.Get("3")
	assert.False(t, ok)
	assert.Equal(t, []string{"1", "2"}, r.SysIDs())
	assert.Len(t, r.All(), 2)
	infos := r.Infos()
	require.Len(t, infos, 2)
	assert.Equal(t, OriginAdmin, infos[0].Origin)
	assert.Equal(t, Info{SysID: "2", Fingerprint: keys.Fingerprint(platform), Origin: OriginAuto,
		Registered: infos[1].Registered}, infos[1])
	assert.WithinDuration(t, time.Now(), infos[1].Registered, time.Minute)
}

func TestRegistryConfigAppsHaveNoRegistrationTime(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	r := NewRegistry()
	_, err = r.Add(App{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}, OriginConfig)
	require.NoError(t, err)
	assert.True(t, r.Infos()[0].Registered.IsZero())
}

func TestKnown(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	r := NewRegistry()
	assert.Empty(t, r.Known())
	for i := range 7 {
		_, err := r.Add(App{SysID: fmt.Sprint(i), Key: &m.MerchantKey.PublicKey}, OriginConfig)
		require.NoError(t, err)
	}
	assert.Equal(t, "0, 1, 2, 3, 4, ...", r.Known())
}

func TestAppVerify(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	sign, err := keys.Sign(m.MerchantKey, "text")
	require.NoError(t, err)
	unregistered := App{SysID: "1", Key: &m.MerchantKey.PublicKey}
	registered, err := NewRegistry().Add(unregistered, OriginConfig)
	require.NoError(t, err)
	for _, a := range []App{unregistered, registered} {
		assert.NoError(t, a.Verify("text", sign))
		assert.Error(t, a.Verify("other", sign))
		assert.Equal(t, keys.Fingerprint(&m.MerchantKey.PublicKey), a.Fingerprint())
	}
}

func TestAutoKeys(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	signed := func(key string) form.Params {
		sign, err := keys.Sign(map[string]*rsa.PrivateKey{"merchant": m.MerchantKey, "platform": m.PlatformKey}[key], "ci-7"+"{}"+"ts")
		require.NoError(t, err)
		return form.Params{SysID: "ci-7", Req: "{}", Timestamp: "ts", Sign: sign}
	}
	demoKeys := NewAutoKeys(nil)
	require.Len(t, demoKeys, 1, "the bundled demo merchant key")
	tests := []struct {
		name string
		keys AutoKeys
		p    form.Params
		ok   bool
	}{
		{"the demo key", demoKeys, signed("merchant"), true},
		{"another key", demoKeys, signed("platform"), false},
		{"configured keys replace the demo key", NewAutoKeys([]*rsa.PublicKey{&m.PlatformKey.PublicKey}), signed("merchant"), false},
		{"a configured key", NewAutoKeys([]*rsa.PublicKey{&m.PlatformKey.PublicKey}), signed("platform"), true},
		{"no sysid", demoKeys, form.Params{Req: "{}", Sign: signed("merchant").Sign}, false},
		{"no sign", demoKeys, form.Params{SysID: "ci-7"}, false},
		{"off", nil, signed("merchant"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, ok := tt.keys.Match(tt.p)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, ok, key != nil)
		})
	}
}
