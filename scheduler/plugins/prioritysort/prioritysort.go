package prioritysort

import (
	"encoding/json"

	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "PrioritySort"

// PrioritySort orders the active queue by pod priority, highest first, and
// then by the time the pod entered the queue, earliest first.
type PrioritySort struct{}

var _ framework.QueueSortPlugin = PrioritySort{}

// New is the plugin's framework.Factory; it takes no arguments.
func New(json.RawMessage, framework.Handle) (framework.Plugin, error) { return PrioritySort{}, nil }

// Name returns Name.
func (PrioritySort) Name() string { return Name }

// Less reports whether a should be popped before b.
func (PrioritySort) Less(a, b *framework.QueuedPodInfo) bool {
	pa, pb := schedutil.PodPriority(a.Pod), schedutil.PodPriority(b.Pod)
	return pa > pb || (pa == pb && a.Timestamp.Before(b.Timestamp))
}
