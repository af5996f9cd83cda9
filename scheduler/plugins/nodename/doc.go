// Package nodename is the NodeName filter plugin: a pod that names a node
// in spec.nodeName fits only that node ("node(s) didn't match the
// requested node name").
package nodename
