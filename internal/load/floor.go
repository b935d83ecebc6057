package load

import (
	"context"
	"crypto/rsa"
	"fmt"
	"runtime"
	"time"

	"github.com/tsymock/tsymock/keys"
)

// Floor is the crypto floor of a machine: how many createMember calls per
// second it could answer if nothing but the unavoidable RSA work cost
// anything (one verify with the merchant's public key, one sign with the
// platform key), spread over every core.
type Floor struct {
	Cores    int     `json:"cores"`
	VerifyUS float64 `json:"verifyMicros"` // one Verify, microseconds
	SignUS   float64 `json:"signMicros"`   // one Sign, microseconds
	RPS      float64 `json:"rps"`          // Cores ÷ (verify + sign)
}

// OnCores is the floor of n cores with the same verify and sign: the
// floor of a server that may use only n of the machine's cores.
func (f Floor) OnCores(n int) Floor {
	f.Cores = n
	f.RPS = float64(n) / ((f.VerifyUS + f.SignUS) / 1e6)
	return f
}

// floorSource and floorValue have the size of a createMember request
// source (sysid + req + timestamp) and answer; the hashes before RSA are a
// rounding error either way.
const (
	floorSource = `100000000002{"service":"MemberService","method":"createMember","param":{"bizUserId":"load-floor-0","memberType":3,"source":1}}2026-11-28 12:00:00`
	floorValue  = `{"bizUserId":"load-floor-0","userId":"3a4b5c6d-7e8f-4a0b-8c1d-2e3f4a5b6c7d"}`
)

// MeasureFloor times Verify and Sign with the given keys, one at a time on
// one goroutine, for about d in all, and derives the floor. It is best
// run on an otherwise idle machine, right before the load it is compared
// with.
func MeasureFloor(ctx context.Context, merchant, platform *rsa.PrivateKey, d time.Duration) (Floor, error) {
	sign, err := keys.Sign(merchant, floorSource)
	if err != nil {
		return Floor{}, fmt.Errorf("load: floor: %w", err)
	}
	verify, err := timeOp(ctx, d/4, func() error { return keys.Verify(&merchant.PublicKey, floorSource, sign) })
	if err != nil {
		return Floor{}, fmt.Errorf("load: floor: %w", err)
	}
	signing, err := timeOp(ctx, d-d/4, func() error { _, err := keys.Sign(platform, floorValue); return err })
	if err != nil {
		return Floor{}, fmt.Errorf("load: floor: %w", err)
	}
	f := Floor{VerifyUS: micros(verify), SignUS: micros(signing)}
	return f.OnCores(runtime.NumCPU()), nil
}

// timeOp runs op repeatedly for about d (at least 10 times) and returns
// the mean time of one run.
func timeOp(ctx context.Context, d time.Duration, op func() error) (time.Duration, error) {
	start := time.Now()
	n := 0
	for n < 10 || (time.Since(start) < d && ctx.Err() == nil) {
		if err := op(); err != nil {
			return 0, err
		}
		n++
	}
	return time.Since(start) / time.Duration(n), nil
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }
