package patch

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/errdefs"
)

func TestCreateTwoWayMergePatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		schema   reflect.Type
		original string
		modified string
		want     string
	}{
		{
			name: "no change", schema: podType,
			original: `{"a":1,"spec":{"containers":[{"name":"c"}]}}`,
			modified: `{"a":1.0,"spec":{"containers":[{"name":"c"}]}}`,
			want:     `{}`,
		},
		{
			name: "scalars and deletions", schema: podType,
			original: `{"metadata":{"name":"p","labels":{"a":"1","b":"2"}}}`,
			modified: `{"metadata":{"name":"q","labels":{"a":"1","c":"3"}}}`,
			want:     `{"metadata":{"name":"q","labels":{"b":null,"c":"3"}}}`,
		},
		{
			name: "merged list of objects", schema: podType,
			original: `{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}}`,
			modified: `{"spec":{"containers":[{"name":"b","image":"2"},{"name":"c","image":"1"}]}}`,
			want: `{"spec":{
				"$setElementOrder/containers":[{"name":"b"},{"name":"c"}],
				"containers":[{"name":"b","image":"2"},{"name":"c","image":"1"},{"name":"a","$patch":"delete"}]}}`,
		},
		{
			name: "reorder only", schema: podType,
			original: `{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}`,
			modified: `{"spec":{"containers":[{"name":"b"},{"name":"a"}]}}`,
			want:     `{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}`,
		},
		{
			name: "merged list of primitives", schema: podType,
			original: `{"metadata":{"finalizers":["a","b"]}}`,
			modified: `{"metadata":{"finalizers":["b","c"]}}`,
			want: `{"metadata":{"$setElementOrder/finalizers":["b","c"],"finalizers":["c"],
				"$deleteFromPrimitiveList/finalizers":["a"]}}`,
		},
		{
			name: "atomic list", schema: podType,
			original: `{"spec":{"tolerations":[{"key":"a"}]}}`,
			modified: `{"spec":{"tolerations":[{"key":"a"},{"key":"b"}]}}`,
			want:     `{"spec":{"tolerations":[{"key":"a"},{"key":"b"}]}}`,
		},
		{
			name: "retainKeys on a struct field", schema: deploymentType,
			original: `{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}`,
			modified: `{"spec":{"strategy":{"type":"Recreate"}}}`,
			want:     `{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}}}`,
		},
		{
			name: "retainKeys on list elements", schema: podType,
			original: `{"spec":{"volumes":[{"name":"v","emptyDir":{}}]}}`,
			modified: `{"spec":{"volumes":[{"name":"v","configMap":{"name":"cm"}}]}}`,
			want: `{"spec":{"$setElementOrder/volumes":[{"name":"v"}],
				"volumes":[{"name":"v","$retainKeys":["configMap","name"],"configMap":{"name":"cm"},"emptyDir":null}]}}`,
		},
		{
			name: "replace strategy sends the whole map", schema: pdbType,
			original: `{"spec":{"selector":{"matchLabels":{"a":"1","b":"2"}}}}`,
			modified: `{"spec":{"selector":{"matchLabels":{"a":"1"}}}}`,
			want:     `{"spec":{"selector":{"matchLabels":{"a":"1"}}}}`,
		},
		{
			name: "duplicate merge keys fall back to replace", schema: podType,
			original: `{"spec":{"containers":[{"name":"a"},{"name":"a","image":"x"}]}}`,
			modified: `{"spec":{"containers":[{"name":"a"}]}}`,
			want:     `{"spec":{"containers":[{"$patch":"replace"},{"name":"a"}]}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := CreateTwoWayMergePatch([]byte(tt.original), []byte(tt.modified), tt.schema)
			require.NoError(t, err)
			require.JSONEq(t, tt.want, string(p))
			requireRoundTrip(t, StrategicMergePatch, tt.original, tt.modified, p, tt.schema)
		})
	}
}

func TestCreatePatchErrors(t *testing.T) {
	t.Parallel()
	_, err := CreateTwoWayMergePatch([]byte(`{}`), []byte(`{}`), nil)
	require.ErrorIs(t, err, errdefs.ErrUnsupportedMediaType)
	for _, bad := range [][2]string{{`[]`, `{}`}, {`{}`, `null`}, {`{`, `{}`}, {`{}`, `{} {}`}} {
		_, err := CreateTwoWayMergePatch([]byte(bad[0]), []byte(bad[1]), podType)
		require.ErrorIs(t, err, errdefs.ErrBadRequest, "%q", bad)
		_, err = CreateMergePatch([]byte(bad[0]), []byte(bad[1]))
		require.ErrorIs(t, err, errdefs.ErrBadRequest, "%q", bad)
	}
	_, err = CreateTwoWayMergePatch([]byte(`{"metadata":{"finalizers":["a"]}}`), []byte(`{"metadata":{"finalizers":[["a"]]}}`), podType)
	require.ErrorIs(t, err, errdefs.ErrInvalid)
}

func TestCreateMergePatch(t *testing.T) {
	t.Parallel()
	orig := `{"metadata":{"name":"p","labels":{"a":"1"}},"spec":{"containers":[{"name":"a"},{"name":"b"}]}}`
	mod := `{"metadata":{"name":"p","labels":{"b":"1"}},"spec":{"containers":[{"name":"b"}]}}`
	p, err := CreateMergePatch([]byte(orig), []byte(mod))
	require.NoError(t, err)
	require.JSONEq(t, `{"metadata":{"labels":{"a":null,"b":"1"}},"spec":{"containers":[{"name":"b"}]}}`, string(p))
	requireRoundTrip(t, MergePatch, orig, mod, p, nil)
}

// TestTwoWayRoundTrip mutates a rich Pod at random and checks that the
// computed strategic merge patch and merge patch both turn the original
// into the modified object.
func TestTwoWayRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 400 {
		orig := decodeMap(t, richPod)
		mod := decodeMap(t, richPod)
		if i%2 == 1 {
			mutatePod(rng, orig)
		}
		for range 1 + rng.IntN(4) {
			mutatePod(rng, mod)
		}
		ob, mb := mustJSON(t, orig), mustJSON(t, mod)
		p, err := CreateTwoWayMergePatch(ob, mb, podType)
		require.NoError(t, err, "original %s\nmodified %s", ob, mb)
		requireRoundTrip(t, StrategicMergePatch, string(ob), string(mb), p, podType)
		mp, err := CreateMergePatch(ob, mb)
		require.NoError(t, err)
		requireRoundTrip(t, MergePatch, string(ob), string(mb), mp, podType)
	}
}

func requireRoundTrip(t *testing.T, typ Type, original, modified string, patch []byte, schema reflect.Type) {
	t.Helper()
	out, err := Apply(typ, []byte(original), patch, schema)
	require.NoError(t, err, "patch %s", patch)
	got, want := decodeMap(t, string(out)), decodeMap(t, modified)
	dropNulls(want)
	dropNulls(got)
	if !equal(any(got), any(want)) {
		t.Fatalf("%s round trip differs\noriginal %s\nmodified %s\npatch    %s\ngot      %s", typ, original, modified, patch, out)
	}
}

func dropNulls(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if e == nil {
				delete(v, k)
			} else {
				dropNulls(e)
			}
		}
	case []any:
		for _, e := range v {
			dropNulls(e)
		}
	}
}

func decodeMap(t *testing.T, s string) map[string]any {
	t.Helper()
	v, err := decode([]byte(s))
	require.NoError(t, err, s)
	m, ok := v.(map[string]any)
	require.True(t, ok, s)
	return m
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

const richPod = `{
  "apiVersion": "v1", "kind": "Pod",
  "metadata": {"name": "p", "namespace": "ns", "labels": {"app": "web", "tier": "fe"},
    "finalizers": ["f1", "f2", "f3"],
    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": "u1"}]},
  "spec": {
    "containers": [
      {"name": "web", "image": "nginx:1", "args": ["-a"],
       "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
       "ports": [{"containerPort": 80, "protocol": "TCP"}],
       "volumeMounts": [{"name": "data", "mountPath": "/data"}],
       "resources": {"limits": {"cpu": "1"}}},
      {"name": "side", "image": "busybox", "command": ["sleep", "1d"]}
    ],
    "initContainers": [{"name": "init", "image": "busybox"}],
    "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cfg", "configMap": {"name": "c"}}],
    "tolerations": [{"key": "k", "operator": "Exists"}],
    "nodeSelector": {"disk": "ssd"},
    "imagePullSecrets": [{"name": "s1"}]
  },
  "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}],
    "podIPs": [{"ip": "10.0.0.1"}]}
}`

// mutatePod makes one random, well-formed change: merge keys stay unique
// and present, primitive merged lists stay free of duplicates.
func mutatePod(rng *rand.Rand, pod map[string]any) {
	spec := pod["spec"].(map[string]any)
	meta := pod["metadata"].(map[string]any)
	uniq := fmt.Sprintf("n%d", rng.Uint32())
	containers, _ := spec["containers"].([]any)
	pickContainer := func() map[string]any {
		if len(containers) == 0 {
			c := map[string]any{"name": uniq, "image": "x"}
			containers = append(containers, c)
			spec["containers"] = containers
			return c
		}
		return containers[rng.IntN(len(containers))].(map[string]any)
	}
	switch rng.IntN(16) {
	case 0:
		pickContainer()["image"] = "img:" + uniq
	case 1:
		spec["containers"] = append(containers, map[string]any{"name": uniq, "image": "new"})
	case 2:
		if len(containers) > 0 {
			i := rng.IntN(len(containers))
			spec["containers"] = append(containers[:i:i], containers[i+1:]...)
		}
	case 3:
		rng.Shuffle(len(containers), func(i, j int) { containers[i], containers[j] = containers[j], containers[i] })
	case 4:
		c := pickContainer()
		env, _ := c["env"].([]any)
		c["env"] = append(env, map[string]any{"name": uniq, "value": uniq})
	case 5:
		c := pickContainer()
		if env, _ := c["env"].([]any); len(env) > 0 {
			i := rng.IntN(len(env))
			if rng.IntN(2) == 0 {
				c["env"] = append(env[:i:i], env[i+1:]...)
			} else {
				env[i].(map[string]any)["value"] = nil
				env[i].(map[string]any)["valueFrom"] = map[string]any{"fieldRef": map[string]any{"fieldPath": "metadata.name"}}
			}
		}
	case 6:
		f, _ := meta["finalizers"].([]any)
		meta["finalizers"] = append(f, uniq)
	case 7:
		if f, _ := meta["finalizers"].([]any); len(f) > 0 {
			i := rng.IntN(len(f))
			meta["finalizers"] = append(f[:i:i], f[i+1:]...)
		}
	case 8:
		f, _ := meta["finalizers"].([]any)
		rng.Shuffle(len(f), func(i, j int) { f[i], f[j] = f[j], f[i] })
	case 9:
		labels, _ := meta["labels"].(map[string]any)
		if labels == nil {
			labels = map[string]any{}
			meta["labels"] = labels
		}
		for k := range labels {
			delete(labels, k)
			break
		}
		labels[uniq] = "v"
	case 10:
		vols, _ := spec["volumes"].([]any)
		if len(vols) > 0 {
			v := vols[rng.IntN(len(vols))].(map[string]any)
			name := v["name"]
			for k := range v {
				delete(v, k)
			}
			v["name"] = name
			if rng.IntN(2) == 0 {
				v["secret"] = map[string]any{"secretName": uniq}
			} else {
				v["hostPath"] = map[string]any{"path": "/" + uniq}
			}
		}
	case 11:
		spec["tolerations"] = []any{map[string]any{"key": uniq, "effect": "NoSchedule"}}
	case 12:
		delete(spec, "nodeSelector")
	case 13:
		c := pickContainer()
		ports, _ := c["ports"].([]any)
		c["ports"] = append(ports, map[string]any{"containerPort": json.Number(fmt.Sprint(1000 + rng.IntN(60000))), "name": "p" + uniq[:4]})
		if !uniquePorts(c["ports"].([]any)) {
			c["ports"] = ports
		}
	case 14:
		st := pod["status"].(map[string]any)
		conds, _ := st["conditions"].([]any)
		st["conditions"] = append(conds, map[string]any{"type": uniq, "status": "False"})
	case 15:
		pickContainer()["resources"] = map[string]any{"requests": map[string]any{"memory": "1Gi"}}
	}
}

func uniquePorts(ports []any) bool {
	seen := map[string]bool{}
	for _, p := range ports {
		k := key(p.(map[string]any)["containerPort"])
		if seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}
