package defaultbinder

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "DefaultBinder"

// ErrNoBinder is the error of Bind when the handle has no Binder.
var ErrNoBinder = errors.New(Name + ": the handle has no Binder")

// DefaultBinder binds pods through the handle's Binder.
type DefaultBinder struct {
	binder framework.PodBinder
}

var _ framework.BindPlugin = (*DefaultBinder)(nil)

// New is the plugin's framework.Factory; it takes no arguments. Without
// h.Binder every Bind fails with ErrNoBinder.
func New(_ json.RawMessage, h framework.Handle) (framework.Plugin, error) {
	return &DefaultBinder{binder: h.Binder}, nil
}

// Name returns Name.
func (*DefaultBinder) Name() string { return Name }

// Bind binds pod to nodeName.
func (b *DefaultBinder) Bind(ctx context.Context, _ *framework.CycleState, pod *apiobj.Pod, nodeName string) *framework.Status {
	if b.binder == nil {
		return framework.AsStatus(ErrNoBinder)
	}
	if err := b.binder.Bind(ctx, pod, nodeName); err != nil {
		return framework.AsStatus(fmt.Errorf("binding pod %s/%s to %s: %w", pod.Namespace, pod.Name, nodeName, err))
	}
	return nil
}
