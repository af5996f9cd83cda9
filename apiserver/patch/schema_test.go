package patch

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
)

// TestKubernetesPatchMetadata pins the patchStrategy and patchMergeKey tags
// of the built-in kinds to those of k8s.io/api (core/v1, apps/v1, batch/v1,
// policy/v1, autoscaling/v2, storage/v1 and meta/v1). A path step "[]"
// descends into list elements.
func TestKubernetesPatchMetadata(t *testing.T) {
	t.Parallel()
	merge := func(k string) fieldMeta { return fieldMeta{strategy: "merge", mergeKey: k} }
	mergeRetain := func(k string) fieldMeta { return fieldMeta{strategy: "merge", retainKeys: true, mergeKey: k} }
	tests := []struct {
		kind any
		path string
		want fieldMeta
	}{
		{apiobj.Pod{}, "metadata.ownerReferences", merge("uid")},
		{apiobj.Pod{}, "metadata.finalizers", merge("")},
		{apiobj.Pod{}, "metadata.labels", fieldMeta{}},
		{apiobj.Pod{}, "spec.volumes", mergeRetain("name")},
		{apiobj.Pod{}, "spec.initContainers", merge("name")},
		{apiobj.Pod{}, "spec.containers", merge("name")},
		{apiobj.Pod{}, "spec.ephemeralContainers", merge("name")},
		{apiobj.Pod{}, "spec.imagePullSecrets", merge("name")},
		{apiobj.Pod{}, "spec.hostAliases", merge("ip")},
		{apiobj.Pod{}, "spec.topologySpreadConstraints", merge("topologyKey")},
		{apiobj.Pod{}, "spec.schedulingGates", merge("name")},
		{apiobj.Pod{}, "spec.resourceClaims", mergeRetain("name")},
		{apiobj.Pod{}, "spec.tolerations", fieldMeta{}},
		{apiobj.Pod{}, "spec.readinessGates", fieldMeta{}},
		{apiobj.Pod{}, "spec.containers.[].ports", merge("containerPort")},
		{apiobj.Pod{}, "spec.containers.[].env", merge("name")},
		{apiobj.Pod{}, "spec.containers.[].envFrom", fieldMeta{}},
		{apiobj.Pod{}, "spec.containers.[].volumeMounts", merge("mountPath")},
		{apiobj.Pod{}, "spec.containers.[].volumeDevices", merge("devicePath")},
		{apiobj.Pod{}, "spec.containers.[].args", fieldMeta{}},
		{apiobj.Pod{}, "spec.ephemeralContainers.[].env", merge("name")},
		{apiobj.Pod{}, "spec.ephemeralContainers.[].ports", merge("containerPort")},
		{apiobj.Pod{}, "status.conditions", merge("type")},
		{apiobj.Pod{}, "status.podIPs", merge("ip")},
		{apiobj.Pod{}, "status.hostIPs", merge("ip")},
		{apiobj.Pod{}, "status.resourceClaimStatuses", mergeRetain("name")},
		{apiobj.Pod{}, "status.containerStatuses.[].volumeMounts", merge("mountPath")},
		{apiobj.Pod{}, "status.containerStatuses.[].allocatedResourcesStatus", merge("name")},
		{apiobj.Node{}, "spec.podCIDRs", merge("")},
		{apiobj.Node{}, "spec.taints", fieldMeta{}},
		{apiobj.Node{}, "status.conditions", merge("type")},
		{apiobj.Node{}, "status.addresses", merge("type")},
		{apiobj.Service{}, "spec.ports", merge("port")},
		{apiobj.Service{}, "status.conditions", merge("type")},
		{apiobj.Namespace{}, "status.conditions", merge("type")},
		{apiobj.ServiceAccount{}, "secrets", merge("name")},
		{apiobj.PersistentVolumeClaim{}, "status.conditions", merge("type")},
		{apiobj.ReplicationController{}, "status.conditions", merge("type")},
		{apiobj.ReplicationController{}, "spec.template.spec.containers", merge("name")},
		{apiobj.ComponentStatus{}, "conditions", merge("type")},
		{apiobj.Deployment{}, "spec.strategy", fieldMeta{retainKeys: true}},
		{apiobj.Deployment{}, "spec.template.spec.containers", merge("name")},
		{apiobj.Deployment{}, "status.conditions", merge("type")},
		{apiobj.ReplicaSet{}, "status.conditions", merge("type")},
		{apiobj.DaemonSet{}, "status.conditions", merge("type")},
		{apiobj.DaemonSet{}, "spec.updateStrategy", fieldMeta{}},
		{apiobj.StatefulSet{}, "status.conditions", merge("type")},
		{apiobj.StatefulSet{}, "spec.volumeClaimTemplates", fieldMeta{}},
		{apiobj.Job{}, "status.conditions", merge("type")},
		{apiobj.CronJob{}, "spec.jobTemplate.spec.template.spec.volumes", mergeRetain("name")},
		{apiobj.PodDisruptionBudget{}, "spec.selector", fieldMeta{strategy: "replace"}},
		{apiobj.PodDisruptionBudget{}, "status.conditions", merge("type")},
		{apiobj.HorizontalPodAutoscaler{}, "status.conditions", merge("type")},
		{apiobj.CSINode{}, "spec.drivers", merge("name")},
		{apiobj.RoleBinding{}, "subjects", fieldMeta{}},
		{apiobj.Endpoints{}, "subsets", fieldMeta{}},
	}
	for _, tt := range tests {
		typ := reflect.TypeOf(tt.kind)
		n := newNode(typ)
		var got fieldMeta
		steps := strings.Split(tt.path, ".")
		for i, step := range steps {
			if step == "[]" {
				n = n.elem()
				continue
			}
			n, got = n.field(step)
			if i < len(steps)-1 {
				require.NotNil(t, n.t, "%s: %s has no Go type", typ.Name(), strings.Join(steps[:i+1], "."))
			}
		}
		require.Equal(t, tt.want, got, "%s.%s", typ.Name(), tt.path)
	}
}

func TestCollectFields(t *testing.T) {
	t.Parallel()
	type Inner struct {
		A string `json:"a" patchStrategy:"merge" patchMergeKey:"k"`
		B string `json:"b"`
		C string
	}
	type Other struct {
		B string `json:"b"`
	}
	type Outer struct {
		Inner `json:",inline"`
		*Other
		B       string `json:"b" patchStrategy:"replace"`
		Skip    string `json:"-"`
		hidden  string // unexported fields never count
		Renamed int    `json:"renamed,omitempty" patchStrategy:"merge,retainKeys"`
	}
	_ = Outer{}.hidden
	fs := collectFields(reflect.TypeOf(Outer{}))
	require.Equal(t, fieldMeta{strategy: "merge", mergeKey: "k"}, fs["a"].meta, "inline fields are flattened")
	require.Equal(t, fieldMeta{strategy: "replace"}, fs["b"].meta, "the shallower field wins")
	require.Contains(t, fs, "C", "untagged fields keep their Go name")
	require.NotContains(t, fs, "Skip")
	require.NotContains(t, fs, "-")
	require.NotContains(t, fs, "hidden")
	require.Equal(t, fieldMeta{strategy: "merge", retainKeys: true}, fs["renamed"].meta)

	type Left struct {
		X string `json:"x"`
	}
	type Right struct {
		X string `json:"x"`
	}
	// Built at run time: go vet rightly flags such a struct in source.
	both := reflect.StructOf([]reflect.StructField{
		{Name: "Left", Type: reflect.TypeOf(Left{}), Anonymous: true},
		{Name: "Right", Type: reflect.TypeOf(Right{}), Anonymous: true},
	})
	require.NotContains(t, collectFields(both), "x", "equally deep duplicates cancel out")
}

func TestOpaqueTypes(t *testing.T) {
	t.Parallel()
	for _, v := range []any{apiobj.Time{}, apiobj.IntOrString{}, apiobj.RawJSON{}} {
		require.Nil(t, newNode(reflect.TypeOf(v)).t, "%T has its own JSON encoding", v)
	}
	require.Nil(t, newNode(reflect.TypeOf(&apiobj.Unstructured{})).t)
	require.Nil(t, newNode(reflect.TypeOf([]byte{})).elem().t)
	require.NotNil(t, newNode(reflect.TypeOf(map[string]apiobj.Container{})).t)
}
