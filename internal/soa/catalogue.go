package soa

import (
	"fmt"
	"slices"
	"strings"
)

// Catalogue is a set of methods, indexed for the /service/soa endpoint and for the browser
// pages. It is read-only once built and safe for concurrent use.
type Catalogue struct {
	methods  []*Method
	rpc      map[string]map[string]*Method // service → method → the /service/soa entry
	byName   map[string][]*Method          // "Service.method" → every entry, RPC and pages
	pages    map[string]*Method            // page path → its entry
	services []string                      // sorted
}

//go:generate go test . -run ^TestCatalogueTable$ -update

// DefaultMethods returns PROTOCOL.md §7: every method of MemberService, MemberPwdService,
// OrderService and MerchantService, in the specification's order (MemberService and
// MemberPwdService as specification V2.1.5 §4.1 has them). Each call builds fresh methods,
// so a caller may append its own and pass them to NewCatalogue; the keys of payMethod, built
// once, are shared by every call (treat them as read-only, as the whole catalogue).
func DefaultMethods() []Method {
	methods := memberMethods()
	methods = append(methods, pwdMethods()...)
	methods = append(methods, orderMethods()...)
	return append(methods, merchantMethods()...)
}

// DefaultCatalogue returns the catalogue of PROTOCOL.md §7. It indexes defaultTable, the methods
// of DefaultMethods written out as data (catalogue_table.go): building them was a tenth of the
// start of a server. Each catalogue indexes its own copy of the table's methods, so that no
// pointer into the package's table leaves it; the lists inside a method (its params, returns)
// are shared by every catalogue: treat them as read-only.
func DefaultCatalogue() *Catalogue {
	c, err := NewCatalogue(slices.Clone(defaultTable)...)
	if err != nil {
		panic(err) // the tables are constant; TestDefaultCatalogue proves this is unreachable
	}
	return c
}

// NewCatalogue indexes methods. It fails when a service or method name is empty, when two
// /service/soa entries share a name, when two pages share a path, or when a page flow has no
// page path (or an RPC entry has one).
func NewCatalogue(methods ...Method) (*Catalogue, error) {
	c := &Catalogue{rpc: map[string]map[string]*Method{}, byName: map[string][]*Method{},
		pages: map[string]*Method{}}
	for i := range methods {
		if err := c.add(&methods[i]); err != nil {
			return nil, err
		}
	}
	for service := range c.rpc {
		c.services = append(c.services, service)
	}
	slices.Sort(c.services)
	return c, nil
}

// add indexes one method.
func (c *Catalogue) add(m *Method) error {
	switch {
	case m.Service == "" || m.Name == "":
		return fmt.Errorf("soa: catalogue: method %q has an empty service or name", m.FullName())
	case m.PageFlow != (m.Page != ""):
		return fmt.Errorf("soa: catalogue: %s: a page flow needs a page path, an RPC must not have one", m.FullName())
	}
	if c.rpc[m.Service] == nil {
		c.rpc[m.Service] = map[string]*Method{}
	}
	if m.PageFlow {
		if _, dup := c.pages[m.Page]; dup {
			return fmt.Errorf("soa: catalogue: two methods at page %s", m.Page)
		}
		c.pages[m.Page] = m
	} else {
		if _, dup := c.rpc[m.Service][m.Name]; dup {
			return fmt.Errorf("soa: catalogue: %s defined twice", m.FullName())
		}
		c.rpc[m.Service][m.Name] = m
	}
	c.byName[m.FullName()] = append(c.byName[m.FullName()], m)
	c.methods = append(c.methods, m)
	return nil
}

// Methods returns every entry in catalogue order, page flows included (OrderService.pay
// appears three times: the RPC and its two pages). Treat the methods as read-only.
func (c *Catalogue) Methods() []*Method { return slices.Clone(c.methods) }

// Services returns the service names, sorted.
func (c *Catalogue) Services() []string { return slices.Clone(c.services) }

// Lookup finds the method that /service/soa answers for service and method. An unknown service
// is 10002 naming it and listing the known ones; an unknown method is 10003 naming it and
// suggesting the closest known name (within edit distance 2, ignoring case, or a known
// misspelling such as "singleAgentPay"); a page flow is 10003 naming the page to open instead,
// as the platform has no such RPC.
func (c *Catalogue) Lookup(service, method string) (*Method, *Error) {
	methods, ok := c.rpc[service]
	if !ok {
		return nil, c.unknownService(service)
	}
	if m, ok := methods[method]; ok {
		return m, nil
	}
	if pages := c.byName[service+"."+method]; len(pages) > 0 {
		return nil, pageFlowError(pages)
	}
	return nil, c.unknownMethod(service, method)
}

// PageFlows are the page flows named service.method (a page flow's
// name, such as MemberService.signContract), none for an RPC or an
// unknown name.
func (c *Catalogue) PageFlows(service, method string) []*Method {
	var out []*Method
	for _, m := range c.byName[service+"."+method] {
		if m.PageFlow {
			out = append(out, m)
		}
	}
	return out
}

// LookupPage finds the page flow served at path (e.g. "/yungateway/pwd/setPayPwd.html") and
// checks that the req names it. An unknown path is 10003 listing the pages; a req naming
// another service or method is 10002 or 10003 saying which one the page serves.
func (c *Catalogue) LookupPage(path, service, method string) (*Method, *Error) {
	m, ok := c.pages[path]
	if !ok {
		return nil, Errorf(CodeBadMethod, "no page flow at %s; pages: %s", quote(path), strings.Join(c.pagePaths(), ", "))
	}
	switch {
	case service != m.Service:
		return nil, Errorf(CodeBadService, "page %s serves %s, but req names service %s", path, m.FullName(), quote(service))
	case method != m.Name:
		return nil, Errorf(CodeBadMethod, "page %s serves %s, but req names method %s", path, m.FullName(), quote(method))
	}
	return m, nil
}

// Page finds the page flow served at path, whatever the request names.
func (c *Catalogue) Page(path string) (*Method, bool) {
	m, ok := c.pages[path]
	return m, ok
}

// pagePaths lists the page paths, sorted.
func (c *Catalogue) pagePaths() []string {
	paths := make([]string, 0, len(c.pages))
	for path := range c.pages {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	return paths
}

// pageFlowError is the 10003 answer to a page flow called on /service/soa.
func pageFlowError(pages []*Method) *Error {
	paths := make([]string, len(pages))
	for i, m := range pages {
		paths[i] = m.Page
	}
	return Errorf(CodeBadMethod, "%s is a page flow, not callable on /service/soa: send the user's browser to %s "+
		"with the same signed parameters (sysid, sign, timestamp, v, req); spec V2.1.5 §3.6 calls it a 前台 (page) "+
		"request, not a 后台 interface", pages[0].FullName(), strings.Join(paths, " or "))
}
