// Package volumebinding is the VolumeBinding plugin slot: it checks what
// can be checked about a pod's PersistentVolumeClaims before the CSI issue
// brings volume provisioning and binding.
//
// What it does now (with the Handle's PVC lister, and the PV and
// StorageClass listers given to NewFactory):
//   - PreFilter skips pods without claims (persistentVolumeClaim or
//     ephemeral volumes). It rejects a pod whose claim does not exist, is
//     being deleted, or (for an ephemeral volume) is not yet created or not
//     owned by the pod, and a pod with an unbound claim of a class with
//     Immediate binding ("pod has unbound immediate PersistentVolumeClaims").
//   - Filter rejects a node that a bound volume's node affinity excludes
//     ("node(s) had volume node affinity conflict"), or when a bound volume
//     does not exist. For an unbound claim of a WaitForFirstConsumer class
//     it accepts a node when the class has a provisioner and its
//     allowedTopologies admit the node, and otherwise rejects it ("node(s)
//     didn't find available persistent volumes to bind").
//
// What waits for the CSI issue: matching unbound claims to existing
// PersistentVolumes (static binding), storage capacity, and the Reserve and
// PreBind steps that bind claims and select the node for provisioning.
// VolumeBinding therefore has no Reserve or PreBind step yet: a pod with a
// delayed-binding claim is placed, and the provisioner must follow it.
// Without a PVC lister the plugin skips every pod.
package volumebinding
