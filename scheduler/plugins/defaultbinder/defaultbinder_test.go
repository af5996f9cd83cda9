package defaultbinder

import (
	"context"
	"errors"
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func TestBind(t *testing.T) {
	t.Parallel()
	var got string
	h := framework.Handle{Binder: framework.PodBinderFunc(func(_ context.Context, pod *apiobj.Pod, node string) error {
		if pod.Spec.NodeName != "" {
			return errdefs.ErrConflict
		}
		got = pod.Name + "->" + node
		return nil
	})}
	p, _ := New(nil, h)
	b := p.(framework.BindPlugin)
	if st := b.Bind(t.Context(), nil, pt.MakePod("p").Obj(), "n1"); !st.IsSuccess() || got != "p->n1" {
		t.Errorf("Bind = %v, bound %q", st, got)
	}
	st := b.Bind(t.Context(), nil, pt.MakePod("q").Node("n2").Obj(), "n1")
	if st.Code() != framework.Error || !errors.Is(st.Err(), errdefs.ErrConflict) {
		t.Errorf("Bind of a bound pod = %v, want an Error wrapping ErrConflict", st)
	}
	p, _ = New(nil, framework.Handle{})
	if st := p.(framework.BindPlugin).Bind(t.Context(), nil, pt.MakePod("p").Obj(), "n1"); !errors.Is(st.Err(), ErrNoBinder) {
		t.Errorf("Bind without a binder = %v", st)
	}
}
