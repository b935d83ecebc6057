package emulator

import (
	"fmt"
	"reflect"
	"slices"
	"time"
	"unsafe"

	"github.com/tsymock/tsymock/internal/ids"
)

// stateDiff compares the internal state of two emulators field by field,
// through every pointer, map and slice: every field of the state but those
// notKeptFields calls transient or config (which a restore rebuilds from
// the emulator's Config, or which live only during a call). It also checks
// that pointers are shared alike (an order's original is the very order
// the book lists, in both), and notes which fields were set somewhere in
// x, so that a test can tell the history it compared set them all.
type stateDiff struct {
	skip  map[string]bool     // "type.field" not compared
	seen  map[uintptr]uintptr // a pointer of x → the pointer of y it stands for
	back  map[uintptr]uintptr // the other way
	set   map[string]bool     // "type.field" that was not zero somewhere in x
	diffs []string            // what differs, by path
}

func newStateDiff() *stateDiff {
	d := &stateDiff{skip: map[string]bool{}, seen: map[uintptr]uintptr{}, back: map[uintptr]uintptr{},
		set: map[string]bool{}}
	for name, why := range notKeptFields() {
		if !isDerived(why) {
			d.skip[name] = true
		}
	}
	return d
}

// emulators compares two emulators: their own fields and every
// application.
func (d *stateDiff) emulators(x, y *Emulator) []string {
	d.walk("emulator", reflect.ValueOf(x).Elem(), reflect.ValueOf(y).Elem())
	return d.diffs
}

func (d *stateDiff) differ(path, format string, args ...any) {
	if len(d.diffs) < 40 {
		d.diffs = append(d.diffs, path+": "+fmt.Sprintf(format, args...))
	}
}

// open makes a value usable whatever field it came through: the state's
// fields are unexported.
func open(v reflect.Value) reflect.Value {
	if v.CanInterface() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// addressable copies a value that is not, so that its fields can be
// opened.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

func (d *stateDiff) walk(path string, x, y reflect.Value) {
	x, y = open(x), open(y)
	switch x.Kind() {
	case reflect.Pointer:
		d.pointer(path, x, y)
	case reflect.Interface:
		d.iface(path, x, y)
	case reflect.Map:
		d.mapping(path, x, y)
	case reflect.Slice:
		if x.Len() != y.Len() {
			d.differ(path, "%d items, %d restored", x.Len(), y.Len())
			return
		}
		for i := range x.Len() {
			d.walk(fmt.Sprintf("%s[%d]", path, i), x.Index(i), y.Index(i))
		}
	case reflect.Struct:
		d.structure(path, x, y)
	case reflect.Func, reflect.Chan:
		d.differ(path, "a %s in the state cannot be compared", x.Kind())
	default:
		if !x.Equal(y) {
			d.differ(path, "%v, restored %v", x.Interface(), y.Interface())
		}
	}
}

func (d *stateDiff) pointer(path string, x, y reflect.Value) {
	if x.IsNil() || y.IsNil() {
		if x.IsNil() != y.IsNil() {
			d.differ(path, "nil %v, restored nil %v", x.IsNil(), y.IsNil())
		}
		return
	}
	px, py := x.Pointer(), y.Pointer()
	if was, ok := d.seen[px]; ok {
		if was != py {
			d.differ(path, "shares a pointer in the state that the restored state does not share")
		}
		return
	}
	if was, ok := d.back[py]; ok && was != px {
		d.differ(path, "the restored state shares a pointer here that the state does not")
		return
	}
	d.seen[px], d.back[py] = py, px
	d.walk(path, x.Elem(), y.Elem())
}

func (d *stateDiff) iface(path string, x, y reflect.Value) {
	if x.IsNil() || y.IsNil() {
		if x.IsNil() != y.IsNil() {
			d.differ(path, "nil %v, restored nil %v", x.IsNil(), y.IsNil())
		}
		return
	}
	if x.Elem().Type() != y.Elem().Type() {
		d.differ(path, "a %s, restored a %s", x.Elem().Type(), y.Elem().Type())
		return
	}
	d.walk(path, x.Elem(), y.Elem())
}

// mapping compares maps by key; a nil map and an empty one are alike (put
// makes them on first use, delete leaves them empty).
func (d *stateDiff) mapping(path string, x, y reflect.Value) {
	if x.Len() != y.Len() {
		d.differ(path, "%d keys, restored %d", x.Len(), y.Len())
		return
	}
	keys := x.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		return compareText(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
	})
	for _, k := range keys {
		yv := y.MapIndex(k)
		kp := fmt.Sprintf("%s[%v]", path, k.Interface())
		d.walk(kp+"(key)", k, k) // notes the fields a struct key sets
		if !yv.IsValid() {
			d.differ(kp, "missing in the restored state")
			continue
		}
		d.walk(kp, x.MapIndex(k), yv)
	}
}

func compareText(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// structure compares the fields of a struct of this package, and values
// of other packages whole (a time by its instant, zone offset and
// location).
func (d *stateDiff) structure(path string, x, y reflect.Value) {
	t := x.Type()
	if t == reflect.TypeFor[time.Time]() {
		tx, ty := x.Interface().(time.Time), y.Interface().(time.Time)
		_, ox := tx.Zone()
		_, oy := ty.Zone()
		if !tx.Equal(ty) || ox != oy || tx.Location().String() != ty.Location().String() {
			d.differ(path, "%v, restored %v", tx, ty)
		}
		return
	}
	if t == reflect.TypeFor[ids.Source]() {
		// An id stream by where it stands: its generator's buffer holds
		// bytes already read, which depend on how they were read.
		px, py := x.Addr().Interface().(*ids.Source).Position(), y.Addr().Interface().(*ids.Source).Position()
		if px != py {
			d.differ(path, "%+v, restored %+v", px, py)
		}
		return
	}
	if t.PkgPath() != reflect.TypeFor[app]().PkgPath() {
		if !reflect.DeepEqual(x.Interface(), y.Interface()) {
			d.differ(path, "%+v, restored %+v", x.Interface(), y.Interface())
		}
		return
	}
	x, y = addressable(x), addressable(y)
	for i := range t.NumField() {
		name := t.Name() + "." + t.Field(i).Name
		if d.skip[name] {
			continue
		}
		fx := x.Field(i)
		if !fx.IsZero() {
			d.set[name] = true
		}
		d.walk(path+"."+t.Field(i).Name, fx, y.Field(i))
	}
}
