package labels

import (
	"slices"
	"strings"
	"testing"
)

// mapLabels implements Labels without Lookuper, to cover the two-call path.
type mapLabels map[string]string

func (m mapLabels) Has(k string) bool   { _, ok := m[k]; return ok }
func (m mapLabels) Get(k string) string { return m[k] }

func TestMatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		selector string
		labels   Set
		want     bool
	}{
		{name: "empty matches nil", selector: "", labels: nil, want: true},
		{name: "empty matches any", selector: "", labels: Set{"a": "b"}, want: true},
		{name: "equals", selector: "env=prod", labels: Set{"env": "prod"}, want: true},
		{name: "equals other value", selector: "env=prod", labels: Set{"env": "dev"}, want: false},
		{name: "equals absent", selector: "env=prod", labels: Set{}, want: false},
		{name: "equals empty present", selector: "env=", labels: Set{"env": ""}, want: true},
		{name: "equals empty absent", selector: "env=", labels: Set{}, want: false},
		{name: "double equals", selector: "env==prod", labels: Set{"env": "prod"}, want: true},
		{name: "not equals absent", selector: "env!=prod", labels: Set{}, want: true},
		{name: "not equals same", selector: "env!=prod", labels: Set{"env": "prod"}, want: false},
		{name: "not equals other", selector: "env!=prod", labels: Set{"env": "dev"}, want: true},
		{name: "in", selector: "env in (prod,staging)", labels: Set{"env": "staging"}, want: true},
		{name: "in miss", selector: "env in (prod,staging)", labels: Set{"env": "dev"}, want: false},
		{name: "in absent", selector: "env in (prod)", labels: Set{}, want: false},
		{name: "in empty value", selector: "env in ()", labels: Set{"env": ""}, want: true},
		{name: "notin absent", selector: "env notin (prod)", labels: Set{}, want: true},
		{name: "notin hit", selector: "env notin (prod)", labels: Set{"env": "prod"}, want: false},
		{name: "notin miss", selector: "env notin (prod)", labels: Set{"env": "dev"}, want: true},
		{name: "exists", selector: "app", labels: Set{"app": ""}, want: true},
		{name: "exists absent", selector: "app", labels: Set{"x": "app"}, want: false},
		{name: "does not exist", selector: "!app", labels: Set{"x": "y"}, want: true},
		{name: "does not exist present", selector: "!app", labels: Set{"app": ""}, want: false},
		{name: "gt", selector: "n>5", labels: Set{"n": "6"}, want: true},
		{name: "gt equal", selector: "n>5", labels: Set{"n": "5"}, want: false},
		{name: "gt negative label", selector: "n>5", labels: Set{"n": "-6"}, want: false},
		{name: "gt not a number", selector: "n>5", labels: Set{"n": "six"}, want: false},
		{name: "gt absent", selector: "n>5", labels: Set{}, want: false},
		{name: "lt", selector: "n<5", labels: Set{"n": "-100"}, want: true},
		{name: "lt leading zeros", selector: "n<5", labels: Set{"n": "0004"}, want: true},
		{name: "lt equal", selector: "n<5", labels: Set{"n": "5"}, want: false},
		{name: "conjunction all", selector: "a=1,b in (2,3),!c", labels: Set{"a": "1", "b": "3"}, want: true},
		{name: "conjunction one fails", selector: "a=1,b in (2,3),!c", labels: Set{"a": "1", "b": "3", "c": ""}, want: false},
		{name: "contradiction", selector: "a=1,a!=1", labels: Set{"a": "1"}, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sel, err := Parse(tt.selector)
			if err != nil {
				t.Fatal(err)
			}
			if got := sel.Matches(tt.labels); got != tt.want {
				t.Errorf("Parse(%q).Matches(%v) = %v, want %v", tt.selector, tt.labels, got, tt.want)
			}
			if got := sel.Matches(mapLabels(tt.labels)); got != tt.want {
				t.Errorf("Parse(%q).Matches(mapLabels %v) = %v, want %v", tt.selector, tt.labels, got, tt.want)
			}
		})
	}
}

func TestEverythingNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		sel        Selector
		matches    bool
		empty      bool
		selectable bool
	}{
		{name: "everything", sel: Everything(), matches: true, empty: true, selectable: true},
		{name: "nothing", sel: Nothing(), matches: false, empty: false, selectable: false},
		{name: "nil set", sel: SelectorFromSet(nil), matches: true, empty: true, selectable: true},
		{name: "empty set", sel: SelectorFromSet(Set{}), matches: true, empty: true, selectable: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.sel.Matches(Set{"a": "b"}); got != tt.matches {
				t.Errorf("Matches = %v, want %v", got, tt.matches)
			}
			if got := tt.sel.Empty(); got != tt.empty {
				t.Errorf("Empty = %v, want %v", got, tt.empty)
			}
			if got := tt.sel.String(); got != "" {
				t.Errorf("String = %q, want \"\"", got)
			}
			if reqs, sel := tt.sel.Requirements(); sel != tt.selectable || len(reqs) != 0 {
				t.Errorf("Requirements = %v, %v; want none, %v", reqs, sel, tt.selectable)
			}
		})
	}
	r, err := NewRequirement("a", Exists, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := Nothing().Add(r); got.Matches(Set{"a": ""}) || got.String() != "" {
		t.Errorf("Nothing().Add(a) = %q, want Nothing", got)
	}
	if got := Everything().Add(r); !got.Matches(Set{"a": ""}) || got.String() != "a" {
		t.Errorf("Everything().Add(a) = %q, want \"a\"", got)
	}
}

func TestSelectorFromSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		set     Set
		want    string
		wantErr bool // from ValidatedSelectorFromSet
	}{
		{name: "sorted by key", set: Set{"b": "2", "a": "1", "a.b": "3"}, want: "a=1,a.b=3,b=2"},
		{name: "empty value", set: Set{"a": ""}, want: "a="},
		{name: "invalid key", set: Set{"a b": "1"}, want: "a b=1", wantErr: true},
		{name: "invalid value", set: Set{"a": "x y"}, want: "a=x y", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sel := SelectorFromSet(tt.set)
			if got := sel.String(); got != tt.want {
				t.Errorf("SelectorFromSet.String() = %q, want %q", got, tt.want)
			}
			if got := SelectorFromValidatedSet(tt.set).String(); got != tt.want {
				t.Errorf("SelectorFromValidatedSet.String() = %q, want %q", got, tt.want)
			}
			if !sel.Matches(tt.set) {
				t.Errorf("selector from %v does not match it", tt.set)
			}
			vsel, err := ValidatedSelectorFromSet(tt.set)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ValidatedSelectorFromSet(%v) = %q, want error", tt.set, vsel)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := vsel.String(); got != tt.want {
				t.Errorf("ValidatedSelectorFromSet.String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAddDoesNotMutate(t *testing.T) {
	t.Parallel()
	base, err := Parse("b=1,d=2")
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewRequirement("a", In, []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewRequirement("c", NotEquals, []string{"y"})
	if err != nil {
		t.Fatal(err)
	}
	added := base.Add(c, a)
	if got, want := added.String(), "a in (x),b=1,c!=y,d=2"; got != want {
		t.Errorf("Add = %q, want %q", got, want)
	}
	if got, want := base.String(), "b=1,d=2"; got != want {
		t.Errorf("base changed to %q, want %q", got, want)
	}
	reqs, _ := base.Requirements()
	reqs[0] = a
	if got, want := base.String(), "b=1,d=2"; got != want {
		t.Errorf("writing Requirements() changed base to %q", got)
	}
}

func TestSetString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		set  Set
		want string
	}{
		{name: "nil", set: nil, want: ""},
		{name: "one", set: Set{"a": "b"}, want: "a=b"},
		{name: "sorted", set: Set{"c": "d", "a": "b"}, want: "a=b,c=d"},
		// Kubernetes sorts the "k=v" strings, so "a.b=1" ('.' < '=') comes first.
		{name: "sorted as pairs", set: Set{"a": "2", "a.b": "1"}, want: "a.b=1,a=2"},
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
	if v, ok := s.Lookup("a"); !ok || v != "" {
		t.Errorf("Lookup(a) = %q, %v", v, ok)
	}
}

func TestNewRequirement(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		key     string
		op      Operator
		vals    []string
		want    string // String() of the requirement
		wantErr string // exact error text; "" for success
	}{
		{name: "in", key: "env", op: In, vals: []string{"b", "a", "b"}, want: "env in (a,b)"},
		{name: "in with empty", key: "env", op: In, vals: []string{""}, want: "env in ()"},
		{name: "notin", key: "env", op: NotIn, vals: []string{"a"}, want: "env notin (a)"},
		{name: "equals", key: "env", op: Equals, vals: []string{"a"}, want: "env=a"},
		{name: "double equals", key: "env", op: DoubleEquals, vals: []string{"a"}, want: "env==a"},
		{name: "not equals", key: "env", op: NotEquals, vals: []string{""}, want: "env!="},
		{name: "exists", key: "env", op: Exists, want: "env"},
		{name: "exists empty slice", key: "env", op: Exists, vals: []string{}, want: "env"},
		{name: "does not exist", key: "env", op: DoesNotExist, want: "!env"},
		{name: "gt", key: "n", op: GreaterThan, vals: []string{"10"}, want: "n>10"},
		{name: "lt", key: "n", op: LessThan, vals: []string{"0"}, want: "n<0"},
		{name: "prefixed key", key: "k8s.io/app", op: Exists, want: "k8s.io/app"},

		{name: "in empty", key: "env", op: In, vals: nil,
			wantErr: `values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty`},
		{name: "equals two", key: "env", op: Equals, vals: []string{"a", "b"},
			wantErr: `values: Invalid value: []string{"a", "b"}: exact-match compatibility requires one single value`},
		{name: "not equals none", key: "env", op: NotEquals, vals: []string{},
			wantErr: `values: Invalid value: []string{}: exact-match compatibility requires one single value`},
		{name: "exists with value", key: "env", op: Exists, vals: []string{"a"},
			wantErr: `values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist`},
		{name: "gt two", key: "n", op: GreaterThan, vals: []string{"1", "2"},
			wantErr: `values: Invalid value: []string{"1", "2"}: for 'Gt', 'Lt' operators, exactly one value is required`},
		{name: "lt not integer", key: "n", op: LessThan, vals: []string{"1.5"},
			wantErr: `values[0]: Invalid value: "1.5": for 'Gt', 'Lt' operators, the value must be an integer`},
		{name: "unknown operator", key: "n", op: "~", vals: nil,
			wantErr: `operator: Unsupported value: "~": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"`},
		{name: "bad key and value", key: "a b", op: Equals, vals: []string{"c d"},
			wantErr: `[key: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), ` +
				`values[0][a b]: Invalid value: "c d": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := NewRequirement(tt.key, tt.op, tt.vals)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("NewRequirement = %q, want error", r)
				}
				if err.Error() != tt.wantErr {
					t.Fatalf("error =\n%s\nwant\n%s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := r.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if r.Key() != tt.key || r.Operator() != tt.op {
				t.Errorf("Key, Operator = %q, %q", r.Key(), r.Operator())
			}
			again, err := Parse(r.String())
			if err != nil {
				t.Fatalf("Parse(%q): %v", r.String(), err)
			}
			reqs, _ := again.Requirements()
			if len(reqs) != 1 || !reqs[0].Equal(r) {
				t.Errorf("Parse(%q) = %v, want %v", r.String(), reqs, r)
			}
		})
	}
}

func TestRequirementIsImmutable(t *testing.T) {
	t.Parallel()
	vals := []string{"b", "a"}
	r, err := NewRequirement("k", In, vals)
	if err != nil {
		t.Fatal(err)
	}
	vals[0] = "z"
	got := r.Values()
	got[0] = "z"
	if !slices.Equal(r.Values(), []string{"a", "b"}) {
		t.Errorf("Values() = %q after writes to the input and output slices", r.Values())
	}
}

func TestZeroRequirement(t *testing.T) {
	t.Parallel()
	var r Requirement
	if r.Matches(Set{"": ""}) || r.Matches(Set{}) {
		t.Error("zero Requirement matched")
	}
	if r.String() != "" {
		t.Errorf("String() = %q", r.String())
	}
}

func TestLookupPath(t *testing.T) {
	t.Parallel()
	// A Labels that only implements Lookuper besides the interface must be
	// matched through Lookup.
	l := lookupOnly{"a": "1"}
	sel, err := Parse("a=1,b notin (x)")
	if err != nil {
		t.Fatal(err)
	}
	if !sel.Matches(l) {
		t.Error("no match through Lookup")
	}
	if !strings.Contains(sel.String(), "b notin (x)") {
		t.Errorf("String() = %q", sel.String())
	}
}

type lookupOnly map[string]string

func (l lookupOnly) Has(string) bool   { panic("Has called despite Lookup") }
func (l lookupOnly) Get(string) string { panic("Get called despite Lookup") }
func (l lookupOnly) Lookup(k string) (string, bool) {
	v, ok := l[k]
	return v, ok
}
