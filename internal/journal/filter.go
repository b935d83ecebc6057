package journal

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Filter selects journal entries. Every field that is set must
// match; the zero filter selects everything.
type Filter struct {
	SysID, Service, Method string
	// Kind selects calls on /service/soa (KindSOA) or page requests
	// (KindPage); Action selects page requests that did this (PageOpen...).
	Kind, Action string
	// ErrorCode selects error answers with this code.
	ErrorCode string
	// Outcome selects OK, error or fault.
	Outcome string
	// Rule selects calls a scenario rule took part in whose id contains it.
	Rule string
	// Portability selects calls with a portability note of this rule
	// ("test-card-prefix"), or with any note when it is PortabilityAny.
	Portability string
	// Since and Until bound the wall time the call arrived (Until excluded).
	Since, Until time.Time
	// After selects entries with a larger id: what a poller saw last.
	After uint64
	// Params are req params that must have these values, by dotted path
	// ("amount", "payMethod.BALANCE.0.amount"), compared as text: 100 and
	// "100" are the same. Encrypted fields hold ciphertext.
	Params map[string]string
	// Limit keeps only the newest Limit matches (0: all).
	Limit int
}

// match reports whether e is selected.
func (f Filter) match(e *Entry) bool {
	switch {
	case f.SysID != "" && e.SysID != f.SysID,
		f.Service != "" && e.Service != f.Service,
		f.Method != "" && e.Method != f.Method,
		f.Kind != "" && e.Kind != f.Kind, f.Action != "" && e.Action != f.Action,
		f.ErrorCode != "" && e.ErrorCode != f.ErrorCode,
		f.Outcome != "" && !strings.EqualFold(e.Outcome, f.Outcome),
		f.Rule != "" && !strings.Contains(e.Rule, f.Rule),
		!f.Since.IsZero() && e.Time.Before(f.Since),
		!f.Until.IsZero() && !e.Time.Before(f.Until),
		e.ID <= f.After,
		f.Portability != "" && !hasNote(e, f.Portability):
		return false
	}
	return f.matchParams(e)
}

// PortabilityAny is the Filter.Portability of every call tsymock let pass
// that the real test environment refuses.
const PortabilityAny = "any"

// hasNote reports whether e has a portability note of rule (any rule for
// PortabilityAny).
func hasNote(e *Entry, rule string) bool {
	for _, p := range e.Portability {
		if rule == PortabilityAny || p.Rule == rule {
			return true
		}
	}
	return false
}

func (f Filter) matchParams(e *Entry) bool {
	if len(f.Params) == 0 {
		return true
	}
	if e.Req == nil {
		return false
	}
	for path, want := range f.Params {
		got, ok := lookupPath(e.Req.Param, path)
		if !ok || got != want {
			return false
		}
	}
	return true
}

// lookupPath finds a value in decoded JSON by a dotted path, numbers
// indexing lists, and returns it as text.
func lookupPath(v any, path string) (string, bool) {
	for part := range strings.SplitSeq(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			item, ok := x[part]
			if !ok {
				return "", false
			}
			v = item
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return "", false
			}
			v = x[i]
		default:
			return "", false
		}
	}
	return valueText(v), true
}

// valueText is a decoded JSON value as text: strings as they are, numbers
// as written, objects and lists as JSON.
func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case nil:
		return ""
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

// ParseFilter reads a filter from query parameters: service, method,
// sysid, kind, action, errorCode, outcome, rule, portability, since, until, after, limit
// and param.NAME.
// Times are RFC 3339, China time ("2006-01-02 15:04:05"), or a duration
// meaning that long ago ("5m").
func ParseFilter(q url.Values) (Filter, error) {
	f := Filter{SysID: q.Get("sysid"), Service: q.Get("service"), Method: q.Get("method"),
		ErrorCode: q.Get("errorCode"), Outcome: q.Get("outcome"), Rule: q.Get("rule"),
		Portability: q.Get("portability")}
	f.Kind, f.Action = q.Get("kind"), q.Get("action")
	var err error
	if f.Since, err = parseWhen(q.Get("since")); err != nil {
		return f, fmt.Errorf("since: %w", err)
	}
	if f.Until, err = parseWhen(q.Get("until")); err != nil {
		return f, fmt.Errorf("until: %w", err)
	}
	if f.After, err = parseUint(q.Get("after")); err != nil {
		return f, fmt.Errorf("after: %w", err)
	}
	limit, err := parseUint(q.Get("limit"))
	if err != nil {
		return f, fmt.Errorf("limit: %w", err)
	}
	f.Limit = int(min(limit, 1<<31))
	for k, v := range q {
		if name, ok := strings.CutPrefix(k, "param."); ok && name != "" && len(v) > 0 {
			if f.Params == nil {
				f.Params = map[string]string{}
			}
			f.Params[name] = v[0]
		}
	}
	return f, nil
}

func parseUint(s string) (uint64, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.ParseUint(s, 10, 64)
}

// parseWhen reads a point in (wall) time.
func parseWhen(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		return time.Now().Add(-d.Abs()), nil
	}
	t, err := soa.ParseTime(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w, nor a duration ago (\"5m\")", err)
	}
	return t, nil
}
