package soa

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/lang"
)

// Validate checks a request's param against the method: the first problem, in catalogue order
// and depth first, is the answer, so the same bad request always gets the same message.
//
//   - a required param that is absent, null or "" (unless EmptyOK), an empty array, or an empty
//     object none of whose keys is required (payMethod {}), is 10001 "参数不能为空: <path>", e.g. companyBasicInfo.legalIds or
//     recieverList[0].amount, with a hint when the request has a near-miss key;
//
//   - a wrong type (after the fastjson-like coercion described in coerce.go), a value outside
//     the allowed set, out of bounds or not in its date format is 10000 naming the param.
//
//   - a text value longer than its field takes (the specification's length where it states one,
//     else MaxText), wherever it is, unknown params included, is 10004 naming it; so is a list
//     with more items than the specification allows (recieverList 2000, collectPayList 100,
//     batchPayList 200, refundList 100).
//
// An optional param sent as "" or null is treated as absent. Unknown extra params are accepted,
// as the platform ignores them.
func (m *Method) Validate(param map[string]any) *Error {
	if err := validateFields(m.Params, param, ""); err != nil {
		return err
	}
	return checkLengths(m.Name, param, "", "", "")
}

// validateFields checks the keys of one object; prefix is its path with a trailing ".".
func validateFields(fields []Param, obj map[string]any, prefix string) *Error {
	for i := range fields {
		f := &fields[i]
		var err *Error
		if f.Name == Wildcard {
			err = validateWildcard(f, fields, obj, prefix)
		} else {
			err = validateField(f, fields, obj, prefix)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// validateField checks one named key of obj.
func validateField(f *Param, siblings []Param, obj map[string]any, prefix string) *Error {
	v := obj[f.Name]
	if isBlank(f, v) {
		if f.Required && !(f.EmptyOK && v == "") {
			return missingParam(prefix+f.Name, f.Name, siblings, obj)
		}
		return nil
	}
	return validateValue(f, v, prefix+f.Name)
}

// validateWildcard checks every key of obj that no sibling names, in sorted order.
func validateWildcard(f *Param, siblings []Param, obj map[string]any, prefix string) *Error {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		if !slices.ContainsFunc(siblings, func(p Param) bool { return p.Name == k }) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if v := obj[k]; !isBlank(f, v) {
			if err := validateValue(f, v, prefix+k); err != nil {
				return err
			}
		}
	}
	return nil
}

// isBlank reports whether v counts as not sent.
func isBlank(f *Param, v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return f.Type == Array && len(x) == 0
	case map[string]any:
		return f.Type == Object && len(x) == 0 && !slices.ContainsFunc(f.Fields, func(p Param) bool { return p.Required })
	}
	return false
}

// validateValue checks a present value: type, allowed values, then nested keys.
func validateValue(f *Param, v any, path string) *Error {
	text, ok := scalarText(f.Type, v)
	if !ok {
		return detailed(CodeInvalidParam, msgMustBe, path, typeExpectation(f.Type), described(v))
	}
	if err := checkAllowed(f, text, v, path); err != nil {
		return err
	}
	return validateNested(f, v, path)
}

// checkAllowed checks the enum, the bounds and the date format of a scalar.
func checkAllowed(f *Param, text string, v any, path string) *Error {
	if len(f.Enum) > 0 && !slices.Contains(f.Enum, text) {
		return detailed(cmp.Or(f.EnumCode, CodeInvalidParam), msgOneOf, path, strings.Join(f.Enum, "|"), parenthesised(f.Doc), described(v))
	}
	if f.Type == Int {
		n, _ := strconv.ParseInt(text, 10, 64)
		if f.Min != nil && n < *f.Min {
			return detailed(CodeInvalidParam, msgAtLeast, path, *f.Min, n)
		}
		if f.Max != nil && n > *f.Max {
			return detailed(CodeInvalidParam, msgAtMost, path, *f.Max, n)
		}
	}
	if f.Format != "" && !matchesFormat(f.Format, text) {
		return detailed(CodeInvalidParam, msgDate, path, f.Format, described(v))
	}
	return nil
}

// validateNested checks the keys of an object, or of each object item of an array.
func validateNested(f *Param, v any, path string) *Error {
	if len(f.Fields) == 0 {
		return nil
	}
	switch x := v.(type) {
	case map[string]any:
		return validateFields(f.Fields, x, path+".")
	case []any:
		for i, item := range x {
			itemPath := fmt.Sprintf("%s[%d]", path, i)
			obj, ok := item.(map[string]any)
			if !ok {
				return detailed(CodeInvalidParam, msgMustBe, itemPath, typeExpectation(Object), described(item))
			}
			if err := validateFields(f.Fields, obj, itemPath+"."); err != nil {
				return err
			}
		}
	}
	return nil
}

// parenthesised renders an optional explanation as " (doc)".
func parenthesised(doc string) lang.Message {
	if doc == "" {
		return lang.Message{}
	}
	return msg(msgParenthesised, lang.Words(doc, cmp.Or(enumWords()[doc], doc)))
}

// matchesFormat reports whether s is a valid date written exactly in format ("yyyy-MM-dd").
func matchesFormat(format, s string) bool {
	layout := strings.NewReplacer("yyyy", "2006", "MM", "01", "dd", "02", "HH", "15", "mm", "04", "ss", "05").
		Replace(format)
	_, err := time.Parse(layout, s)
	return err == nil && len(s) == len(layout)
}

// missingParam is the 10001 answer for path, with a hint when obj has a near-miss key that no
// sibling names (e.g. "receiverId" sent for the platform's "recieverId").
func missingParam(path, name string, siblings []Param, obj map[string]any) *Error {
	if near := nearMiss(name, siblings, obj); near != "" {
		return detailed(CodeMissingParam, msgNearMiss, path, quote(near), name)
	}
	return Errorf(CodeMissingParam, "%s", path)
}

// nearMiss finds the first key of obj, in sorted order, that looks like name.
func nearMiss(name string, siblings []Param, obj map[string]any) string {
	limit := maxSuggestDistance
	if len(name) <= 4 {
		limit = 1
	}
	var best string
	for k := range obj {
		if k == name || slices.ContainsFunc(siblings, func(p Param) bool { return p.Name == k }) {
			continue
		}
		if editDistance(strings.ToLower(k), strings.ToLower(name)) <= limit && (best == "" || k < best) {
			best = k
		}
	}
	return best
}
