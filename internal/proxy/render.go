package proxy

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// fileHeader is what a recorded file says of its recording.
type fileHeader struct {
	Upstream, Mode, Version string
	Ignore                  Patterns
}

// maxNotes bounds the calls a file lists as not recorded.
const maxNotes = 100

// encode renders a service's rules as a scenario file: rules sorted by
// method, then the more specific first (more conditions: a rule that
// matches fewer params would otherwise answer the calls of one that
// matches more), then by their conditions, so that the same calls give the
// same file whatever order they came in.
func encode(f *serviceFile, h fileHeader) ([]byte, error) {
	rules := make([]*recordedRule, 0, len(f.rules))
	for _, r := range f.rules {
		rules = append(rules, r)
	}
	slices.SortFunc(rules, func(a, b *recordedRule) int {
		return cmp.Or(cmp.Compare(a.method.Name, b.method.Name), cmp.Compare(len(b.conds), len(a.conds)), cmp.Compare(a.key, b.key))
	})
	list := &yaml.Node{Kind: yaml.SequenceNode}
	if len(rules) == 0 {
		list.Style = yaml.FlowStyle // rules: []
	}
	for _, r := range rules {
		list.Content = append(list.Content, ruleNode(r))
	}
	root := mapping(str("name"), str("recorded-"+f.service),
		str("description"), str(f.service+" calls answered by "+cmp.Or(h.Upstream, "the upstream")), str("rules"), list)
	doc := &yaml.Node{Kind: yaml.DocumentNode, HeadComment: header(f.service, h), FootComment: notes(f.notes), Content: []*yaml.Node{root}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// header is the comment at the top of a file.
func header(service string, h fileHeader) string {
	lines := []string{
		fmt.Sprintf("Recorded by tsymock %s from %s (%s mode): the real environment's answers", h.Version, h.Upstream, h.Mode),
		"to " + service + " calls, one rule per distinct call (its service, method and params; params",
		"matching " + strings.Join(h.Ignore, ", ") + " are left out). A call answered differently when made again is a",
		"sequence: one answer per call, in the order they came, the last repeating.",
		"Card and identity numbers are masked; encrypted fields are matched by their presence or",
		"masked pattern only. Replay: tsymock serve --scenarios <this folder> (docs/record.md).",
		"It is a scenario file like any other (docs/scenarios.md): edit it freely.",
	}
	return comment(strings.Join(lines, "\n"))
}

// notes is the comment at the end of a file: the calls not recorded.
func notes(list []string) string {
	if len(list) == 0 {
		return ""
	}
	lines := []string{"Calls not recorded as rules:"}
	for _, n := range list[:min(len(list), maxNotes)] {
		lines = append(lines, "- "+n)
	}
	if len(list) > maxNotes {
		lines = append(lines, fmt.Sprintf("... and %d more (the log names them)", len(list)-maxNotes))
	}
	return comment(strings.Join(lines, "\n"))
}

// ruleNode is one rule: its comment, name, when, and respond or sequence.
func ruleNode(r *recordedRule) *yaml.Node {
	when := mapping(str("service"), str(r.method.Service), str("method"), str(r.method.Name))
	if len(r.conds) > 0 {
		param := mapping()
		for _, c := range r.conds {
			param.Content = append(param.Content, str(c.path), c.node)
		}
		when.Content = append(when.Content, str("param"), param)
	}
	n := mapping(str("name"), str(ruleName(r)), str("when"), when)
	n.HeadComment = ruleComment(r)
	if len(r.steps) == 1 {
		n.Content = append(n.Content, str("respond"), respondNode(r.steps[0]))
		return n
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for i, st := range r.steps {
		item := mapping(str("respond"), respondNode(st))
		item.HeadComment = comment(fmt.Sprintf("answer %d, first given %s", i+1, chinaTime(st.time)))
		seq.Content = append(seq.Content, item)
	}
	n.Content = append(n.Content, str("sequence"), seq)
	return n
}

// respondNode is one answer: ok with its body, or error with its code and
// message.
func respondNode(st *step) *yaml.Node {
	if st.ok == nil {
		return mapping(str("error"), mapping(str("code"), str(st.code), str("message"), str(st.message)))
	}
	return mapping(str("ok"), valueNode(st.ok))
}

// ruleName names a rule by its method and first conditions.
func ruleName(r *recordedRule) string {
	parts := []string{"recorded " + r.method.Name}
	for _, c := range r.conds[:min(len(r.conds), 2)] {
		parts = append(parts, c.label)
	}
	return clipRunes(strings.Join(parts, " "), 100)
}

// ruleComment says when the call was made, by whom, and what it sent.
func ruleComment(r *recordedRule) string {
	first := fmt.Sprintf("first call %s (server clock, China time)", chinaTime(r.first.time))
	if r.calls > 1 {
		first += fmt.Sprintf("; %d calls, the last %s", r.calls, chinaTime(r.last))
	}
	return comment(first + "\nreq: " + r.req)
}

// commentReq is the call's req for a comment: encrypted fields replaced
// by a mark, card and identity numbers in clear masked (in free text too,
// as the journal masks them), and clipped.
func commentReq(rec Recording) string {
	param := soa.CopyParams(rec.Param)
	journal.MaskSensitive(param) // first: the mark below is not a number to mask
	journal.MaskFreeTexts(param)
	_ = soa.WalkEncrypted(param, rec.Method.EncryptedRequestPaths(), func(_, v string) (string, error) {
		if journal.IsCiphertext(v) {
			return "<encrypted>", nil
		}
		return v, nil
	})
	text, err := soa.MarshalValue(map[string]any{"service": rec.Method.Service, "method": rec.Method.Name, "param": param})
	if err != nil {
		text = "(cannot be shown)"
	}
	return clipRunes(fmt.Sprintf("%s %s from sysid %s: %s", rec.HTTPMethod, rec.Method.FullName(), rec.SysID, text), 400)
}

// control are the characters a comment line cannot hold: the line breaks
// other than \n, and every character YAML 1.2 §5.1 does not allow in a
// stream (C0 but tab and \n, DEL, C1 but NEL, U+FFFE and U+FFFF; the
// parser refuses the whole file for one of them, found by FuzzRecord).
var control = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[\x00-\x09\x0b-\x1f\x7f-\x{9f}\x{2028}\x{2029}\x{fffe}\x{ffff}]`)
}) // compiled on first use: nothing at start

// comment makes text fit YAML comments: one line per line, valid UTF-8, no
// control characters.
func comment(text string) string {
	return control().ReplaceAllString(strings.ToValidUTF8(text, "\uFFFD"), " ")
}

// clipRunes shortens a text to at most n runes.
func clipRunes(s string, n int) string {
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	return string(runes[:n-3]) + "..."
}

// mapping is a block mapping of alternating keys and values.
func mapping(kv ...*yaml.Node) *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Content: kv} }

// str is a string scalar; the encoder quotes it where YAML would read
// another type.
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// valueNode writes decoded JSON: objects with their keys sorted.
func valueNode(v any) *yaml.Node {
	switch x := v.(type) {
	case map[string]any:
		n := mapping()
		if len(x) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			n.Content = append(n.Content, str(k), valueNode(x[k]))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		if len(x) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, item := range x {
			n.Content = append(n.Content, valueNode(item))
		}
		return n
	}
	return scalarNode(v)
}

// jsonNumber is a JSON number whose exponent the scenario loader accepts.
var jsonNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?$`)
}) // compiled on first use: nothing at start

// scalarNode writes a scalar with its type: a number keeps its exact text
// (one the scenario loader cannot read as a number is written as text).
func scalarNode(v any) *yaml.Node {
	switch x := v.(type) {
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(x)}
	case json.Number:
		if !jsonNumber().MatchString(string(x)) {
			return str(string(x))
		}
		tag := "!!int"
		if strings.ContainsAny(string(x), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(x)}
	case string:
		return str(x)
	}
	return str(fmt.Sprint(v))
}
