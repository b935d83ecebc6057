package mock

import (
	"crypto/rsa"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/scenarios"
)

// Clock is the server's clock as tests move it: the admin API's
// /__tsymock/clock and TestServer.Clock. It is one clock for every
// application.
type Clock interface {
	Now() time.Time
	Set(t time.Time)
	Advance(d time.Duration)
}

// App origins, as GET /__tsymock/apps reports them.
const (
	OriginConfig = "config" // Config.Apps, the --app flag, the demo app
	OriginAdmin  = "admin"  // registered at run time
	OriginAuto   = "auto"   // registered on first use (--auto-apps)
)

// AppInfo describes a registered application.
type AppInfo struct {
	SysID       string    `json:"sysid"`
	Fingerprint string    `json:"fingerprint"` // of the merchant's public key
	Origin      string    `json:"origin"`
	Registered  time.Time `json:"registered"`
}

// control is the state of the control plane: what the admin API, the web
// page and TestServer read and change besides the emulator and the rules.
type control struct {
	autoKeys []*rsa.PublicKey

	mu      sync.Mutex
	origins map[string]AppInfo
}

func (s *Server) newControl() *control {
	c := &control{
		origins: map[string]AppInfo{}}
	if s.cfg.AutoApps {
		c.autoKeys = autoKeys(s.cfg.AutoAppKeys)
	}
	return c
}

// noteApp records how and when an application was registered.
func (c *control) noteApp(a App, origin string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.origins[a.SysID] = AppInfo{SysID: a.SysID, Fingerprint: keys.Fingerprint(a.Key), Origin: origin,
		Registered: time.Now()}
}

// Clock returns the server's clock, which the admin API sets and advances.
// A server on the system clock runs on from wherever it is set.
func (s *Server) Clock() Clock { return s.cfg.Clock.(clock.Settable) }

// RegisterApp registers an application at run time, or replaces the key
// of a registered one. Its account sets take effect with its next state:
// register it before its first call, or Reset it after.
// With a data dir it is kept: it is on disk when RegisterApp returns.
func (s *Server) RegisterApp(a App) error {
	if err := s.registerApp(a, OriginAdmin); err != nil {
		return err
	}
	if s.store != nil {
		if err := s.store.keepApp(a, OriginAdmin); err != nil {
			return fmt.Errorf("mock: keep %s in the data dir: %w", a.SysID, err)
		}
	}
	return nil
}

// registerApp makes an application known, with its account sets and how
// it came.
func (s *Server) registerApp(a App, origin string) error {
	if err := s.apps.add(a); err != nil {
		return fmt.Errorf("mock: %w", err)
	}
	if len(a.AccountSets) > 0 {
		s.emu.SetAccountSets(a.SysID, a.AccountSets)
	}
	s.ctl.noteApp(a, origin)
	return nil
}

// Apps lists the registered applications, sorted by sysid.
func (s *Server) Apps() []AppInfo {
	s.ctl.mu.Lock()
	defer s.ctl.mu.Unlock()
	var out []AppInfo
	for _, a := range s.apps.all() {
		info, ok := s.ctl.origins[a.SysID]
		if !ok {
			info = AppInfo{SysID: a.SysID, Fingerprint: keys.Fingerprint(a.Key), Origin: OriginConfig}
		}
		out = append(out, info)
	}
	slices.SortFunc(out, func(x, y AppInfo) int { return strings.Compare(x.SysID, y.SysID) })
	return out
}

// AddScenario puts f's rules in force ahead of the files, limited to
// sysid's calls unless sysid is "", and returns their ids.
func (s *Server) AddScenario(sysid string, f *scenarios.File) ([]string, error) {
	f, err := scoped(sysid, f)
	if err != nil {
		return nil, err
	}
	return s.scen.Add(f), nil
}

// Arm is AddScenario for one-shot rules: a rule without times answers the
// next matching call, then retires.
func (s *Server) Arm(sysid string, f *scenarios.File) ([]string, error) {
	f, err := scoped(sysid, f)
	if err != nil {
		return nil, err
	}
	return s.scen.Arm(f), nil
}

func scoped(sysid string, f *scenarios.File) (*scenarios.File, error) {
	if sysid == "" {
		return f, nil
	}
	return f.ForSysID(sysid)
}
