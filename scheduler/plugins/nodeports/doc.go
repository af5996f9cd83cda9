// Package nodeports is the NodePorts plugin: a pod whose containers (and
// sidecar init containers) ask for host ports fits only nodes where those
// ports are free ("node(s) didn't have free ports for the requested pod
// ports"). A port bound on 0.0.0.0 conflicts with the same protocol and
// port on any IP.
package nodeports
