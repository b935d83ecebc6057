package emulator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// isAddressParam reports whether a param takes an address the platform
// sends a browser or a notification to (spec §3.3 names them).
func isAddressParam(name string) bool {
	return name == "backUrl" || name == "frontUrl" || name == "jumpUrl"
}

// FragmentNote is the url-fragment note of addresses (param path → value)
// that hold "#" (spec §3.3: 所有地址参数不要包含“#”: what follows it guides
// the browser and never reaches a server), ok false when none does. The
// platform appends its signed result to a jumpUrl or frontUrl and posts to
// a backUrl: behind a "#", the result may never reach the merchant's
// server. tsymock delivers it before the fragment; the note says the
// platform may not.
func FragmentNote(addresses map[string]string) (Portability, bool) {
	var named []string
	for path, v := range addresses {
		if strings.Contains(v, "#") {
			named = append(named, path)
		}
	}
	if len(named) == 0 {
		return Portability{}, false
	}
	slices.Sort(named)
	return Portability{Rule: RuleURLFragment, Code: "10000", Message: fmt.Sprintf("%s: spec §3.3 says no address "+
		"param may hold \"#\": what follows it never reaches a server, so what the platform sends or appends "+
		"there may be lost (tsymock delivers it before the fragment)", strings.Join(named, ", "))}, true
}

// fragmentAddresses are the address params of a call that hold "#", found
// where the method's catalogue entry has them (fields): top level, or in
// the object items of a list, such as batchAgentPay's
// batchPayList[].backUrl (spec §5.11). A param the method does not take is
// ignored, as the platform ignores it. It runs on every call: a subtree
// that takes no address is not walked, and a path is only built for an
// address with a "#".
func fragmentAddresses(fields []soa.Param, value map[string]any, prefix string, into map[string]string) {
	for _, f := range fields {
		switch v := value[f.Name].(type) {
		case string:
			if f.Type == soa.String && isAddressParam(f.Name) && strings.Contains(v, "#") {
				into[prefix+f.Name] = v
			}
		case map[string]any:
			if takesAddress(f.Fields) {
				fragmentAddresses(f.Fields, v, prefix+f.Name+".", into)
			}
		case []any:
			if !takesAddress(f.Fields) {
				continue
			}
			for i, item := range v {
				if m, ok := item.(map[string]any); ok {
					fragmentAddresses(f.Fields, m, fmt.Sprintf("%s%s[%d].", prefix, f.Name, i), into)
				}
			}
		}
	}
}

// takesAddress reports whether fields, or the fields of their objects and
// lists, have an address param.
func takesAddress(fields []soa.Param) bool {
	return slices.ContainsFunc(fields, func(f soa.Param) bool {
		return isAddressParam(f.Name) || takesAddress(f.Fields)
	})
}

// addressNote is the url-fragment note of a call, if it has one.
func addressNote(req Request) (Portability, bool) {
	if len(req.Fields) == 0 {
		return Portability{}, false
	}
	found := map[string]string{}
	fragmentAddresses(req.Fields, req.Param, "", found)
	return FragmentNote(found)
}

// Strict reports whether the emulator refuses what the real test
// environment refuses (Config.Strict), for the pages' own notes.
func (e *Emulator) Strict() bool {
	return e.strict
}
