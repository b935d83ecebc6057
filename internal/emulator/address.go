package emulator

import (
	"fmt"
	"maps"
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

// ReturnKeyNote is the url-return-key note of addresses (param path →
// value) whose query already has a key the platform adds to what it sends
// there (soa.ReturnKeys: sysid, rps, timestamp, v, sign), ok false when
// none has: a page's return appends them to a jumpUrl's or frontUrl's
// query, a notification posts them to a backUrl, and the merchant's own
// arrive beside them, first, where Java's getParameter reads (probe-Y 7:
// a merchant's ?sign= failed its verification of the return). tsymock's
// page return leaves the address's own out; the real platform's is not
// documented.
func ReturnKeyNote(addresses map[string]string) (Portability, bool) {
	var named []string
	for _, path := range slices.Sorted(maps.Keys(addresses)) {
		if keys := soa.ReturnKeysIn(addresses[path]); len(keys) > 0 {
			named = append(named, path+" has "+strings.Join(keys, ", "))
		}
	}
	if len(named) == 0 {
		return Portability{}, false
	}
	return Portability{Rule: RuleURLReturnKey, Code: "10000", Message: fmt.Sprintf("%s in its query: the platform adds "+
		"%s (and v) to a page's return (jumpUrl, frontUrl) and to a notification (backUrl), signed over sysid + rps + timestamp "+
		"(spec §3.4); the merchant's own would arrive beside them, and code that reads a key's first value (Java's "+
		"getParameter) reads the merchant's, not the signed one (tsymock's page return leaves the address's own out)",
		strings.Join(named, "; "), strings.Join(soa.ReturnKeys(), ", "))}, true
}

// suspectAddresses are the address params of a call that hold "#", a
// return key in their query (soa.ReturnKeysIn) or are no absolute http(s)
// URL (soa.URLProblem), found where the method's
// catalogue entry has them (fields): top level, or in the object items of
// a list, such as batchAgentPay's batchPayList[].backUrl (spec §5.11). A
// param the method does not take is ignored, as the platform ignores it.
// It runs on every call: a subtree that takes no address is not walked,
// and a path is only built for a suspect address.
func suspectAddresses(fields []soa.Param, value map[string]any, prefix string, into map[string]string) {
	for _, f := range fields {
		switch v := value[f.Name].(type) {
		case string:
			if f.Type == soa.String && isAddressParam(f.Name) && (strings.Contains(v, "#") || soa.ReturnKeysIn(v) != nil ||
				soa.URLProblem(f.Name, v) != "") {
				into[prefix+f.Name] = v
			}
		case map[string]any:
			if takesAddress(f.Fields) {
				suspectAddresses(f.Fields, v, prefix+f.Name+".", into)
			}
		case []any:
			if !takesAddress(f.Fields) {
				continue
			}
			for i, item := range v {
				if m, ok := item.(map[string]any); ok {
					suspectAddresses(f.Fields, m, fmt.Sprintf("%s%s[%d].", prefix, f.Name, i), into)
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

// addressNotes are the notes of a call's address params: url-fragment
// (spec §3.3), url-return-key and url-format. They are judged before the
// change, so that a call --strict refuses for one is never written to the
// log, and a replay, which runs the handler alone, answers an older log's
// call as it was answered: these notes need no rules generation.
func addressNotes(req Request) []Portability {
	if len(req.Fields) == 0 {
		return nil
	}
	found := map[string]string{}
	suspectAddresses(req.Fields, req.Param, "", found)
	if len(found) == 0 {
		return nil
	}
	var notes []Portability
	if n, ok := FragmentNote(found); ok {
		notes = append(notes, n)
	}
	if n, ok := ReturnKeyNote(found); ok {
		notes = append(notes, n)
	}
	if n, ok := urlFormatNote(req.Method, found); ok {
		notes = append(notes, n)
	}
	return notes
}

// urlFormatNote is the url-format note of a call's addresses (param path
// → value) that are no absolute http(s) URL, ok false when every one is:
// the platform sends a browser or posts a notification there, so such an
// address is 40029 URL格式错误 (§7), as tsymock's pages answer it when a
// page opens with one. Where the real platform checks it at the call is
// not documented, so without --strict the call goes on, and its
// notification is undeliverable.
func urlFormatNote(method string, addresses map[string]string) (Portability, bool) {
	var problems []string
	for _, path := range slices.Sorted(maps.Keys(addresses)) {
		if problem := soa.URLProblem(path, addresses[path]); problem != "" {
			problems = append(problems, problem)
		}
	}
	if len(problems) == 0 {
		return Portability{}, false
	}
	return Portability{Rule: RuleURLFormat, Code: soa.CodeBadURL, Message: fmt.Sprintf("%s (spec %s: the platform "+
		"posts its notification to a backUrl and returns the browser to a frontUrl or jumpUrl; §7 has 40029 "+
		"URL格式错误 for it, which tsymock's pages answer): no notification or page return can reach it",
		strings.Join(problems, "; "), addressSection(method))}, true
}

// addressSection is the section whose request table has method's address
// params: setCompanyInfo's §4.1.6, a batchAgentPay item's §5.11, an order
// method's own (soa.OrderSection).
func addressSection(method string) string {
	switch method {
	case "setCompanyInfo":
		return "§4.1.6"
	case "batchAgentPay":
		return "§4.2.7, §5.11"
	}
	return soa.OrderSection(method)
}

// Strict reports whether the emulator refuses what the real test
// environment refuses (Config.Strict), for the pages' own notes.
func (e *Emulator) Strict() bool {
	return e.strict
}
