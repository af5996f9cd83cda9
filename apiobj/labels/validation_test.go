package labels

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

const (
	qnameRegexMsg     = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
	subdomainRegexMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
	labelRegexMsg     = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
	valueRegexMsg     = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)

func TestValidateQualifiedName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{name: "simple", in: "app"},
		{name: "one char", in: "a"},
		{name: "mixed", in: "My_App-1.x"},
		{name: "prefixed", in: "example.com/MyName"},
		{name: "max name", in: strings.Repeat("a", 63)},
		{name: "max prefix", in: strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 61) + "/n"},
		{name: "empty", in: "", want: []string{"name part must be non-empty", "name part " + qnameRegexMsg}},
		{name: "leading dash", in: "-a", want: []string{"name part " + qnameRegexMsg}},
		{name: "trailing dot", in: "a.", want: []string{"name part " + qnameRegexMsg}},
		{name: "space", in: "a b", want: []string{"name part " + qnameRegexMsg}},
		{name: "trailing newline", in: "a\n", want: []string{"name part " + qnameRegexMsg}},
		{name: "too long", in: strings.Repeat("a", 64), want: []string{"name part must be no more than 63 characters"}},
		{name: "too long and bad", in: strings.Repeat("a", 64) + "-", want: []string{"name part must be no more than 63 characters", "name part " + qnameRegexMsg}},
		{name: "empty prefix", in: "/a", want: []string{"prefix part must be non-empty"}},
		{name: "empty name", in: "a/", want: []string{"name part must be non-empty", "name part " + qnameRegexMsg}},
		{name: "upper prefix", in: "Example.com/a", want: []string{"prefix part " + subdomainRegexMsg}},
		{name: "long prefix", in: strings.Repeat("a", 254) + "/a", want: []string{"prefix part must be no more than 253 characters"}},
		{name: "two slashes", in: "a/b/c", want: []string{"a qualified name " + qnameRegexMsg + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ValidateQualifiedName(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("ValidateQualifiedName(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestValidateLabelValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{name: "empty", in: ""},
		{name: "simple", in: "prod"},
		{name: "mixed", in: "1.2_b-C"},
		{name: "max", in: strings.Repeat("v", 63)},
		{name: "too long", in: strings.Repeat("v", 64), want: []string{"must be no more than 63 characters"}},
		{name: "slash", in: "a/b", want: []string{valueRegexMsg}},
		{name: "leading underscore", in: "_a", want: []string{valueRegexMsg}},
		{name: "both", in: strings.Repeat("v", 64) + ".", want: []string{"must be no more than 63 characters", valueRegexMsg}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ValidateLabelValue(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("ValidateLabelValue(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsDNS1123Label(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{name: "simple", in: "my-name"},
		{name: "digits", in: "123"},
		{name: "max", in: strings.Repeat("a", 63)},
		{name: "empty", in: "", want: []string{labelRegexMsg}},
		{name: "upper", in: "Name", want: []string{labelRegexMsg}},
		{name: "underscore", in: "a_b", want: []string{labelRegexMsg}},
		{name: "trailing dash", in: "a-", want: []string{labelRegexMsg}},
		{name: "dots", in: "a.b", want: []string{"must not contain dots"}},
		{name: "too long", in: strings.Repeat("a", 64), want: []string{"must be no more than 63 characters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := IsDNS1123Label(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("IsDNS1123Label(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsDNS1123Subdomain(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{name: "simple", in: "example.com"},
		{name: "one label", in: "a"},
		{name: "long label", in: strings.Repeat("a", 100)},
		{name: "max", in: strings.Repeat("a", 253)},
		{name: "empty", in: "", want: []string{subdomainRegexMsg}},
		{name: "leading dot", in: ".a", want: []string{subdomainRegexMsg}},
		{name: "trailing dot", in: "a.", want: []string{subdomainRegexMsg}},
		{name: "double dot", in: "a..b", want: []string{subdomainRegexMsg}},
		{name: "dash before dot", in: "a-.b", want: []string{subdomainRegexMsg}},
		{name: "upper", in: "A.b", want: []string{subdomainRegexMsg}},
		{name: "too long", in: strings.Repeat("a", 254), want: []string{"must be no more than 253 characters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := IsDNS1123Subdomain(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("IsDNS1123Subdomain(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

// TestValidatorsAgreeWithPatterns checks the hand-written matchers against the
// regular expressions Kubernetes quotes, on every short string over an
// alphabet that exercises each character class.
func TestValidatorsAgreeWithPatterns(t *testing.T) {
	t.Parallel()
	patterns := []struct {
		name  string
		re    *regexp.Regexp
		match func(string) bool
	}{
		{"qualified name part", regexp.MustCompile("^" + qualifiedNameFmt + "$"), isQualifiedNamePart},
		{"label value", regexp.MustCompile("^" + labelValueFmt + "$"), func(s string) bool { return s == "" || isQualifiedNamePart(s) }},
		{"dns1123 label", regexp.MustCompile("^" + dns1123LabelFmt + "$"), isDNS1123Label},
		{"dns1123 subdomain", regexp.MustCompile("^" + dns1123SubdomainFmt + "$"), isDNS1123Subdomain},
	}
	const alphabet = "aZ0-_./\n"
	var all []string
	var grow func(prefix string, n int)
	grow = func(prefix string, n int) {
		all = append(all, prefix)
		if n == 0 {
			return
		}
		for i := range len(alphabet) {
			grow(prefix+alphabet[i:i+1], n-1)
		}
	}
	grow("", 4)
	for _, p := range patterns {
		for _, s := range all {
			if got, want := p.match(s), p.re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v, pattern says %v", p.name, s, got, want)
			}
		}
	}
}
