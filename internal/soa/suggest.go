package soa

import (
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/lang"
)

// maxSuggestDistance is how far (in edits) a name may be from a known one to be suggested.
const maxSuggestDistance = 2

// unknownService is the 10002 answer naming the service and listing the known ones.
func (c *Catalogue) unknownService(service string) *Error {
	hint := lang.Message{}
	if best, ok := Closest(service, c.services); ok {
		hint = msg(msgDidYouMeanService, quote(best))
	}
	return detailed(CodeBadService, msgUnknownService, quote(service), strings.Join(c.services, ", "), hint)
}

// unknownMethod is the 10003 answer naming the method and suggesting a known one: a declared
// look-alike, the closest name of the service, or the same name in another service.
func (c *Catalogue) unknownMethod(service, method string) *Error {
	if m := c.suggestMethod(service, method); m != nil {
		sic := lang.Message{}
		if m.Sic {
			sic = msg(msgSic)
		}
		return detailed(CodeBadMethod, msgUnknownMethodSuggest, quote(method), service, quote(m.Name), sic)
	}
	if other := c.serviceOf(method); other != "" {
		return detailed(CodeBadMethod, msgUnknownMethodElsewhere, quote(method), service, quote(method), other)
	}
	return detailed(CodeBadMethod, msgUnknownMethod, quote(method), service)
}

// suggestMethod finds the method of service a caller most likely meant, or nil.
func (c *Catalogue) suggestMethod(service, method string) *Method {
	var names []string
	byName := map[string]*Method{}
	for _, m := range c.methods {
		if m.Service != service {
			continue
		}
		if slices.ContainsFunc(m.LookAlikes, func(s string) bool { return strings.EqualFold(s, method) }) {
			return m
		}
		if _, seen := byName[m.Name]; !seen {
			names = append(names, m.Name)
			byName[m.Name] = m
		}
	}
	if best, ok := Closest(method, names); ok {
		return byName[best]
	}
	return nil
}

// serviceOf names the service that has method, or "".
func (c *Catalogue) serviceOf(method string) string {
	for _, m := range c.methods {
		if m.Name == method {
			return m.Service
		}
	}
	return ""
}

// Closest returns the candidate equal to name ignoring case, else the first one nearest to it
// within two edits (insertions, deletions, substitutions, adjacent transpositions): the name
// a "did you mean" suggests, for a method, a service, a flag or an environment variable.
func Closest(name string, candidates []string) (string, bool) {
	best, bestDist := "", maxSuggestDistance+1
	for _, cand := range candidates {
		if strings.EqualFold(cand, name) {
			return cand, true
		}
		if d := editDistance(strings.ToLower(name), strings.ToLower(cand)); d < bestDist {
			best, bestDist = cand, d
		}
	}
	return best, best != ""
}

// editDistance is the optimal-string-alignment distance between a and b (insertions,
// deletions, substitutions and transpositions of adjacent runes), so "recieverId" is one
// edit from "receiverId".
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	if len(x) > 64 || len(y) > 64 { // names are short; do not spend time on garbage
		return maxSuggestDistance + 1
	}
	prev2, prev, cur := make([]int, len(y)+1), make([]int, len(y)+1), make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
