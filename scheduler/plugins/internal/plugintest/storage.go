package plugintest

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// Storage is an in-memory lister of claims, volumes, classes and CSINodes.
type Storage struct {
	PVCs           map[string]*apiobj.PersistentVolumeClaim // by "namespace/name"
	PVs            map[string]*apiobj.PersistentVolume
	StorageClasses map[string]*apiobj.StorageClass
	CSINodes       map[string]*apiobj.CSINode
}

// GetPVC implements framework.PVCLister.
func (s *Storage) GetPVC(namespace, name string) (*apiobj.PersistentVolumeClaim, error) {
	if c, ok := s.PVCs[namespace+"/"+name]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("persistentvolumeclaim %s/%s: %w", namespace, name, errdefs.ErrNotFound)
}

// GetPersistentVolume returns a volume.
func (s *Storage) GetPersistentVolume(name string) (*apiobj.PersistentVolume, error) {
	if v, ok := s.PVs[name]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("persistentvolume %s: %w", name, errdefs.ErrNotFound)
}

// GetStorageClass returns a class.
func (s *Storage) GetStorageClass(name string) (*apiobj.StorageClass, error) {
	if c, ok := s.StorageClasses[name]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("storageclass %s: %w", name, errdefs.ErrNotFound)
}

// GetCSINode returns a CSINode.
func (s *Storage) GetCSINode(name string) (*apiobj.CSINode, error) {
	if c, ok := s.CSINodes[name]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("csinode %s: %w", name, errdefs.ErrNotFound)
}

// PVC builds a claim in namespace "default".
func PVC(name, volume, class string, modes ...apiobj.PersistentVolumeAccessMode) *apiobj.PersistentVolumeClaim {
	c := &apiobj.PersistentVolumeClaim{}
	c.Name, c.Namespace = name, "default"
	c.Spec.VolumeName = volume
	if class != "" {
		c.Spec.StorageClassName = &class
	}
	c.Spec.AccessModes = modes
	return c
}
