// Package nodeipam is the node IPAM controller: it gives each node a pod
// CIDR, as kube-controller-manager's range allocator does.
//
// The cluster CIDR (default 10.244.0.0/16; one IPv4 and one IPv6 range
// for dual stack) is cut into node subnets (/24 and /64 by default, at
// most 2^16 per range). Every node without spec.podCIDRs gets one subnet
// of each range, written to spec.podCIDR and spec.podCIDRs; a subnet is
// never held by two nodes, and it is freed when its node is deleted. The
// allocation map lives in memory only: at start the controller rebuilds
// it from the pod CIDRs of the existing nodes before it assigns any, so
// a restarted controller never hands out a subnet twice.
//
// New checks a Config; Run blocks until its context is done.
package nodeipam
