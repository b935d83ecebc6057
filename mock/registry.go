package mock

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tsymock/tsymock/keys"
)

// registry holds the applications tsymock knows. It is safe for concurrent
// use, so apps can be registered while requests are served.
type registry struct {
	mu   sync.RWMutex
	apps map[string]App
}

func newRegistry() *registry { return &registry{apps: map[string]App{}} }

func (r *registry) add(a App) error {
	if a.SysID == "" {
		return errors.New("an application needs a sysid")
	}
	if a.Key == nil {
		return fmt.Errorf("application %s needs the merchant's public key", a.SysID)
	}
	a.fingerprint = keys.Fingerprint(a.Key)
	a.verifier = keys.NewVerifier(a.Key)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.apps[a.SysID] = a
	return nil
}

func (r *registry) get(sysid string) (App, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	a, ok := r.apps[sysid]
	return a, ok
}

// all returns a copy of every application.
func (r *registry) all() []App {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]App, 0, len(r.apps))
	for _, a := range r.apps {
		out = append(out, a)
	}
	return out
}

// list names the registered sysids for an error message, at most a few.
func (r *registry) list() string {
	apps := r.all()
	ids := make([]string, 0, len(apps))
	for _, a := range apps {
		ids = append(ids, a.SysID)
	}
	slices.Sort(ids)
	if len(ids) > 5 {
		ids = append(ids[:5], "...")
	}
	return strings.Join(ids, ", ")
}
