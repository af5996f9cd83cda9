package schedutil

import "github.com/orcaproj/orca/scheduler/framework"

// DefaultNormalizeScore scales scores to [0, maxPriority] in proportion to
// the highest score; with reverse, maxPriority minus that. When every score
// is 0 they stay 0, or all become maxPriority with reverse.
func DefaultNormalizeScore(maxPriority int64, reverse bool, scores framework.NodeScoreList) {
	var maxCount int64
	for i := range scores {
		maxCount = max(maxCount, scores[i].Score)
	}
	if maxCount == 0 {
		if reverse {
			for i := range scores {
				scores[i].Score = maxPriority
			}
		}
		return
	}
	for i := range scores {
		s := maxPriority * scores[i].Score / maxCount
		if reverse {
			s = maxPriority - s
		}
		scores[i].Score = s
	}
}
