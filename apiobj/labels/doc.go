// Package labels holds label sets and label selectors with the syntax and
// semantics of Kubernetes' labelSelector query parameter.
//
// A Set is a plain map of labels. A Selector is a conjunction of
// Requirements; Parse turns the selector string syntax into one:
//
//	env=prod,tier!=frontend          equality-based
//	env in (prod, staging),!canary   set-based and existence
//	release                          the key must exist
//	replicas>2                       integer comparison (operators gt, lt)
//
// Parse, NewRequirement and ValidatedSelectorFromSet validate keys and values
// exactly as Kubernetes does. The same validators are exported
// (ValidateQualifiedName, ValidateLabelValue, IsDNS1123Label,
// IsDNS1123Subdomain) for apiobj's validation of names and label keys.
//
// Labels is the narrow view a Selector matches against. A Labels that also
// implements Lookuper is matched with one lookup per requirement instead of
// two; Set does.
//
// Selectors and Requirements are immutable values, safe for concurrent use.
// The package imports nothing from orca; apiobj imports it.
package labels
