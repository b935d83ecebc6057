package notify

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
)

// RPSText is the rps JSON of an event (PROTOCOL.md §5), keys in the
// platform's order: service, method, status, returnValue, any extra
// top-level keys (signContract's contractNo), then errorCode and message on
// an error. The text is written once and sent as it is on every attempt, so
// that the sign and the merchant's parse see the same bytes.
func RPSText(ev emulator.Event) (string, error) {
	rv := ev.ReturnValue
	if rv == nil {
		rv = map[string]any{}
	}
	pairs := []rpsPair{{"service", ev.Service}, {"method", ev.Method}, {"status", ev.Status}, {"returnValue", rv}}
	for _, k := range slices.Sorted(maps.Keys(ev.Extra)) {
		pairs = append(pairs, rpsPair{k, ev.Extra[k]})
	}
	if ev.Status == emulator.EventError {
		pairs = append(pairs, rpsPair{"errorCode", ev.ErrorCode}, rpsPair{"message", ev.Message})
	}
	return orderedJSON(pairs)
}

// rpsPair is one top-level key of an rps.
type rpsPair struct {
	key   string
	value any
}

// orderedJSON writes an object with its keys in the given order, values as
// soa writes signedValue (no HTML escaping, numbers as they are).
func orderedJSON(pairs []rpsPair) (string, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range pairs {
		k, err := soa.MarshalValue(p.key)
		if err != nil {
			return "", fmt.Errorf("notify: rps key %s: %w", p.key, err)
		}
		v, err := soa.MarshalValue(p.value)
		if err != nil {
			return "", fmt.Errorf("notify: rps %s: %w", p.key, err)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k + ":" + v)
	}
	b.WriteByte('}')
	return b.String(), nil
}
