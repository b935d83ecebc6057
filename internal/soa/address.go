package soa

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode"
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
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !hostName(u.Hostname()) {
		return fmt.Sprintf("%s %q must be an absolute http or https URL", name, raw)
	}
	return ""
}

// hostName reports whether host is an IP address or a name: letters
// (an internationalised name's too), digits, '-', '.' and '_'. Go's URL
// parser takes a host such as `"><script>` or none at all (http://:0/),
// where no browser or HTTP client goes.
func hostName(host string) bool {
	if host == "" {
		return false
	}
	if net.ParseIP(host) != nil {
		return true
	}
	for _, r := range host {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-._", r) {
			return false
		}
	}
	return true
}

// CheckURL is URLProblem as the refusal the pages answer: 40029 URL格式错误
// naming the param, or nil.
func CheckURL(name, raw string) *Error {
	if problem := URLProblem(name, raw); problem != "" {
		return Errorf(CodeBadURL, "%s", problem)
	}
	return nil
}
