package fields

import (
	"errors"
	"strings"
	"testing"
)

func TestParseSelector(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    string // String() of the result
		wantErr string // exact error text; "" for success
	}{
		{name: "empty", in: "", want: ""},
		{name: "only commas", in: ",,", want: ""},
		{name: "equals", in: "spec.nodeName=node-1", want: "spec.nodeName=node-1"},
		{name: "double equals is equals", in: "a==b", want: "a=b"},
		{name: "not equals", in: "status.phase!=Running", want: "status.phase!=Running"},
		{name: "sorted", in: "b=2,a=1", want: "a=1,b=2"},
		{name: "not equals sorts first", in: "a=b,a!=c", want: "a!=c,a=b"},
		{name: "empty terms skipped", in: ",a=1,,b=2,", want: "a=1,b=2"},
		{name: "empty value", in: "a=", want: "a="},
		{name: "empty field", in: "=a", want: "=a"},
		{name: "empty both dropped", in: "=,!=,a=b", want: "a=b"},
		{name: "blanks kept", in: "a = b", want: "a = b"},
		{name: "escaped comma", in: `a=x\,y`, want: `a=x\,y`},
		{name: "escaped equals", in: `a=x\=y`, want: `a=x\=y`},
		{name: "escaped backslash", in: `a=x\\y`, want: `a=x\\y`},
		{name: "escaped backslash then comma", in: `a=x\\,b=y`, want: `a=x\\,b=y`},
		{name: "value starting with equals escaped", in: `a=\=b`, want: `a=\=b`},
		{name: "not equals then equals escaped", in: `a!=\=b`, want: `a!=\=b`},
		{name: "bang in value", in: "a=!b", want: "a=!b"},
		{name: "bang in field", in: "a!b=c", want: "a!b=c"},
		{name: "backslash in field", in: `a\=b`, want: `a\=b`},
		{name: "unicode", in: "métadonnée=ü", want: "métadonnée=ü"},

		{name: "no operator", in: "a", wantErr: "invalid selector: 'a'; can't understand 'a'"},
		{name: "no operator second", in: "a=b,c", wantErr: "invalid selector: 'a=b,c'; can't understand 'c'"},
		{name: "unescaped equals", in: "a=b=c", wantErr: "invalid field selector: unescaped character in value: '='"},
		{name: "triple equals", in: "a===b", wantErr: "invalid field selector: unescaped character in value: '='"},
		{name: "bad escape", in: `a=\b`, wantErr: `invalid field selector: invalid escape sequence: \b`},
		{name: "escaped bang is not an escape", in: `a=\!`, wantErr: `invalid field selector: invalid escape sequence: \!`},
		{name: "bad escape unicode", in: `a=\ü`, wantErr: `invalid field selector: invalid escape sequence: \ü`},
		{name: "trailing backslash", in: `a=b\`, wantErr: `invalid field selector: invalid escape sequence: \`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sel, err := ParseSelector(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseSelector(%q) = %q, want error %q", tt.in, sel, tt.wantErr)
				}
				if err.Error() != tt.wantErr {
					t.Fatalf("ParseSelector(%q) error = %q, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSelector(%q): %v", tt.in, err)
			}
			if got := sel.String(); got != tt.want {
				t.Fatalf("String() = %q, want %q", got, tt.want)
			}
			again, err := ParseSelector(sel.String())
			if err != nil || again.String() != tt.want {
				t.Fatalf("re-parse of %q = %v, %v", sel.String(), again, err)
			}
		})
	}
}

func TestMatches(t *testing.T) {
	t.Parallel()
	pod := Set{"metadata.name": "web-0", "spec.nodeName": "node-1", "status.phase": "Running", "v": "x,y=z"}
	tests := []struct {
		name     string
		selector string
		fields   Set
		want     bool
	}{
		{name: "everything", selector: "", fields: pod, want: true},
		{name: "everything nil", selector: "", fields: nil, want: true},
		{name: "equals", selector: "spec.nodeName=node-1", fields: pod, want: true},
		{name: "equals other", selector: "spec.nodeName=node-2", fields: pod, want: false},
		{name: "not equals", selector: "status.phase!=Succeeded", fields: pod, want: true},
		{name: "not equals same", selector: "status.phase!=Running", fields: pod, want: false},
		{name: "conjunction", selector: "spec.nodeName=node-1,status.phase!=Failed", fields: pod, want: true},
		{name: "conjunction fails", selector: "spec.nodeName=node-1,status.phase!=Running", fields: pod, want: false},
		{name: "absent equals empty", selector: "spec.other=", fields: pod, want: true},
		{name: "absent not equals empty", selector: "spec.other!=", fields: pod, want: false},
		{name: "absent not equals value", selector: "spec.other!=x", fields: pod, want: true},
		{name: "escaped value", selector: `v=x\,y\=z`, fields: pod, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sel, err := ParseSelector(tt.selector)
			if err != nil {
				t.Fatal(err)
			}
			if got := sel.Matches(tt.fields); got != tt.want {
				t.Errorf("ParseSelector(%q).Matches(%v) = %v, want %v", tt.selector, tt.fields, got, tt.want)
			}
		})
	}
}

func TestRequiresExactMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		selector  Selector
		field     string
		wantValue string
		wantFound bool
	}{
		{name: "everything", selector: Everything(), field: "spec.nodeName"},
		{name: "one term", selector: OneTermEqualSelector("spec.nodeName", "n1"), field: "spec.nodeName", wantValue: "n1", wantFound: true},
		{name: "other field", selector: OneTermEqualSelector("spec.nodeName", "n1"), field: "metadata.name"},
		{name: "not equal", selector: OneTermNotEqualSelector("spec.nodeName", "n1"), field: "spec.nodeName"},
		{name: "empty value", selector: mustParse(t, "spec.nodeName="), field: "spec.nodeName", wantFound: true},
		{name: "among others", selector: mustParse(t, "status.phase!=Failed,spec.nodeName==n2,metadata.name=x"), field: "spec.nodeName", wantValue: "n2", wantFound: true},
		{name: "first in order", selector: mustParse(t, "a=2,a=1"), field: "a", wantValue: "1", wantFound: true},
		{name: "from set", selector: SelectorFromSet(Set{"a": "1", "b": "2"}), field: "b", wantValue: "2", wantFound: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, found := tt.selector.RequiresExactMatch(tt.field)
			if v != tt.wantValue || found != tt.wantFound {
				t.Errorf("RequiresExactMatch(%q) = %q, %v; want %q, %v", tt.field, v, found, tt.wantValue, tt.wantFound)
			}
		})
	}
}

func mustParse(t *testing.T, s string) Selector {
	t.Helper()
	sel, err := ParseSelector(s)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func TestConstructors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		selector  Selector
		wantStr   string
		wantEmpty bool
		wantReqs  Requirements
	}{
		{name: "everything", selector: Everything(), wantStr: "", wantEmpty: true},
		{name: "nil set", selector: SelectorFromSet(nil), wantStr: "", wantEmpty: true},
		{name: "set", selector: SelectorFromSet(Set{"b": "x=y", "a": "1"}), wantStr: `a=1,b=x\=y`,
			wantReqs: Requirements{{Equals, "a", "1"}, {Equals, "b", "x=y"}}},
		{name: "one equal", selector: OneTermEqualSelector("f", "a,b"), wantStr: `f=a\,b`,
			wantReqs: Requirements{{Equals, "f", "a,b"}}},
		{name: "one not equal", selector: OneTermNotEqualSelector("f", `\`), wantStr: `f!=\\`,
			wantReqs: Requirements{{NotEquals, "f", `\`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.selector.String(); got != tt.wantStr {
				t.Errorf("String() = %q, want %q", got, tt.wantStr)
			}
			if got := tt.selector.Empty(); got != tt.wantEmpty {
				t.Errorf("Empty() = %v, want %v", got, tt.wantEmpty)
			}
			reqs := tt.selector.Requirements()
			if len(reqs) != len(tt.wantReqs) {
				t.Fatalf("Requirements() = %v, want %v", reqs, tt.wantReqs)
			}
			for i := range reqs {
				if reqs[i] != tt.wantReqs[i] {
					t.Errorf("Requirements()[%d] = %v, want %v", i, reqs[i], tt.wantReqs[i])
				}
			}
			if len(reqs) > 0 {
				reqs[0].Value = "changed"
				if tt.selector.String() != tt.wantStr {
					t.Errorf("writing Requirements() changed the selector to %q", tt.selector.String())
				}
			}
		})
	}
}

func TestTransform(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	tests := []struct {
		name     string
		selector string
		fn       TransformFunc
		want     string
		wantErr  error
	}{
		{
			name:     "rename field",
			selector: "spec.host=n1,status.phase!=Failed",
			fn: func(f, v string) (string, string, error) {
				if f == "spec.host" {
					return "spec.nodeName", v, nil
				}
				return f, v, nil
			},
			want: "spec.nodeName=n1,status.phase!=Failed",
		},
		{
			name:     "drop term",
			selector: "a=1,b=2",
			fn: func(f, v string) (string, string, error) {
				if f == "a" {
					return "", "", nil
				}
				return f, v, nil
			},
			want: "b=2",
		},
		{
			name:     "error",
			selector: "a=1",
			fn:       func(string, string) (string, string, error) { return "", "", errBoom },
			wantErr:  errBoom,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Transform(mustParse(t, tt.selector), tt.fn)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Transform error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got.String() != tt.want {
				t.Errorf("Transform = %q, want %q", got, tt.want)
			}
		})
	}
	if got, err := Transform(nil, nil); err != nil || !got.Empty() {
		t.Errorf("Transform(nil) = %v, %v; want Everything", got, err)
	}
}

func TestEscapeValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		literal string
		escaped string
	}{
		{name: "plain", literal: "abc", escaped: "abc"},
		{name: "empty", literal: "", escaped: ""},
		{name: "all specials", literal: `a\b,c=d`, escaped: `a\\b\,c\=d`},
		{name: "bang untouched", literal: "!=", escaped: `!\=`},
		{name: "double backslash", literal: `\\`, escaped: `\\\\`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := EscapeValue(tt.literal); got != tt.escaped {
				t.Errorf("EscapeValue(%q) = %q, want %q", tt.literal, got, tt.escaped)
			}
			got, err := UnescapeValue(tt.escaped)
			if err != nil || got != tt.literal {
				t.Errorf("UnescapeValue(%q) = %q, %v; want %q", tt.escaped, got, err, tt.literal)
			}
		})
	}
}

func TestSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		set  Set
		want string
	}{
		{name: "nil", set: nil, want: ""},
		{name: "sorted pairs", set: Set{"b": "1", "a.b": "2", "a": "3"}, want: "a.b=2,a=3,b=1"},
		{name: "not escaped", set: Set{"a": "x,y"}, want: "a=x,y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.set.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
	s := Set{"a": ""}
	if !s.Has("a") || s.Has("b") || s.Get("a") != "" || s.Get("b") != "" {
		t.Errorf("Has/Get wrong on %v", s)
	}
	if !strings.Contains(SelectorFromSet(Set{"a": "x,y"}).String(), `x\,y`) {
		t.Error("SelectorFromSet does not escape")
	}
}

func TestRequirementUnknownOperator(t *testing.T) {
	t.Parallel()
	r := Requirement{Operator: "~", Field: "a", Value: ""}
	if r.Matches(Set{}) || r.Matches(Set{"a": ""}) {
		t.Error("unknown operator matched")
	}
}
