package soa

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"maps"
	"slices"
)

// The platform writes its JSON with fastjson, whose JSONObject is a Java
// HashMap: an object's keys come out in the order the map iterates them,
// not as they were put nor sorted. Answers captured from the real test
// environment (quoted in public merchant code, 2019-2020: createMember
// userId before bizUserId, as PROTOCOL.md's example; a 2020 notification
// {"returnValue":...,"method":...,"service":...,"status":...}) all follow
// Java 8's HashMap order, which javaKeyOrder computes. tsymock writes every
// object of a signedValue and of an rps in that order, so that a golden
// file recorded against the platform, a hand-made parser or a byte diff
// sees what the platform sends.

// javaKeyOrder sorts keys as a Java 8 HashMap of default capacity holding
// them iterates them: by bucket, the spread String.hashCode masked by the
// table size, which doubles each time the map outgrows three quarters of
// it. Keys of one bucket keep the order the platform's code put them in:
// as the captures show it where they do (insertionOrder), else
// alphabetically.
func javaKeyOrder(keys []string) []string {
	mask := uint32(javaTableSize(len(keys)) - 1)
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(javaSpread(a)&mask, javaSpread(b)&mask), insertionOrder(a, b))
	})
	return keys
}

// insertionOrder compares two keys of one bucket: as the captured answers
// put them where they put them against the alphabet (applyBindBankCard's
// transDate before cardType; a collection's bizUserId before bizOrderNo),
// else alphabetically, as the other pairs seen in a bucket come
// (accountSetName and chgAmount, orderNo and termrefnum, bizOrderNo and
// status).
func insertionOrder(a, b string) int {
	switch a + " " + b {
	case "transDate cardType", "bizUserId bizOrderNo":
		return -1
	case "cardType transDate", "bizOrderNo bizUserId":
		return 1
	}
	return cmp.Compare(a, b)
}

// javaTableSize is the table size of a HashMap of initial capacity 16
// (fastjson's JSONObject) after n puts: it resizes when its size exceeds
// 0.75 of the table.
func javaTableSize(n int) int {
	size := 16
	for n > size*3/4 {
		size *= 2
	}
	return size
}

// javaSpread is HashMap.hash of a String key: its hashCode (over UTF-16
// code units, 31 as the multiplier, wrapping at 32 bits) with the high
// half folded into the low one.
func javaSpread(s string) uint32 {
	var h uint32
	for _, r := range s {
		if r >= 0x10000 { // a surrogate pair, as Java holds it
			r -= 0x10000
			h = 31*h + uint32(0xD800+(r>>10))
			h = 31*h + uint32(0xDC00+(r&0x3FF))
			continue
		}
		h = 31*h + uint32(r)
	}
	return h ^ h>>16
}

// maxDepth is how deep writeValue follows objects and lists: far deeper
// than any answer, and a map that holds itself stops there.
const maxDepth = 1000

// errTooDeep is the answer for a value nested past maxDepth.
var errTooDeep = errors.New("soa: a value nested more than 1000 deep (a cycle?)")

// valueWriter writes a value as MarshalValue does: objects (map[string]any,
// map[string]string) with their keys in javaKeyOrder, lists item by item,
// and everything else as encoding/json writes it without HTML escaping,
// through one encoder into the buffer.
type valueWriter struct {
	buf *bytes.Buffer
	enc *json.Encoder
}

func newValueWriter(size int) *valueWriter {
	w := &valueWriter{buf: bytes.NewBuffer(make([]byte, 0, size))}
	w.enc = json.NewEncoder(w.buf)
	w.enc.SetEscapeHTML(false)
	return w
}

// write writes v at depth.
func (w *valueWriter) write(v any, depth int) error {
	if depth > maxDepth {
		return errTooDeep
	}
	switch x := v.(type) {
	case map[string]any:
		if x == nil {
			break
		}
		return w.object(slices.Collect(maps.Keys(x)), func(k string) any { return x[k] }, depth)
	case map[string]string:
		if x == nil {
			break
		}
		return w.object(slices.Collect(maps.Keys(x)), func(k string) any { return x[k] }, depth)
	case []any:
		if x == nil {
			break
		}
		return w.list(len(x), func(i int) any { return x[i] }, depth)
	case []map[string]any:
		if x == nil {
			break
		}
		return w.list(len(x), func(i int) any { return x[i] }, depth)
	}
	return w.leaf(v)
}

// object writes an object's keys in javaKeyOrder, each with its value.
func (w *valueWriter) object(keys []string, value func(string) any, depth int) error {
	w.buf.WriteByte('{')
	for i, k := range javaKeyOrder(keys) {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		if err := w.leaf(k); err != nil {
			return err
		}
		w.buf.WriteByte(':')
		if err := w.write(value(k), depth+1); err != nil {
			return err
		}
	}
	w.buf.WriteByte('}')
	return nil
}

// list writes n items.
func (w *valueWriter) list(n int, item func(int) any, depth int) error {
	w.buf.WriteByte('[')
	for i := range n {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		if err := w.write(item(i), depth+1); err != nil {
			return err
		}
	}
	w.buf.WriteByte(']')
	return nil
}

// leaf writes v with encoding/json, without the newline its encoder ends
// a value with.
func (w *valueWriter) leaf(v any) error {
	if err := w.enc.Encode(v); err != nil {
		return err
	}
	w.buf.Truncate(w.buf.Len() - 1)
	return nil
}
