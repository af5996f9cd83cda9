package labels

import (
	"sort"
	"strings"
)

// Labels is what a Selector matches against: a read-only view of a label map.
type Labels interface {
	// Has reports whether the label is present (possibly with an empty value).
	Has(key string) bool
	// Get returns the label's value, or "" when it is absent.
	Get(key string) string
}

// Lookuper is an optional ability of Labels: one lookup that reports the value
// and whether the label is present. Selectors use it when it is there.
type Lookuper interface {
	Lookup(key string) (value string, ok bool)
}

// Set is a map of label keys to values. The nil Set has no labels.
type Set map[string]string

var (
	_ Labels   = Set(nil)
	_ Lookuper = Set(nil)
)

// Has reports whether key is in the set.
func (s Set) Has(key string) bool {
	_, ok := s[key]
	return ok
}

// Get returns key's value, or "" when it is absent.
func (s Set) Get(key string) string { return s[key] }

// Lookup returns key's value and whether it is present.
func (s Set) Lookup(key string) (string, bool) {
	v, ok := s[key]
	return v, ok
}

// String renders the set as "k1=v1,k2=v2", the "k=v" pairs in byte order as
// Kubernetes sorts them. Values are not escaped.
func (s Set) String() string {
	pairs := make([]string, 0, len(s))
	for k, v := range s {
		pairs = append(pairs, k+"="+v)
	}
	sort.Strings(pairs)
	return strings.Join(pairs, ",")
}

// lookup reads key from ls with the fewest map reads ls allows.
func lookup(ls Labels, key string) (string, bool) {
	switch l := ls.(type) {
	case Set:
		v, ok := l[key]
		return v, ok
	case Lookuper:
		return l.Lookup(key)
	}
	if !ls.Has(key) {
		return "", false
	}
	return ls.Get(key), true
}
