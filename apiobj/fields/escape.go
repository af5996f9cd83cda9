package fields

import (
	"fmt"
	"strings"
)

var valueEscaper = strings.NewReplacer(`\`, `\\`, `,`, `\,`, `=`, `\=`)

// EscapeValue escapes s for use as a value in a field selector: "\", "," and
// "=" get a backslash in front. UnescapeValue reverses it.
func EscapeValue(s string) string { return valueEscaper.Replace(s) }

// UnescapeValue turns an escaped field selector value back into the literal
// value. The escapes are "\\", "\," and "\="; any other backslash sequence,
// a trailing backslash, and an unescaped "," or "=" are errors.
func UnescapeValue(s string) (string, error) {
	if !strings.ContainsAny(s, `\,=`) {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 == len(s) {
				return "", fmt.Errorf(`invalid field selector: invalid escape sequence: \`)
			}
			i++
			switch e := s[i]; e {
			case '\\', ',', '=':
				b.WriteByte(e)
			default:
				return "", fmt.Errorf(`invalid field selector: invalid escape sequence: \%s`, nextRune(s[i:]))
			}
		case ',', '=':
			return "", fmt.Errorf("invalid field selector: unescaped character in value: %q", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// nextRune returns the first UTF-8 sequence of s (one byte if s is not valid UTF-8 there).
func nextRune(s string) string {
	for i := range s {
		if i > 0 {
			return s[:i]
		}
	}
	return s
}
