package form

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseForm: any text parses into values or an error, never both and
// never a panic, and the protocol parameters take the first value of a key.
func FuzzParseForm(f *testing.F) {
	for _, w := range loadVectors(f).Wire {
		f.Add(w.raw())
	}
	for _, s := range []string{"", "&", "a=%", "a=%zz", "%=1", "a=1;b=2&\r\n", "+=+", "a=%E5%BC"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		values, err := Parse(raw)
		if err != nil {
			if values != nil {
				t.Fatal("values with an error")
			}
			return
		}
		p := ParamsFrom(values)
		if _, ok := values[KeySysID]; ok && p.SysID != values.Get(KeySysID) {
			t.Fatal("sysid not first value")
		}
	})
}

// FuzzDecodeTwice: any parsed form is decoded a second time or left as it
// is, never changed in place, with as many keys and values as it had; a
// form encoded once more is decoded back to itself.
func FuzzDecodeTwice(f *testing.F) {
	for _, s := range []string{"req=%257B%2522a%2522%253A1%257D&sign=ab%252B%253D", "req=%7B%7D", "req=%257B%25zz",
		"req=%257b%257d&t=2026-11-28%2B12%253A00", "req=+%257B%257D+&req=x", "sysid=1&v=2.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		values, err := Parse(raw)
		if err != nil {
			return
		}
		before := cloneValues(values)
		got, decoded := DecodeTwice(values)
		if !reflect.DeepEqual(before, values) {
			t.Fatal("the values passed in were changed")
		}
		if !decoded {
			if !reflect.DeepEqual(got, values) {
				t.Fatal("values changed without decoding")
			}
		} else if len(got) != len(values) {
			t.Fatal("keys lost")
		}
		for k, vals := range got {
			if len(vals) != len(values[k]) {
				t.Fatalf("values of %q lost", k)
			}
		}
		// Encoding the once-decoded form again and decoding it twice gives it back.
		if req := values.Get(KeyReq); strings.HasPrefix(req, "{") {
			again := url.Values{}
			for k, vals := range values {
				for _, v := range vals {
					again.Add(k, url.QueryEscape(v))
				}
			}
			back, ok := DecodeTwice(again)
			if !ok || !reflect.DeepEqual(back, values) {
				t.Fatalf("twice-encoded form not decoded back: %v", back)
			}
		}
	})
}

// FuzzParseParams: ParseParams reads any text exactly as ParamsFrom(Parse)
// does, errors alike, and says whether it names a call as the values do.
func FuzzParseParams(f *testing.F) {
	for _, w := range loadVectors(f).Wire {
		f.Add(w.raw())
	}
	for _, s := range []string{"", "sysid=1&sysid=2", "privSysid=9&sysid=", "a=%zz", "x=1&x=2&req=r", "sign&v=2.0;x", "+=+&%73ysid=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		values, err := Parse(raw)
		p, call, perr := ParseParams(raw)
		if (err == nil) != (perr == nil) || err != nil && err.Error() != perr.Error() {
			t.Fatalf("errors differ: %v and %v", err, perr)
		}
		if err != nil {
			return
		}
		if want := ParamsFrom(values); !reflect.DeepEqual(want, p) {
			t.Fatalf("ParseParams %+v, ParamsFrom(Parse) %+v", p, want)
		}
		if want := values.Has(KeySysID) || values.Has(KeyReq) || values.Has(KeyPrivSysID); want != call {
			t.Fatalf("call %v, the values say %v", call, want)
		}
	})
}
