package labels

import (
	"slices"
	"strings"
)

// Selector matches label sets. Implementations are immutable and safe for
// concurrent use.
type Selector interface {
	// Matches reports whether ls satisfies every requirement.
	Matches(ls Labels) bool
	// Empty reports whether the selector places no restriction (it matches
	// everything). Nothing() is not empty.
	Empty() bool
	// String renders the selector in the syntax Parse reads; requirements are
	// sorted by key. Parse(s.String()) gives an equivalent selector when s was
	// parsed or built from valid requirements. Nothing() renders as "".
	String() string
	// Requirements returns a copy of the requirements, sorted by key, and
	// selectable=true; Nothing() returns nil, false.
	Requirements() (reqs Requirements, selectable bool)
	// Add returns a new selector with reqs added; the receiver is unchanged.
	// Adding to Nothing() gives Nothing().
	Add(reqs ...Requirement) Selector
}

// selector is a conjunction of requirements, stably sorted by key. A nil or
// empty selector matches everything.
type selector []Requirement

// nothing matches no labels.
type nothing struct{}

var (
	_ Selector = selector(nil)
	_ Selector = nothing{}
)

// Everything returns the selector that matches every label set. Its String is "".
func Everything() Selector { return selector(nil) }

// Nothing returns the selector that matches no label set. Its String is ""
// too, so it does not survive a round trip through the string syntax.
func Nothing() Selector { return nothing{} }

// SelectorFromSet returns a selector that requires every label in set, with
// its value (the Equals operator). A nil or empty set gives Everything().
// Like Kubernetes, it does not validate the set: a server rejects invalid
// keys or values when the selector is sent. See ValidatedSelectorFromSet.
func SelectorFromSet(set Set) Selector { return SelectorFromValidatedSet(set) }

// SelectorFromValidatedSet is SelectorFromSet for a set the caller has already
// validated; it does no validation. It copies the set.
func SelectorFromValidatedSet(set Set) Selector {
	if len(set) == 0 {
		return selector(nil)
	}
	s := make(selector, 0, len(set))
	for k, v := range set {
		s = append(s, Requirement{key: k, op: Equals, values: []string{v}})
	}
	sortByKey(s)
	return s
}

// ValidatedSelectorFromSet is SelectorFromSet with every key and value
// validated as NewRequirement does.
func ValidatedSelectorFromSet(set Set) (Selector, error) {
	if len(set) == 0 {
		return selector(nil), nil
	}
	s := make(selector, 0, len(set))
	for k, v := range set {
		r, err := NewRequirement(k, Equals, []string{v})
		if err != nil {
			return nil, err
		}
		s = append(s, r)
	}
	sortByKey(s)
	return s, nil
}

// sortByKey sorts by key, keeping the given order of requirements that share
// a key so that String is stable across Parse round trips.
func sortByKey(s []Requirement) {
	slices.SortStableFunc(s, func(a, b Requirement) int { return strings.Compare(a.key, b.key) })
}

func (s selector) Matches(ls Labels) bool {
	for i := range s {
		if !s[i].Matches(ls) {
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

func (s selector) Requirements() (Requirements, bool) {
	return Requirements(slices.Clone(s)), true
}

func (s selector) Add(reqs ...Requirement) Selector {
	out := make(selector, 0, len(s)+len(reqs))
	out = append(out, s...)
	out = append(out, reqs...)
	sortByKey(out)
	return out
}

func (nothing) Matches(Labels) bool                { return false }
func (nothing) Empty() bool                        { return false }
func (nothing) String() string                     { return "" }
func (nothing) Requirements() (Requirements, bool) { return nil, false }
func (n nothing) Add(...Requirement) Selector      { return n }
