package nodelifecycle

import "github.com/orcaproj/orca/apiobj"

// DefaultTolerations does what Kubernetes' DefaultTolerationSeconds
// admission plugin does: unless pod already tolerates the not-ready
// (respectively unreachable) NoExecute taint, it adds a toleration of it
// for DefaultTolerationSeconds (300 s), so that pods ride out short node
// outages. It changes pod in place and is idempotent. The controller
// itself honors only the tolerations pods carry; the API server's
// admission chain is where this belongs.
func DefaultTolerations(pod *apiobj.Pod) {
	for _, key := range []string{apiobj.TaintNodeNotReady, apiobj.TaintNodeUnreachable} {
		if tolerated(pod.Spec.Tolerations, key) {
			continue
		}
		pod.Spec.Tolerations = append(pod.Spec.Tolerations, apiobj.Toleration{
			Key: key, Operator: apiobj.TolerationOpExists, Effect: apiobj.TaintEffectNoExecute,
			TolerationSeconds: apiobj.Int64(DefaultTolerationSeconds),
		})
	}
}

// tolerated reports whether some toleration already covers key's
// NoExecute taint whatever its value, as the admission plugin checks.
func tolerated(ts []apiobj.Toleration, key string) bool {
	for _, t := range ts {
		if (t.Key == key || t.Key == "" && t.Operator == apiobj.TolerationOpExists) &&
			(t.Effect == "" || t.Effect == apiobj.TaintEffectNoExecute) {
			return true
		}
	}
	return false
}
