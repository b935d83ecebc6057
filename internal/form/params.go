package form

import "net/url"

// Params is what a request carries on the wire, after URL-decoding. Sign, Timestamp and Req are
// the exact strings received: the signature is verified over them, never over a re-encoding.
type Params struct {
	SysID, Sign, Timestamp, V, Req string
	// PrivSysID and PrivBizUserID are sent by privileged-member requests in place of sysid.
	PrivSysID, PrivBizUserID string
	// Extra holds every other key (e.g. the legacy client's "ssoid"); nil when there is none.
	Extra map[string]string
}

// ParamsFrom picks the protocol parameters out of parsed form values. When a key is repeated
// the first value wins (as Java's ServletRequest.getParameter does). SysID is "sysid", or
// "privSysid" when "sysid" is absent: the signature source uses whichever was sent.
func ParamsFrom(v url.Values) Params {
	p := Params{
		SysID:         v.Get(KeySysID),
		Sign:          v.Get(KeySign),
		Timestamp:     v.Get(KeyTimestamp),
		V:             v.Get(KeyVersion),
		Req:           v.Get(KeyReq),
		PrivSysID:     v.Get(KeyPrivSysID),
		PrivBizUserID: v.Get(KeyPrivBizUserID),
	}
	if _, ok := v[KeySysID]; !ok {
		p.SysID = p.PrivSysID
	}
	for key, vals := range v {
		if isProtocolKey(key) || len(vals) == 0 {
			continue
		}
		if p.Extra == nil {
			p.Extra = map[string]string{}
		}
		p.Extra[key] = vals[0]
	}
	return p
}

// isProtocolKey reports whether key is one of the parameters Params has a field for.
func isProtocolKey(key string) bool {
	switch key {
	case KeySysID, KeySign, KeyTimestamp, KeyVersion, KeyReq, KeyPrivSysID, KeyPrivBizUserID:
		return true
	}
	return false
}

// params is the sink of ReadParamsHeld: the protocol parameters, each
// its first value, and the first value of every other key. It reads what
// ParamsFrom reads from Parse's values, with no map of every value.
type params struct {
	p    Params
	seen uint8 // bit i: the protocol parameter of index i was read (protocolIndex)
}

func (s *params) add(key, value string) {
	i := protocolIndex(key)
	switch {
	case i < 0:
		s.addExtra(key, value)
	case s.seen&(1<<i) == 0:
		s.seen |= 1 << i
		*s.fields()[i] = value
	}
}

func (s *params) has(key string) bool {
	if i := protocolIndex(key); i >= 0 {
		return s.seen&(1<<i) != 0
	}
	_, ok := s.p.Extra[key]
	return ok
}

func (s *params) addMissing(query sink) {
	q := query.(*params)
	mine, theirs := s.fields(), q.fields()
	for i := range mine {
		if q.seen&(1<<i) != 0 && s.seen&(1<<i) == 0 {
			s.seen |= 1 << i
			*mine[i] = *theirs[i]
		}
	}
	for k, v := range q.p.Extra {
		s.addExtra(k, v)
	}
}

// addExtra keeps the first value of a key that is not a protocol
// parameter.
func (s *params) addExtra(key, value string) {
	if _, ok := s.p.Extra[key]; ok {
		return
	}
	if s.p.Extra == nil {
		s.p.Extra = map[string]string{}
	}
	s.p.Extra[key] = value
}

// done is the Params read: SysID is "privSysid" when "sysid" was not sent.
func (s *params) done() Params {
	if s.seen&(1<<protocolIndex(KeySysID)) == 0 {
		s.p.SysID = s.p.PrivSysID
	}
	return s.p
}

// fields are the Params fields of the protocol parameters, by index.
func (s *params) fields() [7]*string {
	return [7]*string{&s.p.SysID, &s.p.Sign, &s.p.Timestamp, &s.p.V, &s.p.Req, &s.p.PrivSysID, &s.p.PrivBizUserID}
}

// protocolIndex is the index of a protocol parameter in params.fields, -1
// for a key that is not one.
func protocolIndex(key string) int {
	switch key {
	case KeySysID:
		return 0
	case KeySign:
		return 1
	case KeyTimestamp:
		return 2
	case KeyVersion:
		return 3
	case KeyReq:
		return 4
	case KeyPrivSysID:
		return 5
	case KeyPrivBizUserID:
		return 6
	}
	return -1
}
