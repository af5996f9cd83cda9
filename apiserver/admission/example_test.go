package admission_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/admission"
	"github.com/orcaproj/orca/errdefs"
)

// classList is a PriorityClassGetter over a fixed list.
type classList []*apiobj.PriorityClass

func (l classList) GetPriorityClass(_ context.Context, name string) (*apiobj.PriorityClass, error) {
	for _, pc := range l {
		if pc.Name == name {
			return pc, nil
		}
	}
	return nil, fmt.Errorf("priorityclass %q: %w", name, errdefs.ErrNotFound)
}

func (l classList) ListPriorityClasses(context.Context) ([]*apiobj.PriorityClass, error) {
	return l, nil
}

// The built-in chain admits a pod: it gets the default service account and
// the priority of the global default class. A pod for a namespace that does
// not exist gets Kubernetes' 404.
func Example() {
	namespaces := admission.NamespaceGetterFunc(func(_ context.Context, name string) (*apiobj.Namespace, error) {
		if name == "dev" {
			return &apiobj.Namespace{ObjectMeta: apiobj.ObjectMeta{Name: name}}, nil
		}
		return nil, apiobj.NewNotFound(apiobj.GroupResource{Resource: "namespaces"}, name)
	})
	classes := classList{{ObjectMeta: apiobj.ObjectMeta{Name: "normal"}, Value: 100, GlobalDefault: true}}
	chain := admission.Defaults(namespaces, classes)

	for _, ns := range []string{"dev", "nowhere"} {
		pod := &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Namespace: ns, Name: "web"}}
		a := &admission.Attributes{
			Operation: admission.Create,
			Kind:      apiobj.GroupVersionKind{Version: "v1", Kind: "Pod"},
			Resource:  apiobj.GroupVersionResource{Version: "v1", Resource: "pods"},
			Namespace: ns, Name: "web", Object: pod,
		}
		if err := chain.Admit(context.Background(), a); err != nil {
			fmt.Println(apiobj.StatusFromError(err).Code, err)
			continue
		}
		fmt.Println(pod.Spec.ServiceAccountName, pod.Spec.PriorityClassName, *pod.Spec.Priority)
	}
	// Output:
	// default normal 100
	// 404 namespaces "nowhere" not found
}
