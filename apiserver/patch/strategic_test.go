package patch

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

var (
	podType        = reflect.TypeOf(apiobj.Pod{})
	deploymentType = reflect.TypeOf(apiobj.Deployment{})
	nodeType       = reflect.TypeOf(apiobj.Node{})
	serviceType    = reflect.TypeOf(apiobj.Service{})
	pdbType        = reflect.TypeOf(apiobj.PodDisruptionBudget{})
)

// The Deployment of the Kubernetes task "Update API Objects in Place Using
// kubectl patch".
const patchDemo = `{
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "patch-demo"},
  "spec": {
    "replicas": 2,
    "selector": {"matchLabels": {"app": "nginx"}},
    "template": {
      "metadata": {"labels": {"app": "nginx"}},
      "spec": {
        "containers": [{"name": "patch-demo-ctr", "image": "nginx"}],
        "tolerations": [{"effect": "NoSchedule", "key": "dedicated", "value": "test-team"}]
      }
    }
  }
}`

const retainKeysDemo = `{
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "retainkeys-demo"},
  "spec": {
    "selector": {"matchLabels": {"app": "nginx"}},
    "strategy": {"rollingUpdate": {"maxSurge": "30%"}},
    "template": {"metadata": {"labels": {"app": "nginx"}},
      "spec": {"containers": [{"name": "retainkeys-demo-ctr", "image": "nginx"}]}}
  }
}`

const twoContainerPod = `{
  "apiVersion": "v1", "kind": "Pod",
  "metadata": {"name": "p", "finalizers": ["a", "b", "c"],
    "ownerReferences": [{"apiVersion": "v1", "kind": "X", "name": "x", "uid": "u1"}]},
  "spec": {
    "containers": [
      {"name": "nginx", "image": "nginx-1.0",
       "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
       "ports": [{"containerPort": 80, "protocol": "TCP"}],
       "args": ["x", "y"]},
      {"name": "log-tailer", "image": "log-tailer-1.0"}
    ],
    "volumes": [{"name": "data", "emptyDir": {}}],
    "nodeSelector": {"disk": "ssd", "zone": "a"}
  },
  "status": {"conditions": [
    {"type": "Ready", "status": "False"},
    {"type": "PodScheduled", "status": "True"}
  ]}
}`

func TestStrategicMergePatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		schema   reflect.Type
		original string
		patch    string
		// want is a JSON document compared semantically (lists in order),
		// or, when wantPath is set, the value at that path.
		want     string
		wantPath []string
	}{
		{
			// Kubernetes docs: the containers list is merged by name and the
			// new container comes first.
			name: "docs: containers merge", schema: deploymentType, original: patchDemo,
			patch:    `{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}`,
			wantPath: []string{"spec", "template", "spec", "containers"},
			want:     `[{"name":"patch-demo-ctr-2","image":"redis"},{"name":"patch-demo-ctr","image":"nginx"}]`,
		},
		{
			// Kubernetes docs: tolerations have no patch strategy and are
			// replaced.
			name: "docs: tolerations replaced", schema: deploymentType, original: patchDemo,
			patch:    `{"spec":{"template":{"spec":{"tolerations":[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]}}}}`,
			wantPath: []string{"spec", "template", "spec", "tolerations"},
			want:     `[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]`,
		},
		{
			name: "docs: without retainKeys rollingUpdate stays", schema: deploymentType, original: retainKeysDemo,
			patch:    `{"spec":{"strategy":{"type":"Recreate"}}}`,
			wantPath: []string{"spec", "strategy"},
			want:     `{"type":"Recreate","rollingUpdate":{"maxSurge":"30%"}}`,
		},
		{
			name: "docs: retainKeys drops rollingUpdate", schema: deploymentType, original: retainKeysDemo,
			patch:    `{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}`,
			wantPath: []string{"spec", "strategy"},
			want:     `{"type":"Recreate"}`,
		},
		{
			name: "merge into existing container by name", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"containers":[{"name":"nginx","image":"nginx-2.0"}]}}`,
			wantPath: []string{"spec", "containers"},
			want: `[{"name":"nginx","image":"nginx-2.0","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
				"ports":[{"containerPort":80,"protocol":"TCP"}],"args":["x","y"]},
				{"name":"log-tailer","image":"log-tailer-1.0"}]`,
		},
		{
			name: "patch: delete in a list", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"containers":[{"name":"log-tailer","$patch":"delete"}]}}`,
			wantPath: []string{"spec", "containers"},
			want: `[{"name":"nginx","image":"nginx-1.0","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
				"ports":[{"containerPort":80,"protocol":"TCP"}],"args":["x","y"]}]`,
		},
		{
			name: "patch: replace in a list", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"containers":[{"name":"nginx","image":"nginx-1.0"},{"$patch":"replace"}]}}`,
			wantPath: []string{"spec", "containers"},
			want:     `[{"name":"nginx","image":"nginx-1.0"}]`,
		},
		{
			name: "patch: replace in a map", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"$patch":"replace","containers":[{"name":"c","image":"i"}]}}`,
			wantPath: []string{"spec"},
			want:     `{"containers":[{"name":"c","image":"i"}]}`,
		},
		{
			name: "patch: delete in a map empties it", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"nodeSelector":{"$patch":"delete"}}}`,
			wantPath: []string{"spec", "nodeSelector"},
			want:     `{}`,
		},
		{
			name: "patch: merge in a map is a no-op directive", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"nodeSelector":{"$patch":"merge","zone":"b"}}}`,
			wantPath: []string{"spec", "nodeSelector"},
			want:     `{"disk":"ssd","zone":"b"}`,
		},
		{
			name: "null deletes a map key", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"nodeSelector":{"disk":null,"absent":null}}}`,
			wantPath: []string{"spec", "nodeSelector"},
			want:     `{"zone":"a"}`,
		},
		{
			name: "null deletes a field", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"volumes":null}}`,
			wantPath: []string{"spec"},
			want: `{"containers":[{"name":"nginx","image":"nginx-1.0","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
				"ports":[{"containerPort":80,"protocol":"TCP"}],"args":["x","y"]},
				{"name":"log-tailer","image":"log-tailer-1.0"}],"nodeSelector":{"disk":"ssd","zone":"a"}}`,
		},
		{
			name: "env merged by name, value deleted with null", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"containers":[{"name":"nginx","env":[{"name":"B","value":null,"valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},{"name":"C","value":"3"}]}]}}`,
			wantPath: []string{"spec", "containers", "0", "env"},
			want:     `[{"name":"A","value":"1"},{"name":"B","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},{"name":"C","value":"3"}]`,
		},
		{
			name: "container ports merged by containerPort", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]}]}}`,
			wantPath: []string{"spec", "containers", "0", "ports"},
			want:     `[{"containerPort":80,"protocol":"TCP","name":"http"},{"containerPort":443}]`,
		},
		{
			name: "args replaced whole", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"containers":[{"name":"nginx","args":["z"]}]}}`,
			wantPath: []string{"spec", "containers", "0", "args"},
			want:     `["z"]`,
		},
		{
			name: "finalizers unioned", schema: podType, original: twoContainerPod,
			patch:    `{"metadata":{"finalizers":["b","d","d"]}}`,
			wantPath: []string{"metadata", "finalizers"},
			want:     `["a","b","d","c"]`,
		},
		{
			name: "deleteFromPrimitiveList", schema: podType, original: twoContainerPod,
			patch:    `{"metadata":{"$deleteFromPrimitiveList/finalizers":["a","zz"]}}`,
			wantPath: []string{"metadata", "finalizers"},
			want:     `["b","c"]`,
		},
		{
			name: "setElementOrder on primitives", schema: podType, original: twoContainerPod,
			patch:    `{"metadata":{"$setElementOrder/finalizers":["b","c","a"]}}`,
			wantPath: []string{"metadata", "finalizers"},
			want:     `["b","c","a"]`,
		},
		{
			name: "setElementOrder with additions and deletions", schema: podType, original: twoContainerPod,
			patch: `{"metadata":{"$setElementOrder/finalizers":["d","c","b"],"finalizers":["d"],
				"$deleteFromPrimitiveList/finalizers":["a"]}}`,
			wantPath: []string{"metadata", "finalizers"},
			want:     `["d","c","b"]`,
		},
		{
			name: "setElementOrder on a list of objects", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"$setElementOrder/containers":[{"name":"log-tailer"},{"name":"nginx"}]}}`,
			wantPath: []string{"spec", "containers", "0", "name"},
			want:     `"log-tailer"`,
		},
		{
			name: "setElementOrder places a new element", schema: podType, original: twoContainerPod,
			patch: `{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"},{"name":"log-tailer"}],
				"containers":[{"name":"sidecar","image":"s"}]}}`,
			wantPath: []string{"spec", "containers"},
			want: `[{"name":"nginx","image":"nginx-1.0","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
				"ports":[{"containerPort":80,"protocol":"TCP"}],"args":["x","y"]},
				{"name":"sidecar","image":"s"},{"name":"log-tailer","image":"log-tailer-1.0"}]`,
		},
		{
			name: "status conditions merged by type", schema: podType, original: twoContainerPod,
			patch:    `{"status":{"conditions":[{"type":"Ready","status":"True"}]}}`,
			wantPath: []string{"status", "conditions"},
			want:     `[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]`,
		},
		{
			name: "ownerReferences merged by uid", schema: podType, original: twoContainerPod,
			patch:    `{"metadata":{"ownerReferences":[{"apiVersion":"v1","kind":"Y","name":"y","uid":"u2"}]}}`,
			wantPath: []string{"metadata", "ownerReferences"},
			want:     `[{"apiVersion":"v1","kind":"Y","name":"y","uid":"u2"},{"apiVersion":"v1","kind":"X","name":"x","uid":"u1"}]`,
		},
		{
			name: "volumes merged by name with retainKeys", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"volumes":[{"name":"data","$retainKeys":["name","configMap"],"configMap":{"name":"cm"}}]}}`,
			wantPath: []string{"spec", "volumes"},
			want:     `[{"name":"data","configMap":{"name":"cm"}}]`,
		},
		{
			name: "a new map field is taken without its nulls and directives", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"securityContext":{"runAsUser":1000,"fsGroup":null,"sysctls":[{"name":"a","value":"1"}]}}}`,
			wantPath: []string{"spec", "securityContext"},
			want:     `{"runAsUser":1000,"sysctls":[{"name":"a","value":"1"}]}`,
		},
		{
			name: "a new merged list is deduplicated and cleaned", schema: podType, original: twoContainerPod,
			patch: `{"spec":{"initContainers":[{"name":"i","image":"x","$setElementOrder/env":[{"name":"E"}],"env":[{"name":"E","value":"v"}]},
				{"name":"j","$patch":"delete"}]}}`,
			wantPath: []string{"spec", "initContainers"},
			want:     `[{"name":"i","image":"x","env":[{"name":"E","value":"v"}]}]`,
		},
		{
			name: "service ports merged by port", schema: serviceType,
			original: `{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}`,
			patch:    `{"spec":{"ports":[{"port":80,"targetPort":9090}]}}`,
			wantPath: []string{"spec", "ports"},
			want:     `[{"port":80,"targetPort":9090},{"port":443}]`,
		},
		{
			name: "node podCIDRs unioned, taints replaced", schema: nodeType,
			original: `{"spec":{"podCIDRs":["10.0.0.0/24"],"taints":[{"key":"a","effect":"NoSchedule"}]}}`,
			patch:    `{"spec":{"podCIDRs":["fd00::/64"],"taints":[{"key":"b","effect":"NoExecute"}]}}`,
			wantPath: []string{"spec"},
			want:     `{"podCIDRs":["fd00::/64","10.0.0.0/24"],"taints":[{"key":"b","effect":"NoExecute"}]}`,
		},
		{
			name: "node addresses merged by type", schema: nodeType,
			original: `{"status":{"addresses":[{"type":"InternalIP","address":"10.0.0.1"},{"type":"Hostname","address":"n1"}]}}`,
			patch:    `{"status":{"addresses":[{"type":"InternalIP","address":"10.0.0.2"}]}}`,
			wantPath: []string{"status", "addresses"},
			want:     `[{"type":"InternalIP","address":"10.0.0.2"},{"type":"Hostname","address":"n1"}]`,
		},
		{
			name: "PDB selector is replaced, not merged", schema: pdbType,
			original: `{"spec":{"selector":{"matchLabels":{"a":"1"}}}}`,
			patch:    `{"spec":{"selector":{"matchLabels":{"b":"2"}}}}`,
			wantPath: []string{"spec", "selector"},
			want:     `{"matchLabels":{"b":"2"}}`,
		},
		{
			name: "labels merge as a map", schema: podType, original: twoContainerPod,
			patch:    `{"metadata":{"labels":{"x":"y"}}}`,
			wantPath: []string{"metadata", "labels"},
			want:     `{"x":"y"}`,
		},
		{
			name: "unknown fields merge like a merge patch", schema: podType,
			original: `{"spec":{"future":{"a":1,"l":[1,2]}}}`,
			patch:    `{"spec":{"future":{"b":2,"l":[3]}}}`,
			wantPath: []string{"spec", "future"},
			want:     `{"a":1,"b":2,"l":[3]}`,
		},
		{
			name: "a quantity is a value", schema: podType,
			original: `{"spec":{"containers":[{"name":"c","resources":{"limits":{"cpu":"1"}}}]}}`,
			patch:    `{"spec":{"containers":[{"name":"c","resources":{"limits":{"memory":"1Gi"}}}]}}`,
			wantPath: []string{"spec", "containers", "0", "resources", "limits"},
			want:     `{"cpu":"1","memory":"1Gi"}`,
		},
		{
			name: "merge keys compare numbers by value", schema: podType, original: twoContainerPod,
			patch:    `{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":8.0e1,"hostPort":8080}]}]}}`,
			wantPath: []string{"spec", "containers", "0", "ports"},
			want:     `[{"containerPort":80,"protocol":"TCP","hostPort":8080}]`,
		},
		{
			name: "large integers stay exact", schema: podType,
			original: `{"spec":{"activeDeadlineSeconds":1}}`,
			patch:    `{"spec":{"activeDeadlineSeconds":9007199254740993}}`,
			wantPath: []string{"spec", "activeDeadlineSeconds"},
			want:     `9007199254740993`,
		},
		{
			name: "null patch is a no-op", schema: podType,
			original: `{"a":1}`, patch: `null`, want: `{"a":1}`,
		},
		{
			name: "top-level patch: delete empties the object", schema: podType,
			original: `{"a":1}`, patch: `{"$patch":"delete"}`, want: `{}`,
		},
		{
			name: "a pointer schema works too", schema: reflect.TypeOf(&apiobj.Pod{}), original: twoContainerPod,
			patch:    `{"spec":{"containers":[{"name":"sidecar","image":"s"}]}}`,
			wantPath: []string{"spec", "containers", "0", "name"},
			want:     `"sidecar"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := Apply(StrategicMergePatch, []byte(tt.original), []byte(tt.patch), tt.schema)
			require.NoError(t, err)
			got := string(out)
			if tt.wantPath != nil {
				got = string(at(t, out, tt.wantPath...))
			}
			require.JSONEq(t, tt.want, got)
		})
	}
}

func TestStrategicMergePatchErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		patch string
		want  error
	}{
		{"not json", `{"spec":`, errdefs.ErrBadRequest},
		{"not an object", `[1]`, errdefs.ErrBadRequest},
		{"trailing data", `{} {}`, errdefs.ErrBadRequest},
		{"unknown directive in map", `{"spec":{"$patch":"shuffle"}}`, errdefs.ErrBadRequest},
		{"unknown directive in list", `{"spec":{"containers":[{"name":"a","$patch":"shuffle"}]}}`, errdefs.ErrBadRequest},
		{"element without merge key", `{"spec":{"containers":[{"image":"x"}]}}`, errdefs.ErrBadRequest},
		{"delete without merge key", `{"spec":{"containers":[{"$patch":"delete"}]}}`, errdefs.ErrBadRequest},
		{"list of lists", `{"metadata":{"finalizers":[["a"]]}}`, errdefs.ErrInvalid},
		{"mixed element kinds", `{"metadata":{"finalizers":["a",{"b":1}]}}`, errdefs.ErrBadRequest},
		{"null element in merged list", `{"metadata":{"finalizers":[null]}}`, errdefs.ErrBadRequest},
		{"retainKeys not a list", `{"spec":{"volumes":[{"name":"data","$retainKeys":"name"}]}}`, errdefs.ErrBadRequest},
		{"retainKeys of non-strings", `{"spec":{"volumes":[{"name":"data","$retainKeys":[{}]}]}}`, errdefs.ErrBadRequest},
		{"patch key outside retainKeys", `{"spec":{"volumes":[{"name":"data","$retainKeys":["name"],"secret":{}}]}}`, errdefs.ErrInvalid},
		{"deleteFromPrimitiveList not a list", `{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}`, errdefs.ErrBadRequest},
		{"deleteFromPrimitiveList of objects", `{"metadata":{"$deleteFromPrimitiveList/finalizers":[{}]}}`, errdefs.ErrBadRequest},
		{"deleteFromPrimitiveList without field", `{"metadata":{"$deleteFromPrimitiveList/":["a"]}}`, errdefs.ErrBadRequest},
		{"setElementOrder not a list", `{"metadata":{"$setElementOrder/finalizers":{}}}`, errdefs.ErrBadRequest},
		{"setElementOrder without field", `{"metadata":{"$setElementOrder/":[]}}`, errdefs.ErrBadRequest},
		{"setElementOrder disagrees with patch", `{"metadata":{"$setElementOrder/finalizers":["a","b"],"finalizers":["b","a"]}}`, errdefs.ErrBadRequest},
		{"setElementOrder misses a patch element", `{"metadata":{"$setElementOrder/finalizers":["a"],"finalizers":["x"]}}`, errdefs.ErrBadRequest},
		{"setElementOrder element without key", `{"spec":{"$setElementOrder/containers":[{"image":"x"}],"containers":[{"name":"a"}]}}`, errdefs.ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Apply(StrategicMergePatch, []byte(twoContainerPod), []byte(tt.patch), podType)
			require.Error(t, err)
			require.ErrorIs(t, err, tt.want)
		})
	}
}

func TestStrategicMergePatchCustomKind(t *testing.T) {
	t.Parallel()
	_, err := Apply(StrategicMergePatch, []byte(`{}`), []byte(`{}`), nil)
	require.ErrorIs(t, err, errdefs.ErrUnsupportedMediaType)
	require.EqualError(t, err, "the body of the request was in an unknown format - accepted media types include: "+
		"application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
}
