// Package volumerestrictions is the VolumeRestrictions plugin: volumes
// that one pod must not share with another.
//
// Filter rejects a node where an existing pod mounts the same disk in a
// conflicting way ("node(s) had no available disk"): the same GCE PD or
// iSCSI IQN unless both mount it read-only, the same AWS EBS volume, the
// same Ceph RBD image (overlapping monitors, same pool and image) unless
// both are read-only. It also rejects every node while another pod uses
// one of the pod's ReadWriteOncePod claims ("node has pod using
// PersistentVolumeClaim with the same name and ReadWriteOncePod access
// mode"), so preemption may evict that pod; this needs the Handle's PVC
// lister, and a claim that does not exist makes the pod unschedulable.
//
// This is kube-scheduler's behaviour in full; nothing here waits for the
// CSI issue.
package volumerestrictions
