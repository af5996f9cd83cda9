package podtopologyspread

import "math"

// criticalPaths keeps the two topology values with the fewest matching
// pods, smallest first, so the global minimum survives incremental updates
// (AddPod/RemovePod) without a rescan. Only [0] is read by Filter; [1] is
// what [0] becomes when [0]'s count grows past it.
type criticalPaths [2]struct {
	value string
	num   int
}

func newCriticalPaths() criticalPaths {
	return criticalPaths{{num: math.MaxInt32}, {num: math.MaxInt32}}
}

// update records that value now has num matching pods.
func (p *criticalPaths) update(value string, num int) {
	i := -1
	if value == p[0].value {
		i = 0
	} else if value == p[1].value {
		i = 1
	}
	if i >= 0 {
		p[i].num = num
		if p[0].num > p[1].num {
			p[0], p[1] = p[1], p[0]
		}
		return
	}
	if num < p[0].num {
		p[1] = p[0]
		p[0].value, p[0].num = value, num
	} else if num < p[1].num {
		p[1].value, p[1].num = value, num
	}
}

// topologyNormalizingWeight keeps the counts of small topologies (few
// domains) from being watered down by big ones.
func topologyNormalizingWeight(size int) float64 {
	return math.Log(float64(size + 2))
}

// scoreForCount is the raw score of a domain with cnt matching pods; lower
// is better. maxSkew-1 rewards constraints that tolerate more skew.
func scoreForCount(cnt int64, maxSkew int32, weight float64) float64 {
	return float64(cnt)*weight + float64(maxSkew-1)
}
