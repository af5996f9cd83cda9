// Package nodevolumelimits is the NodeVolumeLimits plugin: a node may
// attach only so many volumes of each CSI driver. Filter counts the CSI
// volumes of the pod's claims that the node does not have attached yet,
// plus those of the node's pods, per driver, against the node's limit
// ("node(s) exceed max volume count"). The limit of a driver is its
// CSINode allocatable count, or else the node's allocatable
// "attachable-volumes-csi-<driver>"; drivers without a limit are not
// limited.
//
// A claim's driver and volume come from its bound PersistentVolume's CSI
// source, or, for an unbound claim, from its StorageClass's provisioner
// (counted as a new volume). This needs the Handle's PVC lister and the
// listers given to NewFactory; without them volumes cannot be resolved
// and are not counted.
//
// What waits for the CSI issue: in-tree volume plugins migrated to CSI are
// not translated (kube-scheduler counts them under their CSI driver), and
// inline CSI ephemeral volumes are not counted, as in kube-scheduler.
package nodevolumelimits
