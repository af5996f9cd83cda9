// Package imagelocality is the ImageLocality score plugin: it favours nodes
// that already have the pod's container images, by their sizes, discounted
// by how many nodes have each image (so that images present everywhere do
// not attract every pod). Images smaller than 23 MiB in total score 0 and
// each container counts up to 1000 MiB. Image names are compared after
// adding ":latest" to untagged references, as nodes report them.
package imagelocality
