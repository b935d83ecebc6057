package soa

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/tsymock/tsymock/internal/lang"
)

// Leniency: the real platform is Java with fastjson, which coerces scalars into the declared
// field type. tsymock follows it (PROTOCOL.md is silent):
//   - an Int accepts a JSON number with an integer value (100, 100.0, 1e2) or a string
//     holding a decimal integer ("100"); 1.5, "1.0" and "abc" are wrong types;
//   - a String accepts a string or a number (read as its text);
//   - a Bool accepts what fastjson's castToBoolean does: true and false, the numbers 1 and 0,
//     and the strings "true"/"false" (any case), "1"/"0", "Y"/"N" and "T"/"F" (any case).
//     PHP callers write 'isAuth' => 1.
// Objects and arrays are not coerced from strings.

// typeExpectation explains each type for "must be <type> (<explanation>)" messages.
func typeExpectation(t Type) lang.Message {
	switch t {
	case Int:
		return msg(msgInt)
	case Bool:
		return msg(msgBool)
	case Object:
		return msg(msgObject)
	case Array:
		return msg(msgArray)
	}
	return msg(msgString)
}

// scalarText coerces v to t and returns its canonical text ("3" for 3, 3.0 and "3"), which is
// what enums and bounds compare against. Objects, arrays and Any return "".
func scalarText(t Type, v any) (string, bool) {
	switch t {
	case String:
		return stringText(v)
	case Int:
		n, ok := intValue(v)
		return strconv.FormatInt(n, 10), ok
	case Bool:
		return boolText(v)
	case Object:
		_, ok := v.(map[string]any)
		return "", ok
	case Array:
		_, ok := v.([]any)
		return "", ok
	}
	return "", true
}

// stringText reads a string, or a number as its text.
func stringText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return string(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	}
	return "", false
}

// IntParam reads an integer parameter the way the catalogue accepts it (see the leniency rules
// above): what the emulator computes with is what the validator let through.
func IntParam(v any) (int64, bool) { return intValue(v) }

// BoolParam reads a boolean parameter the way the catalogue accepts it.
func BoolParam(v any) (value, ok bool) {
	text, ok := boolText(v)
	return text == "true", ok
}

// intValue reads an integer from a JSON number with an integer value or a decimal string.
func intValue(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		return integerFromNumber(string(x))
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		return n, err == nil
	case float64:
		return integerFromFloat(x)
	case int:
		return int64(x), true
	case int64:
		return x, true
	}
	return 0, false
}

// integerFromNumber reads JSON number text that holds an integer, exactly when it fits int64.
func integerFromNumber(s string) (int64, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return integerFromFloat(f)
}

// integerFromFloat accepts a float with no fractional part inside the int64 range.
func integerFromFloat(f float64) (int64, bool) {
	if f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// boolText reads a boolean as fastjson's castToBoolean does and returns "true" or "false".
func boolText(v any) (string, bool) {
	switch x := v.(type) {
	case bool:
		return strconv.FormatBool(x), true
	case json.Number, float64, int, int64:
		n, ok := intValue(x)
		if !ok || (n != 0 && n != 1) {
			return "", false
		}
		return strconv.FormatBool(n == 1), true
	case string:
		switch strings.ToLower(x) {
		case "true", "1", "y", "t":
			return "true", true
		case "false", "0", "n", "f":
			return "false", true
		}
	}
	return "", false
}
