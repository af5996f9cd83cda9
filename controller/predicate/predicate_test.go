package predicate_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/controller/predicate"
)

func cm(gen int64, rv string, labels, annotations map[string]string) *apiobj.ConfigMap {
	return &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "c", Namespace: "default", Generation: gen,
		ResourceVersion: rv, Labels: labels, Annotations: annotations}}
}

func TestPredicates(t *testing.T) {
	t.Parallel()
	base := cm(1, "10", map[string]string{"a": "1"}, map[string]string{"n": "x"})
	custom := apiobj.NewUnstructured(apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"})
	custom.SetGeneration(1)
	customNext := custom.DeepCopy()
	customNext.SetGeneration(2)
	yes := predicate.Funcs{}
	no := predicate.Funcs{
		CreateFunc: func(apiobj.Object) bool { return false },
		UpdateFunc: func(_, _ apiobj.Object) bool { return false },
		DeleteFunc: func(apiobj.Object) bool { return false },
	}
	tests := []struct {
		name                 string
		p                    predicate.Predicate
		old, new             apiobj.Object
		create, update, dele bool
	}{
		{"generation: same", predicate.GenerationChanged(), base, cm(1, "11", nil, nil), true, false, true},
		{"generation: bumped", predicate.GenerationChanged(), base, cm(2, "11", map[string]string{"a": "1"}, nil), true, true, true},
		{"generation: unstructured", predicate.GenerationChanged(), custom, customNext, true, true, true},
		{"labels: same", predicate.LabelsChanged(), base, cm(2, "11", map[string]string{"a": "1"}, nil), true, false, true},
		{"labels: changed", predicate.LabelsChanged(), base, cm(1, "11", map[string]string{"a": "2"}, nil), true, true, true},
		{"labels: removed", predicate.LabelsChanged(), base, cm(1, "11", nil, nil), true, true, true},
		{"annotations: same", predicate.AnnotationsChanged(), base, cm(1, "11", nil, map[string]string{"n": "x"}), true, false, true},
		{"annotations: changed", predicate.AnnotationsChanged(), base, cm(1, "11", nil, map[string]string{"n": "y"}), true, true, true},
		{"resourceVersion: resync", predicate.ResourceVersionChanged(), base, base, true, false, true},
		{"resourceVersion: write", predicate.ResourceVersionChanged(), base, cm(1, "11", nil, nil), true, true, true},
		{"and: all pass", predicate.And(yes, yes), base, base, true, true, true},
		{"and: one fails", predicate.And(yes, no), base, base, false, false, false},
		{"and: empty passes", predicate.And(), base, base, true, true, true},
		{"or: one passes", predicate.Or(no, yes), base, base, true, true, true},
		{"or: none pass", predicate.Or(no, no), base, base, false, false, false},
		{"or: empty fails", predicate.Or(), base, base, false, false, false},
		{"not", predicate.Not(predicate.ResourceVersionChanged()), base, base, false, true, false},
		{"filter: sees new object", predicate.FilterFunc(func(o apiobj.Object) bool { return o.GetResourceVersion() == "11" }),
			base, cm(1, "11", nil, nil), false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.create, tt.p.Create(tt.old), "create")
			require.Equal(t, tt.update, tt.p.Update(tt.old, tt.new), "update")
			require.Equal(t, tt.dele, tt.p.Delete(tt.old), "delete")
		})
	}
}
