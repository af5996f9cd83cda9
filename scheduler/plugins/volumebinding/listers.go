package volumebinding

import "github.com/orcaproj/orca/apiobj"

// PVLister gets persistent volumes.
type PVLister interface {
	// GetPersistentVolume returns the volume or an error wrapping
	// errdefs.ErrNotFound.
	GetPersistentVolume(name string) (*apiobj.PersistentVolume, error)
}

// StorageClassLister gets storage classes.
type StorageClassLister interface {
	// GetStorageClass returns the class or an error wrapping
	// errdefs.ErrNotFound.
	GetStorageClass(name string) (*apiobj.StorageClass, error)
}

// Listers are the storage objects VolumeBinding reads beyond the Handle's
// PVC lister. Either may be nil.
type Listers struct {
	PVs            PVLister
	StorageClasses StorageClassLister
}
