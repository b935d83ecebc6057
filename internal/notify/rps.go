package notify

import (
	"fmt"
	"maps"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
)

// RPSText is the rps JSON of an event (PROTOCOL.md §5): service, method,
// status, returnValue, any extra top-level keys (signContract's
// contractNo), then errorCode and message on an error, each object's keys
// in the platform's Java HashMap order as soa.MarshalValue writes them (a
// 2020 capture: {"returnValue":{...},"method":"pay","service":
// "OrderService","status":"OK"}). The text is written once and sent as it
// is on every attempt, so that the sign and the merchant's parse see the
// same bytes.
func RPSText(ev emulator.Event) (string, error) {
	rv := ev.ReturnValue
	if rv == nil {
		rv = map[string]any{}
	}
	rps := map[string]any{"service": ev.Service, "method": ev.Method, "status": ev.Status, "returnValue": rv}
	maps.Copy(rps, ev.Extra)
	if ev.Status == emulator.EventError {
		rps["errorCode"], rps["message"] = ev.ErrorCode, ev.Message
	}
	text, err := soa.MarshalValue(rps)
	if err != nil {
		return "", fmt.Errorf("notify: rps of %s.%s: %w", ev.Service, ev.Method, err)
	}
	return text, nil
}
