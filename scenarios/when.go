package scenarios

import (
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/tsymock/tsymock/internal/soa"
)

// catalogue is the method catalogue rule names are checked against. It is
// built once and only read.
var catalogue = sync.OnceValue(soa.DefaultCatalogue)

// when is what a rule matches: every listed part must hold. An empty list
// matches anything.
type when struct {
	services, methods, sysids []string
	conds                     []*cond
	pagesOnly                 bool          // every method named is a page flow's (signContract...)
	found                     []*soa.Method // the methods named, for checking an ok body's keys
}

// whenKeys are the keys of a rule's when.
func whenKeys() []string { return []string{"service", "method", "sysid", "param"} }

// match reports whether req is one of the calls the rule is about.
func (w *when) match(req *Request) bool {
	if !oneOf(w.services, req.Service) || !oneOf(w.methods, req.Method) || !oneOf(w.sysids, req.SysID) {
		return false
	}
	for _, c := range w.conds {
		if !c.match(req.Param) {
			return false
		}
	}
	return true
}

// oneOf is true for an empty list, or when s is in it.
func oneOf(list []string, s string) bool { return len(list) == 0 || slices.Contains(list, s) }

// when compiles a rule's when and checks its names against the catalogue.
func (d *decoder) when(n *yaml.Node) (*when, bool) {
	w := &when{}
	at := map[string]*yaml.Node{}
	valid := true // every key is read, so that each mistake is reported
	ok := d.mapping(n, "when", whenKeys(), func(key string, k, v *yaml.Node) {
		at[key] = v
		var good bool
		switch key {
		case "service":
			w.services, good = d.texts(v, "service")
		case "method":
			w.methods, good = d.texts(v, "method")
		case "sysid":
			w.sysids, good = d.texts(v, "sysid")
		case "param":
			w.conds, good = d.conditions(v)
		}
		if !good {
			valid = false
		}
	})
	if !ok || !valid {
		return nil, false
	}
	return w, d.checkNames(at, w)
}

// conditions compiles the param conditions, in file order.
func (d *decoder) conditions(n *yaml.Node) ([]*cond, bool) {
	var conds []*cond
	ok := d.mapping(n, "param", nil, func(_ string, k, v *yaml.Node) {
		if c, good := d.condition(k, v); good {
			conds = append(conds, c)
		}
	})
	return conds, ok && len(conds)*2 == len(n.Content)
}

// checkNames checks services, methods and the params conditions look at
// against the catalogue, so that a typo is an error instead of a rule that
// silently never matches.
func (d *decoder) checkNames(at map[string]*yaml.Node, w *when) bool {
	cat := catalogue()
	for _, s := range w.services {
		if !slices.Contains(cat.Services(), s) {
			d.errorf(at["service"], "unknown service %q%s", s, hint(s, cat.Services()))
			return false
		}
	}
	var methods []*soa.Method
	for _, name := range w.methods {
		m, ok := d.findMethod(at["method"], w.services, name)
		if !ok {
			return false
		}
		methods = append(methods, m...)
	}
	w.pagesOnly = len(methods) > 0 && !slices.ContainsFunc(methods, func(m *soa.Method) bool { return !m.PageFlow })
	w.found = methods
	if len(methods) == 0 {
		return d.checkParams(servicesMethods(w.services), w.conds, unnamedLabel(w.services))
	}
	return d.checkParams(methods, w.conds, methodNames(methods)+" has no such param")
}

// servicesMethods are every method of the services (of every service when
// none is given), page flows included: a rule without a method answers
// their pages too.
func servicesMethods(services []string) []*soa.Method {
	var out []*soa.Method
	for _, m := range catalogue().Methods() {
		if len(services) == 0 || slices.Contains(services, m.Service) {
			out = append(out, m)
		}
	}
	return out
}

// unnamedLabel names the methods a rule without a method looks at.
func unnamedLabel(services []string) string {
	if len(services) == 0 {
		return "no method has such a param"
	}
	return "no method of " + strings.Join(services, ", ") + " has such a param"
}

// findMethod finds the methods called name in services (all services
// when none is given): the /service/soa ones, and the page flows a
// browser page serves (a rule for one answers its pages: errors and
// delays only, checkRule).
func (d *decoder) findMethod(n *yaml.Node, services []string, name string) ([]*soa.Method, bool) {
	cat := catalogue()
	if len(services) == 0 {
		services = cat.Services()
	}
	var found []*soa.Method
	var firstErr *soa.Error
	for _, s := range services {
		m, serr := cat.Lookup(s, name)
		switch {
		case serr == nil:
			found = append(found, m)
		case len(cat.PageFlows(s, name)) > 0:
			found = append(found, cat.PageFlows(s, name)...)
		case firstErr == nil:
			firstErr = serr
		}
	}
	if len(found) == 0 {
		d.errorf(n, "unknown method %q: %s", name, unknownMethodText(services, name, firstErr))
		return nil, false
	}
	return found, true
}

// unknownMethodText is the catalogue's explanation for one service (it
// suggests the closest name), or a hint from every service's methods.
func unknownMethodText(services []string, name string, serr *soa.Error) string {
	if len(services) == 1 && serr != nil {
		return serr.Message
	}
	var names []string
	for _, m := range catalogue().Methods() {
		if !m.PageFlow && slices.Contains(services, m.Service) && !slices.Contains(names, m.Name) {
			names = append(names, m.Name)
		}
	}
	if best, ok := closest(name, names); ok {
		return "not in the catalogue" + didYouMean(best)
	}
	return "not in the catalogue (docs/methods.md lists the methods)"
}

// checkParams checks that each condition looks into a param that at least
// one of the methods has (unless one takes free-form params): the methods
// the rule names, or, without a method, every method of its services (of
// the catalogue without a service), so that `param: {bizUserID: x}` is the
// error a typo is, not a rule that never matches (probe-Z 13). has says
// who lacks the param ("MemberService.createMember has no such param").
func (d *decoder) checkParams(methods []*soa.Method, conds []*cond, has string) bool {
	if len(methods) == 0 {
		return true
	}
	names := paramNames(methods)
	if slices.Contains(names, soa.Wildcard) {
		return true
	}
	ok := true
	for _, c := range conds {
		if root := c.path.Root(); !slices.Contains(names, root) {
			d.errorf(c.key, "param %q: %s%s", root, has, paramHint(root, names))
			ok = false
		}
	}
	return ok
}

// paramNames lists the top-level params of the methods, sorted, once each.
func paramNames(methods []*soa.Method) []string {
	var names []string
	for _, m := range methods {
		for _, p := range m.Params {
			names = append(names, p.Name)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// maxKnownParams is the most params a hint lists when none is close.
const maxKnownParams = 12

// paramHint is hint, pointing at the docs instead of listing many params.
func paramHint(root string, names []string) string {
	if _, near := closest(root, names); near || len(names) <= maxKnownParams {
		return hint(root, names)
	}
	return " (docs/methods.md lists each method's params)"
}

// methodNames is "MemberService.createMember" or a list of them.
func methodNames(methods []*soa.Method) string {
	names := make([]string, len(methods))
	for i, m := range methods {
		names[i] = m.FullName()
	}
	return strings.Join(names, ", ")
}
