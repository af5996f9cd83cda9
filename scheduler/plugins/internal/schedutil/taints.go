package schedutil

import "github.com/orcaproj/orca/apiobj"

// DoNotSchedule reports whether a taint keeps pods that do not tolerate it
// off a node at scheduling time: effect NoSchedule or NoExecute.
func DoNotSchedule(t *apiobj.Taint) bool {
	return t.Effect == apiobj.TaintEffectNoSchedule || t.Effect == apiobj.TaintEffectNoExecute
}

// FindUntoleratedTaint returns the first taint that passes filter (nil: all)
// and that no toleration tolerates.
func FindUntoleratedTaint(taints []apiobj.Taint, tolerations []apiobj.Toleration, filter func(*apiobj.Taint) bool) (*apiobj.Taint, bool) {
	for i := range taints {
		t := &taints[i]
		if filter != nil && !filter(t) {
			continue
		}
		if !apiobj.TolerationsTolerateTaint(tolerations, t) {
			return t, true
		}
	}
	return nil, false
}
