package soa

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// EncryptedRequestPaths returns the dotted paths of the method's encrypted params, in catalogue
// order: "identityNo", "companyBasicInfo.legalIds", "payMethod.*.bankCardNo". They are what
// the mock decrypts with the platform key (PROTOCOL.md §4) before validating values.
func (m *Method) EncryptedRequestPaths() []string {
	return encryptedPaths(m.Params, "")
}

// encryptedPaths collects the paths of encrypted fields below prefix.
func encryptedPaths(fields []Param, prefix string) []string {
	var paths []string
	for _, f := range fields {
		path := prefix + f.Name
		if f.Encrypted {
			paths = append(paths, path)
		}
		if len(f.Fields) == 0 {
			continue
		}
		if f.Type == Array {
			path += "[]"
		}
		paths = append(paths, encryptedPaths(f.Fields, path+".")...)
	}
	return paths
}

// WalkEncrypted applies fn to every encrypted string field at the given dotted paths inside a
// decoded JSON document, replacing the value by fn's result: the mock decrypts requests and
// encrypts responses with it. A path segment "name[]" is every item of an array, "*" every key
// of an object (sorted), e.g. "bindCardList[].bankCardNo" or "payMethod.*.bankCardNo".
//
// fn receives the concrete path ("bindCardList[1].bankCardNo") and the value; a json.Number is
// passed as its text (a card number sent unencrypted as a number must still fail to decrypt).
// Empty strings, absent keys, nulls and parts of the document whose shape does not match the
// path are left alone (Validate reports shapes). A boolean, object or array where a string is
// expected, or an error from fn, stops the walk with an error naming the concrete path.
func WalkEncrypted(doc map[string]any, paths []string, fn func(path, value string) (string, error)) error {
	for _, path := range paths {
		if err := walkObject(doc, strings.Split(path, "."), "", fn); err != nil {
			return err
		}
	}
	return nil
}

// walkObject follows segs from obj; at is the concrete path of obj with a trailing ".".
func walkObject(obj map[string]any, segs []string, at string, fn func(string, string) (string, error)) error {
	name, isList := strings.CutSuffix(segs[0], "[]")
	for _, key := range segmentKeys(obj, name) {
		v, ok := obj[key]
		if !ok || v == nil {
			continue
		}
		var err error
		if isList {
			err = walkList(v, segs[1:], at+key, fn)
		} else {
			err = walkValue(v, segs[1:], at+key, func(s string) { obj[key] = s }, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// walkList follows rest into every item of v when v is an array.
func walkList(v any, rest []string, at string, fn func(string, string) (string, error)) error {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	for i, item := range list {
		itemAt := at + "[" + strconv.Itoa(i) + "]"
		if err := walkValue(item, rest, itemAt, func(s string) { list[i] = s }, fn); err != nil {
			return err
		}
	}
	return nil
}

// walkValue applies fn to v when rest is empty (storing the result with set), else descends.
func walkValue(v any, rest []string, at string, set func(string), fn func(string, string) (string, error)) error {
	if len(rest) > 0 {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		return walkObject(obj, rest, at+".", fn)
	}
	var text string
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		text = x
	case json.Number:
		text = string(x)
	default:
		return fmt.Errorf("soa: encrypted field %s holds %s, not a string", at, describe(v))
	}
	if text == "" {
		return nil
	}
	out, err := fn(at, text)
	if err != nil {
		return fmt.Errorf("soa: encrypted field %s: %w", at, err)
	}
	set(out)
	return nil
}

// segmentKeys lists the keys a path segment names: itself, or every key (sorted) for "*".
func segmentKeys(obj map[string]any, name string) []string {
	if name != Wildcard {
		return []string{name}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// CopyParams deep-copies decoded JSON (a req's param, an answer), so that
// one holder can change its copy, as decryption and the emulator do, while
// another keeps what was received.
func CopyParams(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = copyJSON(v)
	}
	return out
}

func copyJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return CopyParams(x)
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = copyJSON(item)
		}
		return out
	}
	return v
}
