package volumerestrictions_test

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/plugins/volumerestrictions"
)

// Two pods may share a GCE PD only read-only.
func Example() {
	disk := func(ro bool) apiobj.Volume {
		return apiobj.Volume{Name: "data", VolumeSource: apiobj.VolumeSource{
			GCEPersistentDisk: &apiobj.GCEPersistentDiskVolumeSource{PDName: "pd-1", ReadOnly: ro}}}
	}
	existing := &apiobj.Pod{}
	existing.Spec.Volumes = []apiobj.Volume{disk(true)}
	ro, rw := disk(true), disk(false)
	fmt.Println(volumerestrictions.IsVolumeConflict(&ro, existing))
	fmt.Println(volumerestrictions.IsVolumeConflict(&rw, existing))
	// Output:
	// false
	// true
}
