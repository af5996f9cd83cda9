package labels

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Operator relates a Requirement's key to its values. The string values are
// Kubernetes' selection operators.
type Operator string

// The operators. Parse writes Exists as a bare key, DoesNotExist as "!key",
// GreaterThan as ">" and LessThan as "<".
const (
	DoesNotExist Operator = "!"
	Equals       Operator = "="
	DoubleEquals Operator = "=="
	In           Operator = "in"
	NotEquals    Operator = "!="
	NotIn        Operator = "notin"
	Exists       Operator = "exists"
	GreaterThan  Operator = "gt"
	LessThan     Operator = "lt"
)

// supportedOperators lists the operators in the order Kubernetes reports them.
var supportedOperators = []Operator{In, NotIn, Equals, DoubleEquals, NotEquals, GreaterThan, LessThan, Exists, DoesNotExist}

// Requirement is one condition of a Selector: a key, an operator and values.
// Build one with NewRequirement; the zero Requirement matches nothing.
// A Requirement is immutable.
type Requirement struct {
	key    string
	op     Operator
	values []string // sorted, without duplicates; shared between copies, never written
	bound  int64    // the integer operand of GreaterThan and LessThan
}

// Requirements is a conjunction of Requirements.
type Requirements []Requirement

// NewRequirement validates key, op and values as Kubernetes does and returns
// the Requirement:
//   - key must be a qualified name (see ValidateQualifiedName);
//   - In and NotIn need at least one value;
//   - Equals, DoubleEquals and NotEquals need exactly one;
//   - Exists and DoesNotExist need none;
//   - GreaterThan and LessThan need exactly one, a base-10 int64;
//   - every value must be a valid label value (see ValidateLabelValue); the
//     empty string is one.
//
// The error lists every problem found. Duplicate values are dropped and the
// values are kept sorted; vals is not retained.
func NewRequirement(key string, op Operator, vals []string) (Requirement, error) {
	var errs []string
	if msgs := ValidateQualifiedName(key); len(msgs) != 0 {
		errs = append(errs, invalid("key", key, strings.Join(msgs, "; ")))
	}
	var bound int64
	switch op {
	case In, NotIn:
		if len(vals) == 0 {
			errs = append(errs, invalid("values", vals, "for 'in', 'notin' operators, values set can't be empty"))
		}
	case Equals, DoubleEquals, NotEquals:
		if len(vals) != 1 {
			errs = append(errs, invalid("values", vals, "exact-match compatibility requires one single value"))
		}
	case Exists, DoesNotExist:
		if len(vals) != 0 {
			errs = append(errs, invalid("values", vals, "values set must be empty for exists and does not exist"))
		}
	case GreaterThan, LessThan:
		if len(vals) != 1 {
			errs = append(errs, invalid("values", vals, "for 'Gt', 'Lt' operators, exactly one value is required"))
		}
		for i, v := range vals {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				errs = append(errs, invalid(fmt.Sprintf("values[%d]", i), v, "for 'Gt', 'Lt' operators, the value must be an integer"))
			}
			bound = n
		}
	default:
		quoted := make([]string, len(supportedOperators))
		for i, o := range supportedOperators {
			quoted[i] = strconv.Quote(string(o))
		}
		errs = append(errs, fmt.Sprintf("operator: Unsupported value: %q: supported values: %s", string(op), strings.Join(quoted, ", ")))
	}
	for i, v := range vals {
		if msgs := ValidateLabelValue(v); len(msgs) != 0 {
			errs = append(errs, invalid(fmt.Sprintf("values[%d][%s]", i, key), v, strings.Join(msgs, "; ")))
		}
	}
	if len(errs) != 0 {
		return Requirement{}, aggregate(errs)
	}
	values := slices.Clone(vals)
	slices.Sort(values)
	values = slices.Compact(values)
	return Requirement{key: key, op: op, values: values, bound: bound}, nil
}

// invalid words one problem as a Kubernetes field error does.
func invalid(path string, bad any, detail string) string {
	var shown string
	switch b := bad.(type) {
	case string:
		shown = strconv.Quote(b)
	default:
		shown = fmt.Sprintf("%#v", b)
	}
	return path + ": Invalid value: " + shown + ": " + detail
}

// aggregate joins problems as Kubernetes' aggregate errors do: one problem
// alone, several as "[a, b]", duplicates once.
func aggregate(msgs []string) error {
	var uniq []string
	for _, m := range msgs {
		if !slices.Contains(uniq, m) {
			uniq = append(uniq, m)
		}
	}
	if len(uniq) == 1 {
		return errors.New(uniq[0])
	}
	return errors.New("[" + strings.Join(uniq, ", ") + "]")
}

// Key returns the label key the Requirement is about.
func (r Requirement) Key() string { return r.key }

// Operator returns the Requirement's operator.
func (r Requirement) Operator() Operator { return r.op }

// Values returns a sorted copy of the Requirement's values, without duplicates.
func (r Requirement) Values() []string { return slices.Clone(r.values) }

// Equal reports whether r and x have the same key, operator and values.
func (r Requirement) Equal(x Requirement) bool {
	return r.key == x.key && r.op == x.op && slices.Equal(r.values, x.values)
}

// Matches reports whether ls satisfies r:
//   - In, Equals, DoubleEquals: the key is present with one of the values;
//   - NotIn, NotEquals: the key is absent, or present with none of the values;
//   - Exists, DoesNotExist: the key is present, absent;
//   - GreaterThan, LessThan: the key is present, its value parses as a base-10
//     int64, and it is greater, less than the Requirement's value.
func (r Requirement) Matches(ls Labels) bool {
	switch r.op {
	case In, Equals, DoubleEquals:
		v, ok := lookup(ls, r.key)
		return ok && r.hasValue(v)
	case NotIn, NotEquals:
		v, ok := lookup(ls, r.key)
		return !ok || !r.hasValue(v)
	case Exists:
		return ls.Has(r.key)
	case DoesNotExist:
		return !ls.Has(r.key)
	case GreaterThan, LessThan:
		v, ok := lookup(ls, r.key)
		if !ok {
			return false
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return false
		}
		if r.op == GreaterThan {
			return n > r.bound
		}
		return n < r.bound
	}
	return false
}

func (r Requirement) hasValue(v string) bool {
	for _, x := range r.values {
		if x == v {
			return true
		}
	}
	return false
}

// String renders r in the selector syntax that Parse reads: "k=v", "k==v",
// "k!=v", "k in (a,b)", "k notin (a,b)", "k", "!k", "k>1", "k<1".
func (r Requirement) String() string {
	var b strings.Builder
	b.Grow(len(r.key) + 8 + 8*len(r.values))
	if r.op == DoesNotExist {
		b.WriteByte('!')
	}
	b.WriteString(r.key)
	switch r.op {
	case Equals, DoubleEquals, NotEquals:
		b.WriteString(string(r.op))
	case GreaterThan:
		b.WriteByte('>')
	case LessThan:
		b.WriteByte('<')
	case In, NotIn:
		b.WriteString(" " + string(r.op) + " (")
		writeValues(&b, r.values)
		b.WriteByte(')')
		return b.String()
	default:
		return b.String()
	}
	writeValues(&b, r.values)
	return b.String()
}

func writeValues(b *strings.Builder, values []string) {
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(v)
	}
}

// String renders the Requirements joined by ", ".
func (rs Requirements) String() string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}
