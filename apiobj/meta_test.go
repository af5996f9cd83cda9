package apiobj

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/errdefs"
)

func TestTimeJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   Time
		want string
	}{
		{"zero is null", Time{}, "null"},
		{"seconds precision in UTC", Time{time.Date(2024, 5, 6, 7, 8, 9, 999, time.FixedZone("x", 3600))}, `"2024-05-06T06:08:09Z"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.want, string(b))
			var back Time
			require.NoError(t, json.Unmarshal(b, &back))
			require.True(t, back.Equal(NewTime(tt.in.Time)) || tt.in.IsZero() && back.IsZero())
		})
	}
	// omitzero drops a zero creationTimestamp.
	b, err := json.Marshal(ObjectMeta{Name: "x"})
	require.NoError(t, err)
	require.JSONEq(t, `{"name":"x"}`, string(b))
}

func TestMicroTimeJSON(t *testing.T) {
	t.Parallel()
	mt := NewMicroTime(time.Date(2024, 1, 2, 3, 4, 5, 123456789, time.UTC))
	b, err := json.Marshal(mt)
	require.NoError(t, err)
	require.Equal(t, `"2024-01-02T03:04:05.123456Z"`, string(b))
	var back MicroTime
	require.NoError(t, json.Unmarshal(b, &back))
	require.True(t, back.Equal(mt))
}

func TestDurationJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(Duration{90 * time.Second})
	require.NoError(t, err)
	require.Equal(t, `"1m30s"`, string(b))
	var d Duration
	require.NoError(t, json.Unmarshal([]byte(`"2h"`), &d))
	require.Equal(t, 2*time.Hour, d.Duration)
	require.Error(t, json.Unmarshal([]byte(`"soon"`), &d))
}

func TestIntOrString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		json    string
		want    IntOrString
		total   int
		up      int
		down    int
		wantErr bool
	}{
		{name: "int", json: `8080`, want: FromInt32(8080), total: 10, up: 8080, down: 8080},
		{name: "name", json: `"http"`, want: FromString("http"), wantErr: true},
		{name: "percent", json: `"25%"`, want: FromString("25%"), total: 10, up: 3, down: 2},
		{name: "zero percent", json: `"0%"`, want: FromString("0%"), total: 10, up: 0, down: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var v IntOrString
			require.NoError(t, json.Unmarshal([]byte(tt.json), &v))
			require.Equal(t, tt.want, v)
			b, err := json.Marshal(v)
			require.NoError(t, err)
			require.Equal(t, tt.json, string(b))
			up, err := ScaledValueFromIntOrPercent(&v, tt.total, true)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			down, _ := ScaledValueFromIntOrPercent(&v, tt.total, false)
			require.Equal(t, tt.up, up)
			require.Equal(t, tt.down, down)
		})
	}
	require.Equal(t, FromInt32(42), ParseIntOrString("42"))
	require.Equal(t, FromString("web"), ParseIntOrString("web"))
}

func TestGroupVersionKind(t *testing.T) {
	t.Parallel()
	gvk := FromAPIVersionAndKind("apps/v1", "Deployment")
	require.Equal(t, GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}, gvk)
	av, k := gvk.ToAPIVersionAndKind()
	require.Equal(t, "apps/v1", av)
	require.Equal(t, "Deployment", k)
	core := FromAPIVersionAndKind("v1", "Pod")
	require.Equal(t, "", core.Group)
	require.Equal(t, "deployments.apps", GroupResource{Group: "apps", Resource: "deployments"}.String())
}

func TestStatusErrorVocabulary(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		err      error
		code     int32
		reason   StatusReason
		sentinel error
	}{
		{"not found", NewNotFound(GroupResource{Resource: "pods"}, "web"), http.StatusNotFound, StatusReasonNotFound, errdefs.ErrNotFound},
		{"already exists", NewAlreadyExists(GroupResource{Group: "apps", Resource: "deployments"}, "d"), http.StatusConflict, StatusReasonAlreadyExists, errdefs.ErrAlreadyExists},
		{"conflict", NewConflict(GroupResource{Resource: "pods"}, "web", errors.New("stale")), http.StatusConflict, StatusReasonConflict, errdefs.ErrConflict},
		{"wrapped sentinel", errors.Join(errors.New("ctx"), errdefs.ErrGone), http.StatusGone, StatusReasonExpired, errdefs.ErrGone},
		{"too many", NewTooManyRequests("slow down", 1), http.StatusTooManyRequests, StatusReasonTooManyRequests, errdefs.ErrTooManyRequests},
		{"plain error is internal", errors.New("boom"), http.StatusInternalServerError, StatusReasonInternalError, errdefs.ErrInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := StatusFromError(tt.err)
			require.Equal(t, tt.code, st.Code)
			require.Equal(t, tt.reason, st.Reason)
			require.Equal(t, StatusFailure, st.Status)
			// A Status that crossed the wire matches the same sentinel.
			b, err := json.Marshal(st)
			require.NoError(t, err)
			var back Status
			require.NoError(t, json.Unmarshal(b, &back))
			require.ErrorIs(t, &StatusError{Status: back}, tt.sentinel)
		})
	}
}

func TestInvalidStatusGolden(t *testing.T) {
	t.Parallel()
	p := field.NewPath("spec", "template", "spec", "containers").Index(0)
	errs := field.ErrorList{
		field.Required(p.Child("image"), ""),
		field.NotSupported(field.NewPath("spec", "template", "spec", "restartPolicy"), "Sometimes", []string{"Always", "OnFailure", "Never"}),
		field.Invalid(field.NewPath("metadata", "name"), "Web_1", "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'"),
	}
	st := NewInvalid(GroupKind{Group: "apps", Kind: "Deployment"}, "Web_1", errs).Status
	got, err := json.MarshalIndent(st, "", "  ")
	require.NoError(t, err)
	want := `{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "Deployment.apps \"Web_1\" is invalid: [spec.template.spec.containers[0].image: Required value, spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\", metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.']",
  "reason": "Invalid",
  "details": {
    "name": "Web_1",
    "group": "apps",
    "kind": "Deployment",
    "causes": [
      {
        "reason": "FieldValueRequired",
        "message": "Required value",
        "field": "spec.template.spec.containers[0].image"
      },
      {
        "reason": "FieldValueNotSupported",
        "message": "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
        "field": "spec.template.spec.restartPolicy"
      },
      {
        "reason": "FieldValueInvalid",
        "message": "Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'",
        "field": "metadata.name"
      }
    ]
  },
  "code": 422
}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Fatalf("Status JSON (-want +got):\n%s", diff)
	}
	require.ErrorIs(t, &StatusError{Status: st}, errdefs.ErrInvalid)
}

func TestOwnerReferenceHelpers(t *testing.T) {
	t.Parallel()
	owner := &ObjectMeta{Name: "rs", UID: "u1"}
	other := &ObjectMeta{Name: "rs2", UID: "u2"}
	gvk := GroupVersionKind{Group: "apps", Version: "v1", Kind: "ReplicaSet"}
	dep := &ObjectMeta{Name: "pod", OwnerReferences: []OwnerReference{{APIVersion: "v1", Kind: "ConfigMap", Name: "cm", UID: "c"}}}

	require.Nil(t, ControllerRef(dep))
	require.NoError(t, Adopt(dep, owner, gvk))
	require.True(t, IsControlledBy(dep, owner))
	require.Len(t, dep.OwnerReferences, 2)
	require.NoError(t, Adopt(dep, owner, gvk), "adopting again is a no-op")
	require.Len(t, dep.OwnerReferences, 2)
	require.Error(t, Adopt(dep, other, gvk), "a second controller is refused")
	ref := ControllerRef(dep)
	require.Equal(t, "apps/v1", ref.APIVersion)
	require.True(t, *ref.BlockOwnerDeletion)

	require.True(t, Orphan(dep, owner.UID))
	require.False(t, IsControlledBy(dep, owner))
	require.Len(t, dep.OwnerReferences, 1)
	require.False(t, Orphan(dep, owner.UID))
}

func TestFieldPath(t *testing.T) {
	t.Parallel()
	p := field.NewPath("spec").Child("template", "spec").Child("containers").Index(2).Child("env").Key("FOO")
	require.Equal(t, "spec.template.spec.containers[2].env[FOO]", p.String())
	require.Equal(t, "spec", p.Root().String())
	e := field.TooLong(field.NewPath("metadata", "annotations"), "", 262144)
	require.Equal(t, "metadata.annotations: Too long: may not be more than 262144 bytes", e.Error())
	require.Nil(t, field.ErrorList{}.ToAggregate())
}

// TestInvalidObjectStatusGolden validates a real invalid Deployment and
// checks the whole 422 Status the API server would send.
func TestInvalidObjectStatusGolden(t *testing.T) {
	t.Parallel()
	s := NewScheme()
	d := &Deployment{
		ObjectMeta: ObjectMeta{Name: "web", Namespace: "default"},
		Spec: DeploymentSpec{
			Selector: &LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: PodTemplateSpec{
				ObjectMeta: ObjectMeta{Labels: map[string]string{"app": "other"}},
				Spec:       PodSpec{Containers: []Container{{Name: "web"}}},
			},
		},
	}
	s.Default(d)
	errs := s.Validate(d)
	require.NotEmpty(t, errs)
	st := NewInvalid(GroupKind{Group: "apps", Kind: "Deployment"}, d.Name, errs).Status
	got, err := json.MarshalIndent(st, "", "  ")
	require.NoError(t, err)
	golden := "testdata/golden/invalid-deployment-status.json"
	if *update {
		require.NoError(t, os.WriteFile(golden, append(got, '\n'), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
		t.Fatalf("%s (-want +got):\n%s", golden, diff)
	}
}
