package labels

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    string // String() of the result
		wantErr string // substring of the error; "" for success
	}{
		{name: "empty", in: "", want: ""},
		{name: "blanks only", in: " \t\r\n", want: ""},
		{name: "exists", in: "app", want: "app"},
		{name: "does not exist", in: "!canary", want: "!canary"},
		{name: "does not exist with blank", in: "! canary", want: "!canary"},
		{name: "equals", in: "env=prod", want: "env=prod"},
		{name: "double equals kept", in: "env==prod", want: "env==prod"},
		{name: "not equals", in: "tier!=fe", want: "tier!=fe"},
		{name: "equality pair sorted", in: "tier!=fe,env=prod", want: "env=prod,tier!=fe"},
		{name: "blanks around", in: "  env = prod ,\ttier != fe\n", want: "env=prod,tier!=fe"},
		{name: "empty value", in: "a=", want: "a="},
		{name: "empty value then more", in: "a=,b", want: "a=,b"},
		{name: "empty not equals", in: "a!=", want: "a!="},
		{name: "in", in: "env in (prod, staging)", want: "env in (prod,staging)"},
		{name: "in sorted and deduplicated", in: "env in (z,a,z)", want: "env in (a,z)"},
		{name: "in and not", in: "env in (prod, staging),!canary", want: "!canary,env in (prod,staging)"},
		{name: "notin", in: "x notin (a,b)", want: "x notin (a,b)"},
		{name: "in without blank before paren", in: "x in(a)", want: "x in (a)"},
		{name: "empty set", in: "x in ()", want: "x in ()"},
		{name: "leading empty value", in: "x in (,a)", want: "x in (,a)"},
		{name: "trailing empty value", in: "x in (a,)", want: "x in (,a)"},
		{name: "middle empty value", in: "x in (a,,b)", want: "x in (,a,b)"},
		{name: "only commas", in: "x notin (,,)", want: "x notin ()"},
		{name: "keyword as key", in: "in in (in,notin)", want: "in in (in,notin)"},
		{name: "keyword notin as key", in: "notin=in", want: "notin=in"},
		{name: "keyword key exists", in: "!notin,in", want: "in,!notin"},
		{name: "greater than", in: "replicas>2", want: "replicas>2"},
		{name: "less than", in: "replicas < 10", want: "replicas<10"},
		{name: "prefixed key", in: "example.com/app=web", want: "example.com/app=web"},
		{name: "same key kept in order", in: "a!=x,a!=b", want: "a!=x,a!=b"},
		{name: "same key other order", in: "a!=b,a!=x", want: "a!=b,a!=x"},
		{name: "many", in: "z,y=1,x in (a),!w,v notin (b),u>3", want: "u>3,v notin (b),!w,x in (a),y=1,z"},
		{name: "max length value", in: "a=" + strings.Repeat("v", 63), want: "a=" + strings.Repeat("v", 63)},

		{name: "trailing comma", in: "a,", wantErr: "found '', expected: identifier after ','"},
		{name: "leading comma", in: ",a", wantErr: "found ',', expected: !, identifier, or 'end of string'"},
		{name: "double comma", in: "a,,b", wantErr: "found ',', expected: identifier after ','"},
		{name: "operator first", in: "=a", wantErr: "found '=', expected: !, identifier, or 'end of string'"},
		{name: "bang alone", in: "!", wantErr: "unable to parse requirement: found '', expected: identifier"},
		{name: "double bang", in: "!!a", wantErr: "found '!', expected: identifier"},
		{name: "negated with value", in: "!a=b", wantErr: "found '=', expected: ',' or 'end of string'"},
		{name: "two keys", in: "a b", wantErr: "found 'b', expected: in, notin, =, ==, !=, gt, lt"},
		{name: "unknown operator", in: "a in", wantErr: "found '' expected: '('"},
		{name: "in without parens", in: "a in b", wantErr: "found 'b' expected: '('"},
		{name: "unclosed set", in: "a in (b", wantErr: "found '', expected: ',' or ')'"},
		{name: "set missing comma", in: "a in (b c)", wantErr: "found 'c', expected: ',' or ')'"},
		{name: "set bad start", in: "a in (=)", wantErr: "found '=', expected: ',', ')' or identifier"},
		{name: "set bad after comma", in: "a in (b,=)", wantErr: "found '=', expected: ',', or identifier"},
		{name: "set unclosed after comma", in: "a in (b,", wantErr: "found '', expected: ',', or identifier"},
		{name: "junk after set", in: "a in (b) c", wantErr: "found 'c', expected: ',' or 'end of string'"},
		{name: "value then junk", in: "a=b c", wantErr: "found 'c', expected: ',' or 'end of string'"},
		{name: "paren as value", in: "a=(b)", wantErr: "found '(', expected: identifier"},
		{name: "triple equals", in: "a===b", wantErr: "found '=', expected: identifier"},
		{name: "invalid key", in: "a b c=d", wantErr: "found 'b', expected"},
		{name: "key with bad chars", in: "-a=b", wantErr: `key: Invalid value: "-a": name part must consist of alphanumeric characters`},
		{name: "key two slashes", in: "a/b/c", wantErr: "a qualified name must consist of"},
		{name: "key too long", in: strings.Repeat("k", 64), wantErr: "name part must be no more than 63 characters"},
		{name: "invalid value", in: "a=-b", wantErr: `values[0][a]: Invalid value: "-b": a valid label must be an empty string`},
		{name: "value too long", in: "a=" + strings.Repeat("v", 64), wantErr: "must be no more than 63 characters"},
		{name: "invalid set value", in: "a in (ok,b_)", wantErr: `values[1][a]: Invalid value: "b_"`},
		{name: "gt not integer", in: "a>b", wantErr: "for 'Gt', 'Lt' operators, the value must be an integer"},
		{name: "gt empty", in: "a>", wantErr: "for 'Gt', 'Lt' operators, the value must be an integer"},
		{name: "gt negative is not a label value", in: "a>-1", wantErr: `values[0][a]: Invalid value: "-1"`},
		{name: "gt overflow", in: "a>99999999999999999999", wantErr: "the value must be an integer"},
		{name: "greater or equal", in: "a>=1", wantErr: "found '=', expected: identifier"},
		{name: "unicode key", in: "ключ", wantErr: "name part must consist of"},
		{name: "nul byte", in: "a\x00b", wantErr: "name part must consist of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sel, err := Parse(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("Parse(%q) = %q, want error containing %q", tt.in, sel, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Parse(%q) error = %q, want it to contain %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := sel.String(); got != tt.want {
				t.Fatalf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
			again, err := Parse(sel.String())
			if err != nil {
				t.Fatalf("re-Parse(%q): %v", sel.String(), err)
			}
			if again.String() != tt.want {
				t.Fatalf("re-Parse(%q).String() = %q", sel.String(), again.String())
			}
		})
	}
}

func TestParseErrorPrefix(t *testing.T) {
	t.Parallel()
	_, err := Parse("env=prod,Bad Key")
	if err == nil {
		t.Fatal("want error")
	}
	const want = "unable to parse requirement: found 'Key', expected: in, notin, =, ==, !=, gt, lt"
	if err.Error() != want {
		t.Fatalf("error = %q, want %q", err, want)
	}
}

func TestParseRequirements(t *testing.T) {
	t.Parallel()
	sel, err := Parse("x in (b,a), !y, z>5")
	if err != nil {
		t.Fatal(err)
	}
	reqs, selectable := sel.Requirements()
	if !selectable {
		t.Fatal("selectable = false")
	}
	type want struct {
		key    string
		op     Operator
		values []string
	}
	wants := []want{
		{"x", In, []string{"a", "b"}},
		{"y", DoesNotExist, nil},
		{"z", GreaterThan, []string{"5"}},
	}
	if len(reqs) != len(wants) {
		t.Fatalf("got %d requirements (%v), want %d", len(reqs), reqs, len(wants))
	}
	for i, w := range wants {
		r := reqs[i]
		if r.Key() != w.key || r.Operator() != w.op || strings.Join(r.Values(), ",") != strings.Join(w.values, ",") {
			t.Errorf("requirement %d = (%q, %q, %q), want (%q, %q, %q)", i, r.Key(), r.Operator(), r.Values(), w.key, w.op, w.values)
		}
	}
	if got, want := reqs.String(), "x in (a,b), !y, z>5"; got != want {
		t.Errorf("Requirements.String() = %q, want %q", got, want)
	}
}
