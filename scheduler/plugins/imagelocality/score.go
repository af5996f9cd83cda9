package imagelocality

import (
	"strings"

	"github.com/orcaproj/orca/scheduler/framework"
)

const (
	mb int64 = 1024 * 1024
	// minThreshold: images smaller than this score as if absent, so that
	// tiny images do not pull every pod to the same nodes.
	minThreshold = 23 * mb
	// maxContainerThreshold caps the score of one container's image.
	maxContainerThreshold = 1000 * mb
)

// calculatePriority maps the summed, spread-scaled image sizes of a pod
// with numContainers containers to [0, MaxNodeScore].
func calculatePriority(sumScores int64, numContainers int) int64 {
	maxThreshold := maxContainerThreshold * int64(numContainers)
	if sumScores < minThreshold {
		sumScores = minThreshold
	} else if sumScores > maxThreshold {
		sumScores = maxThreshold
	}
	if maxThreshold <= minThreshold {
		return 0
	}
	return framework.MaxNodeScore * (sumScores - minThreshold) / (maxThreshold - minThreshold)
}

// scaledImageScore discounts an image's size by the fraction of nodes that
// have it, so that widely present images do not dominate.
func scaledImageScore(size int64, numNodes, totalNodes int) int64 {
	if totalNodes <= 0 {
		return 0
	}
	spread := float64(numNodes) / float64(totalNodes)
	return int64(float64(size) * spread)
}

// NormalizedImageName adds the ":latest" tag to an image reference without
// tag or digest, the way nodes report image names.
func NormalizedImageName(name string) string {
	if strings.LastIndex(name, ":") <= strings.LastIndex(name, "/") {
		name += ":latest"
	}
	return name
}
