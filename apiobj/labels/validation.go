package labels

import (
	"strconv"
	"strings"
)

// Length limits, in bytes, as Kubernetes sets them.
const (
	// QualifiedNameMaxLength bounds the name part of a qualified name (a label key).
	QualifiedNameMaxLength = 63
	// LabelValueMaxLength bounds a label value.
	LabelValueMaxLength = 63
	// DNS1123LabelMaxLength bounds an RFC 1123 label.
	DNS1123LabelMaxLength = 63
	// DNS1123SubdomainMaxLength bounds an RFC 1123 subdomain, and so the
	// prefix of a qualified name.
	DNS1123SubdomainMaxLength = 253
)

// The message texts and patterns below are the ones Kubernetes reports, so that
// clients see the same validation errors from orca. The patterns are quoted in
// messages only; matching is done by hand.
const (
	qualifiedNameFmt       = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
	qualifiedNameErrMsg    = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
	labelValueFmt          = "(" + qualifiedNameFmt + ")?"
	labelValueErrMsg       = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
	dns1123LabelFmt        = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
	dns1123LabelErrMsg     = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
	dns1123SubdomainFmt    = dns1123LabelFmt + "(\\." + dns1123LabelFmt + ")*"
	dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
	emptyErrMsg            = "must be non-empty"
)

// ValidateQualifiedName checks a qualified name, the form of a label or
// annotation key: an optional DNS-1123 subdomain prefix of at most 253 bytes
// and "/", then a name of 1 to 63 bytes of [A-Za-z0-9-_.] that starts and ends
// alphanumeric. It returns nil for a valid name, and otherwise one message per
// problem, worded as Kubernetes words them.
func ValidateQualifiedName(value string) []string {
	var errs []string
	name := value
	if i := strings.IndexByte(value, '/'); i >= 0 {
		if strings.IndexByte(value[i+1:], '/') >= 0 {
			return []string{"a qualified name " +
				regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc") +
				" with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"}
		}
		prefix := value[:i]
		name = value[i+1:]
		if prefix == "" {
			errs = append(errs, "prefix part "+emptyErrMsg)
		} else {
			for _, msg := range IsDNS1123Subdomain(prefix) {
				errs = append(errs, "prefix part "+msg)
			}
		}
	}
	if name == "" {
		errs = append(errs, "name part "+emptyErrMsg)
	} else if len(name) > QualifiedNameMaxLength {
		errs = append(errs, "name part "+maxLenError(QualifiedNameMaxLength))
	}
	if !isQualifiedNamePart(name) {
		errs = append(errs, "name part "+
			regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc"))
	}
	return errs
}

// ValidateLabelValue checks a label value: empty, or at most 63 bytes of
// [A-Za-z0-9-_.] that start and end alphanumeric. It returns nil for a valid
// value and otherwise Kubernetes' messages.
func ValidateLabelValue(value string) []string {
	var errs []string
	if len(value) > LabelValueMaxLength {
		errs = append(errs, maxLenError(LabelValueMaxLength))
	}
	if value != "" && !isQualifiedNamePart(value) {
		errs = append(errs, regexError(labelValueErrMsg, labelValueFmt, "MyValue", "my_value", "12345"))
	}
	return errs
}

// IsDNS1123Label checks an RFC 1123 label (the form of namespace names and
// many object names): 1 to 63 bytes of [a-z0-9-] that start and end
// alphanumeric. It returns nil for a valid label and otherwise Kubernetes'
// messages.
func IsDNS1123Label(value string) []string {
	var errs []string
	if len(value) > DNS1123LabelMaxLength {
		errs = append(errs, maxLenError(DNS1123LabelMaxLength))
	}
	if !isDNS1123Label(value) {
		if isDNS1123Subdomain(value) {
			// Only dots can make a valid subdomain an invalid label.
			errs = append(errs, "must not contain dots")
		} else {
			errs = append(errs, regexError(dns1123LabelErrMsg, dns1123LabelFmt, "my-name", "123-abc"))
		}
	}
	return errs
}

// IsDNS1123Subdomain checks an RFC 1123 subdomain (the form of most object
// names): at most 253 bytes of RFC 1123 labels joined by ".". It returns nil
// for a valid subdomain and otherwise Kubernetes' messages.
func IsDNS1123Subdomain(value string) []string {
	var errs []string
	if len(value) > DNS1123SubdomainMaxLength {
		errs = append(errs, maxLenError(DNS1123SubdomainMaxLength))
	}
	if !isDNS1123Subdomain(value) {
		errs = append(errs, regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, "example.com"))
	}
	return errs
}

func maxLenError(n int) string {
	return "must be no more than " + strconv.Itoa(n) + " characters"
}

// regexError words a pattern mismatch the way Kubernetes does, odd spacing
// included: "msg (e.g. 'a',  or 'b', regex used for validation is 're')".
func regexError(msg, pattern string, examples ...string) string {
	var b strings.Builder
	b.WriteString(msg)
	b.WriteString(" (e.g. ")
	for i, ex := range examples {
		if i > 0 {
			b.WriteString(" or ")
		}
		b.WriteString("'" + ex + "', ")
	}
	b.WriteString("regex used for validation is '" + pattern + "')")
	return b.String()
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isLowerAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

// isQualifiedNamePart matches ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9] with no length limit.
func isQualifiedNamePart(s string) bool {
	n := len(s)
	if n == 0 || !isAlnum(s[0]) || !isAlnum(s[n-1]) {
		return false
	}
	for i := 1; i < n-1; i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// isDNS1123Label matches [a-z0-9]([-a-z0-9]*[a-z0-9])? with no length limit.
func isDNS1123Label(s string) bool {
	n := len(s)
	if n == 0 || !isLowerAlnum(s[0]) || !isLowerAlnum(s[n-1]) {
		return false
	}
	for i := 1; i < n-1; i++ {
		if c := s[i]; !isLowerAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}

// isDNS1123Subdomain matches RFC 1123 labels joined by "." with no length limit.
func isDNS1123Subdomain(s string) bool {
	for {
		i := strings.IndexByte(s, '.')
		if i < 0 {
			return isDNS1123Label(s)
		}
		if !isDNS1123Label(s[:i]) {
			return false
		}
		s = s[i+1:]
	}
}
