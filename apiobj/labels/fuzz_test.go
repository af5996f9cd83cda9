package labels

import (
	"strconv"
	"testing"
)

// FuzzParseSelector checks that Parse never panics, that String of a parsed
// selector parses again to the same String (a fixed point), and that both
// selectors agree on label sets built from the selector's own keys and values.
func FuzzParseSelector(f *testing.F) {
	for _, seed := range []string{
		"", " ", "app", "!app", "env=prod", "env==prod", "tier!=fe", "env=prod,tier!=fe",
		"env in (prod, staging),!canary", "x notin (a,b)", "x in ()", "x in (,a)", "x in (a,,b)",
		"in in (in,notin)", "notin=in", "a>5", "a<10", "a=", "a=,b", "example.com/app=web",
		"a,", ",a", "!", "!!a", "!a=b", "a b", "a in b", "a in (b", "a in (b c)", "a===b",
		"a>=1", "a\x00b", "ключ=значение", "a=b\tc", "\na = b\r\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sel, err := Parse(in)
		if err != nil {
			return
		}
		s1 := sel.String()
		sel2, err := Parse(s1)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String %q does not parse: %v", in, s1, err)
		}
		if s2 := sel2.String(); s2 != s1 {
			t.Fatalf("String not a fixed point: %q -> %q -> %q", in, s1, s2)
		}
		for _, ls := range probeSets(sel) {
			if a, b := sel.Matches(ls), sel2.Matches(ls); a != b {
				t.Fatalf("%q and %q disagree on %v: %v, %v", s1, sel2.String(), ls, a, b)
			}
		}
	})
}

// probeSets returns label sets that exercise sel's requirements: each key
// absent, present empty, present with each value, and with integers around
// each value.
func probeSets(sel Selector) []Set {
	reqs, _ := sel.Requirements()
	sets := []Set{nil, {}}
	all := Set{}
	for _, r := range reqs {
		cands := []string{"", "x", "0", "-1"}
		for _, v := range r.Values() {
			cands = append(cands, v)
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				cands = append(cands, strconv.FormatInt(n-1, 10), strconv.FormatInt(n+1, 10))
			}
		}
		for _, c := range cands {
			sets = append(sets, Set{r.Key(): c})
		}
		if vs := r.Values(); len(vs) > 0 {
			all[r.Key()] = vs[0]
		} else {
			all[r.Key()] = ""
		}
	}
	return append(sets, all)
}
