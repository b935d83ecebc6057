// Package soa is the Tongshangyun (通商云) API v2.0 wire contract as data and pure functions:
// parsing a request (the req envelope, the timestamp), encoding a response (the
// signedValue and the JSON body), the error-code table of PROTOCOL.md §8, and the method
// catalogue of PROTOCOL.md §7 (params, required, types, allowed values, encrypted fields).
//
// soa does no I/O and knows nothing of HTTP handlers, state or keys: it imports only the
// standard library. The mock and the client share it so that both speak the same envelope;
// the known-answer vectors in testdata guard it against a shared mistake.
//
// Every error on the wire is an *Error carrying a §8 code. Messages start with the §8 category
// text and continue, after ": ", with an English explanation of exactly what was wrong, e.g.
//
//	参数不能为空: companyBasicInfo.legalIds
//	参数错误: memberType must be one of 2|3 (2 enterprise, 3 personal), got number 4
//
// The form a request arrives in is read by package internal/form. Choices where PROTOCOL.md
// is silent are documented where they are made: the timestamp check (CheckTimestamp), the
// fastjson-like coercion of param types (coerce.go), Validate's rules, page flows called on
// /service/soa (Lookup answers 10003 naming the page), and the catalogue entries marked
// "tsymock's choice".
package soa
