package admission

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// namespaces is a NamespaceGetter over a map; a nil entry makes the getter
// fail with a non-NotFound error.
type namespaces map[string]*apiobj.Namespace

func (n namespaces) GetNamespace(_ context.Context, name string) (*apiobj.Namespace, error) {
	ns, ok := n[name]
	if !ok {
		return nil, apiobj.NewNotFound(apiobj.GroupResource{Resource: "namespaces"}, name)
	}
	if ns == nil {
		return nil, errors.New("store unavailable")
	}
	return ns, nil
}

func ns(name string, phase apiobj.NamespacePhase, deleting bool) *apiobj.Namespace {
	n := &apiobj.Namespace{ObjectMeta: apiobj.ObjectMeta{Name: name}, Status: apiobj.NamespaceStatus{Phase: phase}}
	if deleting {
		n.DeletionTimestamp = &apiobj.Time{}
	}
	return n
}

var (
	podsGVR = apiobj.GroupVersionResource{Version: "v1", Resource: "pods"}
	podGVK  = apiobj.GroupVersionKind{Version: "v1", Kind: "Pod"}
	nsGVR   = apiobj.GroupVersionResource{Version: "v1", Resource: "namespaces"}
	nsGVK   = apiobj.GroupVersionKind{Version: "v1", Kind: "Namespace"}
	pcGVR   = apiobj.GroupVersionResource{Group: "scheduling.k8s.io", Version: "v1", Resource: "priorityclasses"}
	pcGVK   = apiobj.GroupVersionKind{Group: "scheduling.k8s.io", Version: "v1", Kind: "PriorityClass"}
)

func podAttrs(op Operation, namespace, name string) *Attributes {
	return &Attributes{Operation: op, Kind: podGVK, Resource: podsGVR, Namespace: namespace, Name: name,
		Object: &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Namespace: namespace, Name: name}}}
}

func TestNamespaceLifecycle(t *testing.T) {
	t.Parallel()
	getter := namespaces{
		"active":      ns("active", apiobj.NamespaceActive, false),
		"terminating": ns("terminating", apiobj.NamespaceTerminating, false),
		"deleting":    ns("deleting", apiobj.NamespaceActive, true),
		"broken":      nil,
	}
	generated := podAttrs(Create, "terminating", "")
	generated.Object.SetGenerateName("web-")
	lsar := &Attributes{Operation: Create, Namespace: "terminating",
		Resource: apiobj.GroupVersionResource{Group: "authorization.k8s.io", Version: "v1", Resource: "localsubjectaccessreviews"}}

	tests := []struct {
		name     string
		a        *Attributes
		wantCode int32 // 0: admitted
		wantMsg  string
		internal bool
	}{
		{name: "create in active", a: podAttrs(Create, "active", "p")},
		{name: "create in missing", a: podAttrs(Create, "ghost", "p"), wantCode: http.StatusNotFound, wantMsg: `namespaces "ghost" not found`},
		{name: "update in missing", a: podAttrs(Update, "ghost", "p"), wantCode: http.StatusNotFound, wantMsg: `namespaces "ghost" not found`},
		{name: "connect in missing", a: podAttrs(Connect, "ghost", "p"), wantCode: http.StatusNotFound},
		{name: "delete in missing", a: podAttrs(Delete, "ghost", "p")},
		{name: "create in terminating", a: podAttrs(Create, "terminating", "p"), wantCode: http.StatusForbidden,
			wantMsg: `pods "p" is forbidden: unable to create new content in namespace terminating because it is being terminated`},
		{name: "create in deleting", a: podAttrs(Create, "deleting", "p"), wantCode: http.StatusForbidden},
		{name: "generateName in the message", a: generated, wantCode: http.StatusForbidden,
			wantMsg: `pods "web-" is forbidden: unable to create new content in namespace terminating because it is being terminated`},
		{name: "update in terminating", a: podAttrs(Update, "terminating", "p")},
		{name: "delete in terminating", a: podAttrs(Delete, "terminating", "p")},
		{name: "access review in terminating", a: lsar},
		{name: "cluster-scoped", a: &Attributes{Operation: Create, Kind: apiobj.GroupVersionKind{Version: "v1", Kind: "Node"},
			Resource: apiobj.GroupVersionResource{Version: "v1", Resource: "nodes"}, Name: "n1"}},
		{name: "create a namespace", a: &Attributes{Operation: Create, Kind: nsGVK, Resource: nsGVR, Name: "new"}},
		{name: "delete a namespace", a: &Attributes{Operation: Delete, Kind: nsGVK, Resource: nsGVR, Name: "active"}},
		{name: "delete default", a: &Attributes{Operation: Delete, Kind: nsGVK, Resource: nsGVR, Name: "default"},
			wantCode: http.StatusForbidden, wantMsg: `namespaces "default" is forbidden: this namespace may not be deleted`},
		{name: "delete kube-node-lease", a: &Attributes{Operation: Delete, Resource: nsGVR, Name: "kube-node-lease"}, wantCode: http.StatusForbidden},
		{name: "delete kube-system dry run", a: &Attributes{Operation: Delete, Kind: nsGVK, Resource: nsGVR, Name: "kube-system", DryRun: true}, wantCode: http.StatusForbidden},
		{name: "update default", a: &Attributes{Operation: Update, Kind: nsGVK, Resource: nsGVR, Name: "default"}},
		{name: "lookup fails", a: podAttrs(Create, "broken", "p"), internal: true},
	}
	p := NamespaceLifecycle(getter)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for phase, run := range map[string]func(context.Context, *Attributes) error{"admit": p.Admit, "validate": p.Validate} {
				err := run(context.Background(), tt.a)
				switch {
				case tt.internal:
					require.Error(t, err, phase)
					assert.Equal(t, int32(http.StatusInternalServerError), apiobj.StatusFromError(err).Code, phase)
				case tt.wantCode == 0:
					require.NoError(t, err, phase)
				default:
					require.Error(t, err, phase)
					st := apiobj.StatusFromError(err)
					assert.Equal(t, tt.wantCode, st.Code, phase)
					if tt.wantMsg != "" {
						assert.Equal(t, tt.wantMsg, st.Message, phase)
					}
				}
			}
		})
	}

	err := p.Admit(context.Background(), podAttrs(Create, "terminating", "p"))
	require.ErrorIs(t, err, errdefs.ErrForbidden)
	st := apiobj.StatusFromError(err)
	require.NotNil(t, st.Details)
	assert.Equal(t, []apiobj.StatusCause{{Type: apiobj.NamespaceTerminatingCause,
		Message: "namespace terminating is being terminated", Field: "metadata.namespace"}}, st.Details.Causes)
	require.ErrorIs(t, p.Admit(context.Background(), podAttrs(Create, "ghost", "p")), errdefs.ErrNotFound)
}

func TestServiceAccount(t *testing.T) {
	t.Parallel()
	withSpec := func(op Operation, sa, deprecated string, mirror bool) *Attributes {
		a := podAttrs(op, "ns1", "p")
		pod := a.Object.(*apiobj.Pod)
		pod.Spec.ServiceAccountName = sa
		pod.Spec.DeprecatedServiceAccount = deprecated
		if mirror {
			pod.Annotations = map[string]string{MirrorPodAnnotation: "hash"}
		}
		return a
	}
	status := withSpec(Create, "", "", false)
	status.Subresource = "status"
	cm := &Attributes{Operation: Create, Namespace: "ns1", Resource: apiobj.GroupVersionResource{Version: "v1", Resource: "configmaps"},
		Object: &apiobj.ConfigMap{}}
	wrong := podAttrs(Create, "ns1", "p")
	wrong.Object = &apiobj.ConfigMap{}

	tests := []struct {
		name     string
		a        *Attributes
		want     string // both fields, when the object is a pod
		wantCode int32
	}{
		{name: "defaults to default", a: withSpec(Create, "", "", false), want: "default"},
		{name: "keeps a name", a: withSpec(Create, "builder", "", false), want: "builder"},
		{name: "deprecated alias", a: withSpec(Create, "", "legacy", false), want: "legacy"},
		{name: "name wins over alias", a: withSpec(Create, "builder", "legacy", false), want: "builder"},
		{name: "mirror pod gets none", a: withSpec(Create, "", "", true), want: ""},
		{name: "mirror pod may not name one", a: withSpec(Create, "builder", "", true), wantCode: http.StatusForbidden},
		{name: "updates untouched", a: withSpec(Update, "", "", false), want: ""},
		{name: "subresources untouched", a: status, want: ""},
		{name: "other kinds untouched", a: cm},
		{name: "wrong type", a: wrong, wantCode: http.StatusBadRequest},
	}
	p := ServiceAccount()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := p.Admit(context.Background(), tt.a)
			if tt.wantCode != 0 {
				require.Error(t, err)
				assert.Equal(t, tt.wantCode, apiobj.StatusFromError(err).Code)
				return
			}
			require.NoError(t, err)
			if pod, ok := tt.a.Object.(*apiobj.Pod); ok {
				assert.Equal(t, tt.want, pod.Spec.ServiceAccountName)
				if tt.want != "" {
					assert.Equal(t, tt.want, pod.Spec.DeprecatedServiceAccount)
				}
			}
		})
	}
	err := p.Admit(context.Background(), withSpec(Create, "builder", "", true))
	assert.Equal(t, `pods "p" is forbidden: a mirror pod may not reference service accounts`, apiobj.StatusFromError(err).Message)
}

func TestNewChain(t *testing.T) {
	t.Parallel()
	var order []string
	m := MutatorFunc(func(context.Context, *Attributes) error { order = append(order, "m"); return nil })
	v := ValidatorFunc(func(context.Context, *Attributes) error { order = append(order, "v"); return nil })
	both := NamespaceLifecycle(namespaces{})
	c, err := NewChain(m, both, v)
	require.NoError(t, err)
	assert.Len(t, c.Mutators, 2)
	assert.Len(t, c.Validators, 2)
	a := &Attributes{Operation: Create}
	require.NoError(t, c.Admit(context.Background(), a))
	require.NoError(t, c.Validate(context.Background(), a))
	assert.Equal(t, []string{"m", "v"}, order)

	_, err = NewChain(m, "not a plugin")
	require.ErrorContains(t, err, "plugin 1 (string)")

	d := Defaults(namespaces{"ns1": ns("ns1", apiobj.NamespaceActive, false)}, classes{})
	assert.Len(t, d.Mutators, 3)
	assert.Len(t, d.Validators, 2)
	a = podAttrs(Create, "ns1", "p")
	require.NoError(t, d.Admit(context.Background(), a))
	require.NoError(t, d.Validate(context.Background(), a))
	pod := a.Object.(*apiobj.Pod)
	assert.Equal(t, "default", pod.Spec.ServiceAccountName)
	assert.Equal(t, int32(0), *pod.Spec.Priority)
	err = d.Admit(context.Background(), podAttrs(Create, "ghost", "p"))
	require.ErrorIs(t, err, errdefs.ErrNotFound)
}
