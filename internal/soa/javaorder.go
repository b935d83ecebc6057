package soa

import (
	"bytes"
	"cmp"
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

// javaObject is a JSON object with its keys in javaKeyOrder and its
// values ordered likewise.
type javaObject struct {
	keys []string
	vals []any
}

// MarshalJSON writes the object, each value as MarshalValue writes it.
func (o javaObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := marshal(k, len(k)+2)
		if err != nil {
			return nil, err
		}
		val, err := marshal(o.vals[i], 64)
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// maxDepth is how deep javaOrdered follows objects and lists: far deeper
// than any answer, and a map that holds itself stops there.
const maxDepth = 1000

// errTooDeep is javaOrdered's answer for a value nested past maxDepth.
var errTooDeep = errors.New("soa: a value nested more than 1000 deep (a cycle?)")

// javaOrdered is v with each of its objects, at any depth, a javaObject;
// nil maps and lists stay nil (null).
func javaOrdered(v any, depth int) (any, error) {
	if depth > maxDepth {
		return nil, errTooDeep
	}
	switch x := v.(type) {
	case map[string]any:
		if x == nil {
			return nil, nil
		}
		return orderedObject(x, depth)
	case map[string]string:
		if x == nil {
			return nil, nil
		}
		m := make(map[string]any, len(x))
		for k, s := range x {
			m[k] = s
		}
		return orderedObject(m, depth)
	case []any:
		if x == nil {
			return nil, nil
		}
		return orderedList(x, depth)
	case []map[string]any:
		if x == nil {
			return nil, nil
		}
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = e
		}
		return orderedList(l, depth)
	}
	return v, nil
}

// orderedObject is m as a javaObject.
func orderedObject(m map[string]any, depth int) (any, error) {
	o := javaObject{keys: javaKeyOrder(slices.Collect(maps.Keys(m)))}
	o.vals = make([]any, len(o.keys))
	for i, k := range o.keys {
		v, err := javaOrdered(m[k], depth+1)
		if err != nil {
			return nil, err
		}
		o.vals[i] = v
	}
	return o, nil
}

// orderedList is l with its items ordered.
func orderedList(l []any, depth int) (any, error) {
	out := make([]any, len(l))
	for i, e := range l {
		v, err := javaOrdered(e, depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}
