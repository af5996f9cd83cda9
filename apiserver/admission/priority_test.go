package admission

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
)

// classes is a PriorityClassGetter over a slice; a class named "broken"
// makes every call fail.
type classes []*apiobj.PriorityClass

func (c classes) GetPriorityClass(_ context.Context, name string) (*apiobj.PriorityClass, error) {
	for _, pc := range c {
		if pc.Name == "broken" {
			return nil, errors.New("store unavailable")
		}
		if pc.Name == name {
			return pc, nil
		}
	}
	return nil, apiobj.NewNotFound(apiobj.GroupResource{Group: "scheduling.k8s.io", Resource: "priorityclasses"}, name)
}

func (c classes) ListPriorityClasses(context.Context) ([]*apiobj.PriorityClass, error) {
	for _, pc := range c {
		if pc.Name == "broken" {
			return nil, errors.New("store unavailable")
		}
	}
	return c, nil
}

func class(name string, value int32, def bool, policy apiobj.PreemptionPolicy) *apiobj.PriorityClass {
	pc := &apiobj.PriorityClass{ObjectMeta: apiobj.ObjectMeta{Name: name}, Value: value, GlobalDefault: def}
	if policy != "" {
		pc.PreemptionPolicy = apiobj.Ptr(policy)
	}
	return pc
}

type podSpecWant struct {
	ClassName string
	Priority  *int32
	Policy    *apiobj.PreemptionPolicy
}

func TestPriorityAdmitPods(t *testing.T) {
	t.Parallel()
	lower, never := apiobj.PreemptLowerPriority, apiobj.PreemptNever
	withDefaults := classes{
		class("high", 1000, false, never),
		class("low", 10, false, lower),
		class("default-b", 5, true, lower),
		class("default-a", 5, true, never),
		class("default-big", 50, true, lower),
	}
	noDefault := classes{class("high", 1000, false, never)}
	broken := classes{class("broken", 1, false, "")}

	pod := func(op Operation, className string, prio *int32, policy *apiobj.PreemptionPolicy) *Attributes {
		a := podAttrs(op, "ns1", "p")
		p := a.Object.(*apiobj.Pod)
		p.Spec.PriorityClassName, p.Spec.Priority, p.Spec.PreemptionPolicy = className, prio, policy
		return a
	}
	update := func(newPrio *int32, old *apiobj.Pod) *Attributes {
		a := pod(Update, "high", newPrio, nil)
		a.OldObject = old
		return a
	}
	stored := &apiobj.Pod{Spec: apiobj.PodSpec{PriorityClassName: "high", Priority: apiobj.Int32(1000), PreemptionPolicy: &never}}
	status := pod(Create, "", nil, nil)
	status.Subresource = "status"

	tests := []struct {
		name     string
		classes  classes
		a        *Attributes
		want     podSpecWant
		wantCode int32
		wantMsg  string
	}{
		{name: "class value and policy", classes: withDefaults, a: pod(Create, "high", nil, nil),
			want: podSpecWant{"high", apiobj.Int32(1000), &never}},
		{name: "default class, lowest value, then name", classes: withDefaults, a: pod(Create, "", nil, nil),
			want: podSpecWant{"default-a", apiobj.Int32(5), &never}},
		{name: "no default class", classes: noDefault, a: pod(Create, "", nil, nil),
			want: podSpecWant{"", apiobj.Int32(0), &lower}},
		{name: "class without policy", classes: classes{class("bare", 7, false, "")}, a: pod(Create, "bare", nil, nil),
			want: podSpecWant{"bare", apiobj.Int32(7), nil}},
		{name: "built-in node critical", classes: noDefault, a: pod(Create, apiobj.SystemNodeCritical, nil, nil),
			want: podSpecWant{apiobj.SystemNodeCritical, apiobj.Int32(2000001000), &lower}},
		{name: "built-in cluster critical", classes: noDefault, a: pod(Create, apiobj.SystemClusterCritical, nil, nil),
			want: podSpecWant{apiobj.SystemClusterCritical, apiobj.Int32(2000000000), &lower}},
		{name: "matching priority may be given", classes: withDefaults, a: pod(Create, "low", apiobj.Int32(10), &lower),
			want: podSpecWant{"low", apiobj.Int32(10), &lower}},
		{name: "unknown class", classes: withDefaults, a: pod(Create, "nope", nil, nil), wantCode: http.StatusForbidden,
			wantMsg: `pods "p" is forbidden: no PriorityClass with name nope was found`},
		{name: "priority differs", classes: withDefaults, a: pod(Create, "high", apiobj.Int32(3), nil), wantCode: http.StatusForbidden,
			wantMsg: `pods "p" is forbidden: the integer value of priority (3) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name`},
		{name: "policy differs", classes: withDefaults, a: pod(Create, "high", nil, &lower), wantCode: http.StatusForbidden,
			wantMsg: `pods "p" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name`},
		{name: "lookup fails", classes: broken, a: pod(Create, "x", nil, nil), wantCode: http.StatusInternalServerError},
		{name: "default lookup fails", classes: broken, a: pod(Create, "", nil, nil), wantCode: http.StatusInternalServerError},
		{name: "update keeps stored priority", classes: withDefaults, a: update(nil, stored),
			want: podSpecWant{"high", apiobj.Int32(1000), &never}},
		{name: "update leaves a given priority to validation", classes: withDefaults, a: update(apiobj.Int32(1), stored),
			want: podSpecWant{"high", apiobj.Int32(1), &never}},
		{name: "subresource untouched", classes: withDefaults, a: status, want: podSpecWant{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Priority(tt.classes).Admit(context.Background(), tt.a)
			if tt.wantCode != 0 {
				require.Error(t, err)
				st := apiobj.StatusFromError(err)
				assert.Equal(t, tt.wantCode, st.Code)
				if tt.wantMsg != "" {
					assert.Equal(t, tt.wantMsg, st.Message)
				}
				return
			}
			require.NoError(t, err)
			s := tt.a.Object.(*apiobj.Pod).Spec
			if diff := cmp.Diff(tt.want, podSpecWant{s.PriorityClassName, s.Priority, s.PreemptionPolicy}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// The getter's objects are not changed, and the pod shares nothing with them.
	a := pod(Create, "high", nil, nil)
	require.NoError(t, Priority(withDefaults).Admit(context.Background(), a))
	*a.Object.(*apiobj.Pod).Spec.PreemptionPolicy = "changed"
	assert.Equal(t, never, *withDefaults[0].PreemptionPolicy)
}

func TestPriorityValidateClasses(t *testing.T) {
	t.Parallel()
	existing := classes{class("default", 5, true, ""), class("other", 1, false, "")}
	pcAttrs := func(op Operation, pc *apiobj.PriorityClass) *Attributes {
		return &Attributes{Operation: op, Kind: pcGVK, Resource: pcGVR, Name: pc.Name, Object: pc}
	}
	tests := []struct {
		name     string
		classes  classes
		a        *Attributes
		wantCode int32
		wantMsg  string
	}{
		{name: "second default", classes: existing, a: pcAttrs(Create, class("new", 1, true, "")), wantCode: http.StatusForbidden,
			wantMsg: `priorityclasses.scheduling.k8s.io "new" is forbidden: PriorityClass default is already marked as default. Only one default can exist`},
		{name: "first default", classes: classes{class("other", 1, false, "")}, a: pcAttrs(Create, class("new", 1, true, ""))},
		{name: "not a default", classes: existing, a: pcAttrs(Create, class("new", 1, false, ""))},
		{name: "update the default", classes: existing, a: pcAttrs(Update, class("default", 5, true, ""))},
		{name: "make another the default", classes: existing, a: pcAttrs(Update, class("other", 1, true, "")), wantCode: http.StatusForbidden},
		{name: "delete a system class", classes: existing, a: &Attributes{Operation: Delete, Resource: pcGVR, Name: apiobj.SystemNodeCritical},
			wantCode: http.StatusForbidden, wantMsg: `priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted`},
		{name: "delete another class", classes: existing, a: &Attributes{Operation: Delete, Resource: pcGVR, Name: "other"}},
		{name: "pods are not validated", classes: classes{class("broken", 1, true, "")}, a: podAttrs(Create, "ns1", "p")},
		{name: "lookup fails", classes: classes{class("broken", 1, true, "")}, a: pcAttrs(Create, class("new", 1, true, "")), wantCode: http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Priority(tt.classes).Validate(context.Background(), tt.a)
			if tt.wantCode == 0 {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			st := apiobj.StatusFromError(err)
			assert.Equal(t, tt.wantCode, st.Code)
			if tt.wantMsg != "" {
				assert.Equal(t, tt.wantMsg, st.Message)
			}
		})
	}
}

func TestSystemPriorityClasses(t *testing.T) {
	t.Parallel()
	got := SystemPriorityClasses()
	require.Len(t, got, 2)
	assert.Equal(t, int32(2000001000), got[0].Value)
	assert.Equal(t, apiobj.SystemNodeCritical, got[0].Name)
	assert.Equal(t, int32(2000000000), got[1].Value)
	for _, pc := range got {
		assert.Empty(t, apiobj.ValidatePriorityClass(pc), pc.Name)
		assert.Equal(t, "scheduling.k8s.io/v1", pc.APIVersion)
	}
	got[0].Value = 1
	assert.Equal(t, int32(2000001000), SystemPriorityClasses()[0].Value, "fresh copies")
}
