package rpc

import (
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
// takes about 2 µs and 26 allocations. Only texts that decoded are kept.
// The envelope it hands out is shared: the calls read it (the scenario
// rules, the journal, which masks on a copy), and prepare copies its params
// before decryption and the emulator change them.
type reqCache struct {
	envs *gencache.Map[string, *soa.Envelope]
}

func newReqCache() reqCache {
	return reqCache{envs: gencache.New[string, *soa.Envelope](reqCacheEntries)}
}

// decode is soa.DecodeReq, from the cache when req was decoded before. The
// envelope must not be changed (copyEnvelope first). A method the catalogue
// has is named with the catalogue's own texts, so that the journal keeps
// no copy of its own.
func (c reqCache) decode(req string, cat *soa.Catalogue) (*soa.Envelope, *soa.Error) {
	cacheable := len(req) <= reqCacheMaxText
	if cacheable {
		if env, ok := c.envs.Get(req); ok {
			return env, nil
		}
	}
	env, serr := soa.DecodeReq(req)
	if serr != nil {
		return nil, serr
	}
	if m, serr := cat.Lookup(env.Service, env.Method); serr == nil {
		env.Service, env.Method = m.Service, m.Name
	}
	if cacheable {
		c.envs.Put(req, env) // req has memory of its own (form.ParseParams, form.Parse): no piece of a body is kept
	}
	return env, nil
}

// copyEnvelope is env with a copy of its params; the names are strings,
// which nothing changes.
func copyEnvelope(env *soa.Envelope) *soa.Envelope {
	return &soa.Envelope{Service: env.Service, Method: env.Method, Param: soa.CopyParams(env.Param)}
}
