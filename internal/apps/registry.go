// Package apps holds the applications (sysids) tsymock knows, with the
// merchant's public key each one verifies with, how and when it was
// registered, and the keys that register an unknown sysid on its first
// request (AutoKeys).
package apps

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tsymock/tsymock/keys"
)

// How an application came to be registered, as GET /__tsymock/apps
// reports it.
const (
	OriginConfig = "config" // mock.Config.Apps, the --app flag, the demo app
	OriginAdmin  = "admin"  // registered at run time
	OriginAuto   = "auto"   // registered on first use (--auto-apps)
)

// ErrUnknown is the error of an operation on a sysid that is not
// registered.
var ErrUnknown = errors.New("no application is registered with sysid")

// App is an application (sysid) with the merchant's public key, taken from
// the certificate the merchant uploaded to the platform. The registry
// gives it its fingerprint and verifier.
type App struct {
	SysID string
	Key   *rsa.PublicKey
	// AccountSets are the application's account sets, the one that holds
	// escrow first; nil means the emulator's defaults.
	AccountSets []string
	// CompanyAudit is how setCompanyInfo audits the application's
	// enterprises, "auto" or "manual" (emulator.CompanyAuditAuto,
	// CompanyAuditManual); "" means the server's.
	CompanyAudit string

	fingerprint string         // of Key, computed once when registered: the journal names it on every call
	verifier    *keys.Verifier // Key with its modulus precomputed once: every call is verified with it
}

// Fingerprint is the fingerprint of the application's key.
func (a App) Fingerprint() string {
	if a.fingerprint == "" {
		return keys.Fingerprint(a.Key)
	}
	return a.fingerprint
}

// Verifier is the application's key made ready to verify, nil for an App
// that was not registered.
func (a App) Verifier() *keys.Verifier { return a.verifier }

// Verify checks a signature with the application's key.
func (a App) Verify(text, sign string) error {
	if a.verifier == nil { // an App that was not registered
		return keys.Verify(a.Key, text, sign)
	}
	return a.verifier.Verify(text, sign)
}

// Info describes a registered application.
type Info struct {
	SysID       string    `json:"sysid"`
	Fingerprint string    `json:"fingerprint"` // of the merchant's public key
	Origin      string    `json:"origin"`
	Registered  time.Time `json:"registered"` // zero for the applications configured at start
	// AccountSets are the account sets the application has, the escrow
	// one first (filled in by the server, which knows the defaults).
	AccountSets []string `json:"accountSets,omitempty"`
	// CompanyAudit is the application's audit mode, auto or manual
	// (filled in by the server, which knows the default).
	CompanyAudit string `json:"companyAudit,omitempty"`
	// PlatformUserID is the platform's own user id (the merchant's uuid),
	// which buyerBizUserId carries where the platform paid (filled in by
	// the server).
	PlatformUserID string `json:"platformUserId,omitempty"`
}

// Registry holds the applications. It is safe for concurrent use, so apps
// can be registered while requests are served.
type Registry struct {
	mu    sync.RWMutex
	apps  map[string]App
	infos map[string]Info
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{apps: map[string]App{}, infos: map[string]Info{}}
}

// Add registers a, or replaces the key of a registered application, and
// returns it as registered (with its fingerprint and verifier). origin is
// how it came; one registered after the start is stamped with the time.
func (r *Registry) Add(a App, origin string) (App, error) { return r.add(a, origin, -1) }

// add is Add, refused when max is not negative and max applications of
// origin are registered.
func (r *Registry) add(a App, origin string, max int) (App, error) {
	if a.SysID == "" {
		return App{}, errors.New("an application needs a sysid")
	}
	if a.Key == nil {
		return App{}, fmt.Errorf("application %s needs the merchant's public key", a.SysID)
	}
	a.SysID = strings.Clone(a.SysID) // it may be a piece of a request's body, which it must not keep alive
	a.fingerprint = keys.Fingerprint(a.Key)
	a.verifier = keys.NewVerifier(a.Key)
	info := Info{SysID: a.SysID, Fingerprint: a.fingerprint, Origin: origin}
	if origin != OriginConfig {
		info.Registered = time.Now()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, known := r.apps[a.SysID]; !known && max >= 0 && r.countLocked(origin) >= max {
		return App{}, fmt.Errorf("%w (%d)", ErrFull, max)
	}
	r.apps[a.SysID] = a
	r.infos[a.SysID] = info
	return a, nil
}

// ErrFull is AddAuto's answer once max applications were registered on
// first use.
var ErrFull = errors.New("apps: the applications registered on first use are at their bound")

// AddAuto registers an application on first use (origin auto), unless max
// of them are registered already: each brings state, a journal and
// counters of its own, and a client inventing sysids must not add them
// without end.
func (r *Registry) AddAuto(a App, max int) (App, error) { return r.add(a, OriginAuto, max) }

// countLocked is the number of applications of origin; r.mu is held.
func (r *Registry) countLocked(origin string) int {
	n := 0
	for _, info := range r.infos {
		if info.Origin == origin {
			n++
		}
	}
	return n
}

// Get returns the application sysid, if it is registered.
func (r *Registry) Get(sysid string) (App, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	a, ok := r.apps[sysid]
	return a, ok
}

// All returns a copy of every application, in no order.
func (r *Registry) All() []App {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]App, 0, len(r.apps))
	for _, a := range r.apps {
		out = append(out, a)
	}
	return out
}

// Infos describes every application, sorted by sysid.
func (r *Registry) Infos() []Info {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []Info // nil, "null" in JSON, when there is none, as GET /__tsymock/apps always answered
	for _, info := range r.infos {
		out = append(out, info)
	}
	slices.SortFunc(out, func(x, y Info) int { return strings.Compare(x.SysID, y.SysID) })
	return out
}

// SysIDs lists the registered sysids, sorted.
func (r *Registry) SysIDs() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	ids := make([]string, 0, len(r.apps))
	for id := range r.apps {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Known names the registered sysids for an error message, at most a few.
func (r *Registry) Known() string {
	ids := r.SysIDs()
	if len(ids) > 5 {
		ids = append(ids[:5], "...")
	}
	return strings.Join(ids, ", ")
}
