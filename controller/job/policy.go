package job

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// matchPodFailurePolicy returns the action of the first rule of pfp that
// matches the failed pod p, and a message describing the match. With no
// policy, or no matching rule, the action is Count.
func matchPodFailurePolicy(pfp *apiobj.PodFailurePolicy, p *apiobj.Pod) (apiobj.PodFailurePolicyAction, string) {
	if pfp == nil {
		return apiobj.PodFailurePolicyActionCount, ""
	}
	for i, r := range pfp.Rules {
		if r.OnExitCodes != nil {
			if name, code, ok := matchExitCodes(r.OnExitCodes, p); ok {
				return r.Action, fmt.Sprintf("Container %s for pod %s/%s failed with exit code %d matching %s rule at index %d",
					name, p.Namespace, p.Name, code, r.Action, i)
			}
			continue
		}
		for _, pat := range r.OnPodConditions {
			status := pat.Status
			if status == "" {
				status = apiobj.ConditionTrue
			}
			for _, cd := range p.Status.Conditions {
				if cd.Type == pat.Type && cd.Status == status {
					return r.Action, fmt.Sprintf("Pod %s/%s has condition %s matching %s rule at index %d",
						p.Namespace, p.Name, pat.Type, r.Action, i)
				}
			}
		}
	}
	return apiobj.PodFailurePolicyActionCount, ""
}

// matchExitCodes finds a terminated container of p with a non-zero exit
// code that req matches.
func matchExitCodes(req *apiobj.PodFailurePolicyOnExitCodesRequirement, p *apiobj.Pod) (string, int32, bool) {
	for _, list := range [][]apiobj.ContainerStatus{p.Status.InitContainerStatuses, p.Status.ContainerStatuses} {
		for _, cs := range list {
			if req.ContainerName != nil && *req.ContainerName != cs.Name {
				continue
			}
			t := cs.State.Terminated
			if t == nil || t.ExitCode == 0 {
				continue
			}
			in := slices.Contains(req.Values, t.ExitCode)
			if (req.Operator == apiobj.PodFailurePolicyOnExitCodesOpIn) == in {
				return cs.Name, t.ExitCode, true
			}
		}
	}
	return "", 0, false
}

// parseIndexes reads an interval list such as "0-2,5" into a set, keeping
// indexes below limit (any, when limit is negative).
func parseIndexes(s string, limit int) map[int]bool {
	out := map[int]bool{}
	for part := range strings.SplitSeq(s, ",") {
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			continue
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil {
				continue
			}
		}
		for i := a; i <= b && (limit < 0 || i < limit); i++ {
			out[i] = true
		}
	}
	return out
}

// formatIndexes writes a set of indexes as a compressed interval list:
// {0,1,2,5} is "0-2,5".
func formatIndexes(set map[int]bool) string {
	ix := make([]int, 0, len(set))
	for i := range set {
		ix = append(ix, i)
	}
	sort.Ints(ix)
	var b strings.Builder
	for k := 0; k < len(ix); {
		e := k
		for e+1 < len(ix) && ix[e+1] == ix[e]+1 {
			e++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(ix[k]))
		if e > k {
			b.WriteByte('-')
			b.WriteString(strconv.Itoa(ix[e]))
		}
		k = e + 1
	}
	return b.String()
}
