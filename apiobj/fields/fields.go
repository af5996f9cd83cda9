package fields

import (
	"sort"
	"strings"
)

// Fields is what a Selector matches against: an object's selectable fields.
type Fields interface {
	// Has reports whether the field is present.
	Has(field string) bool
	// Get returns the field's value, or "" when it is absent.
	Get(field string) string
}

// Set is a map of field names to values. The nil Set has no fields.
type Set map[string]string

var _ Fields = Set(nil)

// Has reports whether field is in the set.
func (s Set) Has(field string) bool {
	_, ok := s[field]
	return ok
}

// Get returns field's value, or "" when it is absent.
func (s Set) Get(field string) string { return s[field] }

// String renders the set as "f1=v1,f2=v2", the "f=v" pairs in byte order as
// Kubernetes sorts them. Values are not escaped; use SelectorFromSet(s).String()
// for a string that ParseSelector reads back.
func (s Set) String() string {
	pairs := make([]string, 0, len(s))
	for f, v := range s {
		pairs = append(pairs, f+"="+v)
	}
	sort.Strings(pairs)
	return strings.Join(pairs, ",")
}
