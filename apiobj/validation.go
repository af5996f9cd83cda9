package apiobj

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/netip"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/apiobj/resource"
)

// Validation checks objects the way the Kubernetes API server does and
// reports each problem as a field.Error whose path, type and message match
// Kubernetes'. Validate functions never change their arguments.
//
// They expect defaulted objects, as the API server defaults before it
// validates. Unlike Kubernetes they also accept the zero value of fields that
// defaulting fills (a container's terminationMessagePolicy and
// imagePullPolicy, a port's protocol, a pod's restartPolicy and dnsPolicy, a
// Service's type and sessionAffinity, probe thresholds, and the like), so that
// an object validated before defaulting is not rejected for what defaulting
// would have fixed. Where the zero value is not what defaulting produces
// (a Job template's restartPolicy defaults to Always), it is checked as the
// defaulted value.

// ---- Name validation ----

// NameFunc validates an object name; prefix means the name is a
// generateName prefix, to which random characters will be appended. It
// returns one message per problem, nil for a valid name.
type NameFunc = func(name string, prefix bool) []string

// NameIsDNSSubdomain is the name rule of most kinds: an RFC 1123 subdomain.
func NameIsDNSSubdomain(name string, prefix bool) []string {
	if prefix {
		name = maskTrailingDash(name)
	}
	return labels.IsDNS1123Subdomain(name)
}

// NameIsDNSLabel is the name rule of Namespaces and a few other kinds: an
// RFC 1123 label.
func NameIsDNSLabel(name string, prefix bool) []string {
	if prefix {
		name = maskTrailingDash(name)
	}
	return labels.IsDNS1123Label(name)
}

// NameIsDNS1035Label is the name rule of Services: an RFC 1035 label.
func NameIsDNS1035Label(name string, prefix bool) []string {
	if prefix {
		name = maskTrailingDash(name)
	}
	return isDNS1035Label(name)
}

// NameIsPathSegment is the name rule of RBAC kinds and a few others: any
// name that can be one segment of a URL path.
func NameIsPathSegment(name string, prefix bool) []string {
	var errs []string
	if !prefix {
		for _, bad := range []string{".", ".."} {
			if name == bad {
				return []string{fmt.Sprintf("may not be '%s'", bad)}
			}
		}
	}
	for _, bad := range []string{"/", "%"} {
		if strings.Contains(name, bad) {
			errs = append(errs, fmt.Sprintf("may not contain '%s'", bad))
		}
	}
	return errs
}

// maskTrailingDash lets a generateName prefix end with '-': the random
// suffix will follow it.
func maskTrailingDash(name string) string {
	if len(name) > 1 && strings.HasSuffix(name, "-") {
		return name[:len(name)-1] + "a"
	}
	return name
}

// ---- Format checks that Kubernetes reports with fixed messages ----

const (
	dns1035LabelFmt      = "[a-z]([-a-z0-9]*[a-z0-9])?"
	dns1035LabelErrMsg   = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
	configMapKeyFmt      = "[-._a-zA-Z0-9]+"
	configMapKeyErrMsg   = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
	relaxedEnvVarErrMsg  = "a valid environment variable name must consist only of printable ASCII characters other than '='"
	httpHeaderNameFmt    = "[-A-Za-z0-9]+"
	httpHeaderNameErrMsg = "a valid HTTP header must consist of alphanumeric characters or '-'"
	percentFmt           = "[0-9]+%"
	percentErrMsg        = "a valid percent string must be a numeric string followed by an ending '%'"

	isNegativeErrorMsg    = "must be greater than or equal to 0"
	isNotPositiveErrorMsg = "must be greater than zero"
	isNotIntegerErrorMsg  = "must be an integer"
	fieldImmutableErrMsg  = "field is immutable"

	// totalAnnotationSizeLimit bounds the keys and values of an object's
	// annotations together.
	totalAnnotationSizeLimit = 256 << 10
)

// regexMsg words a pattern mismatch the way Kubernetes does.
func regexMsg(msg, pattern string, examples ...string) string {
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

func maxLenMsg(n int) string { return "must be no more than " + strconv.Itoa(n) + " characters" }

func inclusiveRangeMsg(lo, hi int64) string {
	return fmt.Sprintf("must be between %d and %d, inclusive", lo, hi)
}

func isLower(c byte) bool      { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isLowerAlnum(c byte) bool { return isLower(c) || isDigit(c) }
func isLetterOrDigit(c byte) bool {
	return isLower(c) || 'A' <= c && c <= 'Z' || isDigit(c)
}

// isDNS1035Label checks [a-z]([-a-z0-9]*[a-z0-9])? of at most 63 bytes.
func isDNS1035Label(s string) []string {
	var errs []string
	if len(s) > labels.DNS1123LabelMaxLength {
		errs = append(errs, maxLenMsg(labels.DNS1123LabelMaxLength))
	}
	ok := len(s) > 0 && isLower(s[0]) && isLowerAlnum(s[len(s)-1])
	for i := 1; ok && i < len(s)-1; i++ {
		ok = isLowerAlnum(s[i]) || s[i] == '-'
	}
	if !ok {
		errs = append(errs, regexMsg(dns1035LabelErrMsg, dns1035LabelFmt, "my-name", "abc-123"))
	}
	return errs
}

// isValidPortNum checks 1-65535.
func isValidPortNum(port int) []string {
	if 1 <= port && port <= 65535 {
		return nil
	}
	return []string{inclusiveRangeMsg(1, 65535)}
}

// isValidPortName checks an IANA_SVC_NAME: 1-15 of [a-z0-9-], at least one
// letter, no leading, trailing or doubled '-'.
func isValidPortName(port string) []string {
	var errs []string
	if len(port) > 15 {
		errs = append(errs, maxLenMsg(15))
	}
	letter, valid := false, len(port) > 0
	for i := 0; i < len(port); i++ {
		c := port[i]
		if isLower(c) {
			letter = true
		} else if !isDigit(c) && c != '-' {
			valid = false
		}
	}
	if !valid {
		errs = append(errs, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
	}
	if strings.Contains(port, "--") {
		errs = append(errs, "must not contain consecutive hyphens")
	}
	if len(port) > 0 && !letter {
		errs = append(errs, "must contain at least one letter (a-z)")
	}
	if strings.HasPrefix(port, "-") || strings.HasSuffix(port, "-") {
		errs = append(errs, "must not begin or end with a hyphen")
	}
	return errs
}

// isConfigMapKey checks a key of a ConfigMap or Secret.
func isConfigMapKey(key string) []string {
	var errs []string
	if len(key) > labels.DNS1123SubdomainMaxLength {
		errs = append(errs, maxLenMsg(labels.DNS1123SubdomainMaxLength))
	}
	ok := len(key) > 0
	for i := 0; ok && i < len(key); i++ {
		c := key[i]
		ok = isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'
	}
	if !ok {
		errs = append(errs, regexMsg(configMapKeyErrMsg, configMapKeyFmt, "key.name", "KEY_NAME", "key-name"))
	}
	switch {
	case key == ".":
		errs = append(errs, "must not be '.'")
	case key == "..":
		errs = append(errs, "must not be '..'")
	case strings.HasPrefix(key, ".."):
		errs = append(errs, "must not start with '..'")
	}
	return errs
}

// isRelaxedEnvVarName checks an environment variable name: printable ASCII
// other than '='.
func isRelaxedEnvVarName(name string) []string {
	if name == "" {
		return []string{"environment variable name must be non-empty"}
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 32 || c > 126 || c == '=' {
			return []string{relaxedEnvVarErrMsg}
		}
	}
	return nil
}

func isHTTPHeaderName(s string) []string {
	ok := len(s) > 0
	for i := 0; ok && i < len(s); i++ {
		ok = isLetterOrDigit(s[i]) || s[i] == '-'
	}
	if !ok {
		return []string{regexMsg(httpHeaderNameErrMsg, httpHeaderNameFmt, "X-Header-Name")}
	}
	return nil
}

// parsePercent returns the number of a "N%" string.
func parsePercent(s string) (int, bool) {
	num, ok := strings.CutSuffix(s, "%")
	if !ok || num == "" {
		return 0, false
	}
	for i := 0; i < len(num); i++ {
		if !isDigit(num[i]) {
			return 0, false
		}
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return math.MaxInt, true
	}
	return n, true
}

// parseIP parses an IP address in canonical form: no zones, no leading
// zeros, no IPv4-mapped IPv6.
func parseIP(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a, true
}

func validateIP(ip string, p *field.Path) field.ErrorList {
	if _, ok := parseIP(ip); !ok {
		return field.ErrorList{field.Invalid(p, ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")}
	}
	return nil
}

func validateCIDR(cidr string, p *field.Path) field.ErrorList {
	if pf, err := netip.ParsePrefix(cidr); err != nil || pf.Addr().Zone() != "" {
		return field.ErrorList{field.Invalid(p, cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")}
	}
	return nil
}

// validateNonSpecialIP rejects addresses that can never be an endpoint.
func validateNonSpecialIP(ip string, p *field.Path) field.ErrorList {
	a, ok := parseIP(ip)
	if !ok {
		return field.ErrorList{field.Invalid(p, ip, "must be a valid IP address")}
	}
	switch {
	case a.IsUnspecified():
		return field.ErrorList{field.Invalid(p, ip, fmt.Sprintf("may not be unspecified (%v)", ip))}
	case a.IsLoopback():
		return field.ErrorList{field.Invalid(p, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)")}
	case a.IsLinkLocalUnicast():
		return field.ErrorList{field.Invalid(p, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)")}
	case a.IsLinkLocalMulticast():
		return field.ErrorList{field.Invalid(p, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")}
	}
	return nil
}

// ---- Small field validators ----

func invalidEach(p *field.Path, value any, msgs []string) field.ErrorList {
	var errs field.ErrorList
	for _, m := range msgs {
		errs = append(errs, field.Invalid(p, value, m))
	}
	return errs
}

func validateNonnegative(v int64, p *field.Path) field.ErrorList {
	if v < 0 {
		return field.ErrorList{field.Invalid(p, v, isNegativeErrorMsg)}
	}
	return nil
}

func validatePositive(v int64, p *field.Path) field.ErrorList {
	if v <= 0 {
		return field.ErrorList{field.Invalid(p, v, isNotPositiveErrorMsg)}
	}
	return nil
}

func validateDNS1123Label(v string, p *field.Path) field.ErrorList {
	return invalidEach(p, v, labels.IsDNS1123Label(v))
}

func validateDNS1123Subdomain(v string, p *field.Path) field.ErrorList {
	return invalidEach(p, v, labels.IsDNS1123Subdomain(v))
}

func validateQualifiedName(v string, p *field.Path) field.ErrorList {
	return invalidEach(p, v, labels.ValidateQualifiedName(v))
}

// validateImmutable reports a changed value as Kubernetes' "field is immutable".
func validateImmutable(newVal, oldVal any, p *field.Path) field.ErrorList {
	if !semanticEqual(newVal, oldVal) {
		return field.ErrorList{field.Invalid(p, newVal, fieldImmutableErrMsg)}
	}
	return nil
}

var (
	quantityReflectType = reflect.TypeFor[resource.Quantity]()
	timeReflectType     = reflect.TypeFor[time.Time]()
)

// semanticEqual is reflect.DeepEqual except that quantities compare by
// value ("1" equals "1000m"), times by instant, and nil equals empty for
// slices and maps, the way Kubernetes' semantic equality treats them after
// decoding.
func semanticEqual(a, b any) bool {
	return semanticEqualValue(reflect.ValueOf(a), reflect.ValueOf(b))
}

func semanticEqualValue(a, b reflect.Value) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Type() {
	case quantityReflectType:
		if a.CanInterface() {
			return a.Interface().(resource.Quantity).Cmp(b.Interface().(resource.Quantity)) == 0
		}
	case timeReflectType:
		if a.CanInterface() {
			return a.Interface().(time.Time).Equal(b.Interface().(time.Time))
		}
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return semanticEqualValue(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if !semanticEqualValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !semanticEqualValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		it := a.MapRange()
		for it.Next() {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() || !semanticEqualValue(it.Value(), bv) {
				return false
			}
		}
		return true
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	case reflect.Complex64, reflect.Complex128:
		return a.Complex() == b.Complex()
	case reflect.String:
		return a.String() == b.String()
	}
	return a.CanInterface() && b.CanInterface() && reflect.DeepEqual(a.Interface(), b.Interface())
}

// setFields lists the JSON names of the non-nil pointer fields of the
// struct v points to (a union such as VolumeSource), in declaration order.
// Embedded structs are descended into.
func setFields(v any) []string {
	var out []string
	var walk func(rv reflect.Value)
	walk = func(rv reflect.Value) {
		t := rv.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			fv := rv.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(fv)
				continue
			}
			if f.Type.Kind() != reflect.Pointer || fv.IsNil() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			out = append(out, name)
		}
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	walk(rv)
	return out
}

func sortedKeys[M ~map[K]V, K ~string, V any](m M) []K {
	return slices.Sorted(maps.Keys(m))
}

// ---- Labels, annotations, selectors ----

// ValidateLabels checks label keys (qualified names) and values. Errors are
// reported at p, as Kubernetes does, not at p[key].
func ValidateLabels(ls map[string]string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(ls) {
		errs = append(errs, validateQualifiedName(k, p)...)
		errs = append(errs, invalidEach(p, ls[k], labels.ValidateLabelValue(ls[k]))...)
	}
	return errs
}

// ValidateAnnotations checks annotation keys (qualified names, in any case)
// and their total size, 256 KiB.
func ValidateAnnotations(as map[string]string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	total := 0
	for _, k := range sortedKeys(as) {
		errs = append(errs, invalidEach(p, k, labels.ValidateQualifiedName(strings.ToLower(k)))...)
		total += len(k) + len(as[k])
	}
	if total > totalAnnotationSizeLimit {
		errs = append(errs, field.TooLong(p, "", totalAnnotationSizeLimit))
	}
	return errs
}

// ValidateLabelSelector checks a structured label selector. A nil selector
// is valid here; kinds that require one check that themselves.
func ValidateLabelSelector(s *LabelSelector, p *field.Path) field.ErrorList {
	if s == nil {
		return nil
	}
	errs := ValidateLabels(s.MatchLabels, p.Child("matchLabels"))
	for i, r := range s.MatchExpressions {
		rp := p.Child("matchExpressions").Index(i)
		switch r.Operator {
		case LabelSelectorOpIn, LabelSelectorOpNotIn:
			if len(r.Values) == 0 {
				errs = append(errs, field.Required(rp.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
			}
		case LabelSelectorOpExists, LabelSelectorOpDoesNotExist:
			if len(r.Values) > 0 {
				errs = append(errs, field.Forbidden(rp.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
			}
		default:
			errs = append(errs, field.Invalid(rp.Child("operator"), string(r.Operator), "not a valid selector operator"))
		}
		errs = append(errs, validateQualifiedName(r.Key, rp.Child("key"))...)
		for j, v := range r.Values {
			errs = append(errs, invalidEach(rp.Child("values").Index(j), v, labels.ValidateLabelValue(v))...)
		}
	}
	return errs
}

// selectorMatches reports whether s selects a set of labels: a nil selector
// selects nothing, an empty one everything.
func selectorMatches(s *LabelSelector, ls map[string]string) bool {
	if s == nil {
		return false
	}
	for k, v := range s.MatchLabels {
		if got, ok := ls[k]; !ok || got != v {
			return false
		}
	}
	for _, r := range s.MatchExpressions {
		v, has := ls[r.Key]
		switch r.Operator {
		case LabelSelectorOpIn:
			if !has || !slices.Contains(r.Values, v) {
				return false
			}
		case LabelSelectorOpNotIn:
			if has && slices.Contains(r.Values, v) {
				return false
			}
		case LabelSelectorOpExists:
			if !has {
				return false
			}
		case LabelSelectorOpDoesNotExist:
			if has {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func selectorIsEmpty(s *LabelSelector) bool {
	return s != nil && len(s.MatchLabels)+len(s.MatchExpressions) == 0
}

// ---- ObjectMeta ----

// Finalizers that may be written without a domain prefix.
var standardFinalizers = []string{string(FinalizerKubernetes), "orphan", "foregroundDeletion"}

// ValidateObjectMeta checks the metadata of a new object: name (or
// generateName) with nameFn, namespace present exactly when namespaced,
// labels, annotations, owner references and finalizers. p is normally
// field.NewPath("metadata").
func ValidateObjectMeta(meta *ObjectMeta, namespaced bool, nameFn func(string, bool) []string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if meta.GenerateName != "" {
		errs = append(errs, invalidEach(p.Child("generateName"), meta.GenerateName, nameFn(meta.GenerateName, true))...)
	}
	if meta.Name == "" {
		if meta.GenerateName == "" {
			errs = append(errs, field.Required(p.Child("name"), "name or generateName is required"))
		}
	} else {
		errs = append(errs, invalidEach(p.Child("name"), meta.Name, nameFn(meta.Name, false))...)
	}
	if namespaced {
		if meta.Namespace == "" {
			errs = append(errs, field.Required(p.Child("namespace"), ""))
		} else {
			errs = append(errs, invalidEach(p.Child("namespace"), meta.Namespace, NameIsDNSLabel(meta.Namespace, false))...)
		}
	} else if meta.Namespace != "" {
		errs = append(errs, field.Forbidden(p.Child("namespace"), "not allowed on this type"))
	}
	return append(errs, validateObjectMetaCommon(meta, p)...)
}

func validateObjectMetaCommon(meta *ObjectMeta, p *field.Path) field.ErrorList {
	errs := validateNonnegative(meta.Generation, p.Child("generation"))
	errs = append(errs, ValidateLabels(meta.Labels, p.Child("labels"))...)
	errs = append(errs, ValidateAnnotations(meta.Annotations, p.Child("annotations"))...)
	errs = append(errs, validateOwnerReferences(meta.OwnerReferences, p.Child("ownerReferences"))...)
	errs = append(errs, validateFinalizers(meta.Finalizers, p.Child("finalizers"))...)
	return errs
}

func validateOwnerReferences(refs []OwnerReference, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	controller := ""
	for _, ref := range refs {
		gvk := FromAPIVersionAndKind(ref.APIVersion, ref.Kind)
		if gvk.Version == "" {
			errs = append(errs, field.Invalid(p.Child("apiVersion"), ref.APIVersion, "version must not be empty"))
		}
		if ref.Kind == "" {
			errs = append(errs, field.Invalid(p.Child("kind"), ref.Kind, "must not be empty"))
		}
		if ref.Name == "" {
			errs = append(errs, field.Invalid(p.Child("name"), ref.Name, "must not be empty"))
		}
		if ref.UID == "" {
			errs = append(errs, field.Invalid(p.Child("uid"), string(ref.UID), "must not be empty"))
		}
		if gvk == CoreV1.WithKind("Event") {
			errs = append(errs, field.Invalid(p, ref, fmt.Sprintf("%s is disallowed from being an owner", gvk)))
		}
		if ref.Controller != nil && *ref.Controller {
			name := ref.Kind + "/" + ref.Name
			if controller != "" {
				errs = append(errs, field.Invalid(p, refs, fmt.Sprintf(
					"Only one reference can have Controller set to true. Found \"true\" in references for %v and %v", controller, name)))
			} else {
				controller = name
			}
		}
	}
	return errs
}

func validateFinalizers(finalizers []string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, f := range finalizers {
		errs = append(errs, validateFinalizerName(f, p.Index(i))...)
	}
	if slices.Contains(finalizers, "orphan") && slices.Contains(finalizers, "foregroundDeletion") {
		errs = append(errs, field.Invalid(p, finalizers, "finalizer orphan and foregroundDeletion cannot be both set"))
	}
	return errs
}

func validateFinalizerName(f string, p *field.Path) field.ErrorList {
	errs := validateQualifiedName(f, p)
	if !strings.Contains(f, "/") && !slices.Contains(standardFinalizers, f) {
		errs = append(errs, field.Invalid(p, f, "name is neither a standard finalizer name nor is it fully qualified"))
	}
	return errs
}

// ValidateObjectMetaUpdate checks the metadata of an update: name,
// namespace, uid, creationTimestamp, deletionTimestamp and
// deletionGracePeriodSeconds are immutable, generation may not decrease,
// resourceVersion is required, and a terminating object may not gain
// finalizers. Labels, annotations, owner references and finalizers are
// checked as on create. p is normally field.NewPath("metadata").
//
// The API server fills resourceVersion from storage for unconditional
// updates before it validates, as Kubernetes does.
func ValidateObjectMetaUpdate(meta, old *ObjectMeta, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if old.DeletionTimestamp != nil {
		var added []string
		for _, f := range meta.Finalizers {
			if !slices.Contains(old.Finalizers, f) && !slices.Contains(added, f) {
				added = append(added, f)
			}
		}
		if len(added) > 0 {
			slices.Sort(added)
			errs = append(errs, field.Forbidden(p.Child("finalizers"), fmt.Sprintf(
				"no new finalizers can be added if the object is being deleted, found new finalizers %#v", added)))
		}
	}
	if meta.ResourceVersion == "" {
		errs = append(errs, field.Invalid(p.Child("resourceVersion"), meta.ResourceVersion, "must be specified for an update"))
	}
	if meta.Generation < old.Generation {
		errs = append(errs, field.Invalid(p.Child("generation"), meta.Generation, "must not be decremented"))
	}
	errs = append(errs, validateImmutable(meta.Name, old.Name, p.Child("name"))...)
	errs = append(errs, validateImmutable(meta.Namespace, old.Namespace, p.Child("namespace"))...)
	errs = append(errs, validateImmutable(string(meta.UID), string(old.UID), p.Child("uid"))...)
	if !meta.CreationTimestamp.Equal(old.CreationTimestamp) {
		errs = append(errs, field.Invalid(p.Child("creationTimestamp"), meta.CreationTimestamp, fieldImmutableErrMsg))
	}
	if (meta.DeletionTimestamp == nil) != (old.DeletionTimestamp == nil) ||
		meta.DeletionTimestamp != nil && !meta.DeletionTimestamp.Equal(*old.DeletionTimestamp) {
		errs = append(errs, field.Invalid(p.Child("deletionTimestamp"), meta.DeletionTimestamp, fieldImmutableErrMsg))
	}
	errs = append(errs, validateImmutable(meta.DeletionGracePeriodSeconds, old.DeletionGracePeriodSeconds, p.Child("deletionGracePeriodSeconds"))...)
	errs = append(errs, ValidateLabels(meta.Labels, p.Child("labels"))...)
	errs = append(errs, ValidateAnnotations(meta.Annotations, p.Child("annotations"))...)
	errs = append(errs, validateOwnerReferences(meta.OwnerReferences, p.Child("ownerReferences"))...)
	errs = append(errs, validateFinalizers(meta.Finalizers, p.Child("finalizers"))...)
	return errs
}

var metadataPath = field.NewPath("metadata")

// validateMeta is ValidateObjectMeta at metadata.
func validateMeta(meta *ObjectMeta, namespaced bool, nameFn NameFunc) field.ErrorList {
	return ValidateObjectMeta(meta, namespaced, nameFn, metadataPath)
}

// validateMetaUpdate is ValidateObjectMetaUpdate at metadata.
func validateMetaUpdate(meta, old *ObjectMeta) field.ErrorList {
	return ValidateObjectMetaUpdate(meta, old, metadataPath)
}

// ---- Pod ----

// podSpecContext carries what pod spec validation needs beyond the spec.
type podSpecContext struct {
	// isPod is true for a Pod, false for a pod template.
	isPod bool
}

var (
	supportedPortProtocols = []Protocol{ProtocolSCTP, ProtocolTCP, ProtocolUDP}
	restartPolicies        = []RestartPolicy{RestartPolicyAlways, RestartPolicyOnFailure, RestartPolicyNever}
	dnsPolicies            = []DNSPolicy{DNSClusterFirstWithHostNet, DNSClusterFirst, DNSDefault, DNSNone}
	pullPolicies           = []PullPolicy{PullAlways, PullIfNotPresent, PullNever}
	taintEffects           = []TaintEffect{TaintEffectNoSchedule, TaintEffectPreferNoSchedule, TaintEffectNoExecute}
)

// updatablePodSpecFields is the list in Kubernetes' Forbidden message for
// pod spec updates.
const podUpdateForbiddenMsg = "pod updates may not change fields other than " +
	"`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`," +
	"`spec.tolerations` (only additions to existing tolerations)," +
	"`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

// ValidatePod checks a pod for creation.
func ValidatePod(pod *Pod) field.ErrorList {
	errs := validateMeta(&pod.ObjectMeta, true, NameIsDNSSubdomain)
	errs = append(errs, validatePodSpecificAnnotations(pod.Annotations, &pod.Spec, metadataPath.Child("annotations"))...)
	errs = append(errs, validatePodSpec(&pod.Spec, field.NewPath("spec"), podSpecContext{isPod: true})...)
	spec := field.NewPath("spec")
	if len(pod.Spec.EphemeralContainers) > 0 {
		errs = append(errs, field.Forbidden(spec.Child("ephemeralContainers"), "cannot be set on create"))
	}
	if len(pod.Spec.SchedulingGates) > 0 && pod.Spec.NodeName != "" {
		errs = append(errs, field.Forbidden(spec.Child("nodeName"), "cannot be set until all schedulingGates have been cleared"))
	}
	for _, list := range []struct {
		cs   []Container
		name string
	}{{pod.Spec.Containers, "containers"}, {pod.Spec.InitContainers, "initContainers"}} {
		for i, c := range list.cs {
			if strings.TrimSpace(c.Image) != c.Image {
				errs = append(errs, field.Invalid(spec.Child(list.name).Index(i).Child("image"), c.Image, "must not have leading or trailing whitespace"))
			}
		}
	}
	return errs
}

func validatePodSpecificAnnotations(as map[string]string, spec *PodSpec, p *field.Path) field.ErrorList {
	if v, ok := as[MirrorPodAnnotationKey]; ok && spec.NodeName == "" {
		return field.ErrorList{field.Invalid(p.Key(MirrorPodAnnotationKey), v, "must set spec.nodeName if mirror pod annotation is set")}
	}
	return nil
}

// ValidatePodUpdate checks a pod update. Beyond the checks of ValidatePod,
// the spec is immutable except for container and init container images,
// activeDeadlineSeconds (which may be set, or lowered), additions to
// tolerations (existing ones may change only their tolerationSeconds),
// removal of scheduling gates, additions to nodeSelector of a gated pod,
// and terminationGracePeriodSeconds going from negative to 1.
func ValidatePodUpdate(pod, old *Pod) field.ErrorList {
	errs := validateMetaUpdate(&pod.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validatePodSpecificAnnotations(pod.Annotations, &pod.Spec, metadataPath.Child("annotations"))...)
	if v, had := old.Annotations[MirrorPodAnnotationKey]; had != hasKey(pod.Annotations, MirrorPodAnnotationKey) || had && pod.Annotations[MirrorPodAnnotationKey] != v {
		errs = append(errs, field.Forbidden(metadataPath.Child("annotations").Key(MirrorPodAnnotationKey), "may not add, remove or update mirror pod annotation"))
	}
	spec := field.NewPath("spec")
	errs = append(errs, validatePodSpec(&pod.Spec, spec, podSpecContext{isPod: true})...)

	cerrs, stop := validateContainerUpdates(pod.Spec.Containers, old.Spec.Containers, spec.Child("containers"))
	errs = append(errs, cerrs...)
	if stop {
		return errs
	}
	cerrs, stop = validateContainerUpdates(pod.Spec.InitContainers, old.Spec.InitContainers, spec.Child("initContainers"))
	errs = append(errs, cerrs...)
	if stop {
		return errs
	}

	adsPath := spec.Child("activeDeadlineSeconds")
	if n := pod.Spec.ActiveDeadlineSeconds; n != nil {
		if *n < 0 || *n > math.MaxInt32 {
			return append(errs, field.Invalid(adsPath, *n, inclusiveRangeMsg(0, math.MaxInt32)))
		}
		if o := old.Spec.ActiveDeadlineSeconds; o != nil && *o < *n {
			return append(errs, field.Invalid(adsPath, *n, "must be less than or equal to previous value"))
		}
	} else if old.Spec.ActiveDeadlineSeconds != nil {
		errs = append(errs, field.Invalid(adsPath, pod.Spec.ActiveDeadlineSeconds, "must not update from a positive integer to nil value"))
	}

	errs = append(errs, validateOnlyAddedTolerations(pod.Spec.Tolerations, old.Spec.Tolerations, spec.Child("tolerations"))...)
	errs = append(errs, validateOnlyDeletedSchedulingGates(pod.Spec.SchedulingGates, old.Spec.SchedulingGates, spec.Child("schedulingGates"))...)

	if semanticEqual(pod.Spec, old.Spec) {
		return errs
	}
	// Overwrite what may change with the old values, and compare the rest.
	m := *pod.Spec.DeepCopy()
	for i := range m.Containers {
		m.Containers[i].Image = old.Spec.Containers[i].Image
	}
	for i := range m.InitContainers {
		m.InitContainers[i].Image = old.Spec.InitContainers[i].Image
	}
	m.ActiveDeadlineSeconds = old.Spec.ActiveDeadlineSeconds
	m.Tolerations = old.Spec.Tolerations
	if g, og := m.TerminationGracePeriodSeconds, old.Spec.TerminationGracePeriodSeconds; g != nil && og != nil && *og < 0 && *g == 1 {
		m.TerminationGracePeriodSeconds = og
	}
	if len(old.Spec.SchedulingGates) > 0 && !semanticEqual(m.NodeSelector, old.Spec.NodeSelector) {
		// A gated pod may gain node selector terms, but not lose or change them.
		for k, v := range old.Spec.NodeSelector {
			if nv, ok := m.NodeSelector[k]; !ok || nv != v {
				errs = append(errs, field.Invalid(spec.Child("nodeSelector"), m.NodeSelector, "only additions to spec.nodeSelector are allowed (no mutations or deletions)"))
				break
			}
		}
		m.NodeSelector = old.Spec.NodeSelector
	}
	m.SchedulingGates = old.Spec.SchedulingGates
	if !semanticEqual(m, old.Spec) {
		errs = append(errs, field.Forbidden(spec, podUpdateForbiddenMsg+"\n"+describeSpecDiff(old.Spec, m)))
	}
	return errs
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

// describeSpecDiff names the top-level fields of a spec that differ, for
// the message of a forbidden update.
func describeSpecDiff(old, cur any) string {
	ov, nv := reflect.ValueOf(old), reflect.ValueOf(cur)
	var changed []string
	for i := range ov.NumField() {
		if semanticEqualValue(ov.Field(i), nv.Field(i)) {
			continue
		}
		name, _, _ := strings.Cut(ov.Type().Field(i).Tag.Get("json"), ",")
		if name == "" {
			name = ov.Type().Field(i).Name
		}
		changed = append(changed, "spec."+name)
	}
	return "changed: " + strings.Join(changed, ", ")
}

func validateContainerUpdates(cs, old []Container, p *field.Path) (field.ErrorList, bool) {
	if len(cs) != len(old) {
		return field.ErrorList{field.Forbidden(p, "pod updates may not add or remove containers")}, true
	}
	var errs field.ErrorList
	for i, c := range cs {
		if strings.TrimSpace(c.Image) != c.Image {
			errs = append(errs, field.Invalid(p.Index(i).Child("image"), c.Image, "must not have leading or trailing whitespace"))
		}
	}
	return errs, false
}

func validateOnlyAddedTolerations(cur, old []Toleration, p *field.Path) field.ErrorList {
	for _, o := range old {
		found := false
		for _, n := range cur {
			c := o
			c.TolerationSeconds = n.TolerationSeconds
			if semanticEqual(c, n) {
				found = true
				break
			}
		}
		if !found {
			return field.ErrorList{field.Forbidden(p, "existing toleration can not be modified except its tolerationSeconds")}
		}
	}
	return nil
}

func validateOnlyDeletedSchedulingGates(cur, old []PodSchedulingGate, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, g := range cur {
		if !slices.ContainsFunc(old, func(o PodSchedulingGate) bool { return o.Name == g.Name }) {
			errs = append(errs, field.Forbidden(p.Index(i).Child("name"),
				fmt.Sprintf("only deletion is allowed, but found new scheduling gate '%s'", g.Name)))
		}
	}
	return errs
}

// ValidatePodTemplate checks a PodTemplate for creation.
func ValidatePodTemplate(t *PodTemplate) field.ErrorList {
	errs := validateMeta(&t.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, ValidatePodTemplateSpec(&t.Template, field.NewPath("template"))...)
}

// ValidatePodTemplateUpdate checks a PodTemplate update; its template may change.
func ValidatePodTemplateUpdate(t, old *PodTemplate) field.ErrorList {
	errs := validateMetaUpdate(&t.ObjectMeta, &old.ObjectMeta)
	return append(errs, ValidatePodTemplateSpec(&t.Template, field.NewPath("template"))...)
}

// ValidatePodTemplateSpec checks the pod template of a PodTemplate or a
// controller. Like Kubernetes, it reports template labels and annotations
// at p.labels and p.annotations.
func ValidatePodTemplateSpec(t *PodTemplateSpec, p *field.Path) field.ErrorList {
	errs := ValidateLabels(t.Labels, p.Child("labels"))
	errs = append(errs, ValidateAnnotations(t.Annotations, p.Child("annotations"))...)
	errs = append(errs, validatePodSpecificAnnotations(t.Annotations, &t.Spec, p.Child("annotations"))...)
	errs = append(errs, validatePodSpec(&t.Spec, p.Child("spec"), podSpecContext{})...)
	if len(t.Spec.EphemeralContainers) > 0 {
		errs = append(errs, field.Forbidden(p.Child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"))
	}
	return errs
}

// ValidatePodSpec checks a pod spec at p (normally "spec" or
// "spec.template.spec").
func ValidatePodSpec(spec *PodSpec, p *field.Path) field.ErrorList {
	return validatePodSpec(spec, p, podSpecContext{})
}

func validatePodSpec(spec *PodSpec, p *field.Path, ctx podSpecContext) field.ErrorList {
	vols, errs := validateVolumes(spec.Volumes, p.Child("volumes"), ctx)
	grace := spec.TerminationGracePeriodSeconds

	// Container names are unique across regular, init and ephemeral containers.
	names := map[string]bool{}
	errs = append(errs, validateContainers(spec, vols, names, grace, p.Child("containers"))...)
	errs = append(errs, validateInitContainers(spec, vols, names, grace, p.Child("initContainers"))...)
	errs = append(errs, validateEphemeralContainers(spec, vols, names, p.Child("ephemeralContainers"))...)
	errs = append(errs, validateHostPorts(spec, p)...)

	if spec.RestartPolicy != "" && !slices.Contains(restartPolicies, spec.RestartPolicy) {
		errs = append(errs, field.NotSupported(p.Child("restartPolicy"), string(spec.RestartPolicy), restartPolicies))
	}
	if spec.DNSPolicy != "" && !slices.Contains(dnsPolicies, spec.DNSPolicy) {
		errs = append(errs, field.NotSupported(p.Child("dnsPolicy"), string(spec.DNSPolicy), dnsPolicies))
	}
	errs = append(errs, validatePodDNSConfig(spec.DNSConfig, spec.DNSPolicy, p.Child("dnsConfig"))...)
	errs = append(errs, ValidateLabels(spec.NodeSelector, p.Child("nodeSelector"))...)
	errs = append(errs, validatePodSecurityContext(spec.SecurityContext, p.Child("securityContext"))...)
	for i, s := range spec.ImagePullSecrets {
		if s.Name == "" {
			errs = append(errs, field.Required(p.Child("imagePullSecrets").Index(i).Child("name"), ""))
		}
	}
	errs = append(errs, validateAffinity(spec.Affinity, p.Child("affinity"))...)
	if spec.ServiceAccountName != "" {
		errs = append(errs, invalidEach(p.Child("serviceAccountName"), spec.ServiceAccountName, NameIsDNSSubdomain(spec.ServiceAccountName, false))...)
	}
	if spec.NodeName != "" {
		errs = append(errs, invalidEach(p.Child("nodeName"), spec.NodeName, NameIsDNSSubdomain(spec.NodeName, false))...)
	}
	if n := spec.ActiveDeadlineSeconds; n != nil && (*n < 1 || *n > math.MaxInt32) {
		errs = append(errs, field.Invalid(p.Child("activeDeadlineSeconds"), *n, inclusiveRangeMsg(1, math.MaxInt32)))
	}
	if g := spec.TerminationGracePeriodSeconds; g != nil && *g < 0 {
		errs = append(errs, field.Invalid(p.Child("terminationGracePeriodSeconds"), *g, isNegativeErrorMsg))
	}
	if spec.Hostname != "" {
		errs = append(errs, validateDNS1123Label(spec.Hostname, p.Child("hostname"))...)
	}
	if spec.Subdomain != "" {
		errs = append(errs, validateDNS1123Label(spec.Subdomain, p.Child("subdomain"))...)
	}
	errs = append(errs, validateTolerations(spec.Tolerations, p.Child("tolerations"))...)
	for i, ha := range spec.HostAliases {
		hp := p.Child("hostAliases").Index(i)
		errs = append(errs, validateIP(ha.IP, hp.Child("ip"))...)
		for j, h := range ha.Hostnames {
			errs = append(errs, validateDNS1123Subdomain(h, hp.Child("hostnames").Index(j))...)
		}
	}
	if spec.PriorityClassName != "" {
		errs = append(errs, invalidEach(p.Child("priorityClassName"), spec.PriorityClassName, NameIsDNSSubdomain(spec.PriorityClassName, false))...)
	}
	if pp := spec.PreemptionPolicy; pp != nil && *pp != PreemptLowerPriority && *pp != PreemptNever {
		errs = append(errs, field.NotSupported(p.Child("preemptionPolicy"), string(*pp), []PreemptionPolicy{PreemptLowerPriority, PreemptNever}))
	}
	if rc := spec.RuntimeClassName; rc != nil {
		errs = append(errs, invalidEach(p.Child("runtimeClassName"), *rc, NameIsDNSSubdomain(*rc, false))...)
	}
	errs = append(errs, validateResourceList(spec.Overhead, p.Child("overhead"), validateContainerResourceName)...)
	errs = append(errs, validateTopologySpreadConstraints(spec.TopologySpreadConstraints, p.Child("topologySpreadConstraints"))...)
	for i, g := range spec.ReadinessGates {
		errs = append(errs, validateQualifiedName(string(g.ConditionType), p.Child("readinessGates").Index(i).Child("conditionType"))...)
	}
	if spec.OS != nil && spec.OS.Name == "" {
		errs = append(errs, field.Required(p.Child("os", "name"), "cannot be empty"))
	}
	errs = append(errs, validateSchedulingGates(spec.SchedulingGates, p.Child("schedulingGates"))...)
	if spec.Resources != nil {
		errs = append(errs, validatePodResources(spec.Resources, p.Child("resources"))...)
	}
	return errs
}

func validateSchedulingGates(gates []PodSchedulingGate, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	seen := map[string]bool{}
	for i, g := range gates {
		errs = append(errs, validateQualifiedName(g.Name, p.Index(i).Child("name"))...)
		if seen[g.Name] {
			errs = append(errs, field.Duplicate(p.Index(i), g.Name))
		}
		seen[g.Name] = true
	}
	return errs
}

func validateTolerations(ts []Toleration, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, t := range ts {
		ip := p.Index(i)
		if t.Key != "" {
			errs = append(errs, validateQualifiedName(t.Key, ip.Child("key"))...)
		}
		if t.Key == "" && t.Operator != TolerationOpExists {
			errs = append(errs, field.Invalid(ip.Child("operator"), string(t.Operator),
				"operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
		}
		if t.TolerationSeconds != nil && t.Effect != TaintEffectNoExecute {
			errs = append(errs, field.Invalid(ip.Child("effect"), string(t.Effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"))
		}
		switch t.Operator {
		case TolerationOpEqual, "":
			if msgs := labels.ValidateLabelValue(t.Value); len(msgs) > 0 {
				errs = append(errs, field.Invalid(ip.Child("operator"), t.Value, strings.Join(msgs, ";")))
			}
		case TolerationOpExists:
			if t.Value != "" {
				errs = append(errs, field.Invalid(ip.Child("operator"), t, "value must be empty when `operator` is 'Exists'"))
			}
		default:
			errs = append(errs, field.NotSupported(ip.Child("operator"), string(t.Operator), []TolerationOperator{TolerationOpEqual, TolerationOpExists}))
		}
		if t.Effect != "" && !slices.Contains(taintEffects, t.Effect) {
			errs = append(errs, field.NotSupported(ip.Child("effect"), string(t.Effect), taintEffects))
		}
	}
	return errs
}

func validatePodDNSConfig(c *PodDNSConfig, policy DNSPolicy, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if policy == DNSNone {
		if c == nil {
			return field.ErrorList{field.Required(p, "must provide `dnsConfig` when `dnsPolicy` is None")}
		}
		if len(c.Nameservers) == 0 {
			errs = append(errs, field.Required(p.Child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"))
		}
	}
	if c == nil {
		return errs
	}
	if len(c.Nameservers) > 3 {
		errs = append(errs, field.TooMany(p.Child("nameservers"), len(c.Nameservers), 3))
	}
	for i, ns := range c.Nameservers {
		errs = append(errs, validateIP(ns, p.Child("nameservers").Index(i))...)
	}
	if len(c.Searches) > 32 {
		errs = append(errs, field.TooMany(p.Child("searches"), len(c.Searches), 32))
	}
	total := 0
	for i, s := range c.Searches {
		total += len(s)
		if s == "." {
			continue
		}
		errs = append(errs, validateDNS1123Subdomain(strings.TrimSuffix(s, "."), p.Child("searches").Index(i))...)
	}
	if total > 2048 {
		errs = append(errs, field.Invalid(p.Child("searches"), c.Searches, "must not have more than 2048 characters (including spaces) in the search list"))
	}
	for i, o := range c.Options {
		if o.Name == "" {
			errs = append(errs, field.Required(p.Child("options").Index(i), "Option.Name must not be empty"))
		}
	}
	return errs
}

func validatePodSecurityContext(sc *PodSecurityContext, p *field.Path) field.ErrorList {
	if sc == nil {
		return nil
	}
	var errs field.ErrorList
	errs = append(errs, validateIDRange(sc.RunAsUser, p.Child("runAsUser"))...)
	errs = append(errs, validateIDRange(sc.RunAsGroup, p.Child("runAsGroup"))...)
	errs = append(errs, validateIDRange(sc.FSGroup, p.Child("fsGroup"))...)
	for i, g := range sc.SupplementalGroups {
		errs = append(errs, validateIDRange(&g, p.Child("supplementalGroups").Index(i))...)
	}
	if pol := sc.FSGroupChangePolicy; pol != nil && *pol != FSGroupChangeOnRootMismatch && *pol != FSGroupChangeAlways {
		errs = append(errs, field.NotSupported(p.Child("fsGroupChangePolicy"), string(*pol), []PodFSGroupChangePolicy{FSGroupChangeOnRootMismatch, FSGroupChangeAlways}))
	}
	if pol := sc.SupplementalGroupsPolicy; pol != nil && *pol != SupplementalGroupsPolicyMerge && *pol != SupplementalGroupsPolicyStrict {
		errs = append(errs, field.NotSupported(p.Child("supplementalGroupsPolicy"), string(*pol), []SupplementalGroupsPolicy{SupplementalGroupsPolicyMerge, SupplementalGroupsPolicyStrict}))
	}
	if pol := sc.SELinuxChangePolicy; pol != nil && *pol != SELinuxChangePolicyRecursive && *pol != SELinuxChangePolicyMountOption {
		errs = append(errs, field.NotSupported(p.Child("seLinuxChangePolicy"), string(*pol), []PodSELinuxChangePolicy{SELinuxChangePolicyRecursive, SELinuxChangePolicyMountOption}))
	}
	seen := map[string]bool{}
	for i, s := range sc.Sysctls {
		sp := p.Child("sysctls").Index(i)
		if s.Name == "" {
			errs = append(errs, field.Required(sp.Child("name"), ""))
		} else if !isValidSysctlName(s.Name) {
			errs = append(errs, field.Invalid(sp.Child("name"), s.Name,
				"must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"))
		} else if seen[s.Name] {
			errs = append(errs, field.Duplicate(sp.Child("name"), s.Name))
		}
		seen[s.Name] = true
	}
	errs = append(errs, validateSeccompProfile(sc.SeccompProfile, p.Child("seccompProfile"))...)
	errs = append(errs, validateAppArmorProfile(sc.AppArmorProfile, p.Child("appArmorProfile"))...)
	return errs
}

// isValidSysctlName checks a sysctl name such as net.ipv4.ip_forward or
// kernel/shm_rmid_forced.
func isValidSysctlName(name string) bool {
	if len(name) > 253 {
		return false
	}
	for _, seg := range strings.FieldsFunc(name, func(r rune) bool { return r == '.' || r == '/' }) {
		n := len(seg)
		if n == 0 || !isLowerAlnum(seg[0]) || !isLowerAlnum(seg[n-1]) {
			return false
		}
		for i := 1; i < n-1; i++ {
			if c := seg[i]; !isLowerAlnum(c) && c != '-' && c != '_' {
				return false
			}
		}
	}
	return name != "" && !strings.HasSuffix(name, ".") && !strings.HasSuffix(name, "/") &&
		!strings.Contains(name, "..") && !strings.Contains(name, "//")
}

func validateIDRange(id *int64, p *field.Path) field.ErrorList {
	if id != nil && (*id < 0 || *id > math.MaxInt32) {
		return field.ErrorList{field.Invalid(p, *id, inclusiveRangeMsg(0, math.MaxInt32))}
	}
	return nil
}

func validateSeccompProfile(sp *SeccompProfile, p *field.Path) field.ErrorList {
	if sp == nil {
		return nil
	}
	switch sp.Type {
	case SeccompProfileTypeLocalhost:
		if sp.LocalhostProfile == nil {
			return field.ErrorList{field.Required(p.Child("localhostProfile"), "must be set when seccomp type is Localhost")}
		}
		return validateLocalDescendingPath(*sp.LocalhostProfile, p.Child("localhostProfile"))
	case SeccompProfileTypeRuntimeDefault, SeccompProfileTypeUnconfined:
		if sp.LocalhostProfile != nil {
			return field.ErrorList{field.Invalid(p.Child("localhostProfile"), *sp.LocalhostProfile, "can only be set when seccomp type is Localhost")}
		}
		return nil
	case "":
		return field.ErrorList{field.Required(p.Child("type"), "")}
	}
	return field.ErrorList{field.NotSupported(p.Child("type"), string(sp.Type),
		[]SeccompProfileType{SeccompProfileTypeLocalhost, SeccompProfileTypeRuntimeDefault, SeccompProfileTypeUnconfined})}
}

func validateAppArmorProfile(ap *AppArmorProfile, p *field.Path) field.ErrorList {
	if ap == nil {
		return nil
	}
	switch ap.Type {
	case AppArmorProfileTypeLocalhost:
		if ap.LocalhostProfile == nil || strings.TrimSpace(*ap.LocalhostProfile) == "" {
			return field.ErrorList{field.Required(p.Child("localhostProfile"), "must be set when AppArmor type is Localhost")}
		}
		return nil
	case AppArmorProfileTypeRuntimeDefault, AppArmorProfileTypeUnconfined:
		if ap.LocalhostProfile != nil {
			return field.ErrorList{field.Invalid(p.Child("localhostProfile"), *ap.LocalhostProfile, "can only be set when AppArmor type is Localhost")}
		}
		return nil
	case "":
		return field.ErrorList{field.Required(p.Child("type"), "")}
	}
	return field.ErrorList{field.NotSupported(p.Child("type"), string(ap.Type),
		[]AppArmorProfileType{AppArmorProfileTypeLocalhost, AppArmorProfileTypeRuntimeDefault, AppArmorProfileTypeUnconfined})}
}

func validateSecurityContext(sc *SecurityContext, p *field.Path) field.ErrorList {
	if sc == nil {
		return nil
	}
	var errs field.ErrorList
	errs = append(errs, validateIDRange(sc.RunAsUser, p.Child("runAsUser"))...)
	errs = append(errs, validateIDRange(sc.RunAsGroup, p.Child("runAsGroup"))...)
	if pm := sc.ProcMount; pm != nil && *pm != DefaultProcMount && *pm != UnmaskedProcMount {
		errs = append(errs, field.NotSupported(p.Child("procMount"), string(*pm), []ProcMountType{DefaultProcMount, UnmaskedProcMount}))
	}
	if sc.AllowPrivilegeEscalation != nil && !*sc.AllowPrivilegeEscalation {
		if sc.Privileged != nil && *sc.Privileged {
			errs = append(errs, field.Invalid(p, sc, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"))
		}
		if sc.Capabilities != nil && slices.Contains(sc.Capabilities.Add, "CAP_SYS_ADMIN") {
			errs = append(errs, field.Invalid(p, sc, "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"))
		}
	}
	errs = append(errs, validateSeccompProfile(sc.SeccompProfile, p.Child("seccompProfile"))...)
	errs = append(errs, validateAppArmorProfile(sc.AppArmorProfile, p.Child("appArmorProfile"))...)
	return errs
}

// ---- Containers ----

func validateContainers(spec *PodSpec, vols map[string]*VolumeSource, names map[string]bool, grace *int64, p *field.Path) field.ErrorList {
	if len(spec.Containers) == 0 {
		return field.ErrorList{field.Required(p, "")}
	}
	var errs field.ErrorList
	for i := range spec.Containers {
		c := &spec.Containers[i]
		cp := p.Index(i)
		errs = append(errs, validateContainerCommon(c, vols, cp)...)
		if c.Name != "" {
			if names[c.Name] {
				errs = append(errs, field.Duplicate(cp.Child("name"), c.Name))
			}
			names[c.Name] = true
		}
		if c.Lifecycle != nil {
			errs = append(errs, validateLifecycle(c.Lifecycle, grace, cp.Child("lifecycle"))...)
		}
		errs = append(errs, validateLivenessProbe(c.LivenessProbe, grace, cp.Child("livenessProbe"))...)
		errs = append(errs, validateReadinessProbe(c.ReadinessProbe, grace, cp.Child("readinessProbe"))...)
		errs = append(errs, validateStartupProbe(c.StartupProbe, grace, cp.Child("startupProbe"))...)
		if c.RestartPolicy != nil {
			errs = append(errs, field.Forbidden(cp.Child("restartPolicy"), "may not be set for non-init containers"))
		}
	}
	return errs
}

func validateInitContainers(spec *PodSpec, vols map[string]*VolumeSource, names map[string]bool, grace *int64, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i := range spec.InitContainers {
		c := &spec.InitContainers[i]
		cp := p.Index(i)
		errs = append(errs, validateContainerCommon(c, vols, cp)...)
		if c.Name != "" {
			if names[c.Name] {
				errs = append(errs, field.Duplicate(cp.Child("name"), c.Name))
			}
			names[c.Name] = true
		}
		sidecar := false
		if rp := c.RestartPolicy; rp != nil {
			if *rp != ContainerRestartPolicyAlways {
				errs = append(errs, field.NotSupported(cp.Child("restartPolicy"), string(*rp), []ContainerRestartPolicy{ContainerRestartPolicyAlways}))
			}
			sidecar = *rp == ContainerRestartPolicyAlways
		}
		if sidecar {
			if c.Lifecycle != nil {
				errs = append(errs, validateLifecycle(c.Lifecycle, grace, cp.Child("lifecycle"))...)
			}
			errs = append(errs, validateLivenessProbe(c.LivenessProbe, grace, cp.Child("livenessProbe"))...)
			errs = append(errs, validateReadinessProbe(c.ReadinessProbe, grace, cp.Child("readinessProbe"))...)
			errs = append(errs, validateStartupProbe(c.StartupProbe, grace, cp.Child("startupProbe"))...)
		} else {
			const msg = "may not be set for init containers without restartPolicy=Always"
			if c.Lifecycle != nil {
				errs = append(errs, field.Forbidden(cp.Child("lifecycle"), msg))
			}
			if c.LivenessProbe != nil {
				errs = append(errs, field.Forbidden(cp.Child("livenessProbe"), msg))
			}
			if c.ReadinessProbe != nil {
				errs = append(errs, field.Forbidden(cp.Child("readinessProbe"), msg))
			}
			if c.StartupProbe != nil {
				errs = append(errs, field.Forbidden(cp.Child("startupProbe"), msg))
			}
		}
		if len(c.ResizePolicy) > 0 {
			errs = append(errs, field.Invalid(cp.Child("resizePolicy"), c.ResizePolicy, "must not be set for init containers"))
		}
	}
	return errs
}

func validateEphemeralContainers(spec *PodSpec, vols map[string]*VolumeSource, names map[string]bool, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i := range spec.EphemeralContainers {
		ec := &spec.EphemeralContainers[i]
		cp := p.Index(i)
		c := Container(ec.EphemeralContainerCommon)
		errs = append(errs, validateContainerCommon(&c, vols, cp)...)
		if c.Name != "" {
			if names[c.Name] {
				errs = append(errs, field.Duplicate(cp.Child("name"), c.Name))
			}
			names[c.Name] = true
		}
		const msg = "cannot be set for an Ephemeral Container"
		for _, f := range []struct {
			set  bool
			name string
		}{
			{len(c.Ports) > 0, "ports"},
			{c.LivenessProbe != nil, "livenessProbe"},
			{c.ReadinessProbe != nil, "readinessProbe"},
			{c.StartupProbe != nil, "startupProbe"},
			{c.Lifecycle != nil, "lifecycle"},
			{len(c.Resources.Limits)+len(c.Resources.Requests)+len(c.Resources.Claims) > 0, "resources"},
			{len(c.ResizePolicy) > 0, "resizePolicy"},
			{c.RestartPolicy != nil, "restartPolicy"},
		} {
			if f.set {
				errs = append(errs, field.Forbidden(cp.Child(f.name), msg))
			}
		}
		if t := ec.TargetContainerName; t != "" &&
			!slices.ContainsFunc(spec.Containers, func(c Container) bool { return c.Name == t }) &&
			!slices.ContainsFunc(spec.InitContainers, func(c Container) bool { return c.Name == t }) {
			errs = append(errs, field.NotFound(cp.Child("targetContainerName"), t))
		}
	}
	return errs
}

// validateHostPorts checks that no two regular containers, and no init
// container on its own, open the same host port, IP and protocol.
func validateHostPorts(spec *PodSpec, p *field.Path) field.ErrorList {
	errs := hostPortConflicts(spec.Containers, 0, p.Child("containers"))
	for i := range spec.InitContainers {
		errs = append(errs, hostPortConflicts(spec.InitContainers[i:i+1], i, p.Child("initContainers"))...)
	}
	return errs
}

// hostPortConflicts checks cs, which start at index first of the list at p.
func hostPortConflicts(cs []Container, first int, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	seen := map[string]bool{}
	for i, c := range cs {
		ci := first + i
		for pi, port := range c.Ports {
			if port.HostPort == 0 {
				continue
			}
			proto := port.Protocol
			if proto == "" {
				proto = ProtocolTCP
			}
			key := fmt.Sprintf("%s/%s/%d", proto, port.HostIP, port.HostPort)
			if seen[key] {
				errs = append(errs, field.Duplicate(p.Index(ci).Child("ports").Index(pi).Child("hostPort"), key))
			}
			seen[key] = true
		}
	}
	return errs
}

func validateContainerCommon(c *Container, vols map[string]*VolumeSource, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if c.Name == "" {
		errs = append(errs, field.Required(p.Child("name"), ""))
	} else {
		errs = append(errs, validateDNS1123Label(c.Name, p.Child("name"))...)
	}
	if c.Image == "" {
		errs = append(errs, field.Required(p.Child("image"), ""))
	}
	if pol := c.TerminationMessagePolicy; pol != "" && pol != TerminationMessageReadFile && pol != TerminationMessageFallbackToLogsOnError {
		errs = append(errs, field.NotSupported(p.Child("terminationMessagePolicy"), string(pol),
			[]TerminationMessagePolicy{TerminationMessageReadFile, TerminationMessageFallbackToLogsOnError}))
	}
	errs = append(errs, validateContainerPorts(c.Ports, p.Child("ports"))...)
	errs = append(errs, validateEnv(c.Env, p.Child("env"))...)
	errs = append(errs, validateEnvFrom(c.EnvFrom, p.Child("envFrom"))...)
	errs = append(errs, validateVolumeMounts(c, vols, p.Child("volumeMounts"))...)
	errs = append(errs, validateVolumeDevices(c, vols, p.Child("volumeDevices"))...)
	if c.ImagePullPolicy != "" && !slices.Contains(pullPolicies, c.ImagePullPolicy) {
		errs = append(errs, field.NotSupported(p.Child("imagePullPolicy"), string(c.ImagePullPolicy), pullPolicies))
	}
	errs = append(errs, validateContainerResources(&c.Resources, p.Child("resources"))...)
	errs = append(errs, validateResizePolicy(c.ResizePolicy, p.Child("resizePolicy"))...)
	errs = append(errs, validateSecurityContext(c.SecurityContext, p.Child("securityContext"))...)
	return errs
}

func validateContainerPorts(ports []ContainerPort, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	names := map[string]bool{}
	for i, port := range ports {
		ip := p.Index(i)
		if port.Name != "" {
			if msgs := isValidPortName(port.Name); len(msgs) > 0 {
				errs = append(errs, invalidEach(ip.Child("name"), port.Name, msgs)...)
			} else if names[port.Name] {
				errs = append(errs, field.Duplicate(ip.Child("name"), port.Name))
			} else {
				names[port.Name] = true
			}
		}
		if port.ContainerPort == 0 {
			errs = append(errs, field.Required(ip.Child("containerPort"), ""))
		} else {
			errs = append(errs, invalidEach(ip.Child("containerPort"), port.ContainerPort, isValidPortNum(int(port.ContainerPort)))...)
		}
		if port.HostPort != 0 {
			errs = append(errs, invalidEach(ip.Child("hostPort"), port.HostPort, isValidPortNum(int(port.HostPort)))...)
		}
		if port.Protocol != "" && !slices.Contains(supportedPortProtocols, port.Protocol) {
			errs = append(errs, field.NotSupported(ip.Child("protocol"), string(port.Protocol), supportedPortProtocols))
		}
		if port.HostIP != "" {
			errs = append(errs, validateIP(port.HostIP, ip.Child("hostIP"))...)
		}
	}
	return errs
}

// Field paths an environment variable or a downward API file may select.
var (
	envFieldPaths = []string{"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
		"spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"}
	volumeFieldPaths  = []string{"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"}
	resourceFieldRefs = []string{"limits.cpu", "limits.ephemeral-storage", "limits.memory",
		"requests.cpu", "requests.ephemeral-storage", "requests.memory"}
)

func validateEnv(vars []EnvVar, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, ev := range vars {
		ip := p.Index(i)
		if ev.Name == "" {
			errs = append(errs, field.Required(ip.Child("name"), ""))
		} else {
			errs = append(errs, invalidEach(ip.Child("name"), ev.Name, isRelaxedEnvVarName(ev.Name))...)
		}
		errs = append(errs, validateEnvVarValueFrom(&ev, ip.Child("valueFrom"))...)
	}
	return errs
}

func validateEnvVarValueFrom(ev *EnvVar, p *field.Path) field.ErrorList {
	vf := ev.ValueFrom
	if vf == nil {
		return nil
	}
	var errs field.ErrorList
	n := 0
	if vf.FieldRef != nil {
		n++
		errs = append(errs, validateObjectFieldSelector(vf.FieldRef, envFieldPaths, p.Child("fieldRef"))...)
	}
	if vf.ResourceFieldRef != nil {
		n++
		errs = append(errs, validateResourceFieldSelector(vf.ResourceFieldRef, false, p.Child("resourceFieldRef"))...)
	}
	if r := vf.ConfigMapKeyRef; r != nil {
		n++
		errs = append(errs, validateKeySelector(r.Name, r.Key, p.Child("configMapKeyRef"))...)
	}
	if r := vf.SecretKeyRef; r != nil {
		n++
		errs = append(errs, validateKeySelector(r.Name, r.Key, p.Child("secretKeyRef"))...)
	}
	if r := vf.FileKeyRef; r != nil {
		n++
		fp := p.Child("fileKeyRef")
		if r.VolumeName == "" {
			errs = append(errs, field.Required(fp.Child("volumeName"), ""))
		}
		if r.Path == "" {
			errs = append(errs, field.Required(fp.Child("path"), ""))
		} else {
			errs = append(errs, validateLocalDescendingPath(r.Path, fp.Child("path"))...)
		}
		if r.Key == "" {
			errs = append(errs, field.Required(fp.Child("key"), ""))
		} else {
			errs = append(errs, invalidEach(fp.Child("key"), r.Key, isRelaxedEnvVarName(r.Key))...)
		}
	}
	switch {
	case n == 0:
		errs = append(errs, field.Invalid(p, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
	case ev.Value != "":
		errs = append(errs, field.Invalid(p, "", "may not be specified when `value` is not empty"))
	case n > 1:
		errs = append(errs, field.Invalid(p, "", "may not have more than one field specified at a time"))
	}
	return errs
}

func validateKeySelector(name, key string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if name == "" {
		errs = append(errs, field.Required(p.Child("name"), ""))
	} else {
		errs = append(errs, invalidEach(p.Child("name"), name, NameIsDNSSubdomain(name, false))...)
	}
	if key == "" {
		errs = append(errs, field.Required(p.Child("key"), ""))
	} else {
		errs = append(errs, invalidEach(p.Child("key"), key, isConfigMapKey(key))...)
	}
	return errs
}

func validateObjectFieldSelector(fs *ObjectFieldSelector, valid []string, p *field.Path) field.ErrorList {
	if fs.FieldPath == "" {
		return field.ErrorList{field.Required(p.Child("fieldPath"), "")}
	}
	if fs.APIVersion != "" && fs.APIVersion != "v1" {
		return field.ErrorList{field.NotSupported(p.Child("apiVersion"), fs.APIVersion, []string{"v1"})}
	}
	// metadata.labels['key'] and metadata.annotations['key'] select one entry.
	for _, prefix := range []string{"metadata.labels", "metadata.annotations"} {
		rest, ok := strings.CutPrefix(fs.FieldPath, prefix+"['")
		if !ok {
			continue
		}
		key, ok := strings.CutSuffix(rest, "']")
		if !ok {
			return field.ErrorList{field.Invalid(p.Child("fieldPath"), fs.FieldPath, "error converting fieldPath: invalid subscript")}
		}
		if prefix == "metadata.annotations" {
			key = strings.ToLower(key)
		}
		return invalidEach(p.Child("fieldPath"), fs.FieldPath, labels.ValidateQualifiedName(key))
	}
	if !slices.Contains(valid, fs.FieldPath) {
		return field.ErrorList{field.NotSupported(p.Child("fieldPath"), fs.FieldPath, valid)}
	}
	return nil
}

func validateResourceFieldSelector(fs *ResourceFieldSelector, needContainer bool, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if needContainer && fs.ContainerName == "" {
		errs = append(errs, field.Required(p.Child("containerName"), ""))
	}
	switch {
	case fs.Resource == "":
		errs = append(errs, field.Required(p.Child("resource"), ""))
	case slices.Contains(resourceFieldRefs, fs.Resource),
		strings.HasPrefix(fs.Resource, "limits."+ResourceHugePagesPrefix),
		strings.HasPrefix(fs.Resource, "requests."+ResourceHugePagesPrefix):
	default:
		errs = append(errs, field.NotSupported(p.Child("resource"), fs.Resource, resourceFieldRefs))
	}
	if fs.Divisor.Sign() < 0 {
		errs = append(errs, field.Invalid(p.Child("divisor"), fs.Divisor.String(), isNegativeErrorMsg))
	}
	return errs
}

func validateEnvFrom(sources []EnvFromSource, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, ef := range sources {
		ip := p.Index(i)
		if ef.Prefix != "" {
			errs = append(errs, invalidEach(ip.Child("prefix"), ef.Prefix, isRelaxedEnvVarName(ef.Prefix))...)
		}
		n := 0
		if r := ef.ConfigMapRef; r != nil {
			n++
			errs = append(errs, validateRefName(r.Name, ip.Child("configMapRef", "name"))...)
		}
		if r := ef.SecretRef; r != nil {
			n++
			errs = append(errs, validateRefName(r.Name, ip.Child("secretRef", "name"))...)
		}
		switch {
		case n == 0:
			errs = append(errs, field.Invalid(p, "", "must specify one of: `configMapRef` or `secretRef`"))
		case n > 1:
			errs = append(errs, field.Invalid(p, "", "may not have more than one field specified at a time"))
		}
	}
	return errs
}

// validateRefName checks the name of a referenced ConfigMap or Secret.
func validateRefName(name string, p *field.Path) field.ErrorList {
	if name == "" {
		return field.ErrorList{field.Required(p, "")}
	}
	return invalidEach(p, name, NameIsDNSSubdomain(name, false))
}

func validateVolumeMounts(c *Container, vols map[string]*VolumeSource, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	paths := map[string]bool{}
	for i, m := range c.VolumeMounts {
		ip := p.Index(i)
		if m.Name == "" {
			errs = append(errs, field.Required(ip.Child("name"), ""))
		} else if _, ok := vols[m.Name]; !ok {
			errs = append(errs, field.NotFound(ip.Child("name"), m.Name))
		}
		if m.MountPath == "" {
			errs = append(errs, field.Required(ip.Child("mountPath"), ""))
		} else if paths[m.MountPath] {
			errs = append(errs, field.Invalid(ip.Child("mountPath"), m.MountPath, "must be unique"))
		}
		paths[m.MountPath] = true
		if slices.ContainsFunc(c.VolumeDevices, func(d VolumeDevice) bool { return d.Name == m.Name }) {
			errs = append(errs, field.Invalid(ip.Child("name"), m.Name, "must not already exist in volumeDevices"))
		}
		if m.MountPath != "" && slices.ContainsFunc(c.VolumeDevices, func(d VolumeDevice) bool { return d.DevicePath == m.MountPath }) {
			errs = append(errs, field.Invalid(ip.Child("mountPath"), m.MountPath, "must not already exist as a path in volumeDevices"))
		}
		if m.SubPath != "" {
			errs = append(errs, validateLocalDescendingPath(m.SubPath, ip.Child("subPath"))...)
		}
		if m.SubPathExpr != "" {
			if m.SubPath != "" {
				errs = append(errs, field.Invalid(ip.Child("subPathExpr"), m.SubPathExpr, "subPathExpr and subPath are mutually exclusive"))
			}
			errs = append(errs, validateLocalDescendingPath(m.SubPathExpr, ip.Child("subPathExpr"))...)
		}
		if mp := m.MountPropagation; mp != nil {
			modes := []MountPropagationMode{MountPropagationBidirectional, MountPropagationHostToContainer, MountPropagationNone}
			switch {
			case !slices.Contains(modes, *mp):
				errs = append(errs, field.NotSupported(ip.Child("mountPropagation"), string(*mp), modes))
			case *mp == MountPropagationBidirectional &&
				(c.SecurityContext == nil || c.SecurityContext.Privileged == nil || !*c.SecurityContext.Privileged):
				errs = append(errs, field.Forbidden(ip.Child("mountPropagation"), "Bidirectional mount propagation is available only to privileged containers"))
			}
		}
		if rro := m.RecursiveReadOnly; rro != nil {
			rp := ip.Child("recursiveReadOnly")
			modes := []RecursiveReadOnlyMode{RecursiveReadOnlyDisabled, RecursiveReadOnlyIfPossible, RecursiveReadOnlyEnabled}
			switch {
			case !slices.Contains(modes, *rro):
				errs = append(errs, field.NotSupported(rp, string(*rro), modes))
			case *rro == RecursiveReadOnlyDisabled:
			case !m.ReadOnly:
				errs = append(errs, field.Forbidden(rp, "may only be specified when readOnly is true"))
			case *rro == RecursiveReadOnlyEnabled && m.MountPropagation != nil && *m.MountPropagation != MountPropagationNone:
				errs = append(errs, field.Forbidden(rp, "may only be specified when mountPropagation is None or not specified"))
			}
		}
	}
	return errs
}

func validateVolumeDevices(c *Container, vols map[string]*VolumeSource, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	names, paths := map[string]bool{}, map[string]bool{}
	for i, d := range c.VolumeDevices {
		ip := p.Index(i)
		if d.Name == "" {
			errs = append(errs, field.Required(ip.Child("name"), ""))
		} else if names[d.Name] {
			errs = append(errs, field.Invalid(ip.Child("name"), d.Name, "must be unique"))
		}
		if vs, ok := vols[d.Name]; !ok {
			if d.Name != "" {
				errs = append(errs, field.NotFound(ip.Child("name"), d.Name))
			}
		} else if vs.PersistentVolumeClaim == nil && vs.Ephemeral == nil {
			errs = append(errs, field.Invalid(ip.Child("name"), d.Name, "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"))
		}
		switch {
		case d.DevicePath == "":
			errs = append(errs, field.Required(ip.Child("devicePath"), ""))
		case paths[d.DevicePath]:
			errs = append(errs, field.Invalid(ip.Child("devicePath"), d.DevicePath, "must be unique"))
		case hasBacksteps(d.DevicePath):
			errs = append(errs, field.Invalid(ip.Child("devicePath"), d.DevicePath, "can not contain backsteps ('..')"))
		}
		if slices.ContainsFunc(c.VolumeMounts, func(m VolumeMount) bool { return m.Name == d.Name }) {
			errs = append(errs, field.Invalid(ip.Child("name"), d.Name, "must not already exist in volumeMounts"))
		}
		if d.DevicePath != "" && slices.ContainsFunc(c.VolumeMounts, func(m VolumeMount) bool { return m.MountPath == d.DevicePath }) {
			errs = append(errs, field.Invalid(ip.Child("devicePath"), d.DevicePath, "must not already exist as a path in volumeMounts"))
		}
		names[d.Name], paths[d.DevicePath] = true, true
	}
	return errs
}

func hasBacksteps(p string) bool {
	return slices.Contains(strings.Split(strings.ReplaceAll(p, `\`, "/"), "/"), "..")
}

// validateLocalDescendingPath checks a relative path without "..".
func validateLocalDescendingPath(target string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if path.IsAbs(target) || strings.HasPrefix(target, `\`) {
		errs = append(errs, field.Invalid(p, target, "must be a relative path"))
	}
	if hasBacksteps(target) {
		errs = append(errs, field.Invalid(p, target, "must not contain '..'"))
	}
	return errs
}

func validateResizePolicy(rps []ContainerResizePolicy, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	seen := map[ResourceName]bool{}
	for i, rp := range rps {
		ip := p.Index(i)
		switch rp.ResourceName {
		case ResourceCPU, ResourceMemory:
			if seen[rp.ResourceName] {
				errs = append(errs, field.Duplicate(ip.Child("resourceName"), string(rp.ResourceName)))
			}
			seen[rp.ResourceName] = true
		default:
			errs = append(errs, field.NotSupported(ip.Child("resourceName"), string(rp.ResourceName), []ResourceName{ResourceCPU, ResourceMemory}))
		}
		if rp.RestartPolicy != NotRequired && rp.RestartPolicy != RestartContainer {
			errs = append(errs, field.NotSupported(ip.Child("restartPolicy"), string(rp.RestartPolicy), []ResourceResizeRestartPolicy{NotRequired, RestartContainer}))
		}
	}
	return errs
}

// ---- Probes and lifecycle ----

func validateProbe(pr *Probe, grace *int64, p *field.Path) field.ErrorList {
	errs := validateHandler(handlerOf(&pr.ProbeHandler), grace, p)
	errs = append(errs, validateNonnegative(int64(pr.InitialDelaySeconds), p.Child("initialDelaySeconds"))...)
	errs = append(errs, validateNonnegative(int64(pr.TimeoutSeconds), p.Child("timeoutSeconds"))...)
	errs = append(errs, validateNonnegative(int64(pr.PeriodSeconds), p.Child("periodSeconds"))...)
	errs = append(errs, validateNonnegative(int64(pr.SuccessThreshold), p.Child("successThreshold"))...)
	errs = append(errs, validateNonnegative(int64(pr.FailureThreshold), p.Child("failureThreshold"))...)
	if g := pr.TerminationGracePeriodSeconds; g != nil && *g <= 0 {
		errs = append(errs, field.Invalid(p.Child("terminationGracePeriodSeconds"), *g, "must be greater than 0"))
	}
	return errs
}

// validateLivenessProbe also applies to startup probes: successThreshold
// must be 1 (0 is read as the default, 1).
func validateLivenessProbe(pr *Probe, grace *int64, p *field.Path) field.ErrorList {
	if pr == nil {
		return nil
	}
	errs := validateProbe(pr, grace, p)
	if pr.SuccessThreshold != 1 && pr.SuccessThreshold != 0 {
		errs = append(errs, field.Invalid(p.Child("successThreshold"), pr.SuccessThreshold, "must be 1"))
	}
	return errs
}

func validateStartupProbe(pr *Probe, grace *int64, p *field.Path) field.ErrorList {
	return validateLivenessProbe(pr, grace, p)
}

func validateReadinessProbe(pr *Probe, grace *int64, p *field.Path) field.ErrorList {
	if pr == nil {
		return nil
	}
	errs := validateProbe(pr, grace, p)
	if pr.TerminationGracePeriodSeconds != nil {
		errs = append(errs, field.Invalid(p.Child("terminationGracePeriodSeconds"), *pr.TerminationGracePeriodSeconds, "must not be set for readinessProbes"))
	}
	return errs
}

// handler is the union of ProbeHandler and LifecycleHandler.
type handler struct {
	Exec      *ExecAction
	HTTPGet   *HTTPGetAction
	TCPSocket *TCPSocketAction
	GRPC      *GRPCAction
	Sleep     *SleepAction
}

func handlerOf(h *ProbeHandler) handler {
	return handler{Exec: h.Exec, HTTPGet: h.HTTPGet, TCPSocket: h.TCPSocket, GRPC: h.GRPC}
}

func validateLifecycle(l *Lifecycle, grace *int64, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, h := range []struct {
		h    *LifecycleHandler
		name string
	}{{l.PostStart, "postStart"}, {l.PreStop, "preStop"}} {
		if h.h != nil {
			errs = append(errs, validateHandler(handler{Exec: h.h.Exec, HTTPGet: h.h.HTTPGet, TCPSocket: h.h.TCPSocket, Sleep: h.h.Sleep}, grace, p.Child(h.name))...)
		}
	}
	return errs
}

func validateHandler(h handler, grace *int64, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	n := 0
	one := func(set bool, name string, check func(*field.Path) field.ErrorList) {
		if !set {
			return
		}
		if n > 0 {
			errs = append(errs, field.Forbidden(p.Child(name), "may not specify more than 1 handler type"))
			return
		}
		n++
		errs = append(errs, check(p.Child(name))...)
	}
	one(h.Exec != nil, "exec", func(p *field.Path) field.ErrorList {
		if len(h.Exec.Command) == 0 {
			return field.ErrorList{field.Required(p.Child("command"), "")}
		}
		return nil
	})
	one(h.HTTPGet != nil, "httpGet", func(p *field.Path) field.ErrorList {
		errs := validatePortNumOrName(h.HTTPGet.Port, p.Child("port"))
		if s := h.HTTPGet.Scheme; s != "" && s != URISchemeHTTP && s != URISchemeHTTPS {
			errs = append(errs, field.NotSupported(p.Child("scheme"), string(s), []URIScheme{URISchemeHTTP, URISchemeHTTPS}))
		}
		for i, hdr := range h.HTTPGet.HTTPHeaders {
			errs = append(errs, invalidEach(p.Child("httpHeaders").Index(i).Child("name"), hdr.Name, isHTTPHeaderName(hdr.Name))...)
		}
		return errs
	})
	one(h.TCPSocket != nil, "tcpSocket", func(p *field.Path) field.ErrorList {
		return validatePortNumOrName(h.TCPSocket.Port, p.Child("port"))
	})
	one(h.GRPC != nil, "grpc", func(p *field.Path) field.ErrorList {
		return invalidEach(p.Child("port"), h.GRPC.Port, isValidPortNum(int(h.GRPC.Port)))
	})
	one(h.Sleep != nil, "sleep", func(p *field.Path) field.ErrorList {
		g := int64(DefaultTerminationGracePeriodSeconds)
		if grace != nil {
			g = *grace
		}
		if s := h.Sleep.Seconds; s < 0 || s > g {
			return field.ErrorList{field.Invalid(p.Child("seconds"), s,
				fmt.Sprintf("must be non-negative and less than terminationGracePeriodSeconds (%d)", g))}
		}
		return nil
	})
	if n == 0 {
		errs = append(errs, field.Required(p, "must specify a handler type"))
	}
	return errs
}

func validatePortNumOrName(port IntOrString, p *field.Path) field.ErrorList {
	if port.Type == String {
		return invalidEach(p, port.StrVal, isValidPortName(port.StrVal))
	}
	return invalidEach(p, port.IntVal, isValidPortNum(int(port.IntVal)))
}

// ---- Resources ----

var standardContainerResources = []ResourceName{ResourceCPU, ResourceMemory, ResourceEphemeralStorage}

// isNativeResource: no domain, or a kubernetes.io domain.
func isNativeResource(name ResourceName) bool {
	return !strings.Contains(string(name), "/") || strings.Contains(string(name), ResourceDefaultNamespacePrefix)
}

// isExtendedResource: a domain-prefixed resource outside kubernetes.io.
func isExtendedResource(name ResourceName) bool {
	if isNativeResource(name) || strings.HasPrefix(string(name), DefaultResourceRequestsPrefix) {
		return false
	}
	return len(labels.ValidateQualifiedName(DefaultResourceRequestsPrefix+string(name))) == 0
}

// isOvercommitAllowed: requests may be below limits (not for hugepages or
// extended resources).
func isOvercommitAllowed(name ResourceName) bool {
	return isNativeResource(name) && !isHugePages(name)
}

var quotaIntegerResources = []ResourceName{ResourcePods, ResourceQuotas, ResourceServices, ResourceReplicationControllers,
	ResourceSecrets, ResourceConfigMaps, ResourcePersistentVolumeClaims, ResourceServicesNodePorts, ResourceServicesLoadBalancers}

func isIntegerResource(name ResourceName) bool {
	return isExtendedResource(name) || slices.Contains(quotaIntegerResources, name) ||
		strings.HasPrefix(string(name), "count/")
}

// validateResourceName checks a resource name: a qualified name, and
// either a standard resource or domain-prefixed.
func validateResourceName(name ResourceName, standard func(ResourceName) bool, msg string, p *field.Path) field.ErrorList {
	errs := validateQualifiedName(string(name), p)
	if len(errs) == 0 && !strings.Contains(string(name), "/") && !standard(name) {
		errs = append(errs, field.Invalid(p, string(name), msg))
	}
	return errs
}

// validateContainerResourceName allows cpu, memory, ephemeral-storage,
// hugepages-<size> and extended resources.
func validateContainerResourceName(name ResourceName, p *field.Path) field.ErrorList {
	errs := validateResourceName(name, func(n ResourceName) bool {
		return slices.Contains(standardContainerResources, n) || isHugePages(n)
	}, "must be a standard resource for containers", p)
	if len(errs) == 0 && strings.Contains(string(name), "/") && !isNativeResource(name) && !isExtendedResource(name) {
		errs = append(errs, field.Invalid(p, string(name), "doesn't follow extended resource name standard"))
	}
	return errs
}

// validateQuantity checks that q is not negative, and is whole for
// integer resources.
func validateQuantity(name ResourceName, q resource.Quantity, p *field.Path) field.ErrorList {
	if q.Sign() < 0 {
		return field.ErrorList{field.Invalid(p, q.String(), isNegativeErrorMsg)}
	}
	if isIntegerResource(name) && q.MilliValue()%1000 != 0 {
		return field.ErrorList{field.Invalid(p, q.String(), isNotIntegerErrorMsg)}
	}
	return nil
}

func validateResourceList(rl ResourceList, p *field.Path, nameFn func(ResourceName, *field.Path) field.ErrorList) field.ErrorList {
	var errs field.ErrorList
	for _, name := range sortedKeys(rl) {
		rp := p.Key(string(name))
		errs = append(errs, nameFn(name, rp)...)
		errs = append(errs, validateQuantity(name, rl[name], rp)...)
	}
	return errs
}

// validateContainerResources checks requests and limits: valid names,
// non-negative quantities, requests not above limits, and requests equal
// to limits (which must be set) for resources that cannot be overcommitted.
func validateContainerResources(r *ResourceRequirements, p *field.Path) field.ErrorList {
	limPath, reqPath := p.Child("limits"), p.Child("requests")
	errs := validateResourceList(r.Limits, limPath, validateContainerResourceName)
	errs = append(errs, validateResourceList(r.Requests, reqPath, validateContainerResourceName)...)
	errs = append(errs, validateRequestsWithinLimits(r.Requests, r.Limits, reqPath, limPath)...)
	seen := map[string]bool{}
	for i, c := range r.Claims {
		cp := p.Child("claims").Index(i)
		if c.Name == "" {
			errs = append(errs, field.Required(cp.Child("name"), ""))
			continue
		}
		key := c.Name + "/" + c.Request
		if seen[key] {
			errs = append(errs, field.Duplicate(cp, c.Name))
		}
		seen[key] = true
		errs = append(errs, validateDNS1123Label(c.Name, cp.Child("name"))...)
	}
	return errs
}

func validateRequestsWithinLimits(requests, limits ResourceList, reqPath, limPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, name := range sortedKeys(requests) {
		q := requests[name]
		lim, ok := limits[name]
		switch {
		case ok && q.Cmp(lim) != 0 && !isOvercommitAllowed(name):
			errs = append(errs, field.Invalid(reqPath, q.String(), fmt.Sprintf("must be equal to %s limit of %s", name, lim.String())))
		case ok && q.Cmp(lim) > 0:
			errs = append(errs, field.Invalid(reqPath, q.String(), fmt.Sprintf("must be less than or equal to %s limit of %s", name, lim.String())))
		case !ok && !isOvercommitAllowed(name):
			errs = append(errs, field.Required(limPath, "Limit must be set for non overcommitable resources"))
		}
	}
	return errs
}

// validatePodResources checks spec.resources: only cpu, memory and
// hugepages, and requests not above limits.
func validatePodResources(r *ResourceRequirements, p *field.Path) field.ErrorList {
	limPath, reqPath := p.Child("limits"), p.Child("requests")
	supported := []ResourceName{ResourceCPU, ResourceMemory}
	podName := func(name ResourceName, rp *field.Path) field.ErrorList {
		if errs := validateContainerResourceName(name, rp); len(errs) > 0 {
			return errs
		}
		if !isPodLevelResource(name) {
			return field.ErrorList{field.NotSupported(rp, string(name), supported)}
		}
		return nil
	}
	errs := validateResourceList(r.Limits, limPath, podName)
	errs = append(errs, validateResourceList(r.Requests, reqPath, podName)...)
	for _, name := range sortedKeys(r.Requests) {
		if lim, ok := r.Limits[name]; ok && r.Requests[name].Cmp(lim) > 0 {
			q := r.Requests[name]
			errs = append(errs, field.Invalid(reqPath, q.String(), fmt.Sprintf("must be less than or equal to %s limit of %s", name, lim.String())))
		}
	}
	if len(r.Claims) > 0 {
		errs = append(errs, field.Forbidden(p.Child("claims"), "claims may not be set for Resources at pod-level"))
	}
	return errs
}

// ---- Volumes ----

// validateVolumes checks pod volumes and returns the valid ones by name.
func validateVolumes(vols []Volume, p *field.Path, ctx podSpecContext) (map[string]*VolumeSource, field.ErrorList) {
	var errs field.ErrorList
	byName := map[string]*VolumeSource{}
	seen := map[string]bool{}
	for i := range vols {
		v := &vols[i]
		ip := p.Index(i)
		verrs := validateVolumeSource(&v.VolumeSource, ip, ctx)
		if v.Name == "" {
			verrs = append(verrs, field.Required(ip.Child("name"), ""))
		} else {
			verrs = append(verrs, validateDNS1123Label(v.Name, ip.Child("name"))...)
		}
		if seen[v.Name] {
			verrs = append(verrs, field.Duplicate(ip.Child("name"), v.Name))
		}
		seen[v.Name] = true
		if len(verrs) == 0 {
			byName[v.Name] = &v.VolumeSource
		}
		errs = append(errs, verrs...)
	}
	return byName, errs
}

// validateSourceCount reports a union with no member or with more than one.
func validateSourceCount(set []string, p *field.Path, noneMsg, manyMsg string) field.ErrorList {
	if len(set) == 0 {
		return field.ErrorList{field.Required(p, noneMsg)}
	}
	var errs field.ErrorList
	for _, name := range set[1:] {
		errs = append(errs, field.Forbidden(p.Child(name), manyMsg))
	}
	return errs
}

func validateVolumeSource(vs *VolumeSource, p *field.Path, ctx podSpecContext) field.ErrorList {
	errs := validateSourceCount(setFields(vs), p, "must specify a volume type", "may not specify more than 1 volume type")
	required := func(v string, name ...string) {
		if v == "" {
			errs = append(errs, field.Required(p.Child(name[0], name[1:]...), ""))
		}
	}
	switch {
	case vs.HostPath != nil:
		errs = append(errs, validateHostPath(vs.HostPath, p.Child("hostPath"))...)
	case vs.EmptyDir != nil:
		if sl := vs.EmptyDir.SizeLimit; sl != nil && sl.Sign() < 0 {
			errs = append(errs, field.Forbidden(p.Child("emptyDir", "sizeLimit"), "SizeLimit field must be a valid resource quantity"))
		}
	case vs.Secret != nil:
		sp := p.Child("secret")
		required(vs.Secret.SecretName, "secret", "secretName")
		errs = append(errs, validateFileMode(vs.Secret.DefaultMode, sp.Child("defaultMode"))...)
		errs = append(errs, validateKeyToPaths(vs.Secret.Items, sp.Child("items"))...)
	case vs.ConfigMap != nil:
		cp := p.Child("configMap")
		required(vs.ConfigMap.Name, "configMap", "name")
		errs = append(errs, validateFileMode(vs.ConfigMap.DefaultMode, cp.Child("defaultMode"))...)
		errs = append(errs, validateKeyToPaths(vs.ConfigMap.Items, cp.Child("items"))...)
	case vs.PersistentVolumeClaim != nil:
		required(vs.PersistentVolumeClaim.ClaimName, "persistentVolumeClaim", "claimName")
	case vs.DownwardAPI != nil:
		dp := p.Child("downwardAPI")
		errs = append(errs, validateFileMode(vs.DownwardAPI.DefaultMode, dp.Child("defaultMode"))...)
		errs = append(errs, validateDownwardAPIFiles(vs.DownwardAPI.Items, dp.Child("items"))...)
	case vs.Projected != nil:
		errs = append(errs, validateProjected(vs.Projected, p.Child("projected"))...)
	case vs.NFS != nil:
		required(vs.NFS.Server, "nfs", "server")
		if vs.NFS.Path == "" {
			errs = append(errs, field.Required(p.Child("nfs", "path"), ""))
		} else if !path.IsAbs(vs.NFS.Path) {
			errs = append(errs, field.Invalid(p.Child("nfs", "path"), vs.NFS.Path, "must be an absolute path"))
		}
	case vs.CSI != nil:
		errs = append(errs, validateCSIDriverName(vs.CSI.Driver, p.Child("csi", "driver"))...)
		if r := vs.CSI.NodePublishSecretRef; r != nil && r.Name == "" {
			errs = append(errs, field.Required(p.Child("csi", "nodePublishSecretRef", "name"), ""))
		}
	case vs.Ephemeral != nil:
		ep := p.Child("ephemeral")
		if vs.Ephemeral.VolumeClaimTemplate == nil {
			errs = append(errs, field.Required(ep.Child("volumeClaimTemplate"), ""))
		} else {
			t := vs.Ephemeral.VolumeClaimTemplate
			tp := ep.Child("volumeClaimTemplate")
			errs = append(errs, ValidateLabels(t.Labels, tp.Child("metadata", "labels"))...)
			errs = append(errs, ValidateAnnotations(t.Annotations, tp.Child("metadata", "annotations"))...)
			errs = append(errs, validatePVCSpec(&t.Spec, tp.Child("spec"))...)
		}
	case vs.Image != nil:
		if ctx.isPod && vs.Image.Reference == "" {
			errs = append(errs, field.Required(p.Child("image", "reference"), ""))
		}
		if pp := vs.Image.PullPolicy; pp != "" && !slices.Contains(pullPolicies, pp) {
			errs = append(errs, field.NotSupported(p.Child("image", "pullPolicy"), string(pp), pullPolicies))
		}
	case vs.GitRepo != nil:
		required(vs.GitRepo.Repository, "gitRepo", "repository")
		if d := vs.GitRepo.Directory; d != "" {
			errs = append(errs, validateLocalDescendingPath(d, p.Child("gitRepo", "directory"))...)
		}
	case vs.GCEPersistentDisk != nil:
		required(vs.GCEPersistentDisk.PDName, "gcePersistentDisk", "pdName")
	case vs.AWSElasticBlockStore != nil:
		required(vs.AWSElasticBlockStore.VolumeID, "awsElasticBlockStore", "volumeID")
	case vs.ISCSI != nil:
		required(vs.ISCSI.TargetPortal, "iscsi", "targetPortal")
		required(vs.ISCSI.IQN, "iscsi", "iqn")
	case vs.Glusterfs != nil:
		required(vs.Glusterfs.EndpointsName, "glusterfs", "endpoints")
		required(vs.Glusterfs.Path, "glusterfs", "path")
	case vs.RBD != nil:
		if len(vs.RBD.CephMonitors) == 0 {
			errs = append(errs, field.Required(p.Child("rbd", "monitors"), ""))
		}
		required(vs.RBD.RBDImage, "rbd", "image")
	case vs.FlexVolume != nil:
		required(vs.FlexVolume.Driver, "flexVolume", "driver")
	case vs.Cinder != nil:
		required(vs.Cinder.VolumeID, "cinder", "volumeID")
	case vs.CephFS != nil:
		if len(vs.CephFS.Monitors) == 0 {
			errs = append(errs, field.Required(p.Child("cephfs", "monitors"), ""))
		}
	case vs.FC != nil:
		if len(vs.FC.TargetWWNs) == 0 && len(vs.FC.WWIDs) == 0 {
			errs = append(errs, field.Required(p.Child("fc", "targetWWNs"), "must specify either targetWWNs or wwids, but not both"))
		}
	case vs.AzureFile != nil:
		required(vs.AzureFile.SecretName, "azureFile", "secretName")
		required(vs.AzureFile.ShareName, "azureFile", "shareName")
	case vs.AzureDisk != nil:
		required(vs.AzureDisk.DiskName, "azureDisk", "diskName")
		required(vs.AzureDisk.DataDiskURI, "azureDisk", "diskURI")
	case vs.VsphereVolume != nil:
		required(vs.VsphereVolume.VolumePath, "vsphereVolume", "volumePath")
	case vs.Quobyte != nil:
		required(vs.Quobyte.Registry, "quobyte", "registry")
		required(vs.Quobyte.Volume, "quobyte", "volume")
	case vs.PhotonPersistentDisk != nil:
		required(vs.PhotonPersistentDisk.PdID, "photonPersistentDisk", "pdID")
	case vs.PortworxVolume != nil:
		required(vs.PortworxVolume.VolumeID, "portworxVolume", "volumeID")
	case vs.ScaleIO != nil:
		required(vs.ScaleIO.Gateway, "scaleIO", "gateway")
		required(vs.ScaleIO.System, "scaleIO", "system")
		if vs.ScaleIO.SecretRef == nil {
			errs = append(errs, field.Required(p.Child("scaleIO", "secretRef"), ""))
		}
	case vs.StorageOS != nil:
		required(vs.StorageOS.VolumeName, "storageos", "volumeName")
	case vs.Flocker != nil:
		if (vs.Flocker.DatasetName == "") == (vs.Flocker.DatasetUUID == "") {
			errs = append(errs, field.Required(p.Child("flocker"), "one of datasetName and datasetUUID is required"))
		}
	}
	return errs
}

var hostPathTypes = []HostPathType{HostPathUnset, HostPathDirectoryOrCreate, HostPathDirectory,
	HostPathFileOrCreate, HostPathFile, HostPathSocket, HostPathCharDev, HostPathBlockDev}

func validateHostPath(h *HostPathVolumeSource, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if h.Path == "" {
		errs = append(errs, field.Required(p.Child("path"), ""))
	} else if hasBacksteps(h.Path) {
		errs = append(errs, field.Invalid(p.Child("path"), h.Path, "must not contain '..'"))
	}
	if h.Type != nil && !slices.Contains(hostPathTypes, *h.Type) {
		errs = append(errs, field.NotSupported(p.Child("type"), string(*h.Type), hostPathTypes))
	}
	return errs
}

func validateFileMode(mode *int32, p *field.Path) field.ErrorList {
	if mode != nil && (*mode < 0 || *mode > 0o777) {
		return field.ErrorList{field.Invalid(p, *mode, "must be a number between 0 and 0777 (octal), both inclusive")}
	}
	return nil
}

// validateVolumeFilePath checks a path inside a volume: relative, without
// "..", and not starting with "..".
func validateVolumeFilePath(target string, p *field.Path) field.ErrorList {
	if target == "" {
		return field.ErrorList{field.Required(p, "")}
	}
	errs := validateLocalDescendingPath(target, p)
	if strings.HasPrefix(target, "..") && !hasBacksteps(target) {
		errs = append(errs, field.Invalid(p, target, "must not start with '..'"))
	}
	return errs
}

func validateKeyToPaths(items []KeyToPath, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, it := range items {
		ip := p.Index(i)
		if it.Key == "" {
			errs = append(errs, field.Required(ip.Child("key"), ""))
		}
		errs = append(errs, validateVolumeFilePath(it.Path, ip.Child("path"))...)
		errs = append(errs, validateFileMode(it.Mode, ip.Child("mode"))...)
	}
	return errs
}

func validateDownwardAPIFiles(files []DownwardAPIVolumeFile, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, f := range files {
		ip := p.Index(i)
		errs = append(errs, validateVolumeFilePath(f.Path, ip.Child("path"))...)
		errs = append(errs, validateFileMode(f.Mode, ip.Child("mode"))...)
		switch {
		case f.FieldRef != nil && f.ResourceFieldRef != nil:
			errs = append(errs, field.Invalid(ip, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"))
		case f.FieldRef != nil:
			errs = append(errs, validateObjectFieldSelector(f.FieldRef, volumeFieldPaths, ip.Child("fieldRef"))...)
		case f.ResourceFieldRef != nil:
			errs = append(errs, validateResourceFieldSelector(f.ResourceFieldRef, true, ip.Child("resourceFieldRef"))...)
		default:
			errs = append(errs, field.Required(ip, "one of fieldRef and resourceFieldRef is required"))
		}
	}
	return errs
}

func validateProjected(pv *ProjectedVolumeSource, p *field.Path) field.ErrorList {
	errs := validateFileMode(pv.DefaultMode, p.Child("defaultMode"))
	paths := map[string]bool{}
	addPath := func(target string, ip *field.Path) {
		if paths[target] {
			errs = append(errs, field.Invalid(ip, target, "conflicting duplicate paths"))
		}
		paths[target] = true
	}
	for i := range pv.Sources {
		s := &pv.Sources[i]
		sp := p.Child("sources").Index(i)
		set := setFields(s)
		if len(set) == 0 {
			errs = append(errs, field.Required(sp, "must specify exactly one volume projection"))
		}
		for _, name := range set[min(1, len(set)):] {
			errs = append(errs, field.Forbidden(sp.Child(name), "may not specify more than 1 volume type per source"))
		}
		switch {
		case s.Secret != nil:
			if s.Secret.Name == "" {
				errs = append(errs, field.Required(sp.Child("secret", "name"), ""))
			}
			errs = append(errs, validateKeyToPaths(s.Secret.Items, sp.Child("secret", "items"))...)
			for j, it := range s.Secret.Items {
				addPath(it.Path, sp.Child("secret", "items").Index(j).Child("path"))
			}
		case s.ConfigMap != nil:
			if s.ConfigMap.Name == "" {
				errs = append(errs, field.Required(sp.Child("configMap", "name"), ""))
			}
			errs = append(errs, validateKeyToPaths(s.ConfigMap.Items, sp.Child("configMap", "items"))...)
			for j, it := range s.ConfigMap.Items {
				addPath(it.Path, sp.Child("configMap", "items").Index(j).Child("path"))
			}
		case s.DownwardAPI != nil:
			errs = append(errs, validateDownwardAPIFiles(s.DownwardAPI.Items, sp.Child("downwardAPI", "items"))...)
			for j, it := range s.DownwardAPI.Items {
				addPath(it.Path, sp.Child("downwardAPI", "items").Index(j).Child("path"))
			}
		case s.ServiceAccountToken != nil:
			tp := sp.Child("serviceAccountToken")
			if e := s.ServiceAccountToken.ExpirationSeconds; e != nil {
				if *e < 10*60 {
					errs = append(errs, field.Invalid(tp.Child("expirationSeconds"), *e, "may not specify a duration less than 10 minutes"))
				}
				if *e > 1<<32 {
					errs = append(errs, field.Invalid(tp.Child("expirationSeconds"), *e, "may not specify a duration larger than 2^32 seconds"))
				}
			}
			errs = append(errs, validateVolumeFilePath(s.ServiceAccountToken.Path, tp.Child("path"))...)
			addPath(s.ServiceAccountToken.Path, tp.Child("path"))
		case s.ClusterTrustBundle != nil:
			cp := sp.Child("clusterTrustBundle")
			if (s.ClusterTrustBundle.Name == nil) == (s.ClusterTrustBundle.SignerName == nil) {
				errs = append(errs, field.Required(cp, "either name or signerName must be specified"))
			}
			errs = append(errs, validateVolumeFilePath(s.ClusterTrustBundle.Path, cp.Child("path"))...)
			addPath(s.ClusterTrustBundle.Path, cp.Child("path"))
		case s.PodCertificate != nil:
			if s.PodCertificate.SignerName == "" {
				errs = append(errs, field.Required(sp.Child("podCertificate", "signerName"), ""))
			}
		}
	}
	return errs
}

// ---- Affinity and spreading ----

func validateAffinity(a *Affinity, p *field.Path) field.ErrorList {
	if a == nil {
		return nil
	}
	var errs field.ErrorList
	if na := a.NodeAffinity; na != nil {
		np := p.Child("nodeAffinity")
		if r := na.RequiredDuringSchedulingIgnoredDuringExecution; r != nil {
			errs = append(errs, validateNodeSelector(r, np.Child("requiredDuringSchedulingIgnoredDuringExecution"))...)
		}
		for i, t := range na.PreferredDuringSchedulingIgnoredDuringExecution {
			tp := np.Child("preferredDuringSchedulingIgnoredDuringExecution").Index(i)
			errs = append(errs, validateWeight(t.Weight, tp.Child("weight"))...)
			errs = append(errs, validateNodeSelectorTerm(&t.Preference, tp.Child("preference"))...)
		}
	}
	if pa := a.PodAffinity; pa != nil {
		errs = append(errs, validatePodAffinityTerms(pa.RequiredDuringSchedulingIgnoredDuringExecution,
			pa.PreferredDuringSchedulingIgnoredDuringExecution, p.Child("podAffinity"))...)
	}
	if pa := a.PodAntiAffinity; pa != nil {
		errs = append(errs, validatePodAffinityTerms(pa.RequiredDuringSchedulingIgnoredDuringExecution,
			pa.PreferredDuringSchedulingIgnoredDuringExecution, p.Child("podAntiAffinity"))...)
	}
	return errs
}

func validateWeight(w int32, p *field.Path) field.ErrorList {
	if w <= 0 || w > 100 {
		return field.ErrorList{field.Invalid(p, w, "must be in the range 1-100")}
	}
	return nil
}

func validateNodeSelector(ns *NodeSelector, p *field.Path) field.ErrorList {
	tp := p.Child("nodeSelectorTerms")
	if len(ns.NodeSelectorTerms) == 0 {
		return field.ErrorList{field.Required(tp, "must have at least one node selector term")}
	}
	var errs field.ErrorList
	for i := range ns.NodeSelectorTerms {
		errs = append(errs, validateNodeSelectorTerm(&ns.NodeSelectorTerms[i], tp.Index(i))...)
	}
	return errs
}

func validateNodeSelectorTerm(t *NodeSelectorTerm, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, r := range t.MatchExpressions {
		errs = append(errs, validateNodeSelectorRequirement(r, p.Child("matchExpressions").Index(i))...)
	}
	for i, r := range t.MatchFields {
		rp := p.Child("matchFields").Index(i)
		if r.Key != "metadata.name" {
			errs = append(errs, field.Invalid(rp.Child("key"), r.Key, "not a valid field selector key"))
		}
		switch r.Operator {
		case NodeSelectorOpIn, NodeSelectorOpNotIn:
			if len(r.Values) != 1 {
				errs = append(errs, field.Required(rp.Child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"))
			}
		default:
			errs = append(errs, field.Invalid(rp.Child("operator"), string(r.Operator), "not a valid selector operator"))
		}
		for j, v := range r.Values {
			errs = append(errs, invalidEach(rp.Child("values").Index(j), v, NameIsDNSSubdomain(v, false))...)
		}
	}
	return errs
}

func validateNodeSelectorRequirement(r NodeSelectorRequirement, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch r.Operator {
	case NodeSelectorOpIn, NodeSelectorOpNotIn:
		if len(r.Values) == 0 {
			errs = append(errs, field.Required(p.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
		}
	case NodeSelectorOpExists, NodeSelectorOpDoesNotExist:
		if len(r.Values) > 0 {
			errs = append(errs, field.Forbidden(p.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
		}
	case NodeSelectorOpGt, NodeSelectorOpLt:
		if len(r.Values) != 1 {
			errs = append(errs, field.Required(p.Child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"))
		}
	default:
		errs = append(errs, field.Invalid(p.Child("operator"), string(r.Operator), "not a valid selector operator"))
	}
	errs = append(errs, validateQualifiedName(r.Key, p.Child("key"))...)
	for i, v := range r.Values {
		errs = append(errs, invalidEach(p.Child("values").Index(i), v, labels.ValidateLabelValue(v))...)
	}
	return errs
}

func validatePodAffinityTerms(required []PodAffinityTerm, preferred []WeightedPodAffinityTerm, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i := range required {
		errs = append(errs, validatePodAffinityTerm(&required[i], p.Child("requiredDuringSchedulingIgnoredDuringExecution").Index(i))...)
	}
	for i := range preferred {
		wp := p.Child("preferredDuringSchedulingIgnoredDuringExecution").Index(i)
		errs = append(errs, validateWeight(preferred[i].Weight, wp.Child("weight"))...)
		errs = append(errs, validatePodAffinityTerm(&preferred[i].PodAffinityTerm, wp.Child("podAffinityTerm"))...)
	}
	return errs
}

func validatePodAffinityTerm(t *PodAffinityTerm, p *field.Path) field.ErrorList {
	errs := ValidateLabelSelector(t.LabelSelector, p.Child("labelSelector"))
	errs = append(errs, ValidateLabelSelector(t.NamespaceSelector, p.Child("namespaceSelector"))...)
	for i, ns := range t.Namespaces {
		errs = append(errs, invalidEach(p.Child("namespaces").Index(i), ns, NameIsDNSLabel(ns, false))...)
	}
	if t.TopologyKey == "" {
		errs = append(errs, field.Required(p.Child("topologyKey"), "can not be empty"))
	} else {
		errs = append(errs, validateQualifiedName(t.TopologyKey, p.Child("topologyKey"))...)
	}
	errs = append(errs, validateMatchLabelKeys(t.MatchLabelKeys, t.LabelSelector, p.Child("matchLabelKeys"))...)
	errs = append(errs, validateMatchLabelKeys(t.MismatchLabelKeys, t.LabelSelector, p.Child("mismatchLabelKeys"))...)
	for i, k := range t.MatchLabelKeys {
		if slices.Contains(t.MismatchLabelKeys, k) {
			errs = append(errs, field.Invalid(p.Child("matchLabelKeys").Index(i), k, "exists in both matchLabelKeys and mismatchLabelKeys"))
		}
	}
	return errs
}

func validateMatchLabelKeys(keys []string, sel *LabelSelector, p *field.Path) field.ErrorList {
	if len(keys) == 0 {
		return nil
	}
	if sel == nil {
		return field.ErrorList{field.Forbidden(p, "must not be specified when labelSelector is not set")}
	}
	var errs field.ErrorList
	for i, k := range keys {
		errs = append(errs, validateQualifiedName(k, p.Index(i))...)
	}
	return errs
}

func validateTopologySpreadConstraints(cs []TopologySpreadConstraint, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	seen := map[string]bool{}
	actions := []UnsatisfiableConstraintAction{DoNotSchedule, ScheduleAnyway}
	policies := []NodeInclusionPolicy{NodeInclusionPolicyHonor, NodeInclusionPolicyIgnore}
	for i, c := range cs {
		ip := p.Index(i)
		if c.MaxSkew <= 0 {
			errs = append(errs, field.Invalid(ip.Child("maxSkew"), c.MaxSkew, isNotPositiveErrorMsg))
		}
		if c.TopologyKey == "" {
			errs = append(errs, field.Required(ip.Child("topologyKey"), "can not be empty"))
		} else {
			errs = append(errs, validateQualifiedName(c.TopologyKey, ip.Child("topologyKey"))...)
		}
		if !slices.Contains(actions, c.WhenUnsatisfiable) {
			errs = append(errs, field.NotSupported(ip.Child("whenUnsatisfiable"), string(c.WhenUnsatisfiable), actions))
		}
		key := fmt.Sprintf("{%v, %v}", c.TopologyKey, c.WhenUnsatisfiable)
		if seen[key] {
			errs = append(errs, field.Duplicate(ip.Child("{topologyKey, whenUnsatisfiable}"), key))
		}
		seen[key] = true
		if md := c.MinDomains; md != nil {
			if *md <= 0 {
				errs = append(errs, field.Invalid(ip.Child("minDomains"), *md, isNotPositiveErrorMsg))
			}
			if c.WhenUnsatisfiable != DoNotSchedule {
				errs = append(errs, field.Invalid(ip.Child("minDomains"), *md,
					fmt.Sprintf("can only use minDomains if whenUnsatisfiable=%s, not %s", DoNotSchedule, c.WhenUnsatisfiable)))
			}
		}
		if pol := c.NodeAffinityPolicy; pol != nil && !slices.Contains(policies, *pol) {
			errs = append(errs, field.NotSupported(ip.Child("nodeAffinityPolicy"), string(*pol), policies))
		}
		if pol := c.NodeTaintsPolicy; pol != nil && !slices.Contains(policies, *pol) {
			errs = append(errs, field.NotSupported(ip.Child("nodeTaintsPolicy"), string(*pol), policies))
		}
		errs = append(errs, ValidateLabelSelector(c.LabelSelector, ip.Child("labelSelector"))...)
		errs = append(errs, validateMatchLabelKeys(c.MatchLabelKeys, c.LabelSelector, ip.Child("matchLabelKeys"))...)
	}
	return errs
}

// ---- Namespace, Node ----

// ValidateNamespace checks a namespace for creation: its name is an RFC
// 1123 label and its spec finalizers are valid finalizer names.
func ValidateNamespace(ns *Namespace) field.ErrorList {
	errs := validateMeta(&ns.ObjectMeta, false, NameIsDNSLabel)
	for i, f := range ns.Spec.Finalizers {
		errs = append(errs, validateFinalizerName(string(f), field.NewPath("spec", "finalizers").Index(i))...)
	}
	return errs
}

// ValidateNamespaceUpdate checks a namespace update.
func ValidateNamespaceUpdate(ns, old *Namespace) field.ErrorList {
	errs := validateMetaUpdate(&ns.ObjectMeta, &old.ObjectMeta)
	for i, f := range ns.Spec.Finalizers {
		errs = append(errs, validateFinalizerName(string(f), field.NewPath("spec", "finalizers").Index(i))...)
	}
	return errs
}

// ValidateNode checks a node for creation: taints, pod CIDRs and the
// resource names of its capacity.
func ValidateNode(n *Node) field.ErrorList {
	errs := validateMeta(&n.ObjectMeta, false, NameIsDNSSubdomain)
	return append(errs, validateNodeSpecAndStatus(n)...)
}

func validateNodeSpecAndStatus(n *Node) field.ErrorList {
	spec := field.NewPath("spec")
	errs := validateTaints(n.Spec.Taints, spec.Child("taints"))
	cidrs := spec.Child("podCIDRs")
	families := map[bool]bool{}
	for i, c := range n.Spec.PodCIDRs {
		if e := validateCIDR(c, cidrs.Index(i)); len(e) > 0 {
			errs = append(errs, e...)
			continue
		}
		v4 := netip.MustParsePrefix(c).Addr().Is4()
		if families[v4] {
			errs = append(errs, field.Invalid(cidrs, n.Spec.PodCIDRs, "may specify no more than one CIDR for each IP family"))
		}
		families[v4] = true
	}
	if len(n.Spec.PodCIDRs) > 2 {
		errs = append(errs, field.Invalid(cidrs, n.Spec.PodCIDRs, "may specify no more than one CIDR for each IP family"))
	}
	if n.Spec.PodCIDR != "" && (len(n.Spec.PodCIDRs) == 0 || n.Spec.PodCIDRs[0] != n.Spec.PodCIDR) {
		errs = append(errs, field.Invalid(spec.Child("podCIDR"), n.Spec.PodCIDR, "must match the first element of podCIDRs"))
	}
	nodeResource := func(name ResourceName, p *field.Path) field.ErrorList {
		return validateQualifiedName(string(name), p)
	}
	status := field.NewPath("status")
	errs = append(errs, validateResourceList(n.Status.Capacity, status.Child("capacity"), nodeResource)...)
	errs = append(errs, validateResourceList(n.Status.Allocatable, status.Child("allocatable"), nodeResource)...)
	seen := map[NodeAddress]bool{}
	for i, a := range n.Status.Addresses {
		if seen[a] {
			errs = append(errs, field.Duplicate(status.Child("addresses").Index(i), a))
		}
		seen[a] = true
	}
	return errs
}

func validateTaints(ts []Taint, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	type key struct {
		k string
		e TaintEffect
	}
	seen := map[key]bool{}
	for i, t := range ts {
		ip := p.Index(i)
		errs = append(errs, validateQualifiedName(t.Key, ip.Child("key"))...)
		if msgs := labels.ValidateLabelValue(t.Value); len(msgs) > 0 {
			errs = append(errs, field.Invalid(ip.Child("value"), t.Value, strings.Join(msgs, ";")))
		}
		switch {
		case t.Effect == "":
			errs = append(errs, field.Required(ip.Child("effect"), ""))
		case !slices.Contains(taintEffects, t.Effect):
			errs = append(errs, field.NotSupported(ip.Child("effect"), string(t.Effect), taintEffects))
		}
		k := key{t.Key, t.Effect}
		if seen[k] {
			e := field.Duplicate(ip, t)
			e.Detail = "taints must be unique by key and effect pair"
			errs = append(errs, e)
		}
		seen[k] = true
	}
	return errs
}

// ValidateNodeUpdate checks a node update: podCIDRs and providerID may
// only be set once.
func ValidateNodeUpdate(n, old *Node) field.ErrorList {
	errs := validateMetaUpdate(&n.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateNodeSpecAndStatus(n)...)
	if len(old.Spec.PodCIDRs) > 0 && !slices.Equal(old.Spec.PodCIDRs, n.Spec.PodCIDRs) {
		errs = append(errs, field.Forbidden(field.NewPath("spec", "podCIDRs"), "node updates may not change podCIDR except from \"\" to valid"))
	}
	if old.Spec.ProviderID != "" && old.Spec.ProviderID != n.Spec.ProviderID {
		errs = append(errs, field.Forbidden(field.NewPath("spec", "providerID"), "node updates may not change providerID except from \"\" to valid"))
	}
	return errs
}

// ---- Secret, ConfigMap, ServiceAccount ----

const immutableSetMsg = "field is immutable when `immutable` is set"

// ValidateSecret checks a secret for creation: key names, total size
// (1 MiB) and the keys its type requires. StringData, which the API server
// merges into Data on write, is checked the same way.
func ValidateSecret(s *Secret) field.ErrorList {
	errs := validateMeta(&s.ObjectMeta, true, NameIsDNSSubdomain)
	data := field.NewPath("data")
	total := 0
	for _, k := range sortedKeys(s.Data) {
		errs = append(errs, invalidEach(data.Key(k), k, isConfigMapKey(k))...)
		total += len(s.Data[k])
	}
	for _, k := range sortedKeys(s.StringData) {
		errs = append(errs, invalidEach(field.NewPath("stringData").Key(k), k, isConfigMapKey(k))...)
		if _, dup := s.Data[k]; !dup {
			total += len(s.StringData[k])
		}
	}
	if total > MaxSecretSize {
		errs = append(errs, field.TooLong(data, "", MaxSecretSize))
	}
	has := func(k string) bool {
		_, a := s.Data[k]
		_, b := s.StringData[k]
		return a || b
	}
	value := func(k string) []byte {
		if v, ok := s.StringData[k]; ok {
			return []byte(v)
		}
		return s.Data[k]
	}
	switch s.Type {
	case SecretTypeServiceAccountToken:
		if s.Annotations[ServiceAccountNameKey] == "" {
			errs = append(errs, field.Required(metadataPath.Child("annotations").Key(ServiceAccountNameKey), ""))
		}
	case SecretTypeDockercfg, SecretTypeDockerConfigJson:
		key := DockerConfigKey
		if s.Type == SecretTypeDockerConfigJson {
			key = DockerConfigJsonKey
		}
		if !has(key) {
			errs = append(errs, field.Required(data.Key(key), ""))
			break
		}
		var m map[string]any
		if err := json.Unmarshal(value(key), &m); err != nil {
			errs = append(errs, field.Invalid(data.Key(key), "<secret contents redacted>", err.Error()))
		}
	case SecretTypeBasicAuth:
		if !has(BasicAuthUsernameKey) && !has(BasicAuthPasswordKey) {
			errs = append(errs, field.Required(data.Key(BasicAuthUsernameKey), ""),
				field.Required(data.Key(BasicAuthPasswordKey), ""))
		}
	case SecretTypeSSHAuth:
		if len(value(SSHAuthPrivateKey)) == 0 {
			errs = append(errs, field.Required(data.Key(SSHAuthPrivateKey), ""))
		}
	case SecretTypeTLS:
		if !has(TLSCertKey) {
			errs = append(errs, field.Required(data.Key(TLSCertKey), ""))
		}
		if !has(TLSPrivateKeyKey) {
			errs = append(errs, field.Required(data.Key(TLSPrivateKeyKey), ""))
		}
	}
	return errs
}

// ValidateSecretUpdate checks a secret update: type is immutable, and so
// are data and immutable itself once immutable is true.
func ValidateSecretUpdate(s, old *Secret) field.ErrorList {
	errs := validateMetaUpdate(&s.ObjectMeta, &old.ObjectMeta)
	oldType, newType := old.Type, s.Type
	if oldType == "" {
		oldType = SecretTypeOpaque
	}
	if newType == "" {
		newType = SecretTypeOpaque
	}
	errs = append(errs, validateImmutable(string(newType), string(oldType), field.NewPath("type"))...)
	if old.Immutable != nil && *old.Immutable {
		if s.Immutable == nil || !*s.Immutable {
			errs = append(errs, field.Forbidden(field.NewPath("immutable"), immutableSetMsg))
		}
		if !semanticEqual(s.Data, old.Data) || len(s.StringData) > 0 {
			errs = append(errs, field.Forbidden(field.NewPath("data"), immutableSetMsg))
		}
	}
	return append(errs, ValidateSecret(s)...)
}

// ValidateConfigMap checks a config map for creation: key names, no key in
// both data and binaryData, and a total size of at most 1 MiB.
func ValidateConfigMap(c *ConfigMap) field.ErrorList {
	errs := validateMeta(&c.ObjectMeta, true, NameIsDNSSubdomain)
	total := 0
	for _, k := range sortedKeys(c.Data) {
		p := field.NewPath("data").Key(k)
		errs = append(errs, invalidEach(p, k, isConfigMapKey(k))...)
		if _, dup := c.BinaryData[k]; dup {
			errs = append(errs, field.Invalid(p, k, "duplicate of key present in binaryData"))
		}
		total += len(c.Data[k])
	}
	for _, k := range sortedKeys(c.BinaryData) {
		errs = append(errs, invalidEach(field.NewPath("binaryData").Key(k), k, isConfigMapKey(k))...)
		total += len(c.BinaryData[k])
	}
	if total > MaxSecretSize {
		errs = append(errs, field.TooLong(field.NewPath(""), "", MaxSecretSize))
	}
	return errs
}

// ValidateConfigMapUpdate checks a config map update: once immutable is
// true, data, binaryData and immutable may not change.
func ValidateConfigMapUpdate(c, old *ConfigMap) field.ErrorList {
	errs := validateMetaUpdate(&c.ObjectMeta, &old.ObjectMeta)
	if old.Immutable != nil && *old.Immutable {
		if c.Immutable == nil || !*c.Immutable {
			errs = append(errs, field.Forbidden(field.NewPath("immutable"), immutableSetMsg))
		}
		if !semanticEqual(c.Data, old.Data) {
			errs = append(errs, field.Forbidden(field.NewPath("data"), immutableSetMsg))
		}
		if !semanticEqual(c.BinaryData, old.BinaryData) {
			errs = append(errs, field.Forbidden(field.NewPath("binaryData"), immutableSetMsg))
		}
	}
	return append(errs, ValidateConfigMap(c)...)
}

// ValidateServiceAccount checks a service account for creation.
func ValidateServiceAccount(sa *ServiceAccount) field.ErrorList {
	errs := validateMeta(&sa.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateServiceAccountFields(sa)...)
}

func validateServiceAccountFields(sa *ServiceAccount) field.ErrorList {
	var errs field.ErrorList
	for i, s := range sa.ImagePullSecrets {
		if s.Name == "" {
			errs = append(errs, field.Required(field.NewPath("imagePullSecrets").Index(i).Child("name"), ""))
		}
	}
	return errs
}

// ValidateServiceAccountUpdate checks a service account update.
func ValidateServiceAccountUpdate(sa, old *ServiceAccount) field.ErrorList {
	errs := validateMetaUpdate(&sa.ObjectMeta, &old.ObjectMeta)
	return append(errs, validateServiceAccountFields(sa)...)
}

// ---- Event ----

// ValidateEvent checks a core/v1 event the way Kubernetes checks events
// written through core/v1: the involved object's namespace agrees with the
// event's, and new-style events (with eventTime) name their reporter. Like
// Kubernetes, the name only needs to be a path segment.
func ValidateEvent(e *Event) field.ErrorList {
	errs := validateMeta(&e.ObjectMeta, true, NameIsPathSegment)
	return append(errs, validateEventFields(e)...)
}

func validateEventFields(e *Event) field.ErrorList {
	var errs field.ErrorList
	ioNS := field.NewPath("involvedObject", "namespace")
	if e.EventTime.IsZero() {
		if e.InvolvedObject.Namespace == "" {
			if e.Namespace != "" && e.Namespace != NamespaceDefault {
				errs = append(errs, field.Invalid(ioNS, e.InvolvedObject.Namespace, "does not match event.namespace"))
			}
		} else if e.Namespace != e.InvolvedObject.Namespace {
			errs = append(errs, field.Invalid(ioNS, e.InvolvedObject.Namespace, "does not match event.namespace"))
		}
		return errs
	}
	if e.InvolvedObject.Namespace == "" && e.Namespace != NamespaceDefault && e.Namespace != NamespaceSystem {
		errs = append(errs, field.Invalid(ioNS, e.InvolvedObject.Namespace, "does not match event.namespace"))
	}
	rc := field.NewPath("reportingController")
	if e.ReportingController == "" {
		errs = append(errs, field.Required(rc, ""))
	} else {
		errs = append(errs, validateQualifiedName(e.ReportingController, rc)...)
	}
	for _, f := range []struct {
		v    string
		name string
		max  int
		req  bool
	}{
		{e.ReportingInstance, "reportingInstance", 128, true},
		{e.Action, "action", 128, true},
		{e.Reason, "reason", 128, true},
		{e.Message, "message", 4096, false},
	} {
		if f.req && f.v == "" {
			errs = append(errs, field.Required(field.NewPath(f.name), ""))
		}
		if len(f.v) > f.max {
			errs = append(errs, field.Invalid(field.NewPath(f.name), "", fmt.Sprintf("can have at most %v characters", f.max)))
		}
	}
	return errs
}

// ValidateEventUpdate checks an event update; like Kubernetes' core/v1
// events, nothing beyond the metadata is immutable.
func ValidateEventUpdate(e, old *Event) field.ErrorList {
	errs := validateMetaUpdate(&e.ObjectMeta, &old.ObjectMeta)
	return append(errs, validateEventFields(e)...)
}

// ---- PersistentVolume, PersistentVolumeClaim ----

var (
	accessModes     = []PersistentVolumeAccessMode{ReadOnlyMany, ReadWriteMany, ReadWriteOnce, ReadWriteOncePod}
	reclaimPolicies = []PersistentVolumeReclaimPolicy{PersistentVolumeReclaimDelete, PersistentVolumeReclaimRecycle, PersistentVolumeReclaimRetain}
	volumeModes     = []PersistentVolumeMode{PersistentVolumeBlock, PersistentVolumeFilesystem}
)

func validateAccessModes(modes []PersistentVolumeAccessMode, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	rwop, other := false, false
	for _, m := range modes {
		switch {
		case !slices.Contains(accessModes, m):
			errs = append(errs, field.NotSupported(p, string(m), accessModes))
		case m == ReadWriteOncePod:
			rwop = true
		default:
			other = true
		}
	}
	if rwop && other {
		errs = append(errs, field.Forbidden(p, "may not use ReadWriteOncePod with other access modes"))
	}
	return errs
}

// ValidatePersistentVolume checks a persistent volume for creation.
func ValidatePersistentVolume(pv *PersistentVolume) field.ErrorList {
	errs := validateMeta(&pv.ObjectMeta, false, NameIsDNSSubdomain)
	return append(errs, validatePersistentVolumeSpec(pv)...)
}

func validatePersistentVolumeSpec(pv *PersistentVolume) field.ErrorList {
	var errs field.ErrorList
	spec := field.NewPath("spec")
	s := &pv.Spec
	if len(s.AccessModes) == 0 {
		errs = append(errs, field.Required(spec.Child("accessModes"), ""))
	}
	errs = append(errs, validateAccessModes(s.AccessModes, spec.Child("accessModes"))...)
	capPath := spec.Child("capacity")
	if len(s.Capacity) == 0 {
		errs = append(errs, field.Required(capPath, ""))
	} else if _, ok := s.Capacity[ResourceStorage]; !ok || len(s.Capacity) > 1 {
		errs = append(errs, field.NotSupported(capPath, s.Capacity, []ResourceName{ResourceStorage}))
	}
	for _, name := range sortedKeys(s.Capacity) {
		if q := s.Capacity[name]; q.Sign() <= 0 {
			errs = append(errs, field.Invalid(capPath.Key(string(name)), q.String(), isNotPositiveErrorMsg))
		}
	}
	if rp := s.PersistentVolumeReclaimPolicy; rp != "" && !slices.Contains(reclaimPolicies, rp) {
		errs = append(errs, field.NotSupported(spec.Child("persistentVolumeReclaimPolicy"), string(rp), reclaimPolicies))
	}
	if s.StorageClassName != "" {
		errs = append(errs, invalidEach(spec.Child("storageClassName"), s.StorageClassName, NameIsDNSSubdomain(s.StorageClassName, false))...)
	}
	if vm := s.VolumeMode; vm != nil && !slices.Contains(volumeModes, *vm) {
		errs = append(errs, field.NotSupported(spec.Child("volumeMode"), string(*vm), volumeModes))
	}
	if na := s.NodeAffinity; na != nil {
		if na.Required == nil {
			errs = append(errs, field.Required(spec.Child("nodeAffinity", "required"), "must specify required node constraints"))
		} else {
			errs = append(errs, validateNodeSelector(na.Required, spec.Child("nodeAffinity", "required"))...)
		}
	}
	errs = append(errs, validateSourceCount(setFields(&s.PersistentVolumeSource), spec, "must specify a volume type", "may not specify more than 1 volume type")...)
	src := &s.PersistentVolumeSource
	switch {
	case src.HostPath != nil:
		errs = append(errs, validateHostPath(src.HostPath, spec.Child("hostPath"))...)
	case src.Local != nil:
		lp := spec.Child("local")
		if src.Local.Path == "" {
			errs = append(errs, field.Required(lp.Child("path"), ""))
		} else if hasBacksteps(src.Local.Path) {
			errs = append(errs, field.Invalid(lp.Child("path"), src.Local.Path, "must not contain '..'"))
		}
		if s.NodeAffinity == nil || s.NodeAffinity.Required == nil {
			errs = append(errs, field.Required(spec.Child("nodeAffinity"), "Local volume requires node affinity"))
		}
	case src.NFS != nil:
		np := spec.Child("nfs")
		if src.NFS.Server == "" {
			errs = append(errs, field.Required(np.Child("server"), ""))
		}
		if src.NFS.Path == "" {
			errs = append(errs, field.Required(np.Child("path"), ""))
		} else if !path.IsAbs(src.NFS.Path) {
			errs = append(errs, field.Invalid(np.Child("path"), src.NFS.Path, "must be an absolute path"))
		}
	case src.CSI != nil:
		cp := spec.Child("csi")
		errs = append(errs, validateCSIDriverName(src.CSI.Driver, cp.Child("driver"))...)
		if src.CSI.VolumeHandle == "" {
			errs = append(errs, field.Required(cp.Child("volumeHandle"), ""))
		}
	}
	return errs
}

// ValidatePersistentVolumeUpdate checks a persistent volume update: the
// volume source and volumeMode are immutable, and nodeAffinity once set.
func ValidatePersistentVolumeUpdate(pv, old *PersistentVolume) field.ErrorList {
	errs := validateMetaUpdate(&pv.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validatePersistentVolumeSpec(pv)...)
	if !semanticEqual(pv.Spec.PersistentVolumeSource, old.Spec.PersistentVolumeSource) {
		errs = append(errs, field.Forbidden(field.NewPath("spec", "persistentvolumesource"), "spec.persistentvolumesource is immutable after creation"))
	}
	errs = append(errs, validateImmutable(pv.Spec.VolumeMode, old.Spec.VolumeMode, field.NewPath("volumeMode"))...)
	if old.Spec.NodeAffinity != nil {
		errs = append(errs, validateImmutable(pv.Spec.NodeAffinity, old.Spec.NodeAffinity, field.NewPath("nodeAffinity"))...)
	}
	return errs
}

// ValidatePersistentVolumeClaim checks a claim for creation: access modes
// and a positive storage request are required.
func ValidatePersistentVolumeClaim(pvc *PersistentVolumeClaim) field.ErrorList {
	errs := validateMeta(&pvc.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validatePVCSpec(&pvc.Spec, field.NewPath("spec"))...)
}

func validatePVCSpec(s *PersistentVolumeClaimSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if len(s.AccessModes) == 0 {
		errs = append(errs, field.Required(p.Child("accessModes"), "at least 1 access mode is required"))
	}
	errs = append(errs, validateAccessModes(s.AccessModes, p.Child("accessModes"))...)
	errs = append(errs, ValidateLabelSelector(s.Selector, p.Child("selector"))...)
	storagePath := p.Child("resources").Key(string(ResourceStorage))
	if q, ok := s.Resources.Requests[ResourceStorage]; !ok {
		errs = append(errs, field.Required(storagePath, ""))
	} else if q.Sign() <= 0 {
		errs = append(errs, field.Invalid(storagePath, q.String(), isNotPositiveErrorMsg))
	}
	volumeResource := func(name ResourceName, rp *field.Path) field.ErrorList {
		return validateResourceName(name, func(n ResourceName) bool { return n == ResourceStorage },
			"must be a standard resource type or fully qualified", rp)
	}
	errs = append(errs, validateResourceList(s.Resources.Requests, p.Child("resources", "requests"), volumeResource)...)
	errs = append(errs, validateResourceList(s.Resources.Limits, p.Child("resources", "limits"), volumeResource)...)
	if sc := s.StorageClassName; sc != nil && *sc != "" {
		errs = append(errs, invalidEach(p.Child("storageClassName"), *sc, NameIsDNSSubdomain(*sc, false))...)
	}
	if vm := s.VolumeMode; vm != nil && !slices.Contains(volumeModes, *vm) {
		errs = append(errs, field.NotSupported(p.Child("volumeMode"), string(*vm), volumeModes))
	}
	if ds := s.DataSource; ds != nil {
		if ds.Kind == "" {
			errs = append(errs, field.Required(p.Child("dataSource", "kind"), ""))
		}
		if ds.Name == "" {
			errs = append(errs, field.Required(p.Child("dataSource", "name"), ""))
		}
	}
	if ds := s.DataSourceRef; ds != nil {
		if ds.Kind == "" {
			errs = append(errs, field.Required(p.Child("dataSourceRef", "kind"), ""))
		}
		if ds.Name == "" {
			errs = append(errs, field.Required(p.Child("dataSourceRef", "name"), ""))
		}
	}
	return errs
}

// ValidatePersistentVolumeClaimUpdate checks a claim update: the spec is
// immutable except that volumeName may be set once, and a bound claim's
// storage request may grow (never shrink).
func ValidatePersistentVolumeClaimUpdate(pvc, old *PersistentVolumeClaim) field.ErrorList {
	errs := validateMetaUpdate(&pvc.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validatePVCSpec(&pvc.Spec, field.NewPath("spec"))...)
	cur, prev := pvc.Spec.DeepCopy(), old.Spec.DeepCopy()
	if prev.VolumeName == "" {
		prev.VolumeName = cur.VolumeName
	}
	if pvc.Status.Phase == ClaimBound && cur.Resources.Requests != nil {
		if q, ok := prev.Resources.Requests[ResourceStorage]; ok {
			cur.Resources.Requests[ResourceStorage] = q
		} else {
			delete(cur.Resources.Requests, ResourceStorage)
		}
	}
	// The attributes class may change; Kubernetes lets it be modified.
	cur.VolumeAttributesClassName = prev.VolumeAttributesClassName
	if !semanticEqual(*cur, *prev) {
		errs = append(errs, field.Forbidden(field.NewPath("spec"),
			"spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n"+describeSpecDiff(*prev, *cur)))
	}
	newSize := pvc.Spec.Resources.Requests[ResourceStorage]
	if oldSize := old.Spec.Resources.Requests[ResourceStorage]; newSize.Cmp(oldSize) < 0 {
		errs = append(errs, field.Forbidden(field.NewPath("spec", "resources", "requests", "storage"), "field can not be less than previous value"))
	}
	return errs
}

// ---- ResourceQuota, LimitRange ----

var (
	standardQuotaResources = []ResourceName{ResourceCPU, ResourceMemory, ResourceEphemeralStorage,
		ResourceRequestsCPU, ResourceRequestsMemory, ResourceRequestsStorage, ResourceRequestsEphemeralStorage,
		ResourceLimitsCPU, ResourceLimitsMemory, ResourceLimitsEphemeralStorage,
		ResourcePods, ResourceQuotas, ResourceServices, ResourceReplicationControllers, ResourceSecrets,
		ResourceConfigMaps, ResourcePersistentVolumeClaims, ResourceServicesNodePorts, ResourceServicesLoadBalancers}
	quotaScopes = []ResourceQuotaScope{ResourceQuotaScopeBestEffort, ResourceQuotaScopeCrossNamespacePodAffinity,
		ResourceQuotaScopeNotBestEffort, ResourceQuotaScopeNotTerminating, ResourceQuotaScopePriorityClass,
		ResourceQuotaScopeTerminating, ResourceQuotaScopeVolumeAttributesClass}
)

func validateQuotaResourceName(name ResourceName, p *field.Path) field.ErrorList {
	return validateResourceName(name, func(n ResourceName) bool {
		return slices.Contains(standardQuotaResources, n) || isHugePages(n) ||
			strings.HasPrefix(string(n), ResourceRequestsHugePagesPrefix)
	}, "must be a standard resource for quota", p)
}

// ValidateResourceQuota checks a quota for creation: resource names and
// non-negative (for counts, whole) quantities, and scopes.
func ValidateResourceQuota(q *ResourceQuota) field.ErrorList {
	errs := validateMeta(&q.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateResourceQuotaSpec(q)...)
}

func validateResourceQuotaSpec(q *ResourceQuota) field.ErrorList {
	spec := field.NewPath("spec")
	errs := validateResourceList(q.Spec.Hard, spec.Child("hard"), validateQuotaResourceName)
	errs = append(errs, validateResourceList(q.Status.Hard, field.NewPath("status", "hard"), validateQuotaResourceName)...)
	errs = append(errs, validateResourceList(q.Status.Used, field.NewPath("status", "used"), validateQuotaResourceName)...)
	seen := map[ResourceQuotaScope]bool{}
	for _, s := range q.Spec.Scopes {
		if !slices.Contains(quotaScopes, s) {
			errs = append(errs, field.Invalid(spec.Child("scopes"), string(s), "unsupported scope"))
		}
		seen[s] = true
	}
	if seen[ResourceQuotaScopeTerminating] && seen[ResourceQuotaScopeNotTerminating] ||
		seen[ResourceQuotaScopeBestEffort] && seen[ResourceQuotaScopeNotBestEffort] {
		errs = append(errs, field.Invalid(spec.Child("scopes"), q.Spec.Scopes, "conflicting scopes"))
	}
	if ss := q.Spec.ScopeSelector; ss != nil {
		ops := []ScopeSelectorOperator{ScopeSelectorOpDoesNotExist, ScopeSelectorOpExists, ScopeSelectorOpIn, ScopeSelectorOpNotIn}
		for i, r := range ss.MatchExpressions {
			rp := spec.Child("scopeSelector", "matchExpressions").Index(i)
			if !slices.Contains(quotaScopes, r.ScopeName) {
				errs = append(errs, field.Invalid(rp.Child("scopeName"), string(r.ScopeName), "unsupported scope"))
			}
			switch r.Operator {
			case ScopeSelectorOpIn, ScopeSelectorOpNotIn:
				if len(r.Values) == 0 {
					errs = append(errs, field.Required(rp.Child("values"), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"))
				}
			case ScopeSelectorOpExists, ScopeSelectorOpDoesNotExist:
				if len(r.Values) != 0 {
					errs = append(errs, field.Invalid(rp.Child("values"), r.Values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"))
				}
			default:
				errs = append(errs, field.NotSupported(rp.Child("operator"), string(r.Operator), ops))
			}
		}
	}
	return errs
}

// ValidateResourceQuotaUpdate checks a quota update.
func ValidateResourceQuotaUpdate(q, old *ResourceQuota) field.ErrorList {
	errs := validateMetaUpdate(&q.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateResourceQuotaSpec(q)...)
	errs = append(errs, validateImmutable(q.Spec.Scopes, old.Spec.Scopes, field.NewPath("spec", "scopes"))...)
	return errs
}

var limitTypes = []LimitType{LimitTypePod, LimitTypeContainer, LimitTypePersistentVolumeClaim}

// ValidateLimitRange checks a limit range for creation: one item per type,
// valid resource names, and min <= defaultRequest <= default <= max for
// each resource.
func ValidateLimitRange(lr *LimitRange) field.ErrorList {
	errs := validateMeta(&lr.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateLimitRangeSpec(lr)...)
}

func validateLimitRangeSpec(lr *LimitRange) field.ErrorList {
	var errs field.ErrorList
	seen := map[LimitType]bool{}
	lp := field.NewPath("spec", "limits")
	for i := range lr.Spec.Limits {
		l := &lr.Spec.Limits[i]
		ip := lp.Index(i)
		errs = append(errs, validateResourceName(ResourceName(l.Type), func(n ResourceName) bool {
			return slices.Contains(limitTypes, LimitType(n))
		}, "must be a standard limit type or fully qualified", ip.Child("type"))...)
		if seen[l.Type] {
			errs = append(errs, field.Duplicate(ip.Child("type"), string(l.Type)))
		}
		seen[l.Type] = true

		nameFn := func(n ResourceName, p *field.Path) field.ErrorList {
			return validateResourceName(n, func(n ResourceName) bool {
				return slices.Contains(standardQuotaResources, n) || n == ResourceStorage || isHugePages(n)
			}, "must be a standard resource type or fully qualified", p)
		}
		if l.Type == LimitTypePod || l.Type == LimitTypeContainer {
			nameFn = validateContainerResourceName
		}
		lists := []struct {
			rl   ResourceList
			name string
		}{{l.Max, "max"}, {l.Min, "min"}, {l.Default, "default"}, {l.DefaultRequest, "defaultRequest"}, {l.MaxLimitRequestRatio, "maxLimitRequestRatio"}}
		keys := map[ResourceName]bool{}
		for _, list := range lists {
			for _, k := range sortedKeys(list.rl) {
				errs = append(errs, nameFn(k, ip.Child(list.name).Key(string(k)))...)
				keys[k] = true
			}
		}
		if l.Type == LimitTypePod {
			if len(l.Default) > 0 {
				errs = append(errs, field.Forbidden(ip.Child("default"), "may not be specified when `type` is 'Pod'"))
			}
			if len(l.DefaultRequest) > 0 {
				errs = append(errs, field.Forbidden(ip.Child("defaultRequest"), "may not be specified when `type` is 'Pod'"))
			}
		}
		if l.Type == LimitTypePersistentVolumeClaim {
			_, hasMin := l.Min[ResourceStorage]
			_, hasMax := l.Max[ResourceStorage]
			if !hasMin && !hasMax {
				errs = append(errs, field.Required(ip.Child("limits"), "either minimum or maximum storage value is required, but neither was provided"))
			}
		}
		for _, k := range sortedKeys(keys) {
			key := string(k)
			minQ, hasMin := l.Min[k]
			maxQ, hasMax := l.Max[k]
			def, hasDef := l.Default[k]
			defReq, hasDefReq := l.DefaultRequest[k]
			ratio, hasRatio := l.MaxLimitRequestRatio[k]
			if hasMin && hasMax && minQ.Cmp(maxQ) > 0 {
				errs = append(errs, field.Invalid(ip.Child("min").Key(key), minQ.String(), fmt.Sprintf("min value %s is greater than max value %s", minQ.String(), maxQ.String())))
			}
			if hasDefReq && hasMin && minQ.Cmp(defReq) > 0 {
				errs = append(errs, field.Invalid(ip.Child("defaultRequest").Key(key), defReq.String(), fmt.Sprintf("min value %s is greater than default request value %s", minQ.String(), defReq.String())))
			}
			if hasDefReq && hasMax && defReq.Cmp(maxQ) > 0 {
				errs = append(errs, field.Invalid(ip.Child("defaultRequest").Key(key), defReq.String(), fmt.Sprintf("default request value %s is greater than max value %s", defReq.String(), maxQ.String())))
			}
			if hasDefReq && hasDef && defReq.Cmp(def) > 0 {
				errs = append(errs, field.Invalid(ip.Child("defaultRequest").Key(key), defReq.String(), fmt.Sprintf("default request value %s is greater than default limit value %s", defReq.String(), def.String())))
			}
			if hasDef && hasMin && minQ.Cmp(def) > 0 {
				errs = append(errs, field.Invalid(ip.Child("default").Key(key), minQ.String(), fmt.Sprintf("min value %s is greater than default value %s", minQ.String(), def.String())))
			}
			if hasDef && hasMax && def.Cmp(maxQ) > 0 {
				errs = append(errs, field.Invalid(ip.Child("default").Key(key), maxQ.String(), fmt.Sprintf("default value %s is greater than max value %s", def.String(), maxQ.String())))
			}
			if hasRatio && ratio.Cmp(resource.MustParse("1")) < 0 {
				errs = append(errs, field.Invalid(ip.Child("maxLimitRequestRatio").Key(key), ratio.String(), fmt.Sprintf("ratio %s is less than 1", ratio.String())))
			}
			if hasRatio && hasMin && hasMax && minQ.Sign() > 0 {
				limit := maxQ.AsApproximateFloat64() / minQ.AsApproximateFloat64()
				if ratio.AsApproximateFloat64() > limit {
					errs = append(errs, field.Invalid(ip.Child("maxLimitRequestRatio").Key(key), ratio.String(), fmt.Sprintf("ratio %s is greater than max/min = %f", ratio.String(), limit)))
				}
			}
			if !isOvercommitAllowed(k) && hasDef && hasDefReq && def.Cmp(defReq) != 0 {
				errs = append(errs, field.Invalid(ip.Child("defaultRequest").Key(key), defReq.String(), fmt.Sprintf("default value %s must equal to defaultRequest value %s in %s", def.String(), defReq.String(), k)))
			}
		}
	}
	return errs
}

// ValidateLimitRangeUpdate checks a limit range update.
func ValidateLimitRangeUpdate(lr, old *LimitRange) field.ErrorList {
	errs := validateMetaUpdate(&lr.ObjectMeta, &old.ObjectMeta)
	return append(errs, validateLimitRangeSpec(lr)...)
}

// ---- Service, Endpoints ----

var (
	serviceTypes      = []ServiceType{ServiceTypeClusterIP, ServiceTypeExternalName, ServiceTypeLoadBalancer, ServiceTypeNodePort}
	sessionAffinities = []ServiceAffinity{ServiceAffinityClientIP, ServiceAffinityNone}
)

func isHeadless(s *Service) bool {
	return s.Spec.ClusterIP == ClusterIPNone || len(s.Spec.ClusterIPs) > 0 && s.Spec.ClusterIPs[0] == ClusterIPNone
}

// ValidateService checks a service for creation: its name is an RFC 1035
// label; ports (required unless headless or ExternalName) have valid,
// unique names and numbers; type, session affinity, traffic policies and
// cluster IPs are consistent. The node port range is left to the API
// server's allocator.
func ValidateService(s *Service) field.ErrorList {
	errs := validateMeta(&s.ObjectMeta, true, NameIsDNS1035Label)
	return append(errs, validateServiceSpec(s)...)
}

func validateServiceSpec(s *Service) field.ErrorList {
	var errs field.ErrorList
	spec := field.NewPath("spec")
	sp := &s.Spec
	headless := isHeadless(s)
	typ := sp.Type
	if typ == "" {
		typ = ServiceTypeClusterIP
	}
	portsPath := spec.Child("ports")
	if len(sp.Ports) == 0 && !headless && typ != ServiceTypeExternalName {
		errs = append(errs, field.Required(portsPath, ""))
	}
	switch typ {
	case ServiceTypeLoadBalancer, ServiceTypeNodePort:
		if headless {
			errs = append(errs, field.Invalid(spec.Child("clusterIPs").Index(0), ClusterIPNone,
				fmt.Sprintf("may not be set to 'None' for %s services", typ)))
		}
		if typ == ServiceTypeLoadBalancer {
			for i, port := range sp.Ports {
				if port.Port == 10250 {
					errs = append(errs, field.Invalid(portsPath.Index(i), port.Port, "may not expose port 10250 externally since it is used by kubelet"))
				}
			}
		}
	case ServiceTypeExternalName:
		if sp.ClusterIP != "" || len(sp.ClusterIPs) > 0 {
			errs = append(errs, field.Forbidden(spec.Child("clusterIPs"), "may not be set for ExternalName services"))
		}
		if len(sp.IPFamilies) > 0 {
			errs = append(errs, field.Forbidden(spec.Child("ipFamilies"), "may not be set for ExternalName services"))
		}
		if sp.IPFamilyPolicy != nil {
			errs = append(errs, field.Forbidden(spec.Child("ipFamilyPolicy"), "may not be set for ExternalName services"))
		}
		if cname := strings.TrimSuffix(sp.ExternalName, "."); cname == "" {
			errs = append(errs, field.Required(spec.Child("externalName"), ""))
		} else {
			errs = append(errs, validateDNS1123Subdomain(cname, spec.Child("externalName"))...)
		}
	}

	names := map[string]bool{}
	type protoPort struct {
		proto Protocol
		port  int32
	}
	seenPorts, seenNodePorts := map[protoPort]bool{}, map[protoPort]bool{}
	for i, port := range sp.Ports {
		pp := portsPath.Index(i)
		if len(sp.Ports) > 1 && port.Name == "" {
			errs = append(errs, field.Required(pp.Child("name"), ""))
		} else if port.Name != "" {
			errs = append(errs, validateDNS1123Label(port.Name, pp.Child("name"))...)
			if names[port.Name] {
				errs = append(errs, field.Duplicate(pp.Child("name"), port.Name))
			}
			names[port.Name] = true
		}
		errs = append(errs, invalidEach(pp.Child("port"), port.Port, isValidPortNum(int(port.Port)))...)
		proto := port.Protocol
		if proto == "" {
			proto = ProtocolTCP
		} else if !slices.Contains(supportedPortProtocols, proto) {
			errs = append(errs, field.NotSupported(pp.Child("protocol"), string(proto), supportedPortProtocols))
		}
		if !port.TargetPort.IsZero() {
			errs = append(errs, validatePortNumOrName(port.TargetPort, pp.Child("targetPort"))...)
		}
		if port.AppProtocol != nil {
			errs = append(errs, validateQualifiedName(*port.AppProtocol, pp.Child("appProtocol"))...)
		}
		if port.NodePort != 0 {
			errs = append(errs, invalidEach(pp.Child("nodePort"), port.NodePort, isValidPortNum(int(port.NodePort)))...)
			if typ == ServiceTypeClusterIP {
				errs = append(errs, field.Forbidden(pp.Child("nodePort"), "may not be used when `type` is 'ClusterIP'"))
			}
			k := protoPort{proto, port.NodePort}
			if seenNodePorts[k] {
				errs = append(errs, field.Duplicate(pp.Child("nodePort"), port.NodePort))
			}
			seenNodePorts[k] = true
		}
		k := protoPort{proto, port.Port}
		if seenPorts[k] {
			errs = append(errs, field.Duplicate(pp, fmt.Sprintf("%d/%s", port.Port, proto)))
		}
		seenPorts[k] = true
	}

	errs = append(errs, ValidateLabels(sp.Selector, spec.Child("selector"))...)

	switch sp.SessionAffinity {
	case "", ServiceAffinityNone:
		if sp.SessionAffinity == ServiceAffinityNone && sp.SessionAffinityConfig != nil {
			errs = append(errs, field.Forbidden(spec.Child("sessionAffinityConfig"), "must not be set when session affinity is None"))
		}
	case ServiceAffinityClientIP:
		if c := sp.SessionAffinityConfig; c != nil && c.ClientIP != nil && c.ClientIP.TimeoutSeconds != nil {
			if t := *c.ClientIP.TimeoutSeconds; t <= 0 || t > 86400 {
				errs = append(errs, field.Invalid(spec.Child("sessionAffinityConfig", "clientIP", "timeoutSeconds"), t,
					"must be greater than 0 and less than 86400"))
			}
		}
	default:
		errs = append(errs, field.NotSupported(spec.Child("sessionAffinity"), string(sp.SessionAffinity), sessionAffinities))
	}

	if sp.Type != "" && !slices.Contains(serviceTypes, sp.Type) {
		errs = append(errs, field.NotSupported(spec.Child("type"), string(sp.Type), serviceTypes))
	}

	errs = append(errs, validateClusterIPs(s, spec)...)
	for i, ip := range sp.ExternalIPs {
		ep := spec.Child("externalIPs").Index(i)
		if e := validateIP(ip, ep); len(e) > 0 {
			errs = append(errs, e...)
		} else {
			errs = append(errs, validateNonSpecialIP(ip, ep)...)
		}
	}

	external := typ == ServiceTypeNodePort || typ == ServiceTypeLoadBalancer
	if etp := sp.ExternalTrafficPolicy; etp != "" {
		policies := []ServiceExternalTrafficPolicy{ServiceExternalTrafficPolicyCluster, ServiceExternalTrafficPolicyLocal}
		switch {
		case !slices.Contains(policies, etp):
			errs = append(errs, field.NotSupported(spec.Child("externalTrafficPolicy"), string(etp), policies))
		case !external && len(sp.ExternalIPs) == 0:
			errs = append(errs, field.Invalid(spec.Child("externalTrafficPolicy"), string(etp), "may only be set for externally-accessible services"))
		}
	}
	if sp.HealthCheckNodePort != 0 {
		if typ != ServiceTypeLoadBalancer || sp.ExternalTrafficPolicy != ServiceExternalTrafficPolicyLocal {
			errs = append(errs, field.Invalid(spec.Child("healthCheckNodePort"), sp.HealthCheckNodePort,
				"may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"))
		} else {
			errs = append(errs, invalidEach(spec.Child("healthCheckNodePort"), sp.HealthCheckNodePort, isValidPortNum(int(sp.HealthCheckNodePort)))...)
		}
	}
	if itp := sp.InternalTrafficPolicy; itp != nil {
		policies := []ServiceInternalTrafficPolicy{ServiceInternalTrafficPolicyCluster, ServiceInternalTrafficPolicyLocal}
		if !slices.Contains(policies, *itp) {
			errs = append(errs, field.NotSupported(spec.Child("internalTrafficPolicy"), string(*itp), policies))
		}
	}
	if typ != ServiceTypeLoadBalancer {
		const lbOnly = "may only be used when `type` is 'LoadBalancer'"
		if len(sp.LoadBalancerSourceRanges) > 0 {
			errs = append(errs, field.Forbidden(spec.Child("loadBalancerSourceRanges"), lbOnly))
		}
		if sp.AllocateLoadBalancerNodePorts != nil {
			errs = append(errs, field.Forbidden(spec.Child("allocateLoadBalancerNodePorts"), lbOnly))
		}
		if sp.LoadBalancerClass != nil {
			errs = append(errs, field.Forbidden(spec.Child("loadBalancerClass"), lbOnly))
		}
	}
	for i, r := range sp.LoadBalancerSourceRanges {
		errs = append(errs, validateCIDR(strings.TrimSpace(r), spec.Child("loadBalancerSourceRanges").Index(i))...)
	}
	if c := sp.LoadBalancerClass; c != nil {
		errs = append(errs, validateQualifiedName(*c, spec.Child("loadBalancerClass"))...)
	}
	return errs
}

func validateClusterIPs(s *Service, spec *field.Path) field.ErrorList {
	var errs field.ErrorList
	sp := &s.Spec
	if ip := sp.ClusterIP; ip != "" && ip != ClusterIPNone {
		if _, ok := parseIP(ip); !ok {
			errs = append(errs, field.Invalid(spec.Child("clusterIP"), ip, "must be empty, 'None', or a valid IP address"))
		}
	}
	if len(sp.ClusterIPs) > 0 && sp.ClusterIP != "" && sp.ClusterIPs[0] != sp.ClusterIP {
		errs = append(errs, field.Invalid(spec.Child("clusterIPs").Index(0), sp.ClusterIPs[0], "must match `clusterIP` if specified"))
	}
	if len(sp.ClusterIPs) > 2 {
		errs = append(errs, field.Invalid(spec.Child("clusterIPs"), sp.ClusterIPs, "may only hold up to 2 values"))
	}
	for i, ip := range sp.ClusterIPs {
		if ip == ClusterIPNone {
			if i > 0 || len(sp.ClusterIPs) > 1 {
				errs = append(errs, field.Invalid(spec.Child("clusterIPs").Index(i), ip, "'None' must be the first and only value"))
			}
			continue
		}
		if _, ok := parseIP(ip); !ok {
			errs = append(errs, field.Invalid(spec.Child("clusterIPs").Index(i), ip, "must be empty, 'None', or a valid IP address"))
		}
	}
	if len(sp.ClusterIPs) == 2 {
		a, aok := parseIP(sp.ClusterIPs[0])
		b, bok := parseIP(sp.ClusterIPs[1])
		if aok && bok && a.Is4() == b.Is4() {
			errs = append(errs, field.Invalid(spec.Child("clusterIPs"), sp.ClusterIPs, "may specify no more than one IP for each IP family"))
		}
	}
	families := []IPFamily{IPv4Protocol, IPv6Protocol}
	for i, f := range sp.IPFamilies {
		if !slices.Contains(families, f) {
			errs = append(errs, field.NotSupported(spec.Child("ipFamilies").Index(i), string(f), families))
		} else if slices.Index(sp.IPFamilies, f) != i {
			errs = append(errs, field.Duplicate(spec.Child("ipFamilies").Index(i), string(f)))
		}
	}
	if pol := sp.IPFamilyPolicy; pol != nil {
		policies := []IPFamilyPolicy{IPFamilyPolicyPreferDualStack, IPFamilyPolicyRequireDualStack, IPFamilyPolicySingleStack}
		if !slices.Contains(policies, *pol) {
			errs = append(errs, field.NotSupported(spec.Child("ipFamilyPolicy"), string(*pol), policies))
		}
	}
	return errs
}

// ValidateServiceUpdate checks a service update: once set, the cluster IP
// (and the primary of clusterIPs) may not change, except when the service
// becomes or stops being an ExternalName service.
func ValidateServiceUpdate(s, old *Service) field.ErrorList {
	errs := validateMetaUpdate(&s.ObjectMeta, &old.ObjectMeta)
	if s.Spec.Type != ServiceTypeExternalName && old.Spec.Type != ServiceTypeExternalName {
		if len(s.Spec.ClusterIPs) > 0 && len(old.Spec.ClusterIPs) > 0 {
			if s.Spec.ClusterIPs[0] != old.Spec.ClusterIPs[0] {
				errs = append(errs, field.Invalid(field.NewPath("spec", "clusterIPs").Index(0), s.Spec.ClusterIPs[0], "may not change once set"))
			}
		} else if old.Spec.ClusterIP != "" && s.Spec.ClusterIP != old.Spec.ClusterIP {
			errs = append(errs, field.Invalid(field.NewPath("spec", "clusterIP"), s.Spec.ClusterIP, fieldImmutableErrMsg))
		}
	}
	if old.Spec.LoadBalancerClass != nil && old.Spec.Type == ServiceTypeLoadBalancer && s.Spec.Type == ServiceTypeLoadBalancer {
		errs = append(errs, validateImmutable(s.Spec.LoadBalancerClass, old.Spec.LoadBalancerClass, field.NewPath("spec", "loadBalancerClass"))...)
	}
	return append(errs, validateServiceSpec(s)...)
}

// ValidateEndpoints checks an Endpoints object.
func ValidateEndpoints(e *Endpoints) field.ErrorList {
	errs := validateMeta(&e.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateEndpointSubsets(e.Subsets, field.NewPath("subsets"))...)
}

func validateEndpointSubsets(subsets []EndpointSubset, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i := range subsets {
		ss := &subsets[i]
		ip := p.Index(i)
		if len(ss.Addresses) == 0 && len(ss.NotReadyAddresses) == 0 {
			errs = append(errs, field.Required(ip, "must specify `addresses` or `notReadyAddresses`"))
		}
		for j := range ss.Addresses {
			errs = append(errs, validateEndpointAddress(&ss.Addresses[j], ip.Child("addresses").Index(j))...)
		}
		for j := range ss.NotReadyAddresses {
			errs = append(errs, validateEndpointAddress(&ss.NotReadyAddresses[j], ip.Child("notReadyAddresses").Index(j))...)
		}
		for j, port := range ss.Ports {
			pp := ip.Child("ports").Index(j)
			if len(ss.Ports) > 1 && port.Name == "" {
				errs = append(errs, field.Required(pp.Child("name"), ""))
			} else if port.Name != "" {
				errs = append(errs, validateDNS1123Label(port.Name, pp.Child("name"))...)
			}
			errs = append(errs, invalidEach(pp.Child("port"), port.Port, isValidPortNum(int(port.Port)))...)
			if port.Protocol != "" && !slices.Contains(supportedPortProtocols, port.Protocol) {
				errs = append(errs, field.NotSupported(pp.Child("protocol"), string(port.Protocol), supportedPortProtocols))
			}
			if port.AppProtocol != nil {
				errs = append(errs, validateQualifiedName(*port.AppProtocol, pp.Child("appProtocol"))...)
			}
		}
	}
	return errs
}

func validateEndpointAddress(a *EndpointAddress, p *field.Path) field.ErrorList {
	errs := validateIP(a.IP, p.Child("ip"))
	if len(errs) == 0 {
		errs = validateNonSpecialIP(a.IP, p.Child("ip"))
	}
	if a.Hostname != "" {
		errs = append(errs, validateDNS1123Label(a.Hostname, p.Child("hostname"))...)
	}
	if a.NodeName != nil {
		errs = append(errs, invalidEach(p.Child("nodeName"), *a.NodeName, NameIsDNSSubdomain(*a.NodeName, false))...)
	}
	return errs
}

// ValidateEndpointsUpdate checks an Endpoints update.
func ValidateEndpointsUpdate(e, old *Endpoints) field.ErrorList {
	errs := validateMetaUpdate(&e.ObjectMeta, &old.ObjectMeta)
	return append(errs, validateEndpointSubsets(e.Subsets, field.NewPath("subsets"))...)
}

// ---- Binding, ReplicationController ----

// ValidateBinding checks a pod binding: the target is a Node by name.
func ValidateBinding(b *Binding) field.ErrorList {
	var errs field.ErrorList
	if b.Target.Kind != "" && b.Target.Kind != "Node" {
		errs = append(errs, field.NotSupported(field.NewPath("target", "kind"), b.Target.Kind, []string{"Node", "<empty>"}))
	}
	if b.Target.Name == "" {
		errs = append(errs, field.Required(field.NewPath("target", "name"), ""))
	}
	return errs
}

// ValidateReplicationController checks a replication controller for creation.
func ValidateReplicationController(rc *ReplicationController) field.ErrorList {
	errs := validateMeta(&rc.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateReplicationControllerSpec(&rc.Spec, field.NewPath("spec"))...)
}

func validateReplicationControllerSpec(s *ReplicationControllerSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.Replicas != nil {
		errs = append(errs, validateNonnegative(int64(*s.Replicas), p.Child("replicas"))...)
	}
	errs = append(errs, validateNonnegative(int64(s.MinReadySeconds), p.Child("minReadySeconds"))...)
	if len(s.Selector) == 0 {
		errs = append(errs, field.Required(p.Child("selector"), ""))
	} else {
		errs = append(errs, ValidateLabels(s.Selector, p.Child("selector"))...)
	}
	tp := p.Child("template")
	if s.Template == nil {
		return append(errs, field.Required(tp, ""))
	}
	if len(s.Selector) > 0 {
		for k, v := range s.Selector {
			if got, ok := s.Template.Labels[k]; !ok || got != v {
				errs = append(errs, field.Invalid(tp.Child("metadata", "labels"), s.Template.Labels, "`selector` does not match template `labels`"))
				break
			}
		}
	}
	errs = append(errs, ValidatePodTemplateSpec(s.Template, tp)...)
	errs = append(errs, validateRestartAlways(&s.Template.Spec, tp.Child("spec"), "ReplicationController")...)
	return errs
}

// validateRestartAlways checks the template of a controller whose pods
// must keep running: restartPolicy Always and no activeDeadlineSeconds.
func validateRestartAlways(spec *PodSpec, p *field.Path, kind string) field.ErrorList {
	var errs field.ErrorList
	if rp := spec.RestartPolicy; rp != "" && rp != RestartPolicyAlways {
		errs = append(errs, field.NotSupported(p.Child("restartPolicy"), string(rp), []RestartPolicy{RestartPolicyAlways}))
	}
	if spec.ActiveDeadlineSeconds != nil {
		errs = append(errs, field.Invalid(p.Child("activeDeadlineSeconds"), *spec.ActiveDeadlineSeconds,
			fmt.Sprintf("activeDeadlineSeconds in %s is not Supported", kind)))
	}
	return errs
}

// ValidateReplicationControllerUpdate checks a replication controller update.
func ValidateReplicationControllerUpdate(rc, old *ReplicationController) field.ErrorList {
	errs := validateMetaUpdate(&rc.ObjectMeta, &old.ObjectMeta)
	return append(errs, validateReplicationControllerSpec(&rc.Spec, field.NewPath("spec"))...)
}

// ---- Scheme hooks ----

// validationHook sets the validation and field-selector hooks of a built-in
// kind. Kinds Kubernetes does not validate (ComponentStatus, Eviction) keep
// nil hooks.
func validationHook(k *KindInfo) {
	switch k.GroupVersionKind {
	// core/v1
	case CoreV1.WithKind("Binding"):
		setValidation(k, ValidateBinding, nil)
	case CoreV1.WithKind("ConfigMap"):
		setValidation(k, ValidateConfigMap, ValidateConfigMapUpdate)
	case CoreV1.WithKind("Endpoints"):
		setValidation(k, ValidateEndpoints, ValidateEndpointsUpdate)
	case CoreV1.WithKind("Event"):
		setValidation(k, ValidateEvent, ValidateEventUpdate)
		setFieldLabels(k, eventFieldLabels)
	case CoreV1.WithKind("LimitRange"):
		setValidation(k, ValidateLimitRange, ValidateLimitRangeUpdate)
	case CoreV1.WithKind("Namespace"):
		setValidation(k, ValidateNamespace, ValidateNamespaceUpdate)
		setFieldLabels(k, func(ns *Namespace) map[string]string {
			// "name" is a Kubernetes legacy that clients still use.
			return map[string]string{"status.phase": string(ns.Status.Phase), "name": ns.Name}
		})
	case CoreV1.WithKind("Node"):
		setValidation(k, ValidateNode, ValidateNodeUpdate)
		setFieldLabels(k, func(n *Node) map[string]string {
			return map[string]string{"spec.unschedulable": strconv.FormatBool(n.Spec.Unschedulable)}
		})
	case CoreV1.WithKind("PersistentVolume"):
		setValidation(k, ValidatePersistentVolume, ValidatePersistentVolumeUpdate)
	case CoreV1.WithKind("PersistentVolumeClaim"):
		setValidation(k, ValidatePersistentVolumeClaim, ValidatePersistentVolumeClaimUpdate)
	case CoreV1.WithKind("Pod"):
		setValidation(k, ValidatePod, ValidatePodUpdate)
		setFieldLabels(k, podFieldLabels)
	case CoreV1.WithKind("PodTemplate"):
		setValidation(k, ValidatePodTemplate, ValidatePodTemplateUpdate)
	case CoreV1.WithKind("ReplicationController"):
		setValidation(k, ValidateReplicationController, ValidateReplicationControllerUpdate)
		setFieldLabels(k, func(rc *ReplicationController) map[string]string {
			return map[string]string{"status.replicas": strconv.Itoa(int(rc.Status.Replicas))}
		})
	case CoreV1.WithKind("ResourceQuota"):
		setValidation(k, ValidateResourceQuota, ValidateResourceQuotaUpdate)
	case CoreV1.WithKind("Secret"):
		setValidation(k, ValidateSecret, ValidateSecretUpdate)
		setFieldLabels(k, func(s *Secret) map[string]string {
			return map[string]string{"type": string(s.Type)}
		})
	case CoreV1.WithKind("ServiceAccount"):
		setValidation(k, ValidateServiceAccount, ValidateServiceAccountUpdate)
	case CoreV1.WithKind("Service"):
		setValidation(k, ValidateService, ValidateServiceUpdate)
		setFieldLabels(k, func(s *Service) map[string]string {
			return map[string]string{"spec.clusterIP": s.Spec.ClusterIP, "spec.type": string(s.Spec.Type)}
		})
	default:
		validationHookGroups(k)
	}
}

func podFieldLabels(p *Pod) map[string]string {
	podIP := p.Status.PodIP
	if len(p.Status.PodIPs) > 0 {
		podIP = p.Status.PodIPs[0].IP
	}
	return map[string]string{
		"spec.nodeName":            p.Spec.NodeName,
		"spec.restartPolicy":       string(p.Spec.RestartPolicy),
		"spec.schedulerName":       p.Spec.SchedulerName,
		"spec.serviceAccountName":  p.Spec.ServiceAccountName,
		"spec.hostNetwork":         strconv.FormatBool(p.Spec.HostNetwork),
		"status.phase":             string(p.Status.Phase),
		"status.podIP":             podIP,
		"status.nominatedNodeName": p.Status.NominatedNodeName,
	}
}

func eventFieldLabels(e *Event) map[string]string {
	source := e.Source.Component
	if source == "" {
		source = e.ReportingController
	}
	return map[string]string{
		"involvedObject.kind":            e.InvolvedObject.Kind,
		"involvedObject.namespace":       e.InvolvedObject.Namespace,
		"involvedObject.name":            e.InvolvedObject.Name,
		"involvedObject.uid":             string(e.InvolvedObject.UID),
		"involvedObject.apiVersion":      e.InvolvedObject.APIVersion,
		"involvedObject.resourceVersion": e.InvolvedObject.ResourceVersion,
		"involvedObject.fieldPath":       e.InvolvedObject.FieldPath,
		"reason":                         e.Reason,
		"reportingComponent":             e.ReportingController,
		"source":                         source,
		"type":                           e.Type,
	}
}

// setValidation adapts typed validators to KindInfo. An object of another
// Go type (an Unstructured of a built-in kind) is converted through JSON
// first. A nil update validator, for kinds that are only ever created
// (Binding, Scale, the reviews), validates an update as a create.
func setValidation[T any, PT interface {
	*T
	Object
}](k *KindInfo, create func(PT) field.ErrorList, update func(cur, old PT) field.ErrorList) {
	k.Validate = func(o Object) field.ErrorList {
		t, err := asTyped[T, PT](o)
		if err != nil {
			return field.ErrorList{field.InternalError(field.NewPath(""), err)}
		}
		return create(t)
	}
	k.ValidateUpdate = func(o, old Object) field.ErrorList {
		t, err := asTyped[T, PT](o)
		if err != nil {
			return field.ErrorList{field.InternalError(field.NewPath(""), err)}
		}
		ot, err := asTyped[T, PT](old)
		if err != nil {
			return field.ErrorList{field.InternalError(field.NewPath(""), err)}
		}
		if update == nil {
			return create(t)
		}
		return update(t, ot)
	}
}

// setFieldLabels adapts a typed field-label function to KindInfo. Objects
// that cannot be read as the kind's type have no extra fields.
func setFieldLabels[T any, PT interface {
	*T
	Object
}](k *KindInfo, f func(PT) map[string]string) {
	k.FieldLabels = func(o Object) map[string]string {
		t, err := asTyped[T, PT](o)
		if err != nil {
			return nil
		}
		return f(t)
	}
}

func asTyped[T any, PT interface {
	*T
	Object
}](o Object) (PT, error) {
	if t, ok := o.(PT); ok {
		return t, nil
	}
	b, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("cannot convert %T to %T: %w", o, PT(nil), err)
	}
	t := PT(new(T))
	if err := json.Unmarshal(b, t); err != nil {
		return nil, fmt.Errorf("cannot convert %T to %T: %w", o, PT(nil), err)
	}
	return t, nil
}
