package patch

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// bigPod returns a pod with n containers and n finalizers, and a patch
// that deletes every other container, reverses the order of the rest and
// does the same to the finalizers. Every list step must stay near-linear.
func bigPod(n int) (orig, patch []byte) {
	var containers, order, fins, finOrder, del []any
	for i := range n {
		name := fmt.Sprintf("c%d", i)
		containers = append(containers, map[string]any{"name": name, "image": "x"})
		fins = append(fins, name)
	}
	var pc []any
	for i := n - 1; i >= 0; i-- {
		name := fmt.Sprintf("c%d", i)
		if i%2 == 0 {
			pc = append(pc, map[string]any{"name": name, "$patch": "delete"})
			del = append(del, name)
			continue
		}
		order = append(order, map[string]any{"name": name})
		finOrder = append(finOrder, name)
	}
	o := map[string]any{"metadata": map[string]any{"finalizers": fins}, "spec": map[string]any{"containers": containers}}
	p := map[string]any{
		"metadata": map[string]any{"$setElementOrder/finalizers": finOrder, "$deleteFromPrimitiveList/finalizers": del},
		"spec":     map[string]any{"$setElementOrder/containers": order, "containers": pc},
	}
	ob, _ := json.Marshal(o)
	pb, _ := json.Marshal(p)
	return ob, pb
}

func TestStrategicMergePatchScales(t *testing.T) {
	t.Parallel()
	const n = 20000
	orig, p := bigPod(n)
	start := time.Now()
	out, err := Apply(StrategicMergePatch, orig, p, podType)
	require.NoError(t, err)
	// A quadratic step would take minutes at this size.
	require.Less(t, time.Since(start), 20*time.Second)
	var got struct {
		Metadata struct{ Finalizers []string }
		Spec     struct{ Containers []struct{ Name string } }
	}
	require.NoError(t, json.Unmarshal(out, &got))
	require.Len(t, got.Spec.Containers, n/2)
	require.Equal(t, fmt.Sprintf("c%d", n-1), got.Spec.Containers[0].Name)
	require.Equal(t, "c1", got.Spec.Containers[n/2-1].Name)
	require.Len(t, got.Metadata.Finalizers, n/2)
	require.Equal(t, fmt.Sprintf("c%d", n-1), got.Metadata.Finalizers[0])
}

func BenchmarkStrategicMergePatchPod(b *testing.B) {
	orig := []byte(richPod)
	p := []byte(`{"metadata":{"labels":{"tier":null,"v":"2"}},"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}],
		"containers":[{"name":"web","image":"nginx:2","env":[{"name":"C","value":"3"}]}]}}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Apply(StrategicMergePatch, orig, p, podType); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStrategicMergePatch20000Elements(b *testing.B) {
	orig, p := bigPod(20000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Apply(StrategicMergePatch, orig, p, podType); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONPatchPod(b *testing.B) {
	orig := []byte(richPod)
	p := []byte(`[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:2"},{"op":"add","path":"/metadata/labels/v","value":"2"}]`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Apply(JSONPatch, orig, p, podType); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMergePatchPod(b *testing.B) {
	orig := []byte(richPod)
	p := []byte(`{"metadata":{"labels":{"tier":null,"v":"2"}},"spec":{"nodeSelector":{"disk":"hdd"}}}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Apply(MergePatch, orig, p, podType); err != nil {
			b.Fatal(err)
		}
	}
}
