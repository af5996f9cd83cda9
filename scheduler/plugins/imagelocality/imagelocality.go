package imagelocality

import (
	"context"
	"encoding/json"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "ImageLocality"

const preScoreStateKey framework.StateKey = "PreScore" + Name

// ImageLocality scores nodes by the pod's images they hold.
type ImageLocality struct {
	snapshot framework.SharedLister
}

var (
	_ framework.PreScorePlugin = (*ImageLocality)(nil)
	_ framework.ScorePlugin    = (*ImageLocality)(nil)
)

// New is the plugin's framework.Factory; it takes no arguments and uses
// the handle's snapshot to count nodes.
func New(_ json.RawMessage, h framework.Handle) (framework.Plugin, error) {
	return &ImageLocality{snapshot: h.Snapshot}, nil
}

// Name returns Name.
func (*ImageLocality) Name() string { return Name }

type preScoreState struct {
	images        []string // normalized, one per container (init included)
	numContainers int
	totalNodes    int
}

func (s *preScoreState) Clone() framework.StateData { return s }

func (pl *ImageLocality) computeState(pod *apiobj.Pod) *preScoreState {
	s := &preScoreState{numContainers: len(pod.Spec.InitContainers) + len(pod.Spec.Containers)}
	s.images = make([]string, 0, s.numContainers)
	for i := range pod.Spec.InitContainers {
		s.images = append(s.images, NormalizedImageName(pod.Spec.InitContainers[i].Image))
	}
	for i := range pod.Spec.Containers {
		s.images = append(s.images, NormalizedImageName(pod.Spec.Containers[i].Image))
	}
	if pl.snapshot != nil {
		if all, err := pl.snapshot.NodeInfos().List(); err == nil {
			s.totalNodes = len(all)
		}
	}
	return s
}

// PreScore normalizes the image names and counts the nodes once.
func (pl *ImageLocality) PreScore(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, _ []*framework.NodeInfo) *framework.Status {
	state.Write(preScoreStateKey, pl.computeState(pod))
	return nil
}

// Score sums the spread-scaled sizes of the pod's images on the node.
func (pl *ImageLocality) Score(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) (int64, *framework.Status) {
	var s *preScoreState
	if d, err := state.Read(preScoreStateKey); err == nil {
		s = d.(*preScoreState)
	} else {
		s = pl.computeState(pod)
	}
	if len(nodeInfo.ImageStates) == 0 || s.totalNodes == 0 {
		return 0, nil
	}
	var sum int64
	for _, img := range s.images {
		if st, ok := nodeInfo.ImageStates[img]; ok {
			sum += scaledImageScore(st.Size, st.NumNodes, s.totalNodes)
		}
	}
	return calculatePriority(sum, s.numContainers), nil
}

// ScoreExtensions returns nil: scores are already in 0..100.
func (*ImageLocality) ScoreExtensions() framework.ScoreExtensions { return nil }
