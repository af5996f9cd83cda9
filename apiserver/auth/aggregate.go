package auth

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
)

// Labels that put a ClusterRole's rules into the aggregated bootstrap roles.
const (
	AggregateToAdminLabel = "rbac.authorization.k8s.io/aggregate-to-admin"
	AggregateToEditLabel  = "rbac.authorization.k8s.io/aggregate-to-edit"
	AggregateToViewLabel  = "rbac.authorization.k8s.io/aggregate-to-view"
)

// AggregateClusterRole returns the rules of role: its own Rules when it has
// no AggregationRule, and otherwise the union of the rules of the
// ClusterRoles in all that any of its selectors matches (role itself
// excluded). That is what Kubernetes' clusterrole-aggregation controller
// writes into the role's rules: selectors in order, matching roles in name
// order within each, each distinct rule once, in the order first seen; an
// empty selector matches every ClusterRole.
//
// A matched role that is itself aggregated contributes its aggregated rules,
// resolved the same way, so the result is the fixed point the controller
// converges to (admin includes edit, which includes view). Cycles are cut.
// role.Rules of an aggregated role is ignored, since the controller
// overwrites it.
//
// The RBAC authorizer calls this on every evaluation that meets an
// aggregated role, so stored rules never go stale. A controller may also
// call it and write the result into the role's rules, which makes `kubectl
// describe clusterrole admin` show them; the authorizer's answer is the same
// either way.
//
// A selector that is not valid matches nothing and is reported in the error;
// the rules of the valid selectors are still returned. role and all are not
// modified; the returned rules share nothing with them.
func AggregateClusterRole(role *apiobj.ClusterRole, all []*apiobj.ClusterRole) ([]apiobj.PolicyRule, error) {
	byName := slices.Clone(all)
	slices.SortFunc(byName, func(a, b *apiobj.ClusterRole) int { return cmp.Compare(a.Name, b.Name) })
	ag := &aggregator{all: byName, visiting: map[string]bool{}}
	rules := ag.rules(role)
	return clonePolicyRules(rules), errors.Join(ag.errs...)
}

type aggregator struct {
	all      []*apiobj.ClusterRole // by name
	visiting map[string]bool
	errs     []error
}

func (ag *aggregator) rules(role *apiobj.ClusterRole) []apiobj.PolicyRule {
	if role.AggregationRule == nil {
		return role.Rules
	}
	ag.visiting[role.Name] = true
	defer delete(ag.visiting, role.Name)
	var out []apiobj.PolicyRule
	for i, ls := range role.AggregationRule.ClusterRoleSelectors {
		sel, err := SelectorFor(&ls)
		if err != nil {
			ag.errs = append(ag.errs, fmt.Errorf("clusterrole %q: aggregationRule.clusterRoleSelectors[%d]: %w", role.Name, i, err))
			continue
		}
		for _, m := range ag.all {
			if m.Name == role.Name || ag.visiting[m.Name] || !sel.Matches(labels.Set(m.Labels)) {
				continue
			}
			for _, r := range ag.rules(m) {
				if !slices.ContainsFunc(out, func(x apiobj.PolicyRule) bool { return ruleEqual(&x, &r) }) {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

func ruleEqual(a, b *apiobj.PolicyRule) bool {
	return slices.Equal(a.Verbs, b.Verbs) && slices.Equal(a.APIGroups, b.APIGroups) &&
		slices.Equal(a.Resources, b.Resources) && slices.Equal(a.ResourceNames, b.ResourceNames) &&
		slices.Equal(a.NonResourceURLs, b.NonResourceURLs)
}

func clonePolicyRules(rules []apiobj.PolicyRule) []apiobj.PolicyRule {
	if rules == nil {
		return nil
	}
	out := make([]apiobj.PolicyRule, len(rules))
	for i := range rules {
		rules[i].DeepCopyInto(&out[i])
	}
	return out
}

// SelectorFor converts a LabelSelector to a labels.Selector, validating it as
// Kubernetes does. An empty selector matches everything.
func SelectorFor(ls *apiobj.LabelSelector) (labels.Selector, error) {
	return apiobj.LabelSelectorAsSelector(ls)
}

// aggregationCache keeps the resolved rules of aggregated ClusterRoles
// between evaluations. An entry is valid while the role and the list of all
// ClusterRoles are the same objects as when it was computed: objects from
// the lister are read-only, so an object that changes is a new object (and
// has a new resourceVersion).
type aggregationCache struct {
	mu      sync.Mutex
	entries map[string]*aggregationEntry // by role name; guarded by mu
}

type aggregationEntry struct {
	role   objectVersion
	inputs []objectVersion
	rules  []apiobj.PolicyRule // shared, read-only
	err    error
}

type objectVersion struct {
	p  *apiobj.ClusterRole
	rv string
}

// maxAggregationEntries bounds the cache; it is emptied when it grows past
// this (only roles created and deleted under ever new names could do that).
const maxAggregationEntries = 512

func (c *aggregationCache) rules(role *apiobj.ClusterRole, all []*apiobj.ClusterRole) ([]apiobj.PolicyRule, error) {
	c.mu.Lock()
	e := c.entries[role.Name]
	c.mu.Unlock()
	if e != nil && e.valid(role, all) {
		return e.rules, e.err
	}
	rules, err := AggregateClusterRole(role, all)
	e = &aggregationEntry{role: objectVersion{role, role.ResourceVersion}, rules: rules, err: err,
		inputs: make([]objectVersion, len(all))}
	for i, r := range all {
		e.inputs[i] = objectVersion{r, r.ResourceVersion}
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= maxAggregationEntries {
		c.entries = map[string]*aggregationEntry{}
	}
	c.entries[role.Name] = e
	c.mu.Unlock()
	return rules, err
}

func (e *aggregationEntry) valid(role *apiobj.ClusterRole, all []*apiobj.ClusterRole) bool {
	if e.role.p != role || e.role.rv != role.ResourceVersion || len(e.inputs) != len(all) {
		return false
	}
	for i, r := range all {
		if e.inputs[i].p != r || e.inputs[i].rv != r.ResourceVersion {
			return false
		}
	}
	return true
}
