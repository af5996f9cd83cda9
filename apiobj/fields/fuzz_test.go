package fields

import "testing"

// FuzzParseFieldSelector checks that ParseSelector never panics, that String
// of a parsed selector parses again to the same String (a fixed point), and
// that both selectors agree on field sets built from the selector's terms, and
// that every matching set holds the values RequiresExactMatch reports.
func FuzzParseFieldSelector(f *testing.F) {
	for _, seed := range []string{
		"", ",,", "spec.nodeName=node-1", "a==b", "status.phase!=Running", "b=2,a=1", "a=b,a!=c",
		"a=", "=a", "=,!=,a=b", "a = b", `a=x\,y`, `a=x\=y`, `a=x\\y`, `a=x\\,b=y`, `a=\=b`,
		`a!=\=b`, "a=!b", "a!b=c", `a\=b`, `a\!=b`, `a\,b=c`, "a", "a=b=c", "a===b", `a=\b`,
		`a=\!`, `a=b\`, "a=\xff", `a=\` + "\xff",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sel, err := ParseSelector(in)
		if err != nil {
			return
		}
		s1 := sel.String()
		sel2, err := ParseSelector(s1)
		if err != nil {
			t.Fatalf("ParseSelector(%q) ok, but its String %q does not parse: %v", in, s1, err)
		}
		if s2 := sel2.String(); s2 != s1 {
			t.Fatalf("String not a fixed point: %q -> %q -> %q", in, s1, s2)
		}
		reqs := sel.Requirements()
		probes := []Set{nil, {}}
		all := Set{}
		for _, r := range reqs {
			probes = append(probes, Set{r.Field: r.Value}, Set{r.Field: r.Value + "x"}, Set{r.Field: ""})
			all[r.Field] = r.Value
		}
		probes = append(probes, all)
		for _, fs := range probes {
			if a, b := sel.Matches(fs), sel2.Matches(fs); a != b {
				t.Fatalf("%q and %q disagree on %v: %v, %v", s1, sel2.String(), fs, a, b)
			}
			if !sel.Matches(fs) {
				continue
			}
			// Whatever matches has the value RequiresExactMatch promises.
			for _, r := range reqs {
				if v, ok := sel.RequiresExactMatch(r.Field); ok && fs.Get(r.Field) != v {
					t.Fatalf("%q matches %v but requires %s=%q", s1, fs, r.Field, v)
				}
			}
		}
	})
}
