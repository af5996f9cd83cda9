package crdschema

import (
	"encoding/base64"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// formats holds a check for every string format that Kubernetes validates
// for custom resources. Other formats, including the numeric int32, int64,
// float and double, are not checked, as in Kubernetes (the numeric ones
// only describe the type).
var formats = map[string]func(string) bool{
	"bsonobjectid": bsonObjectIDRe.MatchString,
	"uri":          isURI,
	"email":        isEmail,
	"hostname":     isHostname,
	"ipv4":         isIPv4,
	"ipv6":         isIPv6,
	"cidr":         isCIDR,
	"mac":          isMAC,
	"uuid":         uuidRe.MatchString,
	"uuid3":        uuid3Re.MatchString,
	"uuid4":        uuid4Re.MatchString,
	"uuid5":        uuid5Re.MatchString,
	"ssn":          ssnRe.MatchString,
	"hexcolor":     hexColorRe.MatchString,
	"rgbcolor":     rgbColorRe.MatchString,
	"byte":         isBase64,
	"password":     func(string) bool { return true },
	"date":         isDate,
	"date-time":    isDateTime,
	"datetime":     isDateTime,
	"duration":     isDuration,
}

var (
	bsonObjectIDRe = regexp.MustCompile(`^[0-9a-fA-F]{24}$`)
	uuidRe         = regexp.MustCompile(`(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$`)
	uuid3Re        = regexp.MustCompile(`(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$`)
	uuid4Re        = regexp.MustCompile(`(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$`)
	uuid5Re        = regexp.MustCompile(`(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$`)
	ssnRe          = regexp.MustCompile(`^\d{3}[- ]?\d{2}[- ]?\d{4}$`)
	hexColorRe     = regexp.MustCompile(`^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
	rgbColorRe     = regexp.MustCompile(`^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$`)
	hostLabelRe    = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`)
	durationPartRe = regexp.MustCompile(`^\s*(\d+(?:\.\d+)?)\s*([a-zA-Zµ]+)`)
)

// checkFormat reports whether s is valid for format; unknown formats pass.
func checkFormat(format, s string) bool {
	f, ok := formats[format]
	return !ok || f(s)
}

func isURI(s string) bool {
	_, err := url.ParseRequestURI(s)
	return err == nil
}

func isEmail(s string) bool {
	_, err := mail.ParseAddress(s)
	return err == nil
}

// isHostname checks an RFC 1034 host name: dot-separated labels of letters,
// digits and inner hyphens, each at most 63 characters, at most 255 in all.
func isHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 255 {
		return false
	}
	for _, l := range strings.Split(s, ".") {
		if len(l) > 63 || !hostLabelRe.MatchString(l) {
			return false
		}
	}
	return true
}

func isIPv4(s string) bool {
	ip := net.ParseIP(s)
	return ip != nil && !strings.Contains(s, ":")
}

func isIPv6(s string) bool {
	ip := net.ParseIP(s)
	return ip != nil && strings.Contains(s, ":")
}

func isCIDR(s string) bool {
	_, _, err := net.ParseCIDR(s)
	return err == nil
}

func isMAC(s string) bool {
	_, err := net.ParseMAC(s)
	return err == nil
}

func isBase64(s string) bool {
	_, err := base64.StdEncoding.DecodeString(s)
	return err == nil
}

func isDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// isDateTime accepts RFC 3339 date-times, with any fraction of a second and
// "t" and "z" in either case.
func isDateTime(s string) bool {
	_, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s))
	return err == nil
}

// durationUnits are the units a duration may use besides Go's own syntax.
var durationUnits = map[string]bool{
	"ns": true, "us": true, "µs": true, "ms": true, "s": true, "m": true, "h": true, "d": true, "w": true,
	"nanosecond": true, "nanoseconds": true, "microsecond": true, "microseconds": true,
	"millisecond": true, "milliseconds": true, "second": true, "seconds": true, "sec": true, "secs": true,
	"minute": true, "minutes": true, "min": true, "mins": true, "hour": true, "hours": true, "hr": true, "hrs": true,
	"day": true, "days": true, "week": true, "weeks": true,
}

// isDuration accepts Go durations ("1h30m") and sequences of a number and a
// unit, with optional spaces, as Kubernetes does ("22 ns", "3d", "2 weeks").
func isDuration(s string) bool {
	if _, err := time.ParseDuration(s); err == nil {
		return true
	}
	rest := s
	parts := 0
	for strings.TrimSpace(rest) != "" {
		m := durationPartRe.FindStringSubmatch(rest)
		if m == nil || !durationUnits[strings.ToLower(m[2])] {
			return false
		}
		rest = rest[len(m[0]):]
		parts++
	}
	return parts > 0
}
