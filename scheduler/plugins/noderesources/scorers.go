package noderesources

import (
	"fmt"
	"math"

	"github.com/orcaproj/orca/scheduler/framework"
)

// maxUtilization is the utilization, in percent, at which a resource is
// full; RequestedToCapacityRatio shapes are defined over [0, 100].
const maxUtilization = 100

// MaxCustomPriorityScore bounds the scores of a RequestedToCapacityRatio
// shape; they are scaled up to framework.MaxNodeScore.
const MaxCustomPriorityScore = 10

// ScoringStrategyType names how NodeResourcesFit scores nodes.
type ScoringStrategyType string

// The scoring strategies.
const (
	// LeastAllocated favours nodes with the most free room (spreading).
	LeastAllocated ScoringStrategyType = "LeastAllocated"
	// MostAllocated favours the fullest nodes (bin packing).
	MostAllocated ScoringStrategyType = "MostAllocated"
	// RequestedToCapacityRatio scores utilization by a piecewise-linear
	// shape.
	RequestedToCapacityRatio ScoringStrategyType = "RequestedToCapacityRatio"
	// balanced is the NodeResourcesBalancedAllocation scorer.
	balanced ScoringStrategyType = "BalancedAllocation"
)

// ResourceSpec names a scored resource and its weight.
type ResourceSpec struct {
	Name   string `json:"name"`
	Weight int64  `json:"weight,omitempty"`
}

// UtilizationShapePoint is one point of a RequestedToCapacityRatio shape:
// at Utilization percent (0..100) the score is Score (0..10).
type UtilizationShapePoint struct {
	Utilization int32 `json:"utilization"`
	Score       int32 `json:"score"`
}

// RequestedToCapacityRatioParam holds the shape.
type RequestedToCapacityRatioParam struct {
	Shape []UtilizationShapePoint `json:"shape,omitempty"`
}

// ScoringStrategy configures NodeResourcesFit's scoring.
type ScoringStrategy struct {
	// Type defaults to LeastAllocated.
	Type ScoringStrategyType `json:"type,omitempty"`
	// Resources default to cpu and memory with weight 1 each.
	Resources []ResourceSpec `json:"resources,omitempty"`
	// RequestedToCapacityRatio is required with that Type.
	RequestedToCapacityRatio *RequestedToCapacityRatioParam `json:"requestedToCapacityRatio,omitempty"`
}

// defaultResources are scored when none are configured.
func defaultResources() []ResourceSpec {
	return []ResourceSpec{{Name: "cpu", Weight: 1}, {Name: "memory", Weight: 1}}
}

type shapePoint struct{ utilization, score int64 }

// strategy scores a node from, per scored resource, the requested amount
// (including the incoming pod) and the allocatable amount. Entries with
// allocatable 0 are not scored. The methods are static calls so that the
// callers' stack arrays do not escape.
type strategy struct {
	kind    ScoringStrategyType
	weights []int64
	shape   []shapePoint
}

func newStrategy(kind ScoringStrategyType, resources []ResourceSpec, shape []UtilizationShapePoint) (*strategy, error) {
	s := &strategy{kind: kind, weights: make([]int64, len(resources))}
	for i, r := range resources {
		if r.Weight < 1 || r.Weight > 100 {
			return nil, fmt.Errorf("resources[%d].weight: %d must be in the range [1, 100]", i, r.Weight)
		}
		if r.Name == "" {
			return nil, fmt.Errorf("resources[%d].name: required", i)
		}
		s.weights[i] = r.Weight
	}
	switch kind {
	case LeastAllocated, MostAllocated, balanced:
	case RequestedToCapacityRatio:
		if len(shape) == 0 {
			return nil, fmt.Errorf("requestedToCapacityRatio.shape: at least one point is required")
		}
		s.shape = make([]shapePoint, len(shape))
		for i, p := range shape {
			if p.Utilization < 0 || p.Utilization > maxUtilization {
				return nil, fmt.Errorf("shape[%d].utilization: %d must be in the range [0, 100]", i, p.Utilization)
			}
			if p.Score < 0 || p.Score > MaxCustomPriorityScore {
				return nil, fmt.Errorf("shape[%d].score: %d must be in the range [0, 10]", i, p.Score)
			}
			if i > 0 && p.Utilization <= shape[i-1].Utilization {
				return nil, fmt.Errorf("shape[%d].utilization: values must be sorted in increasing order", i)
			}
			s.shape[i] = shapePoint{
				utilization: int64(p.Utilization),
				score:       int64(p.Score) * (framework.MaxNodeScore / MaxCustomPriorityScore),
			}
		}
	default:
		return nil, fmt.Errorf("scoring strategy %q is not supported", kind)
	}
	return s, nil
}

func (s *strategy) score(requested, allocatable []int64) int64 {
	switch s.kind {
	case LeastAllocated:
		return s.weighted(requested, allocatable, false)
	case MostAllocated:
		return s.weighted(requested, allocatable, true)
	case RequestedToCapacityRatio:
		return s.ratio(requested, allocatable)
	case balanced:
		return balancedScore(requested, allocatable)
	}
	return 0
}

func leastRequestedScore(requested, capacity int64) int64 {
	if capacity == 0 || requested > capacity {
		return 0
	}
	return (capacity - requested) * framework.MaxNodeScore / capacity
}

func mostRequestedScore(requested, capacity int64) int64 {
	if capacity == 0 {
		return 0
	}
	if requested > capacity {
		// Pods without requests count with the non-zero defaults, so the sum
		// can pass capacity.
		requested = capacity
	}
	return requested * framework.MaxNodeScore / capacity
}

// weighted averages per-resource scores by weight.
func (s *strategy) weighted(requested, allocatable []int64, most bool) int64 {
	var score, weightSum int64
	for i := range requested {
		if allocatable[i] == 0 {
			continue
		}
		var r int64
		if most {
			r = mostRequestedScore(requested[i], allocatable[i])
		} else {
			r = leastRequestedScore(requested[i], allocatable[i])
		}
		score += r * s.weights[i]
		weightSum += s.weights[i]
	}
	if weightSum == 0 {
		return 0
	}
	return score / weightSum
}

// brokenLinear interpolates linearly between the shape's points (sorted by
// utilization); below the first point the score is the first point's, and
// above the last the last's.
func brokenLinear(shape []shapePoint, p int64) int64 {
	for i := range shape {
		if p <= shape[i].utilization {
			if i == 0 {
				return shape[0].score
			}
			prev := shape[i-1]
			return prev.score + (shape[i].score-prev.score)*(p-prev.utilization)/(shape[i].utilization-prev.utilization)
		}
	}
	return shape[len(shape)-1].score
}

func (s *strategy) ratio(requested, allocatable []int64) int64 {
	var score, weightSum int64
	for i := range requested {
		if allocatable[i] == 0 {
			continue
		}
		var r int64
		if requested[i] > allocatable[i] {
			r = brokenLinear(s.shape, maxUtilization)
		} else {
			r = brokenLinear(s.shape, requested[i]*maxUtilization/allocatable[i])
		}
		if r > 0 {
			score += r * s.weights[i]
			weightSum += s.weights[i]
		}
	}
	if weightSum == 0 {
		return 0
	}
	return int64(math.Round(float64(score) / float64(weightSum)))
}

// balancedScore is (1 - standard deviation of the requested fractions) *
// MaxNodeScore; fractions are capped at 1.
func balancedScore(requested, allocatable []int64) int64 {
	var n int
	var sum, f0, f1 float64
	for i := range requested {
		if allocatable[i] == 0 {
			continue
		}
		f := math.Min(float64(requested[i])/float64(allocatable[i]), 1)
		switch n {
		case 0:
			f0 = f
		case 1:
			f1 = f
		}
		sum += f
		n++
	}
	var std float64
	switch {
	case n == 2:
		std = math.Abs((f0 - f1) / 2)
	case n > 2:
		mean := sum / float64(n)
		var sq float64
		for i := range requested {
			if allocatable[i] == 0 {
				continue
			}
			f := math.Min(float64(requested[i])/float64(allocatable[i]), 1)
			sq += (f - mean) * (f - mean)
		}
		std = math.Sqrt(sq / float64(n))
	}
	return int64((1 - std) * float64(framework.MaxNodeScore))
}
