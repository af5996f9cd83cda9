package nodeports

import (
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func TestFilter(t *testing.T) {
	t.Parallel()
	const conflict = "Unschedulable: " + ErrReason
	tcp, udp := apiobj.ProtocolTCP, apiobj.ProtocolUDP
	tests := []struct {
		name     string
		pod      *apiobj.Pod
		existing *apiobj.Pod
		want     string
	}{
		{name: "no ports", pod: pt.MakePod("p").Obj(), existing: pt.MakePod("e").HostPort("", tcp, 80).Obj(), want: "Success"},
		{name: "other port", pod: pt.MakePod("p").HostPort("127.0.0.1", udp, 8080).Obj(), existing: pt.MakePod("e").HostPort("127.0.0.1", udp, 9090).Obj(), want: "Success"},
		{name: "same port and ip", pod: pt.MakePod("p").HostPort("127.0.0.1", udp, 8080).Obj(), existing: pt.MakePod("e").HostPort("127.0.0.1", udp, 8080).Obj(), want: conflict},
		{name: "different ip", pod: pt.MakePod("p").HostPort("127.0.0.2", tcp, 8080).Obj(), existing: pt.MakePod("e").HostPort("127.0.0.1", tcp, 8080).Obj(), want: "Success"},
		{name: "different protocol", pod: pt.MakePod("p").HostPort("127.0.0.1", tcp, 8001).Obj(), existing: pt.MakePod("e").HostPort("127.0.0.1", udp, 8001).Obj(), want: "Success"},
		{name: "empty protocol is TCP", pod: pt.MakePod("p").HostPort("", "", 8001).Obj(), existing: pt.MakePod("e").HostPort("", tcp, 8001).Obj(), want: conflict},
		{name: "0.0.0.0 conflicts with any ip", pod: pt.MakePod("p").HostPort("0.0.0.0", tcp, 8001).Obj(), existing: pt.MakePod("e").HostPort("127.0.0.1", tcp, 8001).Obj(), want: conflict},
		{name: "any ip conflicts with 0.0.0.0", pod: pt.MakePod("p").HostPort("10.0.0.1", tcp, 8001).Obj(), existing: pt.MakePod("e").HostPort("", tcp, 8001).Obj(), want: conflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.existing.Spec.NodeName = "n"
			pl, _ := New(nil, framework.Handle{})
			_, st := pt.Filter(t, pl, pt.Handle([]*apiobj.Pod{tt.existing}, []*apiobj.Node{pt.MakeNode("n").Obj()}), tt.pod)
			if got := pt.Codes(st)["n"]; got != tt.want {
				t.Errorf("Filter = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSidecarPorts(t *testing.T) {
	t.Parallel()
	always := apiobj.ContainerRestartPolicyAlways
	pod := pt.MakePod("p").Obj()
	pod.Spec.InitContainers = []apiobj.Container{
		{Name: "sidecar", RestartPolicy: &always, Ports: []apiobj.ContainerPort{{HostPort: 80, ContainerPort: 80}}},
		{Name: "init", Ports: []apiobj.ContainerPort{{HostPort: 81, ContainerPort: 81}}},
	}
	ports := HostPorts(pod)
	if len(ports) != 1 || ports[0].HostPort != 80 {
		t.Errorf("HostPorts = %+v, want only the sidecar's port 80", ports)
	}
}

func TestHint(t *testing.T) {
	t.Parallel()
	pod := pt.MakePod("p").HostPort("", "", 80).Obj()
	if h, _ := isSchedulableAfterPodDeleted(pod, pt.MakePod("e").HostPort("", apiobj.ProtocolTCP, 80).Obj(), nil); h != framework.Queue {
		t.Errorf("port freed: %v", h)
	}
	if h, _ := isSchedulableAfterPodDeleted(pod, pt.MakePod("e").HostPort("", apiobj.ProtocolTCP, 81).Obj(), nil); h != framework.QueueSkip {
		t.Errorf("other port freed: %v", h)
	}
}
