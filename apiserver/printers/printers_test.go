package printers

import (
	"encoding/json"
	"errors"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/errdefs"
)

var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func ago(d time.Duration) apiobj.Time { return apiobj.NewTime(now.Add(-d)) }

func TestHumanDuration(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-3 * time.Second, "<invalid>"},
		{-1 * time.Second, "0s"},
		{-500 * time.Millisecond, "0s"},
		{0, "0s"},
		{59 * time.Second, "59s"},
		{119 * time.Second, "119s"},
		{2 * time.Minute, "2m"},
		{5*time.Minute + 10*time.Second, "5m10s"},
		{9*time.Minute + 59*time.Second, "9m59s"},
		{10*time.Minute + 30*time.Second, "10m"},
		{179 * time.Minute, "179m"},
		{3 * time.Hour, "3h"},
		{4*time.Hour + 30*time.Minute, "4h30m"},
		{8*time.Hour + 30*time.Minute, "8h"},
		{47 * time.Hour, "47h"},
		{48 * time.Hour, "2d"},
		{51 * time.Hour, "2d3h"},
		{7*day + 23*time.Hour, "7d23h"},
		{8 * day, "8d"},
		{729 * day, "729d"},
		{730 * day, "2y"},
		{770 * day, "2y40d"},
		{8*365*day + 100*day, "8y"},
		{9 * 365 * day, "9y"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, HumanDuration(tt.d), tt.d.String())
	}
}

func running() apiobj.ContainerState {
	return apiobj.ContainerState{Running: &apiobj.ContainerStateRunning{StartedAt: ago(time.Hour)}}
}

func waiting(reason string) apiobj.ContainerState {
	return apiobj.ContainerState{Waiting: &apiobj.ContainerStateWaiting{Reason: reason}}
}

func terminated(code, signal int32, reason string) apiobj.ContainerState {
	return apiobj.ContainerState{Terminated: &apiobj.ContainerStateTerminated{ExitCode: code, Signal: signal, Reason: reason, FinishedAt: ago(5 * time.Minute)}}
}

func podWith(mutate func(p *apiobj.Pod)) *apiobj.Pod {
	p := &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: "p", Namespace: "default", CreationTimestamp: ago(10 * time.Minute)},
		Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "app", Image: "busybox"}}},
		Status:     apiobj.PodStatus{Phase: apiobj.PodPending},
	}
	mutate(p)
	return p
}

func TestPodStatus(t *testing.T) {
	t.Parallel()
	always := apiobj.ContainerRestartPolicyAlways
	tests := []struct {
		name     string
		pod      *apiobj.Pod
		ready    string
		status   string
		restarts string
		complete bool
	}{
		{name: "pending unscheduled", pod: podWith(func(p *apiobj.Pod) {}), ready: "0/1", status: "Pending", restarts: "0"},
		{name: "scheduling gated", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodScheduled, Status: apiobj.ConditionFalse, Reason: apiobj.PodReasonSchedulingGated}}
		}), ready: "0/1", status: "SchedulingGated", restarts: "0"},
		{name: "container creating", pod: podWith(func(p *apiobj.Pod) {
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", State: waiting("ContainerCreating")}}
		}), ready: "0/1", status: "ContainerCreating", restarts: "0"},
		{name: "running", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodRunning
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", Ready: true, State: running()}}
		}), ready: "1/1", status: "Running", restarts: "0"},
		{name: "running not ready", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodRunning
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", State: running()}}
		}), ready: "0/1", status: "Running", restarts: "0"},
		{name: "crash loop", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodRunning
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", RestartCount: 3, State: waiting("CrashLoopBackOff"),
				LastTerminationState: terminated(1, 0, "Error")}}
		}), ready: "0/1", status: "CrashLoopBackOff", restarts: "3 (5m ago)"},
		{name: "completed", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodSucceeded
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", State: terminated(0, 0, "Completed")}}
		}), ready: "0/1", status: "Completed", restarts: "0", complete: true},
		{name: "error", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodFailed
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", State: terminated(2, 0, "Error")}}
		}), ready: "0/1", status: "Error", restarts: "0", complete: true},
		{name: "exit code without reason", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodFailed
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", State: terminated(3, 0, "")}}
		}), ready: "0/1", status: "ExitCode:3", restarts: "0", complete: true},
		{name: "signal without reason", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodFailed
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", State: terminated(137, 9, "")}}
		}), ready: "0/1", status: "Signal:9", restarts: "0", complete: true},
		{name: "oom killed", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodRunning
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", RestartCount: 1, State: terminated(137, 0, "OOMKilled")}}
		}), ready: "0/1", status: "OOMKilled", restarts: "1"},
		{name: "evicted", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodFailed
			p.Status.Reason = "Evicted"
		}), ready: "0/1", status: "Evicted", restarts: "0", complete: true},
		{name: "one completed one running ready", pod: podWith(func(p *apiobj.Pod) {
			p.Spec.Containers = append(p.Spec.Containers, apiobj.Container{Name: "side"})
			p.Status.Phase = apiobj.PodRunning
			p.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodReady, Status: apiobj.ConditionTrue}}
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{
				{Name: "app", State: terminated(0, 0, "Completed")},
				{Name: "side", Ready: true, State: running()},
			}
		}), ready: "1/2", status: "Running", restarts: "0"},
		{name: "one completed one running, pod not ready", pod: podWith(func(p *apiobj.Pod) {
			p.Spec.Containers = append(p.Spec.Containers, apiobj.Container{Name: "side"})
			p.Status.Phase = apiobj.PodRunning
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{
				{Name: "app", State: terminated(0, 0, "Completed")},
				{Name: "side", Ready: true, State: running()},
			}
		}), ready: "1/2", status: "NotReady", restarts: "0"},
		{name: "init waiting to start", pod: podWith(func(p *apiobj.Pod) {
			p.Spec.InitContainers = []apiobj.Container{{Name: "init"}}
			p.Status.InitContainerStatuses = []apiobj.ContainerStatus{{Name: "init", State: waiting("PodInitializing")}}
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", State: waiting("PodInitializing")}}
		}), ready: "0/1", status: "Init:0/1", restarts: "0"},
		{name: "second init running", pod: podWith(func(p *apiobj.Pod) {
			p.Spec.InitContainers = []apiobj.Container{{Name: "a"}, {Name: "b"}}
			p.Status.InitContainerStatuses = []apiobj.ContainerStatus{
				{Name: "a", State: terminated(0, 0, "Completed")},
				{Name: "b", State: running()},
			}
		}), ready: "0/1", status: "Init:1/2", restarts: "0"},
		{name: "init crash loop", pod: podWith(func(p *apiobj.Pod) {
			p.Spec.InitContainers = []apiobj.Container{{Name: "init"}}
			p.Status.InitContainerStatuses = []apiobj.ContainerStatus{{Name: "init", RestartCount: 2, State: waiting("CrashLoopBackOff"),
				LastTerminationState: terminated(1, 0, "Error")}}
		}), ready: "0/1", status: "Init:CrashLoopBackOff", restarts: "2 (5m ago)"},
		{name: "init error", pod: podWith(func(p *apiobj.Pod) {
			p.Spec.InitContainers = []apiobj.Container{{Name: "init"}}
			p.Status.InitContainerStatuses = []apiobj.ContainerStatus{{Name: "init", State: terminated(1, 0, "Error")}}
		}), ready: "0/1", status: "Init:Error", restarts: "0"},
		{name: "init exit code", pod: podWith(func(p *apiobj.Pod) {
			p.Spec.InitContainers = []apiobj.Container{{Name: "init"}}
			p.Status.InitContainerStatuses = []apiobj.ContainerStatus{{Name: "init", State: terminated(4, 0, "")}}
		}), ready: "0/1", status: "Init:ExitCode:4", restarts: "0"},
		{name: "init signal", pod: podWith(func(p *apiobj.Pod) {
			p.Spec.InitContainers = []apiobj.Container{{Name: "init"}}
			p.Status.InitContainerStatuses = []apiobj.ContainerStatus{{Name: "init", State: terminated(0, 15, "")}}
			p.Status.InitContainerStatuses[0].State.Terminated.ExitCode = 143
		}), ready: "0/1", status: "Init:Signal:15", restarts: "0"},
		{name: "sidecar started counts as ready", pod: podWith(func(p *apiobj.Pod) {
			p.Spec.InitContainers = []apiobj.Container{{Name: "proxy", RestartPolicy: &always}}
			p.Status.Phase = apiobj.PodRunning
			p.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodInitialized, Status: apiobj.ConditionTrue}}
			p.Status.InitContainerStatuses = []apiobj.ContainerStatus{{Name: "proxy", Ready: true, Started: apiobj.Bool(true), State: running(), RestartCount: 1,
				LastTerminationState: terminated(1, 0, "Error")}}
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", Ready: true, State: running()}}
		}), ready: "2/2", status: "Running", restarts: "1 (5m ago)"},
		{name: "terminating", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodRunning
			ts := now
			p.DeletionTimestamp = &apiobj.Time{Time: ts}
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", Ready: true, State: running()}}
		}), ready: "1/1", status: "Terminating", restarts: "0"},
		{name: "terminal pod being deleted keeps its status", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodSucceeded
			p.DeletionTimestamp = &apiobj.Time{Time: now}
			p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "app", State: terminated(0, 0, "Completed")}}
		}), ready: "0/1", status: "Completed", restarts: "0", complete: true},
		{name: "node lost", pod: podWith(func(p *apiobj.Pod) {
			p.Status.Phase = apiobj.PodRunning
			p.Status.Reason = "NodeLost"
			p.DeletionTimestamp = &apiobj.Time{Time: now}
		}), ready: "0/1", status: "Unknown", restarts: "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			table, err := ToTable(tt.pod, TableOptions{Now: now})
			require.NoError(t, err)
			require.Len(t, table.Rows, 1)
			cells := table.Rows[0].Cells
			assert.Equal(t, []any{"p", tt.ready, tt.status, tt.restarts, "10m"}, cells[:5])
			assert.Equal(t, tt.status, PodStatus(tt.pod))
			if tt.complete {
				require.Len(t, table.Rows[0].Conditions, 1)
				assert.Equal(t, RowCompleted, table.Rows[0].Conditions[0].Type)
			} else {
				assert.Empty(t, table.Rows[0].Conditions)
			}
		})
	}
}

func TestPodWideCells(t *testing.T) {
	t.Parallel()
	pod := podWith(func(p *apiobj.Pod) {
		p.Spec.NodeName = "node-1"
		p.Spec.ReadinessGates = []apiobj.PodReadinessGate{{ConditionType: "example.com/lb"}, {ConditionType: "example.com/dns"}}
		p.Status.PodIPs = []apiobj.PodIP{{IP: "10.0.0.7"}}
		p.Status.Conditions = []apiobj.PodCondition{{Type: "example.com/lb", Status: apiobj.ConditionTrue}}
	})
	table, err := ToTable(pod, TableOptions{Now: now})
	require.NoError(t, err)
	assert.Equal(t, []any{"10.0.0.7", "node-1", "<none>", "1/2"}, table.Rows[0].Cells[5:])

	table, err = ToTable(podWith(func(*apiobj.Pod) {}), TableOptions{Now: now})
	require.NoError(t, err)
	assert.Equal(t, []any{"<none>", "<none>", "<none>", "<none>"}, table.Rows[0].Cells[5:])
}

type colSpec struct {
	name     string
	priority int32
}

func TestColumns(t *testing.T) {
	t.Parallel()
	w := func(n string) colSpec { return colSpec{n, 1} }
	c := func(n string) colSpec { return colSpec{n, 0} }
	tests := []struct {
		name string
		list apiobj.ListObject
		want []colSpec
	}{
		{"pods", &apiobj.PodList{}, []colSpec{c("Name"), c("Ready"), c("Status"), c("Restarts"), c("Age"), w("IP"), w("Node"), w("Nominated Node"), w("Readiness Gates")}},
		{"deployments", &apiobj.DeploymentList{}, []colSpec{c("Name"), c("Ready"), c("Up-to-date"), c("Available"), c("Age"), w("Containers"), w("Images"), w("Selector")}},
		{"replicasets", &apiobj.ReplicaSetList{}, []colSpec{c("Name"), c("Desired"), c("Current"), c("Ready"), c("Age"), w("Containers"), w("Images"), w("Selector")}},
		{"daemonsets", &apiobj.DaemonSetList{}, []colSpec{c("Name"), c("Desired"), c("Current"), c("Ready"), c("Up-to-date"), c("Available"), c("Node Selector"), c("Age"), w("Containers"), w("Images"), w("Selector")}},
		{"statefulsets", &apiobj.StatefulSetList{}, []colSpec{c("Name"), c("Ready"), c("Age"), w("Containers"), w("Images")}},
		{"jobs", &apiobj.JobList{}, []colSpec{c("Name"), c("Status"), c("Completions"), c("Duration"), c("Age"), w("Containers"), w("Images"), w("Selector")}},
		{"cronjobs", &apiobj.CronJobList{}, []colSpec{c("Name"), c("Schedule"), c("Timezone"), c("Suspend"), c("Active"), c("Last Schedule"), c("Age"), w("Containers"), w("Images"), w("Selector")}},
		{"services", &apiobj.ServiceList{}, []colSpec{c("Name"), c("Type"), c("Cluster-IP"), c("External-IP"), c("Port(s)"), c("Age"), w("Selector")}},
		{"nodes", &apiobj.NodeList{}, []colSpec{c("Name"), c("Status"), c("Roles"), c("Age"), c("Version"), w("Internal-IP"), w("External-IP"), w("OS-Image"), w("Kernel-Version"), w("Container-Runtime")}},
		{"namespaces", &apiobj.NamespaceList{}, []colSpec{c("Name"), c("Status"), c("Age")}},
		{"configmaps", &apiobj.ConfigMapList{}, []colSpec{c("Name"), c("Data"), c("Age")}},
		{"secrets", &apiobj.SecretList{}, []colSpec{c("Name"), c("Type"), c("Data"), c("Age")}},
		{"serviceaccounts", &apiobj.ServiceAccountList{}, []colSpec{c("Name"), c("Secrets"), c("Age")}},
		{"events", &apiobj.EventList{}, []colSpec{c("Last Seen"), c("Type"), c("Reason"), c("Object"), w("Subobject"), w("Source"), c("Message"), w("First Seen"), w("Count"), w("Name")}},
		{"endpoints", &apiobj.EndpointsList{}, []colSpec{c("Name"), c("Endpoints"), c("Age")}},
		{"endpointslices", &apiobj.EndpointSliceList{}, []colSpec{c("Name"), c("AddressType"), c("Ports"), c("Endpoints"), c("Age")}},
		{"pv", &apiobj.PersistentVolumeList{}, []colSpec{c("Name"), c("Capacity"), c("Access Modes"), c("Reclaim Policy"), c("Status"), c("Claim"), c("StorageClass"), c("VolumeAttributesClass"), c("Reason"), c("Age"), w("VolumeMode")}},
		{"pvc", &apiobj.PersistentVolumeClaimList{}, []colSpec{c("Name"), c("Status"), c("Volume"), c("Capacity"), c("Access Modes"), c("StorageClass"), c("VolumeAttributesClass"), c("Age"), w("VolumeMode")}},
		{"hpa", &apiobj.HorizontalPodAutoscalerList{}, []colSpec{c("Name"), c("Reference"), c("Targets"), c("MinPods"), c("MaxPods"), c("Replicas"), c("Age")}},
		{"pdb", &apiobj.PodDisruptionBudgetList{}, []colSpec{c("Name"), c("Min Available"), c("Max Unavailable"), c("Allowed Disruptions"), c("Age")}},
		{"leases", &apiobj.LeaseList{}, []colSpec{c("Name"), c("Holder"), c("Age")}},
		{"priorityclasses", &apiobj.PriorityClassList{}, []colSpec{c("Name"), c("Value"), c("Global-Default"), c("Age"), c("PreemptionPolicy")}},
		{"roles", &apiobj.RoleList{}, []colSpec{c("Name"), c("Created At")}},
		{"clusterroles", &apiobj.ClusterRoleList{}, []colSpec{c("Name"), c("Created At")}},
		{"rolebindings", &apiobj.RoleBindingList{}, []colSpec{c("Name"), c("Role"), c("Age"), w("Users"), w("Groups"), w("ServiceAccounts")}},
		{"clusterrolebindings", &apiobj.ClusterRoleBindingList{}, []colSpec{c("Name"), c("Role"), c("Age"), w("Users"), w("Groups"), w("ServiceAccounts")}},
		{"storageclasses", &apiobj.StorageClassList{}, []colSpec{c("Name"), c("Provisioner"), c("ReclaimPolicy"), c("VolumeBindingMode"), c("AllowVolumeExpansion"), c("Age")}},
		{"volumeattachments", &apiobj.VolumeAttachmentList{}, []colSpec{c("Name"), c("Attacher"), c("PV"), c("Node"), c("Attached"), c("Age")}},
		{"csidrivers", &apiobj.CSIDriverList{}, []colSpec{c("Name"), c("AttachRequired"), c("PodInfoOnMount"), c("StorageCapacity"), c("TokenRequests"), c("RequiresRepublish"), c("Modes"), c("Age")}},
		{"crds", &apiobj.CustomResourceDefinitionList{}, []colSpec{c("Name"), c("Created At")}},
		{"controllerrevisions", &apiobj.ControllerRevisionList{}, []colSpec{c("Name"), c("Controller"), c("Revision"), c("Age")}},
		{"resourcequotas", &apiobj.ResourceQuotaList{}, []colSpec{c("Name"), c("Age"), c("Request"), c("Limit")}},
		{"limitranges", &apiobj.LimitRangeList{}, []colSpec{c("Name"), c("Created At")}},
		{"podtemplates", &apiobj.PodTemplateList{}, []colSpec{c("Name"), c("Containers"), c("Images"), c("Pod Labels")}},
		{"replicationcontrollers", &apiobj.ReplicationControllerList{}, []colSpec{c("Name"), c("Desired"), c("Current"), c("Ready"), c("Age"), w("Containers"), w("Images"), w("Selector")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			table, err := ToTable(tt.list, TableOptions{})
			require.NoError(t, err)
			var got []colSpec
			for _, c := range table.ColumnDefinitions {
				got = append(got, colSpec{c.Name, c.Priority})
				assert.NotEmpty(t, c.Type, c.Name)
				assert.NotEmpty(t, c.Description, c.Name)
			}
			assert.Equal(t, tt.want, got)
			assert.Empty(t, table.Rows)
			assert.NotNil(t, table.Rows, "rows encode as [] rather than null")
		})
	}
}

func cellsOf(t *testing.T, obj apiobj.Typed) []any {
	t.Helper()
	table, err := ToTable(obj, TableOptions{Now: now})
	require.NoError(t, err)
	require.Len(t, table.Rows, 1)
	require.Len(t, table.Rows[0].Cells, len(table.ColumnDefinitions))
	return table.Rows[0].Cells
}

func TestCells(t *testing.T) {
	t.Parallel()
	meta := apiobj.ObjectMeta{Name: "x", Namespace: "default", CreationTimestamp: ago(3 * time.Hour)}
	template := apiobj.PodTemplateSpec{Spec: apiobj.PodSpec{
		Containers:   []apiobj.Container{{Name: "a", Image: "img-a"}, {Name: "b", Image: "img-b"}},
		NodeSelector: map[string]string{"disk": "ssd"},
	}}
	selector := &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "x"},
		MatchExpressions: []apiobj.LabelSelectorRequirement{{Key: "tier", Operator: apiobj.LabelSelectorOpIn, Values: []string{"web", "api"}}}}
	q := resource.MustParse
	qp := func(s string) *resource.Quantity { v := q(s); return &v }
	tests := []struct {
		name string
		obj  apiobj.Object
		want []any
	}{
		{"deployment", &apiobj.Deployment{ObjectMeta: meta,
			Spec:   apiobj.DeploymentSpec{Replicas: apiobj.Int32(3), Selector: selector, Template: template},
			Status: apiobj.DeploymentStatus{ReadyReplicas: 2, UpdatedReplicas: 3, AvailableReplicas: 2}},
			[]any{"x", "2/3", int64(3), int64(2), "3h", "a,b", "img-a,img-b", "app=x,tier in (api,web)"}},
		{"replicaset", &apiobj.ReplicaSet{ObjectMeta: meta,
			Spec:   apiobj.ReplicaSetSpec{Replicas: apiobj.Int32(2), Template: template},
			Status: apiobj.ReplicaSetStatus{Replicas: 2, ReadyReplicas: 1}},
			[]any{"x", int64(2), int64(2), int64(1), "3h", "a,b", "img-a,img-b", "<none>"}},
		{"daemonset", &apiobj.DaemonSet{ObjectMeta: meta, Spec: apiobj.DaemonSetSpec{Template: template, Selector: selector},
			Status: apiobj.DaemonSetStatus{DesiredNumberScheduled: 3, CurrentNumberScheduled: 3, NumberReady: 2, UpdatedNumberScheduled: 3, NumberAvailable: 2}},
			[]any{"x", int64(3), int64(3), int64(2), int64(3), int64(2), "disk=ssd", "3h", "a,b", "img-a,img-b", "app=x,tier in (api,web)"}},
		{"statefulset", &apiobj.StatefulSet{ObjectMeta: meta, Spec: apiobj.StatefulSetSpec{Template: template},
			Status: apiobj.StatefulSetStatus{ReadyReplicas: 1}},
			[]any{"x", "1/1", "3h", "a,b", "img-a,img-b"}},
		{"job running", &apiobj.Job{ObjectMeta: meta, Spec: apiobj.JobSpec{Completions: apiobj.Int32(3), Template: template},
			Status: apiobj.JobStatus{Succeeded: 1, StartTime: &apiobj.Time{Time: now.Add(-90 * time.Second)}}},
			[]any{"x", "Running", "1/3", "90s", "3h", "a,b", "img-a,img-b", "<none>"}},
		{"job complete", &apiobj.Job{ObjectMeta: meta, Spec: apiobj.JobSpec{Template: template},
			Status: apiobj.JobStatus{Succeeded: 1, StartTime: &apiobj.Time{Time: now.Add(-time.Hour)}, CompletionTime: &apiobj.Time{Time: now.Add(-time.Hour + 12*time.Second)},
				Conditions: []apiobj.JobCondition{{Type: apiobj.JobComplete, Status: apiobj.ConditionTrue}}}},
			[]any{"x", "Complete", "1/1", "12s", "3h", "a,b", "img-a,img-b", "<none>"}},
		{"job parallel suspended", &apiobj.Job{ObjectMeta: meta, Spec: apiobj.JobSpec{Parallelism: apiobj.Int32(4), Template: template},
			Status: apiobj.JobStatus{Conditions: []apiobj.JobCondition{{Type: apiobj.JobSuspended, Status: apiobj.ConditionTrue}}}},
			[]any{"x", "Suspended", "0/1 of 4", "", "3h", "a,b", "img-a,img-b", "<none>"}},
		{"job failed", &apiobj.Job{ObjectMeta: meta, Spec: apiobj.JobSpec{Template: template},
			Status: apiobj.JobStatus{Conditions: []apiobj.JobCondition{{Type: apiobj.JobFailed, Status: apiobj.ConditionTrue}}}},
			[]any{"x", "Failed", "0/1", "", "3h", "a,b", "img-a,img-b", "<none>"}},
		{"cronjob", &apiobj.CronJob{ObjectMeta: meta, Spec: apiobj.CronJobSpec{Schedule: "*/5 * * * *", Suspend: apiobj.Bool(false),
			JobTemplate: apiobj.JobTemplateSpec{Spec: apiobj.JobSpec{Template: template}}},
			Status: apiobj.CronJobStatus{Active: []apiobj.ObjectReference{{Name: "j"}}, LastScheduleTime: &apiobj.Time{Time: now.Add(-2 * time.Minute)}}},
			[]any{"x", "*/5 * * * *", "<none>", "False", int64(1), "2m", "3h", "a,b", "img-a,img-b", "<none>"}},
		{"service cluster ip", &apiobj.Service{ObjectMeta: meta, Spec: apiobj.ServiceSpec{Type: apiobj.ServiceTypeClusterIP,
			ClusterIP: "10.96.0.10", ClusterIPs: []string{"10.96.0.10"}, Selector: map[string]string{"app": "x"},
			Ports: []apiobj.ServicePort{{Port: 53, Protocol: apiobj.ProtocolUDP}, {Port: 53, Protocol: apiobj.ProtocolTCP}}}},
			[]any{"x", "ClusterIP", "10.96.0.10", "<none>", "53/UDP,53/TCP", "3h", "app=x"}},
		{"service node port", &apiobj.Service{ObjectMeta: meta, Spec: apiobj.ServiceSpec{Type: apiobj.ServiceTypeNodePort,
			ClusterIPs: []string{"10.96.0.11"}, Ports: []apiobj.ServicePort{{Port: 80, NodePort: 30080, Protocol: apiobj.ProtocolTCP}}}},
			[]any{"x", "NodePort", "10.96.0.11", "<none>", "80:30080/TCP", "3h", "<none>"}},
		{"service load balancer pending", &apiobj.Service{ObjectMeta: meta, Spec: apiobj.ServiceSpec{Type: apiobj.ServiceTypeLoadBalancer,
			ClusterIPs: []string{"10.96.0.12"}, Ports: []apiobj.ServicePort{{Port: 443, NodePort: 31443, Protocol: apiobj.ProtocolTCP}}}},
			[]any{"x", "LoadBalancer", "10.96.0.12", "<pending>", "443:31443/TCP", "3h", "<none>"}},
		{"service load balancer", &apiobj.Service{ObjectMeta: meta, Spec: apiobj.ServiceSpec{Type: apiobj.ServiceTypeLoadBalancer, ClusterIPs: []string{"10.96.0.12"}},
			Status: apiobj.ServiceStatus{LoadBalancer: apiobj.LoadBalancerStatus{Ingress: []apiobj.LoadBalancerIngress{{IP: "1.2.3.4"}, {Hostname: "lb.example.com"}}}}},
			[]any{"x", "LoadBalancer", "10.96.0.12", "1.2.3.4,lb.example.com", "<none>", "3h", "<none>"}},
		{"service headless external name", &apiobj.Service{ObjectMeta: meta, Spec: apiobj.ServiceSpec{Type: apiobj.ServiceTypeExternalName, ExternalName: "db.example.com"}},
			[]any{"x", "ExternalName", "<none>", "db.example.com", "<none>", "3h", "<none>"}},
		{"node", &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: "n1", CreationTimestamp: ago(50 * time.Hour),
			Labels: map[string]string{"node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/worker": "", "kubernetes.io/role": "edge"}},
			Spec: apiobj.NodeSpec{Unschedulable: true},
			Status: apiobj.NodeStatus{Conditions: []apiobj.NodeCondition{{Type: apiobj.NodeReady, Status: apiobj.ConditionTrue}},
				Addresses: []apiobj.NodeAddress{{Type: apiobj.NodeInternalIP, Address: "192.168.1.5"}},
				NodeInfo:  apiobj.NodeSystemInfo{KubeletVersion: "v1.32.0", OSImage: "Debian", ContainerRuntimeVersion: "containerd://1.7"}}},
			[]any{"n1", "Ready,SchedulingDisabled", "control-plane,edge,worker", "2d2h", "v1.32.0", "192.168.1.5", "<none>", "Debian", "<unknown>", "containerd://1.7"}},
		{"node not ready", &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: "n2", CreationTimestamp: ago(time.Minute)},
			Status: apiobj.NodeStatus{Conditions: []apiobj.NodeCondition{{Type: apiobj.NodeReady, Status: apiobj.ConditionUnknown}}}},
			[]any{"n2", "NotReady", "<none>", "60s", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"}},
		{"namespace", &apiobj.Namespace{ObjectMeta: meta, Status: apiobj.NamespaceStatus{Phase: apiobj.NamespaceActive}},
			[]any{"x", "Active", "3h"}},
		{"configmap", &apiobj.ConfigMap{ObjectMeta: meta, Data: map[string]string{"a": "1", "b": "2"}, BinaryData: map[string][]byte{"c": nil}},
			[]any{"x", int64(3), "3h"}},
		{"secret", &apiobj.Secret{ObjectMeta: meta, Type: apiobj.SecretTypeTLS, Data: map[string][]byte{"tls.crt": nil, "tls.key": nil}},
			[]any{"x", "kubernetes.io/tls", int64(2), "3h"}},
		{"serviceaccount", &apiobj.ServiceAccount{ObjectMeta: meta}, []any{"x", int64(0), "3h"}},
		{"event", &apiobj.Event{ObjectMeta: meta, InvolvedObject: apiobj.ObjectReference{Kind: "Pod", Name: "web-0", FieldPath: "spec.containers{web}"},
			Reason: "Pulled", Message: "Pulled image \"nginx\" \n", Type: "Normal", Source: apiobj.EventSource{Component: "kubelet", Host: "n1"},
			FirstTimestamp: ago(10 * time.Minute), LastTimestamp: ago(time.Minute), Count: 4},
			[]any{"60s", "Normal", "Pulled", "pod/web-0", "spec.containers{web}", "kubelet, n1", "Pulled image \"nginx\"", "10m", int64(4), "x"}},
		{"event new api", &apiobj.Event{ObjectMeta: meta, InvolvedObject: apiobj.ObjectReference{Kind: "Node"}, Reason: "Ready",
			EventTime: apiobj.NewMicroTime(now.Add(-30 * time.Second)), ReportingController: "orca-kubelet"},
			[]any{"30s", "", "Ready", "node", "", "orca-kubelet", "", "30s", int64(1), "x"}},
		{"endpoints", &apiobj.Endpoints{ObjectMeta: meta, Subsets: []apiobj.EndpointSubset{{
			Addresses: []apiobj.EndpointAddress{{IP: "10.0.0.1"}, {IP: "10.0.0.2"}},
			Ports:     []apiobj.EndpointPort{{Port: 80}, {Port: 443}}}}},
			[]any{"x", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...", "3h"}},
		{"endpoints empty", &apiobj.Endpoints{ObjectMeta: meta}, []any{"x", "<none>", "3h"}},
		{"endpointslice", &apiobj.EndpointSlice{ObjectMeta: meta, AddressType: apiobj.AddressTypeIPv4,
			Ports:     []apiobj.EndpointSlicePort{{Port: apiobj.Int32(80)}, {Name: apiobj.Ptr("https")}},
			Endpoints: []apiobj.Endpoint{{Addresses: []string{"10.0.0.1"}}, {Addresses: []string{"10.0.0.2"}}}},
			[]any{"x", "IPv4", "80,https", "10.0.0.1,10.0.0.2", "3h"}},
		{"endpointslice empty", &apiobj.EndpointSlice{ObjectMeta: meta, AddressType: apiobj.AddressTypeIPv6},
			[]any{"x", "IPv6", "<unset>", "<unset>", "3h"}},
		{"pv", &apiobj.PersistentVolume{ObjectMeta: meta, Spec: apiobj.PersistentVolumeSpec{
			Capacity:                      apiobj.ResourceList{apiobj.ResourceStorage: q("10Gi")},
			AccessModes:                   []apiobj.PersistentVolumeAccessMode{apiobj.ReadWriteMany, apiobj.ReadWriteOnce},
			PersistentVolumeReclaimPolicy: apiobj.PersistentVolumeReclaimRetain, StorageClassName: "fast",
			ClaimRef: &apiobj.ObjectReference{Namespace: "ns", Name: "data"}},
			Status: apiobj.PersistentVolumeStatus{Phase: apiobj.VolumeBound}},
			[]any{"x", "10Gi", "RWO,RWX", "Retain", "Bound", "ns/data", "fast", "<unset>", "", "3h", "<unset>"}},
		{"pvc bound", &apiobj.PersistentVolumeClaim{ObjectMeta: meta, Spec: apiobj.PersistentVolumeClaimSpec{VolumeName: "pv1", StorageClassName: apiobj.Ptr("fast")},
			Status: apiobj.PersistentVolumeClaimStatus{Phase: apiobj.ClaimBound, Capacity: apiobj.ResourceList{apiobj.ResourceStorage: q("1Gi")},
				AccessModes: []apiobj.PersistentVolumeAccessMode{apiobj.ReadWriteOnce}}},
			[]any{"x", "Bound", "pv1", "1Gi", "RWO", "fast", "<unset>", "3h", "<unset>"}},
		{"pvc pending", &apiobj.PersistentVolumeClaim{ObjectMeta: meta, Status: apiobj.PersistentVolumeClaimStatus{Phase: apiobj.ClaimPending}},
			[]any{"x", "Pending", "", "", "", "", "<unset>", "3h", "<unset>"}},
		{"hpa", &apiobj.HorizontalPodAutoscaler{ObjectMeta: meta, Spec: apiobj.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: apiobj.CrossVersionObjectReference{Kind: "Deployment", Name: "web"}, MinReplicas: apiobj.Int32(1), MaxReplicas: 10,
			Metrics: []apiobj.MetricSpec{
				{Type: apiobj.ResourceMetricSourceType, Resource: &apiobj.ResourceMetricSource{Name: "cpu", Target: apiobj.MetricTarget{Type: apiobj.UtilizationMetricType, AverageUtilization: apiobj.Int32(80)}}},
				{Type: apiobj.ResourceMetricSourceType, Resource: &apiobj.ResourceMetricSource{Name: "memory", Target: apiobj.MetricTarget{Type: apiobj.AverageValueMetricType, AverageValue: qp("512Mi")}}},
				{Type: apiobj.PodsMetricSourceType, Pods: &apiobj.PodsMetricSource{Metric: apiobj.MetricIdentifier{Name: "qps"}, Target: apiobj.MetricTarget{AverageValue: qp("10")}}},
			}},
			Status: apiobj.HorizontalPodAutoscalerStatus{CurrentReplicas: 2, CurrentMetrics: []apiobj.MetricStatus{
				{Type: apiobj.ResourceMetricSourceType, Resource: &apiobj.ResourceMetricStatus{Name: "cpu", Current: apiobj.MetricValueStatus{AverageUtilization: apiobj.Int32(35)}}},
			}}},
			[]any{"x", "Deployment/web", "cpu: 35%/80%, memory: <unknown>/512Mi + 1 more...", "1", int64(10), int64(2), "3h"}},
		{"hpa without metrics", &apiobj.HorizontalPodAutoscaler{ObjectMeta: meta, Spec: apiobj.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: apiobj.CrossVersionObjectReference{Kind: "StatefulSet", Name: "db"}, MaxReplicas: 3}},
			[]any{"x", "StatefulSet/db", "<none>", "<unset>", int64(3), int64(0), "3h"}},
		{"pdb", &apiobj.PodDisruptionBudget{ObjectMeta: meta, Spec: apiobj.PodDisruptionBudgetSpec{MinAvailable: apiobj.Ptr(apiobj.FromString("50%"))},
			Status: apiobj.PodDisruptionBudgetStatus{DisruptionsAllowed: 1}},
			[]any{"x", "50%", "N/A", int64(1), "3h"}},
		{"lease", &apiobj.Lease{ObjectMeta: meta, Spec: apiobj.LeaseSpec{HolderIdentity: apiobj.Ptr("n1")}}, []any{"x", "n1", "3h"}},
		{"priorityclass", &apiobj.PriorityClass{ObjectMeta: meta, Value: 1000, GlobalDefault: true}, []any{"x", int64(1000), true, "3h", "PreemptLowerPriority"}},
		{"role", &apiobj.Role{ObjectMeta: apiobj.ObjectMeta{Name: "r", CreationTimestamp: apiobj.NewTime(time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC))}},
			[]any{"r", "2024-02-03T04:05:06Z"}},
		{"rolebinding", &apiobj.RoleBinding{ObjectMeta: meta, RoleRef: apiobj.RoleRef{Kind: "ClusterRole", Name: "view"},
			Subjects: []apiobj.Subject{{Kind: "User", Name: "alice"}, {Kind: "Group", Name: "devs"}, {Kind: "ServiceAccount", Namespace: "ns", Name: "bot"}, {Kind: "User", Name: "bob"}}},
			[]any{"x", "ClusterRole/view", "3h", "alice, bob", "devs", "ns:bot"}},
		{"storageclass default", &apiobj.StorageClass{ObjectMeta: apiobj.ObjectMeta{Name: "std", CreationTimestamp: ago(time.Hour),
			Annotations: map[string]string{"storageclass.kubernetes.io/is-default-class": "true"}}, Provisioner: "csi.example.com"},
			[]any{"std (default)", "csi.example.com", "Delete", "Immediate", false, "60m"}},
		{"controllerrevision", &apiobj.ControllerRevision{ObjectMeta: apiobj.ObjectMeta{Name: "ds-1", CreationTimestamp: ago(time.Hour),
			OwnerReferences: []apiobj.OwnerReference{{APIVersion: "apps/v1", Kind: "DaemonSet", Name: "ds", Controller: apiobj.Bool(true)}}}, Revision: 2},
			[]any{"ds-1", "daemonset.apps/ds", int64(2), "60m"}},
		{"resourcequota", &apiobj.ResourceQuota{ObjectMeta: meta, Status: apiobj.ResourceQuotaStatus{
			Hard: apiobj.ResourceList{"pods": q("10"), "limits.cpu": q("4"), "requests.cpu": q("2")},
			Used: apiobj.ResourceList{"pods": q("3"), "limits.cpu": q("500m")}}},
			[]any{"x", "3h", "pods: 3/10, requests.cpu: 0/2", "limits.cpu: 500m/4"}},
		{"crd", &apiobj.CustomResourceDefinition{ObjectMeta: apiobj.ObjectMeta{Name: "widgets.example.com", CreationTimestamp: apiobj.NewTime(time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))}},
			[]any{"widgets.example.com", "2025-05-01T00:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, cellsOf(t, tt.obj))
		})
	}
}

func TestIncludeObject(t *testing.T) {
	t.Parallel()
	cm := &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "cfg", Namespace: "ns", ResourceVersion: "7", Labels: map[string]string{"a": "b"}},
		Data: map[string]string{"k": "v"}}
	snapshot, err := json.Marshal(cm)
	require.NoError(t, err)

	tests := []struct {
		policy IncludeObjectPolicy
		want   map[string]any
	}{
		{IncludeNone, nil},
		{"", map[string]any{"apiVersion": "meta.k8s.io/v1", "kind": "PartialObjectMetadata",
			"metadata": map[string]any{"name": "cfg", "namespace": "ns", "resourceVersion": "7", "labels": map[string]any{"a": "b"}}}},
		{IncludeMetadata, map[string]any{"apiVersion": "meta.k8s.io/v1", "kind": "PartialObjectMetadata",
			"metadata": map[string]any{"name": "cfg", "namespace": "ns", "resourceVersion": "7", "labels": map[string]any{"a": "b"}}}},
		{IncludeObject, map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "data": map[string]any{"k": "v"},
			"metadata": map[string]any{"name": "cfg", "namespace": "ns", "resourceVersion": "7", "labels": map[string]any{"a": "b"}}}},
	}
	for _, tt := range tests {
		t.Run(string(tt.policy), func(t *testing.T) {
			t.Parallel()
			table, err := ToTable(cm, TableOptions{IncludeObject: tt.policy})
			require.NoError(t, err)
			assert.Equal(t, "7", table.ResourceVersion)
			raw := table.Rows[0].Object
			if tt.want == nil {
				assert.Empty(t, raw)
				b, err := json.Marshal(table.Rows[0])
				require.NoError(t, err)
				assert.NotContains(t, string(b), `"object"`)
				return
			}
			var got map[string]any
			require.NoError(t, json.Unmarshal(raw, &got))
			assert.Equal(t, tt.want, got)
		})
	}
	after, err := json.Marshal(cm)
	require.NoError(t, err)
	assert.JSONEq(t, string(snapshot), string(after), "the printer must not modify the object")
}

func TestListAndHeaders(t *testing.T) {
	t.Parallel()
	rem := int64(5)
	list := &apiobj.NamespaceList{
		ListMeta: apiobj.ListMeta{ResourceVersion: "42", Continue: "tok", RemainingItemCount: &rem},
		Items: []apiobj.Namespace{
			{ObjectMeta: apiobj.ObjectMeta{Name: "a", CreationTimestamp: ago(time.Minute)}, Status: apiobj.NamespaceStatus{Phase: apiobj.NamespaceActive}},
			{ObjectMeta: apiobj.ObjectMeta{Name: "b", CreationTimestamp: ago(time.Hour)}, Status: apiobj.NamespaceStatus{Phase: apiobj.NamespaceTerminating}},
		},
	}
	table, err := ToTable(list, TableOptions{Now: now, NoHeaders: true})
	require.NoError(t, err)
	assert.Equal(t, "Table", table.Kind)
	assert.Equal(t, "meta.k8s.io/v1", table.APIVersion)
	assert.Equal(t, "42", table.ResourceVersion)
	assert.Equal(t, "tok", table.Continue)
	assert.Equal(t, &rem, table.RemainingItemCount)
	assert.Nil(t, table.ColumnDefinitions)
	require.Len(t, table.Rows, 2)
	assert.Equal(t, []any{"b", "Terminating", "60m"}, table.Rows[1].Cells)

	b, err := json.Marshal(table)
	require.NoError(t, err)
	var wire map[string]any
	require.NoError(t, json.Unmarshal(b, &wire))
	assert.Equal(t, map[string]any{"resourceVersion": "42", "continue": "tok", "remainingItemCount": float64(5)}, wire["metadata"])
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	_, err := ToTable(&apiobj.Status{}, TableOptions{})
	assert.True(t, errors.Is(err, errdefs.ErrBadRequest), "%v", err)

	_, err = ParseTableOptions(url.Values{"includeObject": {"Everything"}})
	assert.True(t, errors.Is(err, errdefs.ErrBadRequest), "%v", err)
	o, err := ParseTableOptions(url.Values{"includeObject": {"Object"}})
	require.NoError(t, err)
	assert.Equal(t, IncludeObject, o.IncludeObject)
}

func TestDefaultColumnsForUnknownKinds(t *testing.T) {
	t.Parallel()
	u := apiobj.NewUnstructured(apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Gadget"})
	u.SetName("g")
	u.SetCreationTimestamp(ago(2 * time.Minute))
	table, err := ToTable(u, TableOptions{Now: now})
	require.NoError(t, err)
	assert.Equal(t, []string{"Name", "Age"}, []string{table.ColumnDefinitions[0].Name, table.ColumnDefinitions[1].Name})
	assert.Equal(t, []any{"g", "2m"}, table.Rows[0].Cells)
}

func TestUnstructuredBuiltin(t *testing.T) {
	t.Parallel()
	u := &apiobj.Unstructured{}
	require.NoError(t, u.UnmarshalJSON([]byte(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","creationTimestamp":"2025-06-01T11:00:00Z"},
		"spec":{"containers":[{"name":"c","image":"i"}]},"status":{"phase":"Running","containerStatuses":[{"name":"c","ready":true,"restartCount":0,"image":"i","imageID":"","state":{"running":{}}}]}}`)))
	table, err := ToTable(&apiobj.UnstructuredList{Object: map[string]any{"apiVersion": "v1", "kind": "PodList"}, Items: []apiobj.Unstructured{*u}}, TableOptions{Now: now})
	require.NoError(t, err)
	assert.Equal(t, "Ready", table.ColumnDefinitions[1].Name)
	assert.Equal(t, []any{"p", "1/1", "Running", "0", "60m"}, table.Rows[0].Cells[:5])
}

func widgetCRD() (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion) {
	crd := &apiobj.CustomResourceDefinition{
		ObjectMeta: apiobj.ObjectMeta{Name: "widgets.example.com"},
		Spec: apiobj.CustomResourceDefinitionSpec{Group: "example.com", Scope: apiobj.NamespaceScoped,
			Names: apiobj.CustomResourceDefinitionNames{Plural: "widgets", Kind: "Widget"},
			Versions: []apiobj.CustomResourceDefinitionVersion{{Name: "v1", Served: true, Storage: true,
				AdditionalPrinterColumns: []apiobj.CustomResourceColumnDefinition{
					{Name: "Replicas", Type: "integer", JSONPath: ".spec.replicas"},
					{Name: "Ready", Type: "string", JSONPath: `.status.conditions[?(@.type=="Ready")].status`},
					{Name: "Size", Type: "number", JSONPath: ".spec.size", Priority: 1},
					{Name: "Paused", Type: "boolean", JSONPath: ".spec.paused"},
					{Name: "Tags", Type: "string", JSONPath: ".spec.tags"},
					{Name: "Owner", Type: "string", JSONPath: `.metadata.annotations.example\.com/owner`},
					{Name: "Age", Type: "date", JSONPath: ".metadata.creationTimestamp"},
				}}, {Name: "v1beta1", Served: true}}},
	}
	return crd, &crd.Spec.Versions[0]
}

func TestCustomResourceColumns(t *testing.T) {
	t.Parallel()
	crd, _ := widgetCRD()
	lookup := CRDLookupFunc(func(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool) {
		if gvk.Group != "example.com" || gvk.Kind != "Widget" {
			return nil, nil, false
		}
		for i := range crd.Spec.Versions {
			if crd.Spec.Versions[i].Name == gvk.Version {
				return crd, &crd.Spec.Versions[i], true
			}
		}
		return nil, nil, false
	})
	scheme := apiobj.NewScheme()
	require.NoError(t, scheme.AddKind(apiobj.KindInfo{GroupVersionKind: apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"},
		Resource: "widgets", Namespaced: true}))
	p := New(Config{Scheme: scheme, CRDs: lookup})

	u := &apiobj.Unstructured{}
	require.NoError(t, u.UnmarshalJSON([]byte(`{"apiVersion":"example.com/v1","kind":"Widget",
		"metadata":{"name":"w1","creationTimestamp":"2025-06-01T11:55:00Z","annotations":{"example.com/owner":"team-a"}},
		"spec":{"replicas":3,"size":1.5,"paused":false,"tags":["a","b"]},
		"status":{"conditions":[{"type":"Synced","status":"True"},{"type":"Ready","status":"False"}]}}`)))
	table, err := p.ToTable(u, TableOptions{Now: now})
	require.NoError(t, err)
	var names []string
	for _, c := range table.ColumnDefinitions {
		names = append(names, c.Name)
	}
	assert.Equal(t, []string{"Name", "Replicas", "Ready", "Size", "Paused", "Tags", "Owner", "Age"}, names)
	assert.Equal(t, int32(1), table.ColumnDefinitions[3].Priority)
	assert.Equal(t, "name", table.ColumnDefinitions[0].Format)
	assert.Equal(t, []any{"w1", int64(3), "False", 1.5, false, `["a","b"]`, "team-a", "5m"}, table.Rows[0].Cells)

	// Missing fields are nil cells.
	bare := apiobj.NewUnstructured(apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"})
	bare.SetName("w2")
	table, err = p.ToTable(bare, TableOptions{Now: now})
	require.NoError(t, err)
	assert.Equal(t, []any{"w2", nil, nil, nil, nil, nil, nil, nil}, table.Rows[0].Cells)

	// A version without columns prints AGE, as a date turned into an age.
	old := apiobj.NewUnstructured(apiobj.GroupVersionKind{Group: "example.com", Version: "v1beta1", Kind: "Widget"})
	old.SetName("w3")
	old.SetCreationTimestamp(ago(time.Hour))
	table, err = p.ToTable(old, TableOptions{Now: now})
	require.NoError(t, err)
	assert.Equal(t, "Age", table.ColumnDefinitions[1].Name)
	assert.Equal(t, "date", table.ColumnDefinitions[1].Type)
	assert.Equal(t, []any{"w3", "60m"}, table.Rows[0].Cells)

	// An empty list still has the kind's columns.
	table, err = p.ToTable(&apiobj.UnstructuredList{Object: map[string]any{"apiVersion": "example.com/v1", "kind": "WidgetList"}}, TableOptions{})
	require.NoError(t, err)
	assert.Len(t, table.ColumnDefinitions, 8)
	assert.Empty(t, table.Rows)
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	p := New(Config{})
	pods := &apiobj.PodList{}
	for i := range 20 {
		pods.Items = append(pods.Items, *podWith(func(p *apiobj.Pod) { p.Name = string(rune('a' + i)) }))
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				table, err := p.ToTable(pods, TableOptions{IncludeObject: IncludeObject})
				assert.NoError(t, err)
				assert.Len(t, table.Rows, 20)
			}
		}()
	}
	wg.Wait()
}

func TestJSONPath(t *testing.T) {
	t.Parallel()
	var doc any
	require.NoError(t, json.Unmarshal([]byte(`{
		"metadata": {"name": "n", "labels": {"app.kubernetes.io/name": "web"}},
		"spec": {"replicas": 2, "containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]},
		"status": {"conditions": [{"type": "Ready", "status": "True", "n": 1}, {"type": "Synced", "status": "False", "n": 2}]}
	}`), &doc))
	tests := []struct {
		expr string
		want []any
	}{
		{".metadata.name", []any{"n"}},
		{"{.metadata.name}", []any{"n"}},
		{"$.metadata.name", []any{"n"}},
		{".spec.replicas", []any{float64(2)}},
		{".spec.containers[1].name", []any{"b"}},
		{".spec.containers[-1].image", []any{"y"}},
		{".spec.containers[*].image", []any{"x", "y"}},
		{".spec.containers[5].image", nil},
		{`.metadata.labels['app.kubernetes.io/name']`, []any{"web"}},
		{`.metadata.labels.app\.kubernetes\.io/name`, []any{"web"}},
		{`.status.conditions[?(@.type=="Synced")].status`, []any{"False"}},
		{`.status.conditions[?(@.type == 'Ready')].status`, []any{"True"}},
		{`.status.conditions[?(@.type!="Ready")].type`, []any{"Synced"}},
		{`.status.conditions[?(@.n==2)].type`, []any{"Synced"}},
		{`.status.conditions[?(@.missing)].type`, nil},
		{`.status.conditions[?(@.n)].type`, []any{"Ready", "Synced"}},
		{".nope.deeper", nil},
	}
	for _, tt := range tests {
		p, err := ParseJSONPath(tt.expr)
		require.NoError(t, err, tt.expr)
		assert.Equal(t, tt.want, p.Find(doc), tt.expr)
	}
	for _, bad := range []string{"", "spec", ".spec[", ".spec[x]", `.a[?(@.b=="c")`, `.a['b]`, ".a..b", `.a[?(b)]`} {
		_, err := ParseJSONPath(bad)
		assert.Error(t, err, bad)
	}
}
