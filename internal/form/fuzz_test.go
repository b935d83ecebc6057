package form

import (
	"reflect"
	"testing"
)

// FuzzParseForm: any text parses into values or an error, never both and
// never a panic, and the protocol parameters take the first value of a key;
// the params sink (ReadParamsHeld) reads the same Params, or the same
// error.
func FuzzParseForm(f *testing.F) {
	for _, w := range loadVectors(f).Wire {
		f.Add(w.raw())
	}
	for _, s := range []string{"", "&", "a=%", "a=%zz", "%=1", "a=1;b=2&\r\n", "+=+", "a=%E5%BC"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		values, err := Parse(raw)
		var direct params
		directErr := scan(raw, &direct)
		if err != nil {
			if values != nil {
				t.Fatal("values with an error")
			}
			if directErr == nil || directErr.Error() != err.Error() {
				t.Fatalf("Parse: %v, the params sink: %v", err, directErr)
			}
			return
		}
		p := ParamsFrom(values)
		if _, ok := values[KeySysID]; ok && p.SysID != values.Get(KeySysID) {
			t.Fatal("sysid not first value")
		}
		if directErr != nil || !reflect.DeepEqual(p, direct.done()) {
			t.Fatalf("ParamsFrom(Parse) = %+v, the params sink %+v (%v)", p, direct.done(), directErr)
		}
	})
}
