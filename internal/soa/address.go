package soa

import (
	"fmt"
	"net/url"
)

// CodeBadURL is §7's 40029 URL格式错误: an address param that is not an
// absolute http(s) URL.
const CodeBadURL = "40029"

// URLProblem says why raw, the value of the address param name (a
// jumpUrl, frontUrl or backUrl: where the platform sends a browser with a
// signed result, or posts a notification), is no absolute http or https
// URL, or "" when it is one or is empty (not sent). It is the one check of
// an address: the pages refuse one that fails it (CheckURL), a
// /service/soa call is noted url-format for it (the emulator), and both
// name the param and its value.
func URLProblem(name, raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("%s %q must be an absolute http or https URL", name, raw)
	}
	return ""
}

// CheckURL is URLProblem as the refusal the pages answer: 40029 URL格式错误
// naming the param, or nil.
func CheckURL(name, raw string) *Error {
	if problem := URLProblem(name, raw); problem != "" {
		return Errorf(CodeBadURL, "%s", problem)
	}
	return nil
}
