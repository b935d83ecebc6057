package rpc

import (
	"strings"

	"github.com/tsymock/tsymock/internal/gencache"
	"github.com/tsymock/tsymock/internal/soa"
)

// Bounds of the decoded-req cache: entries per generation (two are kept)
// and the longest req text worth keeping. A decoded req takes a few times
// its text's bytes: about 5 MiB at most in all.
const (
	reqCacheEntries = 512
	reqCacheMaxText = 1 << 10
)

// reqCache remembers recent req texts decoded. The req is the part of a
// call that repeats: a client that polls an order or a balance, a retry, a
// load test send the same req again (sysid, timestamp and sign, which
// differ, are outside it), and decoding a small one with encoding/json
// takes about 2 µs and 26 allocations, a copy of its params 2. Only texts
// that decoded are kept;
// each call gets a copy of the params of its own, as decryption, the
// emulator and the journal change them.
type reqCache struct {
	envs *gencache.Map[string, *soa.Envelope]
}

func newReqCache() reqCache {
	return reqCache{envs: gencache.New[string, *soa.Envelope](reqCacheEntries)}
}

// decode is soa.DecodeReq, from the cache when req was decoded before.
func (c reqCache) decode(req string) (*soa.Envelope, *soa.Error) {
	if len(req) > reqCacheMaxText {
		return soa.DecodeReq(req)
	}
	if env, ok := c.envs.Get(req); ok {
		return copyEnvelope(env), nil
	}
	env, serr := soa.DecodeReq(req)
	if serr != nil {
		return nil, serr
	}
	c.envs.Put(strings.Clone(req), copyEnvelope(env)) // req may be a piece of the request body
	return env, nil
}

// copyEnvelope is env with a copy of its params; the names are strings,
// which nothing changes.
func copyEnvelope(env *soa.Envelope) *soa.Envelope {
	return &soa.Envelope{Service: env.Service, Method: env.Method, Param: soa.CopyParams(env.Param)}
}
