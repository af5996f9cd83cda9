package printers

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// JSONPath is a parsed simple JSONPath expression of the kind custom
// resource definitions use in additionalPrinterColumns:
//
//	.spec.replicas
//	.status.conditions[0].type
//	.status.conditions[-1].type
//	.status.conditions[?(@.type=="Ready")].status
//	.metadata.labels['app\.kubernetes\.io/name']
//	.metadata.annotations.example\.com/owner
//	.spec.containers[*].image
//
// It may be wrapped in braces and start with "$". Names are map keys;
// brackets hold an index (negative counts from the end), a quoted name, "*",
// or a filter comparing a path below the element ("@.a.b") with == or != to
// a quoted string, a number, true, false or null, or testing that the path
// exists. A JSONPath is immutable and safe for concurrent use.
type JSONPath struct {
	steps []step
}

type stepKind int

const (
	stepField stepKind = iota
	stepIndex
	stepWildcard
	stepFilter
)

type step struct {
	kind   stepKind
	name   string
	index  int
	filter *filter
}

type filter struct {
	path  []step
	op    string // "" (exists), "==" or "!="
	value any
}

// ParseJSONPath parses a simple JSONPath expression.
func ParseJSONPath(expr string) (*JSONPath, error) {
	s := strings.TrimSpace(expr)
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	s = strings.TrimPrefix(s, "$")
	steps, rest, err := parseSteps(s, false)
	if err != nil {
		return nil, fmt.Errorf("jsonpath %q: %w", expr, err)
	}
	if rest != "" {
		return nil, fmt.Errorf("jsonpath %q: unexpected %q", expr, rest)
	}
	if len(steps) == 0 {
		return nil, fmt.Errorf("jsonpath %q: empty path", expr)
	}
	return &JSONPath{steps: steps}, nil
}

// parseSteps reads steps until the input ends or, inside a filter, a
// character that cannot continue a path.
func parseSteps(s string, inFilter bool) ([]step, string, error) {
	var steps []step
	for s != "" {
		switch s[0] {
		case '.':
			s = s[1:]
			if strings.HasPrefix(s, "*") {
				steps = append(steps, step{kind: stepWildcard})
				s = s[1:]
				continue
			}
			name, rest := readName(s, inFilter)
			if name == "" {
				return nil, s, fmt.Errorf("empty field name")
			}
			steps = append(steps, step{kind: stepField, name: name})
			s = rest
		case '[':
			st, rest, err := parseBracket(s[1:])
			if err != nil {
				return nil, s, err
			}
			steps = append(steps, st)
			s = rest
		default:
			if inFilter {
				return steps, s, nil
			}
			return nil, s, fmt.Errorf("unexpected %q", s)
		}
	}
	return steps, s, nil
}

// readName reads a field name up to '.' or '['; "\." and "\[" escape them.
func readName(s string, inFilter bool) (string, string) {
	var b strings.Builder
	i := 0
	for i < len(s) {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			b.WriteByte(s[i+1])
			i += 2
			continue
		}
		if c == '.' || c == '[' || (inFilter && strings.IndexByte(" =!)", c) >= 0) {
			break
		}
		b.WriteByte(c)
		i++
	}
	return b.String(), s[i:]
}

// parseBracket parses what follows '[' up to and including the closing ']'.
func parseBracket(s string) (step, string, error) {
	s = strings.TrimLeft(s, " ")
	switch {
	case strings.HasPrefix(s, "*"):
		rest, err := closeBracket(s[1:])
		return step{kind: stepWildcard}, rest, err
	case strings.HasPrefix(s, "'") || strings.HasPrefix(s, `"`):
		name, rest, err := readQuoted(s)
		if err != nil {
			return step{}, s, err
		}
		rest, err = closeBracket(rest)
		return step{kind: stepField, name: name}, rest, err
	case strings.HasPrefix(s, "?("):
		f, rest, err := parseFilter(s[2:])
		if err != nil {
			return step{}, s, err
		}
		rest, err = closeBracket(rest)
		return step{kind: stepFilter, filter: f}, rest, err
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return step{}, s, fmt.Errorf("missing ]")
	}
	n, err := strconv.Atoi(strings.TrimSpace(s[:end]))
	if err != nil {
		return step{}, s, fmt.Errorf("bad index %q", s[:end])
	}
	return step{kind: stepIndex, index: n}, s[end+1:], nil
}

func closeBracket(s string) (string, error) {
	s = strings.TrimLeft(s, " ")
	if !strings.HasPrefix(s, "]") {
		return s, fmt.Errorf("missing ]")
	}
	return s[1:], nil
}

func readQuoted(s string) (string, string, error) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == q:
			return b.String(), s[i+1:], nil
		default:
			b.WriteByte(c)
		}
	}
	return "", s, fmt.Errorf("unterminated string")
}

// parseFilter parses "@.path op value)" after "?(".
func parseFilter(s string) (*filter, string, error) {
	s = strings.TrimLeft(s, " ")
	if !strings.HasPrefix(s, "@") {
		return nil, s, fmt.Errorf("filter must start with @")
	}
	path, rest, err := parseSteps(s[1:], true)
	if err != nil {
		return nil, s, err
	}
	f := &filter{path: path}
	rest = strings.TrimLeft(rest, " ")
	for _, op := range []string{"==", "!="} {
		if strings.HasPrefix(rest, op) {
			f.op = op
			rest = strings.TrimLeft(rest[len(op):], " ")
			f.value, rest, err = readLiteral(rest)
			if err != nil {
				return nil, rest, err
			}
			break
		}
	}
	rest = strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(rest, ")") {
		return nil, rest, fmt.Errorf("missing ) in filter")
	}
	return f, rest[1:], nil
}

func readLiteral(s string) (any, string, error) {
	if s == "" {
		return nil, s, fmt.Errorf("missing value in filter")
	}
	if s[0] == '\'' || s[0] == '"' {
		return readQuoted(s)
	}
	end := strings.IndexAny(s, " )")
	if end < 0 {
		end = len(s)
	}
	lit := s[:end]
	switch lit {
	case "true":
		return true, s[end:], nil
	case "false":
		return false, s[end:], nil
	case "null":
		return nil, s[end:], nil
	}
	if f, err := strconv.ParseFloat(lit, 64); err == nil {
		return f, s[end:], nil
	}
	return nil, s, fmt.Errorf("bad value %q in filter", lit)
}

// Find returns every value the path selects in v (a JSON-decoded value), in
// document order; nil when nothing matches.
func (p *JSONPath) Find(v any) []any {
	return walk(p.steps, []any{v})
}

func walk(steps []step, cur []any) []any {
	for _, st := range steps {
		var next []any
		for _, v := range cur {
			next = append(next, apply(st, v)...)
		}
		if len(next) == 0 {
			return nil
		}
		cur = next
	}
	return cur
}

func apply(st step, v any) []any {
	switch st.kind {
	case stepField:
		if m, ok := v.(map[string]any); ok {
			if e, ok := m[st.name]; ok {
				return []any{e}
			}
		}
	case stepIndex:
		if l, ok := v.([]any); ok {
			i := st.index
			if i < 0 {
				i += len(l)
			}
			if i >= 0 && i < len(l) {
				return []any{l[i]}
			}
		}
	case stepWildcard:
		switch t := v.(type) {
		case []any:
			return t
		case map[string]any:
			out := make([]any, 0, len(t))
			for _, k := range sortedKeys(t) {
				out = append(out, t[k])
			}
			return out
		}
	case stepFilter:
		l, ok := v.([]any)
		if !ok {
			return nil
		}
		var out []any
		for _, e := range l {
			if st.filter.matches(e) {
				out = append(out, e)
			}
		}
		return out
	}
	return nil
}

func (f *filter) matches(e any) bool {
	found := walk(f.path, []any{e})
	if f.op == "" {
		return len(found) > 0
	}
	eq := false
	for _, v := range found {
		if jsonEqual(v, f.value) {
			eq = true
			break
		}
	}
	if f.op == "==" {
		return eq
	}
	return !eq && len(found) > 0
}

func jsonEqual(a, b any) bool {
	if fa, ok := toFloat(a); ok {
		fb, ok := toFloat(b)
		return ok && fa == fb
	}
	return a == b
}

func toFloat(v any) (float64, bool) {
	switch t := v.(type) {
	case int64:
		return float64(t), true
	case int:
		return float64(t), true
	case int32:
		return float64(t), true
	case float64:
		return t, true
	}
	return 0, false
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
