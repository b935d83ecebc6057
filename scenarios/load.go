package scenarios

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize bounds a scenario file; a larger one is an error.
const MaxFileSize = 4 << 20

// File is one loaded scenario file.
type File struct {
	// Source is where the file came from: its path as given, or
	// "builtin:NAME" for an embedded example.
	Source string
	// Name is the file's name key, or its base name without extension.
	Name string
	// Description is the file's description key.
	Description string
	// Rules are the file's rules in file order.
	Rules []*Rule
}

// fileKeys are the top-level keys of a scenario file.
func fileKeys() []string { return []string{"name", "description", "rules"} }

// Parse reads a scenario file (YAML, or JSON, which YAML reads too). source
// names it in errors and rule ids. Loading is strict: unknown keys, wrong
// types, unknown services, methods, params or error codes, bad regular
// expressions and templates are errors. The error is Errors, one per
// problem, each naming source:line.
func Parse(source string, data []byte) (*File, error) {
	d := &decoder{file: source}
	root, err := d.document(data)
	if err != nil {
		return nil, err
	}
	f := &File{Source: source, Name: baseName(source)}
	d.mapping(root, "scenario file", fileKeys(), func(key string, _, v *yaml.Node) {
		switch key {
		case "name":
			f.Name, _ = d.text(v, "name")
		case "description":
			f.Description, _ = d.text(v, "description")
		case "rules":
			f.Rules = d.rules(v)
		}
	})
	if len(d.errs) == 0 && f.Rules == nil && root.Kind == yaml.MappingNode {
		d.errorf(root, "a scenario file needs rules: (a list; rules: [] for none)")
	}
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return f, nil
}

// document decodes exactly one YAML document and refuses aliases.
func (d *decoder) document(data []byte) (*yaml.Node, error) {
	if len(data) > MaxFileSize {
		return nil, Errors{errorf(d.file, 0, "the file is larger than %d bytes", MaxFileSize)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return nil, Errors{errorf(d.file, 1, "the file is empty; a scenario file needs rules:")}
	} else if err != nil {
		return nil, Errors{syntaxError(d.file, data, err)}
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		return nil, Errors{errorf(d.file, max(more.Line, 1), "a scenario file holds one document; split it into files")}
	}
	if len(doc.Content) == 0 {
		return nil, Errors{errorf(d.file, 1, "the file is empty; a scenario file needs rules:")}
	}
	root := doc.Content[0]
	d.refuseAliases(root)
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return root, nil
}

// refuseAliases reports every alias: rules are short, and aliases would let
// a small file expand into a huge one.
func (d *decoder) refuseAliases(n *yaml.Node) {
	if n.Kind == yaml.AliasNode {
		d.errorf(n, "aliases (*%s) are not supported; write the value out", n.Value)
		return
	}
	for _, c := range n.Content {
		d.refuseAliases(c)
	}
}

// rules compiles the list of rules.
func (d *decoder) rules(n *yaml.Node) []*Rule {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "rules must be a list, got %s", kindName(n))
		return nil
	}
	out := []*Rule{}
	for _, item := range n.Content {
		if r, ok := d.rule(item); ok {
			out = append(out, r)
		}
	}
	return out
}

// baseName is a file's name without folder and extension.
func baseName(source string) string {
	base := filepath.Base(strings.TrimPrefix(source, builtinPrefix))
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// LoadFile reads and parses one file.
func LoadFile(path string) (*File, error) {
	if name, ok := strings.CutPrefix(path, builtinPrefix); ok {
		return Builtin(name)
	}
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// readFile reads a file, refusing one larger than MaxFileSize.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Errors{{File: path, Msg: errMsg(err)}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, Errors{{File: path, Msg: errMsg(err)}}
	}
	return data, nil
}

// errMsg drops the path that os errors repeat.
func errMsg(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// Expand turns the paths given to --scenarios into files: a folder is its
// *.yaml, *.yml and *.json files (not those of sub-folders), sorted by
// name; "builtin:NAME" is an embedded example and "builtin:*" every one; a
// file is itself, whatever its extension.
func Expand(paths []string) ([]string, error) {
	var out []string
	var errs Errors
	for _, p := range paths {
		files, err := expandOne(p)
		if err != nil {
			errs = append(errs, AsErrors(err)...)
		}
		out = append(out, files...)
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

// expandOne expands one path.
func expandOne(p string) ([]string, error) {
	if name, ok := strings.CutPrefix(p, builtinPrefix); ok {
		return expandBuiltin(name)
	}
	info, err := os.Stat(p)
	if err != nil {
		return nil, Errors{{File: p, Msg: errMsg(err)}}
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil, Errors{{File: p, Msg: errMsg(err)}}
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && isScenarioFile(e.Name()) {
			files = append(files, filepath.Join(p, e.Name()))
		}
	}
	slices.Sort(files)
	return files, nil
}

// isScenarioFile reports whether a file in a folder is loaded.
func isScenarioFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return !strings.HasPrefix(name, ".") && (ext == ".yaml" || ext == ".yml" || ext == ".json")
}

// Load expands paths and parses every file, in order. It reports every
// problem of every file; it returns the files only when there is none.
func Load(paths ...string) ([]*File, error) {
	sources, err := Expand(paths)
	errs := AsErrors(err)
	var files []*File
	for _, src := range sources {
		f, err := LoadFile(src)
		if err != nil {
			errs = append(errs, AsErrors(err)...)
			continue
		}
		files = append(files, f)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return files, nil
}

// ParseRules reads a scenario file, or one rule on its own ({when: ...,
// respond: ...}), which it wraps in a file: what the admin API's
// /__tsymock/arm takes, and mocktest's Arm. The wrapped rule starts on line
// 3 of what is parsed, which errors name; their columns are the body's own.
func ParseRules(source string, body []byte) (*File, error) {
	var top map[string]any
	if err := yaml.Unmarshal(body, &top); err == nil {
		if _, ok := top["rules"]; ok {
			return Parse(source, body)
		}
	}
	var b strings.Builder
	b.WriteString("rules:\n  -\n")
	for line := range strings.Lines(string(body)) {
		b.WriteString(wrapIndent + line)
	}
	f, err := Parse(source, []byte(b.String()))
	for _, e := range AsErrors(err) {
		if e.Line >= 3 && e.Column > len(wrapIndent) {
			e.Column -= len(wrapIndent)
		}
	}
	return f, err
}

// wrapIndent indents a rule ParseRules wraps in a file.
const wrapIndent = "    "
