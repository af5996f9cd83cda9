package kubelet

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
)

func TestQOSClass(t *testing.T) {
	t.Parallel()
	rl := func(cpu, mem string) apiobj.ResourceList {
		l := apiobj.ResourceList{}
		if cpu != "" {
			l[apiobj.ResourceCPU] = resource.MustParse(cpu)
		}
		if mem != "" {
			l[apiobj.ResourceMemory] = resource.MustParse(mem)
		}
		return l
	}
	tests := []struct {
		name       string
		containers []apiobj.ResourceRequirements
		want       apiobj.PodQOSClass
	}{
		{"none", []apiobj.ResourceRequirements{{}}, apiobj.PodQOSBestEffort},
		{"limits only", []apiobj.ResourceRequirements{{Limits: rl("1", "1Gi")}}, apiobj.PodQOSGuaranteed},
		{"equal", []apiobj.ResourceRequirements{{Limits: rl("1", "1Gi"), Requests: rl("1", "1Gi")}}, apiobj.PodQOSGuaranteed},
		{"requests lower", []apiobj.ResourceRequirements{{Limits: rl("1", "1Gi"), Requests: rl("500m", "1Gi")}}, apiobj.PodQOSBurstable},
		{"cpu only", []apiobj.ResourceRequirements{{Limits: rl("1", "")}}, apiobj.PodQOSBurstable},
		{"one of two", []apiobj.ResourceRequirements{{Limits: rl("1", "1Gi")}, {}}, apiobj.PodQOSBurstable},
		{"requests only", []apiobj.ResourceRequirements{{Requests: rl("", "1Gi")}}, apiobj.PodQOSBurstable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &apiobj.Pod{}
			for _, r := range tt.containers {
				p.Spec.Containers = append(p.Spec.Containers, apiobj.Container{Name: "c", Resources: r})
			}
			require.Equal(t, tt.want, QOSClass(p))
		})
	}
}

func TestExpand(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"A": "1", "B": "two"}
	tests := []struct{ name, in, want string }{
		{"plain", "abc", "abc"},
		{"ref", "x$(A)y", "x1y"},
		{"two", "$(A)$(B)", "1two"},
		{"undefined", "$(C)", "$(C)"},
		{"escaped", "$$(A)", "$(A)"},
		{"dollar alone", "a$", "a$"},
		{"unclosed", "$(A", "$(A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, expand(tt.in, vars))
		})
	}
}

func TestAllocatable(t *testing.T) {
	t.Parallel()
	capacity := apiobj.ResourceList{
		apiobj.ResourceCPU:    resource.MustParse("4"),
		apiobj.ResourceMemory: resource.MustParse("1Gi"),
		apiobj.ResourcePods:   resource.MustParse("110"),
	}
	reserved := apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("250m"), apiobj.ResourceMemory: resource.MustParse("2Gi")}
	got := allocatable(capacity, reserved)
	cpu, mem, pods := got[apiobj.ResourceCPU], got[apiobj.ResourceMemory], got[apiobj.ResourcePods]
	require.Equal(t, int64(3750), cpu.MilliValue())
	require.Equal(t, int64(0), mem.Value())
	require.Equal(t, int64(110), pods.Value())
	c := capacity[apiobj.ResourceCPU]
	require.Equal(t, int64(4), c.Value(), "capacity is not changed")
}

func TestMemTotal(t *testing.T) {
	t.Parallel()
	n, err := memTotal("/proc/meminfo")
	if err != nil {
		t.Skipf("no /proc/meminfo: %v", err)
	}
	require.Positive(t, n)
	_, err = machineCapacity()
	require.NoError(t, err)
}
