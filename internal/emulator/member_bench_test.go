package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"testing"
)

// createMembers creates n members of sysid directly, as the mock's
// --preload-members does, with bizUserIds prefix0...
func createMembers(tb testing.TB, e *Emulator, sysid, prefix string, n int) {
	tb.Helper()
	for i := range n {
		if _, serr := e.Handle(context.Background(), createRequest(sysid, prefix+strconv.Itoa(i))); serr != nil {
			tb.Fatal(serr)
		}
	}
}

func createRequest(sysid, bizUserID string) Request {
	return Request{SysID: sysid, Service: "MemberService", Method: "createMember",
		Param: map[string]any{"bizUserId": bizUserID, "memberType": json.Number("3"), "source": json.Number("1")}}
}

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkCreateMember is createMember in an application that already
// holds 1,000 or 1,000,000 members: the hot path must not slow down as
// the state grows. It also reports the heap each member takes, measured
// over the members created before the timer. The 1,000,000 case takes a
// few seconds to set up and is left out with -short.
func BenchmarkCreateMember(b *testing.B) {
	for _, held := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("members=%d", held), func(b *testing.B) {
			if held > 1_000 && testing.Short() {
				b.Skip("-short: the large state takes seconds to build")
			}
			e := newTest()
			before := heapInUse()
			createMembers(b, e, "app", "held-", held)
			perMember := float64(heapInUse()-before) / float64(held)
			i := 0
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, serr := e.Handle(context.Background(), createRequest("app", "new-"+strconv.Itoa(i))); serr != nil {
					b.Fatal(serr)
				}
				i++
			}
			b.ReportMetric(perMember, "heapB/member")
		})
	}
}
