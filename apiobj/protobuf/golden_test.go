package protobuf_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/protobuf"
	"github.com/orcaproj/orca/errdefs"
)

// The helpers below spell messages out field by field, with the numbers
// and types of Kubernetes' generated.proto files.

type fld func([]byte) []byte

func msg(fs ...fld) []byte {
	var b []byte
	for _, f := range fs {
		b = f(b)
	}
	return b
}

func str(n protowire.Number, s string) fld {
	return func(b []byte) []byte {
		return protowire.AppendString(protowire.AppendTag(b, n, protowire.BytesType), s)
	}
}

func sub(n protowire.Number, fs ...fld) fld {
	return func(b []byte) []byte {
		return protowire.AppendBytes(protowire.AppendTag(b, n, protowire.BytesType), msg(fs...))
	}
}

func varint(n protowire.Number, v int64) fld {
	return func(b []byte) []byte {
		return protowire.AppendVarint(protowire.AppendTag(b, n, protowire.VarintType), uint64(v))
	}
}

func double(n protowire.Number, v float64) fld {
	return func(b []byte) []byte {
		return protowire.AppendFixed64(protowire.AppendTag(b, n, protowire.Fixed64Type), math.Float64bits(v))
	}
}

func packed(n protowire.Number, vs ...int64) fld {
	return func(b []byte) []byte {
		var p []byte
		for _, v := range vs {
			p = protowire.AppendVarint(p, uint64(v))
		}
		return protowire.AppendBytes(protowire.AppendTag(b, n, protowire.BytesType), p)
	}
}

func body(apiVersion, kind string, raw []byte) []byte {
	gvk := apiobj.FromAPIVersionAndKind(apiVersion, kind)
	return protobuf.Wrap(gvk, raw)
}

func TestDecodeGolden(t *testing.T) {
	t.Parallel()
	scheme := apiobj.NewScheme()
	tests := []struct {
		name  string
		body  []byte
		check func(t *testing.T, obj apiobj.Object)
	}{{
		name: "eviction with delete options",
		body: body("policy/v1", "Eviction", msg(
			sub(1, str(1, "p"), str(3, "ns")),
			sub(2, varint(1, 30), sub(2, str(1, "u1")), str(4, "Foreground"), str(5, "All")),
		)),
		check: func(t *testing.T, obj apiobj.Object) {
			ev := obj.(*apiobj.Eviction)
			require.Equal(t, "ns/p", ev.Namespace+"/"+ev.Name)
			do := ev.DeleteOptions
			require.Equal(t, int64(30), *do.GracePeriodSeconds)
			require.Equal(t, apiobj.UID("u1"), *do.Preconditions.UID)
			require.Equal(t, apiobj.DeletionPropagation("Foreground"), *do.PropagationPolicy)
			require.Equal(t, []string{"All"}, do.DryRun)
		},
	}, {
		name: "scale",
		body: body("autoscaling/v1", "Scale", msg(sub(1, str(1, "web")), sub(2, varint(1, 5)))),
		check: func(t *testing.T, obj apiobj.Object) {
			require.Equal(t, int32(5), obj.(*apiobj.Scale).Spec.Replicas)
		},
	}, {
		name: "lease micro time and unknown fields",
		body: body("coordination.k8s.io/v1", "Lease", msg(
			sub(1, str(1, "l"), sub(8, varint(1, 1_700_000_000), varint(2, 999)), str(999, "future field")),
			sub(2, str(1, "me"), varint(2, 15), sub(4, varint(1, 1_700_000_001), varint(2, 123_456_789))),
			varint(77, 1),
		)),
		check: func(t *testing.T, obj apiobj.Object) {
			l := obj.(*apiobj.Lease)
			require.Equal(t, time.Unix(1_700_000_000, 0).UTC(), l.CreationTimestamp.Time, "Time drops nanos")
			require.Equal(t, "me", *l.Spec.HolderIdentity)
			require.Equal(t, int32(15), *l.Spec.LeaseDurationSeconds)
			require.Equal(t, time.Unix(1_700_000_001, 123_456_000).UTC(), l.Spec.RenewTime.Time, "MicroTime keeps micros")
		},
	}, {
		name: "pod packed and unpacked repeated scalars, negative ints",
		body: body("v1", "Pod", msg(
			sub(2, sub(14, packed(4, 1, 2), varint(4, 3), varint(2, -1)), varint(5, -5)),
		)),
		check: func(t *testing.T, obj apiobj.Object) {
			ps := obj.(*apiobj.Pod).Spec
			require.Equal(t, []int64{1, 2, 3}, ps.SecurityContext.SupplementalGroups)
			require.Equal(t, int64(-1), *ps.SecurityContext.RunAsUser)
			require.Equal(t, int64(-5), *ps.ActiveDeadlineSeconds)
		},
	}, {
		name: "subject access review extra",
		body: body("authorization.k8s.io/v1", "SubjectAccessReview", msg(
			sub(2, str(3, "alice"), sub(5, str(1, "scopes"), sub(2, str(1, "a"), str(1, "b")))),
		)),
		check: func(t *testing.T, obj apiobj.Object) {
			s := obj.(*apiobj.SubjectAccessReview).Spec
			require.Equal(t, "alice", s.User)
			require.Equal(t, map[string]apiobj.ExtraValue{"scopes": {"a", "b"}}, s.Extra)
		},
	}, {
		name: "crd schema double",
		body: body("apiextensions.k8s.io/v1", "CustomResourceDefinition", msg(
			sub(2, sub(7, str(1, "v1"), sub(4, sub(1, str(5, "integer"), double(9, 2.5))))),
		)),
		check: func(t *testing.T, obj apiobj.Object) {
			s := obj.(*apiobj.CustomResourceDefinition).Spec.Versions[0].Schema.OpenAPIV3Schema
			require.Equal(t, "integer", s.Type)
			require.Equal(t, 2.5, *s.Maximum)
		},
	}, {
		name: "deployment int or string and quantity",
		body: body("apps/v1", "Deployment", msg(sub(2,
			sub(4, str(1, "RollingUpdate"), sub(2, sub(1, varint(1, 1), str(3, "25%")), sub(2, varint(1, 0), varint(2, 2)))),
			sub(3, sub(2, sub(2, str(1, "c"), sub(8, sub(1, str(1, "cpu"), sub(2, str(1, "250m"))))))),
		))),
		check: func(t *testing.T, obj apiobj.Object) {
			d := obj.(*apiobj.Deployment)
			ru := d.Spec.Strategy.RollingUpdate
			require.Equal(t, apiobj.FromString("25%"), *ru.MaxUnavailable)
			require.Equal(t, apiobj.FromInt32(2), *ru.MaxSurge)
			q := d.Spec.Template.Spec.Containers[0].Resources.Limits["cpu"]
			require.Equal(t, int64(250), q.MilliValue())
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj, err := protobuf.Decode(tt.body, scheme)
			require.NoError(t, err)
			tt.check(t, obj)
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	scheme := apiobj.NewScheme()
	scheme2 := apiobj.NewScheme()
	require.NoError(t, scheme2.AddKind(apiobj.KindInfo{
		GroupVersionKind: apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"},
		Resource:         "widgets", Namespaced: true, ListKind: "WidgetList",
	}))
	// JSONSchemaProps.items (24) -> JSONSchemaPropsOrArray.schema (1) -> ...
	var schema []byte
	for range 300 {
		schema = msg(sub(24, sub(1, func(b []byte) []byte {
			return append(b, schema...)
		})))
	}
	deep := sub(2, sub(7, sub(4, sub(1, func(b []byte) []byte { return append(b, schema...) }))))
	tests := []struct {
		name    string
		body    []byte
		scheme  *apiobj.Scheme
		wantErr error
		substr  string
	}{
		{"no magic", []byte(`{"kind":"Namespace"}`), scheme, errdefs.ErrBadRequest, "prefix"},
		{"empty envelope", []byte("k8s\x00"), scheme, errdefs.ErrBadRequest, "no apiVersion"},
		{"truncated", body("v1", "Namespace", msg(sub(1, str(1, "foo"))))[:20], scheme, errdefs.ErrBadRequest, ""},
		{"unknown kind", body("v1", "Gizmo", nil), scheme, errdefs.ErrBadRequest, "Gizmo"},
		{"custom kind", body("example.com/v1", "Widget", nil), scheme2, errdefs.ErrUnsupportedMediaType, "Widget"},
		{"wrong wire type", body("v1", "Namespace", msg(varint(1, 3))), scheme, errdefs.ErrBadRequest, "wire type"},
		{"bad quantity", body("v1", "ResourceQuota", msg(sub(2, sub(1, str(1, "cpu"), sub(2, str(1, "lots")))))), scheme, errdefs.ErrBadRequest, "quantity"},
		{"bad int or string type", body("policy/v1", "PodDisruptionBudget", msg(sub(2, sub(1, varint(1, 7))))), scheme, errdefs.ErrBadRequest, "intOrString"},
		{"too deep", body("apiextensions.k8s.io/v1", "CustomResourceDefinition", msg(deep)), scheme, errdefs.ErrBadRequest, "deeper"},
		{"gzip", append(body("v1", "Namespace", nil), msg(str(3, "gzip"))...), scheme, errdefs.ErrBadRequest, "encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := protobuf.Decode(tt.body, tt.scheme)
			require.Error(t, err)
			require.True(t, errors.Is(err, tt.wantErr), "%v", err)
			require.True(t, strings.Contains(err.Error(), tt.substr), "%v", err)
		})
	}
}

func TestIsProtobuf(t *testing.T) {
	t.Parallel()
	for ct, want := range map[string]bool{
		"application/vnd.kubernetes.protobuf":                  true,
		"application/vnd.kubernetes.protobuf; charset=utf-8":   true,
		"Application/VND.Kubernetes.Protobuf":                  true,
		"application/vnd.kubernetes.protobuf;stream=watch":     true,
		"application/json":                                     false,
		"application/vnd.kubernetes.protobuf,application/json": false,
		"": false,
	} {
		require.Equal(t, want, protobuf.IsProtobuf(ct), "%q", ct)
	}
}
