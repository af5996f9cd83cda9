package deployment

import (
	"encoding/binary"
	"encoding/json"
	"hash/fnv"
	"math"
	"sort"
	"strconv"

	"github.com/orcaproj/orca/apiobj"
)

// RevisionHistoryAnnotation lists the earlier revisions a ReplicaSet had
// before a rollback gave it a new one, comma separated.
const RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history"

// Reasons of the Deployment conditions, worded as Kubernetes words them.
const (
	ReasonMinimumReplicasAvailable   = "MinimumReplicasAvailable"
	ReasonMinimumReplicasUnavailable = "MinimumReplicasUnavailable"
	ReasonNewReplicaSetCreated       = "NewReplicaSetCreated"
	ReasonFoundNewReplicaSet         = "FoundNewReplicaSet"
	ReasonReplicaSetUpdated          = "ReplicaSetUpdated"
	ReasonNewReplicaSetAvailable     = "NewReplicaSetAvailable"
	ReasonProgressDeadlineExceeded   = "ProgressDeadlineExceeded"
	ReasonFailedCreate               = "ReplicaSetCreateError"
	ReasonDeploymentPaused           = "DeploymentPaused"
	ReasonDeploymentResumed          = "DeploymentResumed"
)

// annotations never copied from a Deployment to its ReplicaSets.
var skipAnnotations = map[string]bool{
	"kubectl.kubernetes.io/last-applied-configuration": true,
	apiobj.DeploymentRevisionAnnotation:                true,
	RevisionHistoryAnnotation:                          true,
	apiobj.DeploymentDesiredReplicasAnnotation:         true,
	apiobj.DeploymentMaxReplicasAnnotation:             true,
	"deprecated.deployment.rollback.to":                true,
}

const hashAlphabet = "bcdfghjklmnpqrstvwxz2456789"

// ComputeHash returns the pod-template-hash of template with collision
// count cc: an FNV-32a hash of the template's JSON (and cc, when set),
// written with Kubernetes' vowel-free alphabet. It is stable across
// processes for equal templates.
func ComputeHash(template *apiobj.PodTemplateSpec, cc *int32) string {
	h := fnv.New32a()
	b, _ := json.Marshal(template) // a PodTemplateSpec always encodes
	h.Write(b)
	if cc != nil {
		var buf [4]byte
		binary.LittleEndian.PutUint32(buf[:], uint32(*cc))
		h.Write(buf[:])
	}
	dec := strconv.FormatUint(uint64(h.Sum32()), 10)
	out := make([]byte, len(dec))
	for i := range len(dec) {
		out[i] = hashAlphabet[int(dec[i])%len(hashAlphabet)]
	}
	return string(out)
}

// equalIgnoreHash reports whether two templates are the same apart from the
// pod-template-hash label.
func equalIgnoreHash(a, b *apiobj.PodTemplateSpec) bool {
	strip := func(t *apiobj.PodTemplateSpec) []byte {
		c := t.DeepCopy()
		delete(c.Labels, apiobj.DefaultDeploymentUniqueLabelKey)
		if len(c.Labels) == 0 {
			c.Labels = nil
		}
		b, _ := json.Marshal(c)
		return b
	}
	return string(strip(a)) == string(strip(b))
}

func deploymentReplicas(d *apiobj.Deployment) int32 {
	if d.Spec.Replicas == nil {
		return 1
	}
	return *d.Spec.Replicas
}

func rsReplicas(rs *apiobj.ReplicaSet) int32 {
	if rs.Spec.Replicas == nil {
		return 1
	}
	return *rs.Spec.Replicas
}

func isRollingUpdate(d *apiobj.Deployment) bool {
	return d.Spec.Strategy.Type != apiobj.RecreateDeploymentStrategyType
}

// fenceposts resolves maxSurge (rounded up) and maxUnavailable (rounded
// down) against the desired replicas; when both come to zero, unavailable
// is 1, so a rollout can always progress.
func fenceposts(d *apiobj.Deployment) (surge, unavailable int32) {
	desired := int(deploymentReplicas(d))
	ru := d.Spec.Strategy.RollingUpdate
	quarter := apiobj.FromString("25%")
	ms, mu := &quarter, &quarter
	if ru != nil {
		if ru.MaxSurge != nil {
			ms = ru.MaxSurge
		}
		if ru.MaxUnavailable != nil {
			mu = ru.MaxUnavailable
		}
	}
	s, _ := apiobj.ScaledValueFromIntOrPercent(ms, desired, true)
	u, _ := apiobj.ScaledValueFromIntOrPercent(mu, desired, false)
	if s == 0 && u == 0 {
		u = 1
	}
	return int32(s), int32(u)
}

// maxSurge is how many pods above the desired count a rollout may run.
func maxSurge(d *apiobj.Deployment) int32 {
	if !isRollingUpdate(d) {
		return 0
	}
	s, _ := fenceposts(d)
	return s
}

// maxUnavailable is how many of the desired pods may be unavailable.
func maxUnavailable(d *apiobj.Deployment) int32 {
	if !isRollingUpdate(d) || deploymentReplicas(d) == 0 {
		return 0
	}
	_, u := fenceposts(d)
	return min(u, deploymentReplicas(d))
}

func revision(obj apiobj.MetaAccessor) int64 {
	v, err := strconv.ParseInt(obj.GetAnnotations()[apiobj.DeploymentRevisionAnnotation], 10, 64)
	if err != nil {
		return 0
	}
	return v
}

func maxRevision(rss []*apiobj.ReplicaSet) int64 {
	var m int64
	for _, rs := range rss {
		m = max(m, revision(rs))
	}
	return m
}

func intAnnotation(rs *apiobj.ReplicaSet, key string) (int32, bool) {
	s, ok := rs.Annotations[key]
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, false
	}
	return int32(v), true
}

// setReplicasAnnotations records desired and max replicas on rs; it
// reports whether anything changed.
func setReplicasAnnotations(rs *apiobj.ReplicaSet, desired, maxReplicas int32) bool {
	if rs.Annotations == nil {
		rs.Annotations = map[string]string{}
	}
	d, m := strconv.Itoa(int(desired)), strconv.Itoa(int(maxReplicas))
	changed := rs.Annotations[apiobj.DeploymentDesiredReplicasAnnotation] != d || rs.Annotations[apiobj.DeploymentMaxReplicasAnnotation] != m
	rs.Annotations[apiobj.DeploymentDesiredReplicasAnnotation] = d
	rs.Annotations[apiobj.DeploymentMaxReplicasAnnotation] = m
	return changed
}

// setNewRSAnnotations copies d's annotations onto rs and raises rs's
// revision to newRevision (keeping the old one in the revision history).
func setNewRSAnnotations(d *apiobj.Deployment, rs *apiobj.ReplicaSet, newRevision int64, exists bool) bool {
	changed := false
	if rs.Annotations == nil {
		rs.Annotations = map[string]string{}
	}
	for k, v := range d.Annotations {
		if skipAnnotations[k] || rs.Annotations[k] == v {
			continue
		}
		rs.Annotations[k] = v
		changed = true
	}
	old := rs.Annotations[apiobj.DeploymentRevisionAnnotation]
	if oldRev := revision(rs); oldRev < newRevision {
		rs.Annotations[apiobj.DeploymentRevisionAnnotation] = strconv.FormatInt(newRevision, 10)
		changed = true
		if old != "" {
			if h := rs.Annotations[RevisionHistoryAnnotation]; h != "" {
				rs.Annotations[RevisionHistoryAnnotation] = h + "," + old
			} else {
				rs.Annotations[RevisionHistoryAnnotation] = old
			}
		}
	}
	if !exists && setReplicasAnnotations(rs, deploymentReplicas(d), deploymentReplicas(d)+maxSurge(d)) {
		changed = true
	}
	return changed
}

func sumSpec(rss []*apiobj.ReplicaSet) int32 {
	var n int32
	for _, rs := range rss {
		if rs != nil {
			n += rsReplicas(rs)
		}
	}
	return n
}

func sumStatus(rss []*apiobj.ReplicaSet, f func(*apiobj.ReplicaSetStatus) int32) int32 {
	var n int32
	for _, rs := range rss {
		if rs != nil {
			n += f(&rs.Status)
		}
	}
	return n
}

func active(rss []*apiobj.ReplicaSet) []*apiobj.ReplicaSet {
	var out []*apiobj.ReplicaSet
	for _, rs := range rss {
		if rs != nil && rsReplicas(rs) > 0 {
			out = append(out, rs)
		}
	}
	return out
}

// byCreation orders oldest first, then by name.
func byCreation(rss []*apiobj.ReplicaSet) {
	sort.SliceStable(rss, func(i, j int) bool {
		a, b := rss[i], rss[j]
		if !a.CreationTimestamp.Equal(b.CreationTimestamp) {
			return a.CreationTimestamp.Before(b.CreationTimestamp)
		}
		return a.Name < b.Name
	})
}

// bySize orders larger first; on ties, newer first when newer is set.
func bySize(rss []*apiobj.ReplicaSet, newer bool) {
	sort.SliceStable(rss, func(i, j int) bool {
		a, b := rss[i], rss[j]
		if rsReplicas(a) != rsReplicas(b) {
			return rsReplicas(a) > rsReplicas(b)
		}
		if !a.CreationTimestamp.Equal(b.CreationTimestamp) {
			return a.CreationTimestamp.Before(b.CreationTimestamp) != newer
		}
		return (a.Name < b.Name) != newer
	})
}

// proportion is rs's share of toAdd replicas (negative when scaling down),
// given added already handed out.
func proportion(rs *apiobj.ReplicaSet, d *apiobj.Deployment, toAdd, added int32) int32 {
	if rs == nil || rsReplicas(rs) == 0 || toAdd == 0 || toAdd == added {
		return 0
	}
	frac := fraction(rs, d)
	allowed := toAdd - added
	if toAdd > 0 {
		return min(frac, allowed)
	}
	return max(frac, allowed)
}

func fraction(rs *apiobj.ReplicaSet, d *apiobj.Deployment) int32 {
	if deploymentReplicas(d) == 0 {
		return -rsReplicas(rs)
	}
	total := deploymentReplicas(d) + maxSurge(d)
	annotated, ok := intAnnotation(rs, apiobj.DeploymentMaxReplicasAnnotation)
	if !ok || annotated == 0 {
		annotated = d.Status.Replicas
	}
	if annotated == 0 {
		return 0
	}
	size := float64(rsReplicas(rs)*total) / float64(annotated)
	return int32(math.Round(size)) - rsReplicas(rs)
}

// isSaturated: rs runs exactly the desired replicas, all available.
func isSaturated(d *apiobj.Deployment, rs *apiobj.ReplicaSet) bool {
	if rs == nil {
		return false
	}
	desired, ok := intAnnotation(rs, apiobj.DeploymentDesiredReplicasAnnotation)
	return ok && desired == deploymentReplicas(d) && rsReplicas(rs) == deploymentReplicas(d) && rs.Status.AvailableReplicas == deploymentReplicas(d)
}
