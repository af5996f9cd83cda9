package interpodaffinity

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "InterPodAffinity"

// Reasons, worded as kube-scheduler words them.
const (
	ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules"
	ErrReasonAffinityRulesNotMatch             = "node(s) didn't match pod affinity rules"
	ErrReasonAntiAffinityRulesNotMatch         = "node(s) didn't match pod anti-affinity rules"
)

// DefaultHardPodAffinityWeight is the default of Args.HardPodAffinityWeight.
const DefaultHardPodAffinityWeight int32 = 1

// Args configure the plugin.
type Args struct {
	// HardPodAffinityWeight is the score an existing pod's required affinity
	// term contributes when the incoming pod matches it; 0..100. nil means
	// DefaultHardPodAffinityWeight.
	HardPodAffinityWeight *int32 `json:"hardPodAffinityWeight,omitempty"`
	// IgnorePreferredTermsOfExistingPods skips scoring for pods without
	// preferred terms of their own.
	IgnorePreferredTermsOfExistingPods bool `json:"ignorePreferredTermsOfExistingPods,omitempty"`
}

// InterPodAffinity enforces and scores pod (anti-)affinity.
type InterPodAffinity struct {
	hardWeight     int32
	ignoreExisting bool
	snapshot       framework.SharedLister
	parallelizer   framework.Parallelizer
	namespaces     framework.NamespaceLister
}

var (
	_ framework.PreFilterPlugin     = (*InterPodAffinity)(nil)
	_ framework.PreFilterExtensions = (*InterPodAffinity)(nil)
	_ framework.FilterPlugin        = (*InterPodAffinity)(nil)
	_ framework.PreScorePlugin      = (*InterPodAffinity)(nil)
	_ framework.ScorePlugin         = (*InterPodAffinity)(nil)
	_ framework.ScoreExtensions     = (*InterPodAffinity)(nil)
	_ framework.EnqueueExtensions   = (*InterPodAffinity)(nil)
)

// New is the plugin's framework.Factory. raw holds Args, or is empty. It
// uses the handle's Snapshot, Parallelizer and (if set) Namespaces; without
// a namespace lister a namespace's labels are just
// kubernetes.io/metadata.name.
func New(raw json.RawMessage, h framework.Handle) (framework.Plugin, error) {
	var args Args
	if err := framework.DecodeArgs(raw, &args); err != nil {
		return nil, fmt.Errorf("%s: %w", Name, err)
	}
	w := DefaultHardPodAffinityWeight
	if args.HardPodAffinityWeight != nil {
		w = *args.HardPodAffinityWeight
	}
	if w < 0 || w > 100 {
		return nil, fmt.Errorf("%s args: hardPodAffinityWeight: %d not in valid range [0, 100]", Name, w)
	}
	if h.Snapshot == nil {
		return nil, fmt.Errorf("%s: the handle has no snapshot", Name)
	}
	pl := &InterPodAffinity{
		hardWeight:     w,
		ignoreExisting: args.IgnorePreferredTermsOfExistingPods,
		snapshot:       h.Snapshot,
		parallelizer:   h.Parallelizer,
		namespaces:     h.Namespaces,
	}
	if pl.parallelizer == nil {
		pl.parallelizer = framework.NewParallelizer(1)
	}
	return pl, nil
}

// Name returns Name.
func (*InterPodAffinity) Name() string { return Name }

// nsLabels caches namespace labels for one cycle. Safe for concurrent use.
type nsLabels struct {
	lister framework.NamespaceLister
	m      sync.Map // string -> labels.Set
}

func (c *nsLabels) get(ns string) labels.Set {
	if v, ok := c.m.Load(ns); ok {
		return v.(labels.Set)
	}
	set := framework.NamespaceLabels(c.lister, ns)
	c.m.Store(ns, set)
	return set
}

// term is one of the incoming pod's terms, ready to match many pods.
type term struct {
	topologyKey string
	namespaces  map[string]struct{}
	allNS       bool            // the namespace selector is empty: every namespace
	nsSelector  labels.Selector // nil unless a real namespace selector
	selector    labels.Selector
	weight      int64
}

func newTerm(t *framework.AffinityTerm, weight int32) term {
	out := term{topologyKey: t.TopologyKey, namespaces: t.Namespaces, selector: t.Selector, weight: int64(weight)}
	if t.NamespaceSelector != nil {
		if reqs, ok := t.NamespaceSelector.Requirements(); ok {
			if len(reqs) == 0 {
				out.allNS = true
			} else {
				out.nsSelector = t.NamespaceSelector
			}
		}
	}
	return out
}

func newTerms(ts []framework.AffinityTerm) []term {
	out := make([]term, len(ts))
	for i := range ts {
		out[i] = newTerm(&ts[i], 1)
	}
	return out
}

func newWeightedTerms(ts []framework.WeightedAffinityTerm) []term {
	out := make([]term, len(ts))
	for i := range ts {
		out[i] = newTerm(&ts[i].AffinityTerm, ts[i].Weight)
	}
	return out
}

// matches reports whether pod is selected by the term.
func (t *term) matches(pod *apiobj.Pod, ns *nsLabels) bool {
	if _, ok := t.namespaces[pod.Namespace]; !ok && !t.allNS {
		if t.nsSelector == nil || !t.nsSelector.Matches(ns.get(pod.Namespace)) {
			return false
		}
	}
	return t.selector.Matches(labels.Set(pod.Labels))
}

// matchesAll reports whether pod is selected by every term.
func matchesAll(terms []term, pod *apiobj.Pod, ns *nsLabels) bool {
	if len(terms) == 0 {
		return false
	}
	for i := range terms {
		if !terms[i].matches(pod, ns) {
			return false
		}
	}
	return true
}

// topologyCounts counts matching pods per topology key and value.
type topologyCounts map[string]map[string]int64

func (m topologyCounts) add(key, value string, n int64) {
	vals := m[key]
	if vals == nil {
		vals = make(map[string]int64)
		m[key] = vals
	}
	vals[value] += n
	if vals[value] == 0 {
		delete(vals, value)
		if len(vals) == 0 {
			delete(m, key)
		}
	}
}

func (m topologyCounts) merge(o topologyCounts) {
	for k, vals := range o {
		for v, n := range vals {
			m.add(k, v, n)
		}
	}
}

func (m topologyCounts) get(key, value string) int64 { return m[key][value] }

func (m topologyCounts) clone() topologyCounts {
	if m == nil {
		return nil
	}
	c := make(topologyCounts, len(m))
	for k, vals := range m {
		cv := make(map[string]int64, len(vals))
		for v, n := range vals {
			cv[v] = n
		}
		c[k] = cv
	}
	return c
}

// countEntry is one count found by a chunk: n pods in domain key=value of
// counts number which.
type countEntry struct {
	which      int
	key, value string
	n          int64
}

// adder receives counts.
type adder func(which int, key, value string, n int64)

// chunked runs fn over nodes split into chunks, in parallel; the chunks
// collect their counts in slices, which are then added up into k maps.
func (pl *InterPodAffinity) chunked(ctx context.Context, nodes []*framework.NodeInfo, k int, fn func(ni *framework.NodeInfo, add adder)) []topologyCounts {
	const perChunk = 64
	chunks := (len(nodes) + perChunk - 1) / perChunk
	results := make([][]countEntry, chunks)
	pl.parallelizer.Until(ctx, chunks, func(c int) {
		lo, hi := c*perChunk, min((c+1)*perChunk, len(nodes))
		var found []countEntry
		add := func(which int, key, value string, n int64) {
			found = append(found, countEntry{which, key, value, n})
		}
		for _, ni := range nodes[lo:hi] {
			fn(ni, add)
		}
		results[c] = found
	})
	out := make([]topologyCounts, k)
	for i := range out {
		out[i] = topologyCounts{}
	}
	for _, r := range results {
		for _, e := range r {
			out[e.which].add(e.key, e.value, e.n)
		}
	}
	return out
}
