package emulator

import (
	"fmt"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// addressParams are the params that take an address the platform sends a
// browser or a notification to (spec §3.3 names them).
func addressParams() []string {
	return []string{"backUrl", "frontUrl", "jumpUrl"}
}

// AddressNote is the url-fragment note of a call or a page whose address
// params hold "#" (spec §3.3: 所有地址参数不要包含“#”: what follows it guides
// the browser and never reaches a server), ok false when none does. The
// platform appends its signed parameters to the address: behind a "#",
// they would stay in the browser. tsymock puts them before the fragment, so
// a merchant's server gets them here; the note says the platform may not.
func AddressNote(param map[string]any) (Portability, bool) {
	p := params(param)
	var named []string
	for _, k := range addressParams() {
		if strings.Contains(p.str(k), "#") {
			named = append(named, k)
		}
	}
	if len(named) == 0 {
		return Portability{}, false
	}
	return Portability{Rule: RuleURLFragment, Code: "10000", Message: fmt.Sprintf("%s: spec §3.3 says no address "+
		"param may hold \"#\": what follows it never reaches a server, so what the platform sends or appends "+
		"there may be lost (tsymock delivers it before the fragment)", strings.Join(named, ", "))}, true
}

// checkAddresses notes a call whose address params hold "#" (url-fragment;
// 10000 with --strict).
func (a *app) checkAddresses(p params) *soa.Error {
	if n, ok := AddressNote(p); ok {
		return a.lenient(n.Rule, n.Code, "%s", n.Message)
	}
	return nil
}

// Strict reports whether the emulator refuses what the real test
// environment refuses (Config.Strict), for the pages' own notes.
func (e *Emulator) Strict() bool {
	return e.strict
}
