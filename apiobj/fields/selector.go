package fields

import (
	"fmt"
	"slices"
	"strings"
)

// Operator relates a Requirement's field to its value. The string values are
// Kubernetes' selection operators.
type Operator string

// The operators a field selector supports. ParseSelector reads "==" as Equals.
const (
	Equals    Operator = "="
	NotEquals Operator = "!="
)

// Requirement is one term of a field selector.
type Requirement struct {
	Operator Operator
	Field    string
	Value    string
}

// Requirements is a conjunction of Requirements.
type Requirements []Requirement

// Matches reports whether f satisfies r. An absent field reads as "". A
// Requirement with an unknown Operator matches nothing.
func (r Requirement) Matches(f Fields) bool {
	switch r.Operator {
	case Equals:
		return f.Get(r.Field) == r.Value
	case NotEquals:
		return f.Get(r.Field) != r.Value
	}
	return false
}

// String renders r as a term ParseSelector reads, with the value escaped.
func (r Requirement) String() string {
	return r.Field + string(r.Operator) + EscapeValue(r.Value)
}

// Selector matches Fields. Implementations are immutable and safe for
// concurrent use.
type Selector interface {
	// Matches reports whether f satisfies every term.
	Matches(f Fields) bool
	// Empty reports whether the selector places no restriction.
	Empty() bool
	// String renders the selector in the syntax ParseSelector reads, terms
	// sorted, values escaped. Parse(s.String()) gives an equivalent selector
	// when s was parsed (field names are written as they are, so one built
	// from names holding "=" or "," does not round-trip).
	String() string
	// Requirements returns a copy of the terms, in String's order.
	Requirements() Requirements
	// RequiresExactMatch reports whether the selector requires field to equal
	// one value, and that value. When several terms require it, the first in
	// String's order wins.
	RequiresExactMatch(field string) (value string, found bool)
}

// selector is a conjunction of terms sorted by their String form.
type selector []Requirement

var _ Selector = selector(nil)

// Everything returns the selector that matches all fields. Its String is "".
func Everything() Selector { return selector(nil) }

// OneTermEqualSelector returns the selector "field=value".
func OneTermEqualSelector(field, value string) Selector {
	return selector{{Operator: Equals, Field: field, Value: value}}
}

// OneTermNotEqualSelector returns the selector "field!=value".
func OneTermNotEqualSelector(field, value string) Selector {
	return selector{{Operator: NotEquals, Field: field, Value: value}}
}

// SelectorFromSet returns a selector that requires every field of set to have
// its value. A nil or empty set gives Everything().
func SelectorFromSet(set Set) Selector {
	s := make(selector, 0, len(set))
	for f, v := range set {
		s = append(s, Requirement{Operator: Equals, Field: f, Value: v})
	}
	return newSelector(s)
}

// newSelector sorts terms into their canonical order, the byte order of their
// String forms. Kubernetes sorts the terms as written; sorting the canonical
// form gives the same order for canonical input and makes String a fixed
// point of ParseSelector for any input.
func newSelector(reqs []Requirement) selector {
	if len(reqs) == 0 {
		return nil
	}
	if len(reqs) > 1 {
		type keyed struct {
			key string
			req Requirement
		}
		ks := make([]keyed, len(reqs))
		for i, r := range reqs {
			ks[i] = keyed{r.String(), r}
		}
		slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
		for i := range ks {
			reqs[i] = ks[i].req
		}
	}
	return selector(reqs)
}

// ParseSelector reads a field selector: terms "field=value", "field==value"
// or "field!=value" separated by ",". Empty terms are skipped, so "" selects
// everything. A term is split at its first operator, so a field name cannot
// hold "=" or "!="; it is taken as written, blanks included. The value is
// unescaped with UnescapeValue. As in Kubernetes, a term whose field and value
// are both empty ("=", "!=") is dropped.
func ParseSelector(s string) (Selector, error) {
	terms := splitTerms(s)
	reqs := make([]Requirement, 0, len(terms))
	for _, term := range terms {
		if term == "" {
			continue
		}
		field, op, raw, ok := splitTerm(term)
		if !ok {
			return nil, fmt.Errorf("invalid selector: '%s'; can't understand '%s'", s, term)
		}
		value, err := UnescapeValue(raw)
		if err != nil {
			return nil, err
		}
		if field == "" && value == "" {
			continue
		}
		reqs = append(reqs, Requirement{Operator: op, Field: field, Value: value})
	}
	return newSelector(reqs), nil
}

// splitTerms splits s at each "," that is not escaped by a backslash. The
// terms keep their escapes.
func splitTerms(s string) []string {
	if s == "" {
		return nil
	}
	var terms []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++ // the next byte is data, whatever it is
		case ',':
			terms = append(terms, s[start:i])
			start = i + 1
		}
	}
	return append(terms, s[start:])
}

// splitTerm splits a term at its first "!=", "==" or "=".
func splitTerm(term string) (field string, op Operator, value string, ok bool) {
	for i := 0; i < len(term); i++ {
		switch {
		case strings.HasPrefix(term[i:], "!="):
			return term[:i], NotEquals, term[i+2:], true
		case strings.HasPrefix(term[i:], "=="):
			return term[:i], Equals, term[i+2:], true
		case term[i] == '=':
			return term[:i], Equals, term[i+1:], true
		}
	}
	return "", "", "", false
}

func (s selector) Matches(f Fields) bool {
	for i := range s {
		if !s[i].Matches(f) {
			return false
		}
	}
	return true
}

func (s selector) Empty() bool { return len(s) == 0 }

func (s selector) String() string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0].String()
	}
	var b strings.Builder
	for i := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i].String())
	}
	return b.String()
}

func (s selector) Requirements() Requirements { return Requirements(slices.Clone(s)) }

func (s selector) RequiresExactMatch(field string) (string, bool) {
	for i := range s {
		if s[i].Operator == Equals && s[i].Field == field {
			return s[i].Value, true
		}
	}
	return "", false
}

// TransformFunc rewrites one term's field and value, for example to map a
// field label of an older API version onto the current one.
type TransformFunc func(field, value string) (newField, newValue string, err error)

// Transform returns s with fn applied to every term, keeping each term's
// operator. A term that fn maps to an empty field and an empty value is
// dropped. The first error from fn is returned. A nil s is Everything().
func Transform(s Selector, fn TransformFunc) (Selector, error) {
	if s == nil {
		return Everything(), nil
	}
	reqs := s.Requirements()
	out := make([]Requirement, 0, len(reqs))
	for _, r := range reqs {
		f, v, err := fn(r.Field, r.Value)
		if err != nil {
			return nil, err
		}
		if f == "" && v == "" {
			continue
		}
		out = append(out, Requirement{Operator: r.Operator, Field: f, Value: v})
	}
	return newSelector(out), nil
}
