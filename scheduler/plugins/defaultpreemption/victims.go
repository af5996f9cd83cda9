package defaultpreemption

import (
	"math"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

// pdbInfo is a PodDisruptionBudget with its selector compiled once per
// preemption attempt.
type pdbInfo struct {
	namespace string
	selector  labels.Selector // nil: invalid or empty; matches nothing
	disrupted map[string]apiobj.Time
	allowed   int32
}

func compilePDBs(pdbs []*apiobj.PodDisruptionBudget) []pdbInfo {
	out := make([]pdbInfo, 0, len(pdbs))
	for _, p := range pdbs {
		sel, err := framework.LabelSelectorAsSelector(p.Spec.Selector)
		if err != nil || sel.Empty() {
			// An invalid, nil or empty selector matches no pod.
			sel = nil
		}
		out = append(out, pdbInfo{
			namespace: p.Namespace,
			selector:  sel,
			disrupted: p.Status.DisruptedPods,
			allowed:   p.Status.DisruptionsAllowed,
		})
	}
	return out
}

// splitByPDBViolation splits victims (ordered most important first) into
// those whose eviction would exceed some matching PDB's allowed disruptions
// and those that would not. Each matching PDB's budget is spent in order; a
// pod already listed in a PDB's disruptedPods is not counted against it.
func splitByPDBViolation[T any](victims []T, pod func(T) *apiobj.Pod, pdbs []pdbInfo) (violating, nonViolating []T) {
	allowed := make([]int32, len(pdbs))
	for i := range pdbs {
		allowed[i] = pdbs[i].allowed
	}
	for _, v := range victims {
		p := pod(v)
		violated := false
		if len(p.Labels) != 0 {
			for i := range pdbs {
				b := &pdbs[i]
				if b.selector == nil || b.namespace != p.Namespace || !b.selector.Matches(labels.Set(p.Labels)) {
					continue
				}
				if _, ok := b.disrupted[p.Name]; ok {
					continue
				}
				allowed[i]--
				if allowed[i] < 0 {
					violated = true
				}
			}
		}
		if violated {
			violating = append(violating, v)
		} else {
			nonViolating = append(nonViolating, v)
		}
	}
	return violating, nonViolating
}

// Candidate is a node where preempting Victims (most important first) makes
// room for the pod, and how many of them violate a PDB.
type Candidate struct {
	Node             string
	Victims          []*apiobj.Pod
	NumPDBViolations int
}

// pickOne chooses among candidates by kube-scheduler's criteria, in order:
//  1. fewest PDB violations;
//  2. lowest priority of the most important victim;
//  3. smallest sum of victim priorities (each shifted by MaxInt32+1, so
//     that more victims never sum lower);
//  4. fewest victims;
//  5. latest earliest start time among the highest-priority victims;
//  6. the first candidate.
//
// Every candidate has at least one victim.
func pickOne(cands []Candidate, now time.Time) int {
	if len(cands) == 0 {
		return -1
	}
	score := []func(c *Candidate) int64{
		func(c *Candidate) int64 { return -int64(c.NumPDBViolations) },
		func(c *Candidate) int64 { return -int64(schedutil.PodPriority(c.Victims[0])) },
		func(c *Candidate) int64 {
			var sum int64
			for _, v := range c.Victims {
				sum += int64(schedutil.PodPriority(v)) + int64(math.MaxInt32) + 1
			}
			return -sum
		},
		func(c *Candidate) int64 { return -int64(len(c.Victims)) },
		func(c *Candidate) int64 { return earliestStartOfTopVictims(c.Victims, now).UnixNano() },
	}
	idx := make([]int, len(cands))
	for i := range idx {
		idx[i] = i
	}
	for _, f := range score {
		best := int64(math.MinInt64)
		var kept []int
		for _, i := range idx {
			s := f(&cands[i])
			if s > best {
				best = s
				kept = kept[:0]
			}
			if s == best {
				kept = append(kept, i)
			}
		}
		if len(kept) == 1 {
			return kept[0]
		}
		idx = kept
	}
	return idx[0]
}

// earliestStartOfTopVictims is the earliest start time among the victims
// that share the highest priority; a pod not yet started counts as now.
func earliestStartOfTopVictims(victims []*apiobj.Pod, now time.Time) time.Time {
	top := schedutil.PodPriority(victims[0])
	earliest := time.Time{}
	for _, v := range victims {
		if schedutil.PodPriority(v) != top {
			continue
		}
		t := now
		if v.Status.StartTime != nil {
			t = v.Status.StartTime.Time
		}
		if earliest.IsZero() || t.Before(earliest) {
			earliest = t
		}
	}
	return earliest
}
