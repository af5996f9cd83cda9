package apiobj

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj/resource"
)

const testDigest = "sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestDefaultImagePullPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		image string
		want  PullPolicy
	}{
		{name: "no tag", image: "busybox", want: PullAlways},
		{name: "latest tag", image: "busybox:latest", want: PullAlways},
		{name: "other tag", image: "busybox:1.36", want: PullIfNotPresent},
		{name: "tag is case sensitive", image: "busybox:LATEST", want: PullIfNotPresent},
		{name: "digest only", image: "busybox@" + testDigest, want: PullIfNotPresent},
		{name: "latest tag and digest", image: "busybox:latest@" + testDigest, want: PullAlways},
		{name: "other tag and digest", image: "busybox:1.0@" + testDigest, want: PullIfNotPresent},
		{name: "registry port without tag", image: "localhost:5000/busybox", want: PullAlways},
		{name: "registry port with tag", image: "localhost:5000/busybox:1.0", want: PullIfNotPresent},
		{name: "registry port with latest", image: "localhost:5000/busybox:latest", want: PullAlways},
		{name: "registry port and digest", image: "localhost:5000/busybox@" + testDigest, want: PullIfNotPresent},
		{name: "registry with path", image: "registry.example.com:443/team/app", want: PullAlways},
		{name: "ipv6 registry with tag", image: "[::1]:5000/app:v1", want: PullIfNotPresent},
		{name: "ipv6 registry without tag", image: "[::1]:5000/app", want: PullAlways},
		{name: "docker hub fully qualified", image: "docker.io/library/nginx", want: PullAlways},
		{name: "nested path with latest", image: "a/b/c:latest", want: PullAlways},
		{name: "separators in path", image: "my--org/app_x.y__z", want: PullAlways},
		{name: "upper-case first component is a registry", image: "Registry/app", want: PullAlways},
		{name: "single component port-like tag", image: "localhost:5000", want: PullIfNotPresent},
		// References that do not parse get IfNotPresent, as in Kubernetes.
		{name: "empty", image: "", want: PullIfNotPresent},
		{name: "upper-case repository", image: "Busybox", want: PullIfNotPresent},
		{name: "short digest", image: "busybox@sha256:abc", want: PullIfNotPresent},
		{name: "latest with bad digest", image: "busybox:latest@sha256:abc", want: PullIfNotPresent},
		{name: "unknown digest algorithm", image: "busybox@md5:" + strings.Repeat("a", 32), want: PullIfNotPresent},
		{name: "image ID", image: strings.Repeat("ab", 32), want: PullIfNotPresent},
		{name: "empty tag", image: "busybox:", want: PullIfNotPresent},
		{name: "leading space", image: " busybox", want: PullIfNotPresent},
		{name: "empty registry label", image: "my..reg/app", want: PullIfNotPresent},
		{name: "bad port", image: "localhost:50a0/app", want: PullIfNotPresent},
		{name: "tag too long", image: "busybox:" + strings.Repeat("a", 129), want: PullIfNotPresent},
		{name: "name too long", image: "example.com/" + strings.Repeat("a", 250), want: PullIfNotPresent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, pullPolicyForImage(tt.image))

			spec := PodSpec{
				InitContainers: []Container{{Name: "i", Image: tt.image}},
				Containers: []Container{
					{Name: "c", Image: tt.image},
					{Name: "kept", Image: tt.image, ImagePullPolicy: PullNever},
				},
				EphemeralContainers: []EphemeralContainer{{EphemeralContainerCommon: EphemeralContainerCommon{Name: "e", Image: tt.image}}},
				Volumes:             []Volume{{Name: "v", VolumeSource: VolumeSource{Image: &ImageVolumeSource{Reference: tt.image}}}},
			}
			DefaultPodSpec(&spec)
			require.Equal(t, tt.want, spec.InitContainers[0].ImagePullPolicy)
			require.Equal(t, tt.want, spec.Containers[0].ImagePullPolicy)
			require.Equal(t, PullNever, spec.Containers[1].ImagePullPolicy)
			require.Equal(t, tt.want, spec.EphemeralContainers[0].ImagePullPolicy)
			require.Equal(t, tt.want, spec.Volumes[0].Image.PullPolicy)
		})
	}
}

// defaultedPodSpec returns what DefaultPodSpec makes of an empty spec.
func defaultedPodSpec() PodSpec {
	return PodSpec{
		RestartPolicy:                 RestartPolicyAlways,
		TerminationGracePeriodSeconds: Int64(30),
		DNSPolicy:                     DNSClusterFirst,
		SecurityContext:               &PodSecurityContext{},
		SchedulerName:                 DefaultSchedulerName,
	}
}

// defaultedContainer returns what defaultContainer makes of a container
// with only a name and an image with a tag.
func defaultedContainer(name, image string) Container {
	return Container{
		Name:                     name,
		Image:                    image,
		ImagePullPolicy:          PullIfNotPresent,
		TerminationMessagePath:   "/dev/termination-log",
		TerminationMessagePolicy: TerminationMessageReadFile,
	}
}

func TestDefaultPod(t *testing.T) {
	t.Parallel()
	in := &Pod{
		ObjectMeta: ObjectMeta{Name: "p", Namespace: "ns"},
		Spec: PodSpec{
			Volumes: []Volume{
				{Name: "empty"},
				{Name: "secret", VolumeSource: VolumeSource{Secret: &SecretVolumeSource{SecretName: "s"}}},
				{Name: "cm", VolumeSource: VolumeSource{ConfigMap: &ConfigMapVolumeSource{LocalObjectReference: LocalObjectReference{Name: "c"}, DefaultMode: Int32(0o400)}}},
				{Name: "dapi", VolumeSource: VolumeSource{DownwardAPI: &DownwardAPIVolumeSource{Items: []DownwardAPIVolumeFile{
					{Path: "labels", FieldRef: &ObjectFieldSelector{FieldPath: "metadata.labels"}},
				}}}},
				{Name: "proj", VolumeSource: VolumeSource{Projected: &ProjectedVolumeSource{Sources: []VolumeProjection{
					{ServiceAccountToken: &ServiceAccountTokenProjection{Path: "token"}},
					{DownwardAPI: &DownwardAPIProjection{Items: []DownwardAPIVolumeFile{{Path: "n", FieldRef: &ObjectFieldSelector{FieldPath: "metadata.name"}}}}},
				}}}},
				{Name: "host", VolumeSource: VolumeSource{HostPath: &HostPathVolumeSource{Path: "/data"}}},
				{Name: "scratch", VolumeSource: VolumeSource{EmptyDir: &EmptyDirVolumeSource{Medium: StorageMediumMemory}}},
				{Name: "eph", VolumeSource: VolumeSource{Ephemeral: &EphemeralVolumeSource{VolumeClaimTemplate: &PersistentVolumeClaimTemplate{}}}},
			},
			InitContainers: []Container{{Name: "init", Image: "busybox:1"}},
			Containers: []Container{{
				Name:  "app",
				Image: "nginx",
				Ports: []ContainerPort{{ContainerPort: 80}, {ContainerPort: 53, Protocol: ProtocolUDP}},
				Env: []EnvVar{
					{Name: "NODE", ValueFrom: &EnvVarSource{FieldRef: &ObjectFieldSelector{FieldPath: "spec.nodeName"}}},
					{Name: "PLAIN", Value: "x"},
				},
				LivenessProbe:  &Probe{ProbeHandler: ProbeHandler{HTTPGet: &HTTPGetAction{Port: FromInt32(80)}}},
				ReadinessProbe: &Probe{ProbeHandler: ProbeHandler{GRPC: &GRPCAction{Port: 9000}}, PeriodSeconds: 5},
				StartupProbe:   &Probe{ProbeHandler: ProbeHandler{TCPSocket: &TCPSocketAction{Port: FromInt32(80)}}},
				Lifecycle: &Lifecycle{
					PreStop:   &LifecycleHandler{HTTPGet: &HTTPGetAction{Port: FromString("http"), Path: "/quit"}},
					PostStart: &LifecycleHandler{Exec: &ExecAction{Command: []string{"true"}}},
				},
				ImagePullPolicy: PullNever,
			}},
			EphemeralContainers: []EphemeralContainer{{EphemeralContainerCommon: EphemeralContainerCommon{Name: "debug", Image: "busybox:1"}}},
		},
	}

	want := in.DeepCopyObject().(*Pod)
	spec := defaultedPodSpec()
	spec.EnableServiceLinks = Bool(true)
	spec.Volumes = want.Spec.Volumes
	spec.Volumes[0].EmptyDir = &EmptyDirVolumeSource{}
	spec.Volumes[1].Secret.DefaultMode = Int32(0o644)
	spec.Volumes[3].DownwardAPI.DefaultMode = Int32(0o644)
	spec.Volumes[3].DownwardAPI.Items[0].FieldRef.APIVersion = "v1"
	spec.Volumes[4].Projected.DefaultMode = Int32(0o644)
	spec.Volumes[4].Projected.Sources[0].ServiceAccountToken.ExpirationSeconds = Int64(3600)
	spec.Volumes[4].Projected.Sources[1].DownwardAPI.Items[0].FieldRef.APIVersion = "v1"
	spec.Volumes[5].HostPath.Type = Ptr(HostPathUnset)
	spec.Volumes[7].Ephemeral.VolumeClaimTemplate.Spec.VolumeMode = Ptr(PersistentVolumeFilesystem)
	spec.InitContainers = []Container{defaultedContainer("init", "busybox:1")}
	app := want.Spec.Containers[0]
	app.TerminationMessagePath = "/dev/termination-log"
	app.TerminationMessagePolicy = TerminationMessageReadFile
	app.Ports[0].Protocol = ProtocolTCP
	app.Env[0].ValueFrom.FieldRef.APIVersion = "v1"
	app.LivenessProbe = &Probe{
		ProbeHandler:   ProbeHandler{HTTPGet: &HTTPGetAction{Port: FromInt32(80), Path: "/", Scheme: URISchemeHTTP}},
		TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3,
	}
	app.ReadinessProbe = &Probe{
		ProbeHandler:   ProbeHandler{GRPC: &GRPCAction{Port: 9000, Service: Ptr("")}},
		TimeoutSeconds: 1, PeriodSeconds: 5, SuccessThreshold: 1, FailureThreshold: 3,
	}
	app.StartupProbe = &Probe{
		ProbeHandler:   ProbeHandler{TCPSocket: &TCPSocketAction{Port: FromInt32(80)}},
		TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3,
	}
	app.Lifecycle.PreStop.HTTPGet.Scheme = URISchemeHTTP
	spec.Containers = []Container{app}
	spec.EphemeralContainers = []EphemeralContainer{{EphemeralContainerCommon: EphemeralContainerCommon(defaultedContainer("debug", "busybox:1"))}}
	want.Spec = spec

	DefaultPod(in)
	if diff := cmp.Diff(want, in); diff != "" {
		t.Fatalf("DefaultPod (-want +got):\n%s", diff)
	}
}

func TestDefaultPodSpecKeepsSetFields(t *testing.T) {
	t.Parallel()
	spec := PodSpec{
		RestartPolicy:                 RestartPolicyNever,
		TerminationGracePeriodSeconds: Int64(0),
		DNSPolicy:                     DNSDefault,
		SecurityContext:               &PodSecurityContext{RunAsUser: Int64(1000)},
		SchedulerName:                 "other",
	}
	want := spec
	want.SecurityContext = &PodSecurityContext{RunAsUser: Int64(1000)}
	DefaultPodSpec(&spec)
	require.Empty(t, cmp.Diff(want, spec))
	// Pod-only defaults are not applied to templates.
	require.Nil(t, spec.EnableServiceLinks)
}

func TestDefaultPodHostNetwork(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		hostNetwork bool
		in          []ContainerPort
		want        []ContainerPort
	}{
		{
			name:        "host network copies container ports",
			hostNetwork: true,
			in:          []ContainerPort{{ContainerPort: 8080}, {ContainerPort: 9090, HostPort: 1234}},
			want:        []ContainerPort{{ContainerPort: 8080, HostPort: 8080, Protocol: ProtocolTCP}, {ContainerPort: 9090, HostPort: 1234, Protocol: ProtocolTCP}},
		},
		{
			name: "pod network leaves host ports unset",
			in:   []ContainerPort{{ContainerPort: 8080}},
			want: []ContainerPort{{ContainerPort: 8080, Protocol: ProtocolTCP}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &Pod{Spec: PodSpec{
				HostNetwork:    tt.hostNetwork,
				InitContainers: []Container{{Name: "i", Image: "x:1", Ports: append([]ContainerPort(nil), tt.in...)}},
				Containers:     []Container{{Name: "c", Image: "x:1", Ports: append([]ContainerPort(nil), tt.in...)}},
			}}
			DefaultPod(p)
			require.Empty(t, cmp.Diff(tt.want, p.Spec.Containers[0].Ports))
			require.Empty(t, cmp.Diff(tt.want, p.Spec.InitContainers[0].Ports))

			// Templates never get host ports.
			tmpl := PodSpec{HostNetwork: tt.hostNetwork, Containers: []Container{{Name: "c", Ports: []ContainerPort{{ContainerPort: 8080}}}}}
			DefaultPodSpec(&tmpl)
			require.Zero(t, tmpl.Containers[0].Ports[0].HostPort)
		})
	}
}

func resourceList(kv ...string) ResourceList {
	rl := ResourceList{}
	for i := 0; i < len(kv); i += 2 {
		rl[ResourceName(kv[i])] = resource.MustParse(kv[i+1])
	}
	return rl
}

func TestDefaultPodRequestsFromLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   ResourceRequirements
		want ResourceRequirements
	}{
		{
			name: "no limits leaves requests alone",
			in:   ResourceRequirements{Requests: resourceList("cpu", "100m")},
			want: ResourceRequirements{Requests: resourceList("cpu", "100m")},
		},
		{
			name: "nothing set stays unset",
		},
		{
			name: "limits only",
			in:   ResourceRequirements{Limits: resourceList("cpu", "1", "memory", "1Gi")},
			want: ResourceRequirements{Limits: resourceList("cpu", "1", "memory", "1Gi"), Requests: resourceList("cpu", "1", "memory", "1Gi")},
		},
		{
			name: "missing requests are filled per resource",
			in:   ResourceRequirements{Limits: resourceList("cpu", "1", "memory", "1Gi"), Requests: resourceList("cpu", "250m")},
			want: ResourceRequirements{Limits: resourceList("cpu", "1", "memory", "1Gi"), Requests: resourceList("cpu", "250m", "memory", "1Gi")},
		},
		{
			name: "explicit zero request is kept",
			in:   ResourceRequirements{Limits: resourceList("cpu", "1"), Requests: resourceList("cpu", "0")},
			want: ResourceRequirements{Limits: resourceList("cpu", "1"), Requests: resourceList("cpu", "0")},
		},
		{
			name: "empty limits give empty requests",
			in:   ResourceRequirements{Limits: ResourceList{}},
			want: ResourceRequirements{Limits: ResourceList{}, Requests: ResourceList{}},
		},
		{
			name: "sub-milli quantities are rounded up",
			in:   ResourceRequirements{Limits: resourceList("cpu", "0.0001")},
			want: ResourceRequirements{Limits: resourceList("cpu", "1m"), Requests: resourceList("cpu", "1m")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &Pod{Spec: PodSpec{
				InitContainers:      []Container{{Name: "i", Resources: *tt.in.DeepCopy()}},
				Containers:          []Container{{Name: "c", Resources: *tt.in.DeepCopy()}},
				EphemeralContainers: []EphemeralContainer{{EphemeralContainerCommon: EphemeralContainerCommon{Name: "e", Resources: *tt.in.DeepCopy()}}},
			}}
			DefaultPod(p)
			require.Empty(t, cmp.Diff(tt.want, p.Spec.Containers[0].Resources), "container")
			require.Empty(t, cmp.Diff(tt.want, p.Spec.InitContainers[0].Resources), "init container")
			// Ephemeral containers may not set resources; theirs are only rounded.
			require.Equal(t, len(tt.in.Requests), len(p.Spec.EphemeralContainers[0].Resources.Requests), "ephemeral container")

			// Pod templates keep their requests as given.
			tmpl := PodSpec{Containers: []Container{{Name: "c", Resources: *tt.in.DeepCopy()}}}
			DefaultPodSpec(&tmpl)
			require.Equal(t, len(tt.in.Requests), len(tmpl.Containers[0].Resources.Requests))
		})
	}
}

func TestDefaultPodLevelResources(t *testing.T) {
	t.Parallel()
	sidecar := Ptr(ContainerRestartPolicyAlways)
	tests := []struct {
		name  string
		pod   PodSpec
		wantR *ResourceRequirements
	}{
		{
			name: "no pod-level resources",
			pod:  PodSpec{Containers: []Container{{Name: "c", Resources: ResourceRequirements{Requests: resourceList("cpu", "1")}}}},
		},
		{
			name: "pod-level requests only are kept",
			pod: PodSpec{
				Resources:  &ResourceRequirements{Requests: resourceList("cpu", "2")},
				Containers: []Container{{Name: "c", Resources: ResourceRequirements{Requests: resourceList("memory", "1Gi")}}},
			},
			wantR: &ResourceRequirements{Requests: resourceList("cpu", "2")},
		},
		{
			name: "pod-level limits default requests to the limits without container requests",
			pod: PodSpec{
				Resources:  &ResourceRequirements{Limits: resourceList("cpu", "2", "memory", "2Gi")},
				Containers: []Container{{Name: "c"}},
			},
			wantR: &ResourceRequirements{Limits: resourceList("cpu", "2", "memory", "2Gi"), Requests: resourceList("cpu", "2", "memory", "2Gi")},
		},
		{
			name: "pod-level requests come from the container aggregate",
			pod: PodSpec{
				Resources: &ResourceRequirements{Limits: resourceList("cpu", "4", "memory", "4Gi")},
				InitContainers: []Container{
					{Name: "side", RestartPolicy: sidecar, Resources: ResourceRequirements{Requests: resourceList("cpu", "100m")}},
					{Name: "big-init", Resources: ResourceRequirements{Requests: resourceList("cpu", "3")}},
				},
				Containers: []Container{
					{Name: "a", Resources: ResourceRequirements{Requests: resourceList("cpu", "500m", "example.com/gpu", "1")}},
					{Name: "b", Resources: ResourceRequirements{Requests: resourceList("cpu", "500m")}},
				},
			},
			// Peak is max(0.1+0.5+0.5, 3+0.1) = 3.1; memory falls back to the limit;
			// extended resources are not pod-level.
			wantR: &ResourceRequirements{Limits: resourceList("cpu", "4", "memory", "4Gi"), Requests: resourceList("cpu", "3100m", "memory", "4Gi")},
		},
		{
			name: "hugepage limits come from the containers",
			pod: PodSpec{
				Resources:  &ResourceRequirements{Requests: resourceList("memory", "1Gi")},
				Containers: []Container{{Name: "c", Resources: ResourceRequirements{Limits: resourceList("hugepages-2Mi", "4Mi")}}},
			},
			wantR: &ResourceRequirements{Limits: resourceList("hugepages-2Mi", "4Mi"), Requests: resourceList("memory", "1Gi", "hugepages-2Mi", "4Mi")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &Pod{Spec: tt.pod}
			DefaultPod(p)
			require.Empty(t, cmp.Diff(tt.wantR, p.Spec.Resources))
		})
	}
}

func TestRoundUpToMilli(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{name: "whole", in: "2", want: "2"},
		{name: "milli", in: "250m", want: "250m"},
		{name: "binary", in: "1Gi", want: "1Gi"},
		{name: "nano", in: "1n", want: "1m"},
		{name: "fraction", in: "0.0015", want: "2m"},
		{name: "negative rounds away from zero", in: "-1n", want: "-1m"},
		{name: "beyond int64 millis is left alone", in: "100E", want: "100E"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, _ := roundUpToMilli(resource.MustParse(tt.in))
			want := resource.MustParse(tt.want)
			require.Zero(t, got.Cmp(want), "got %s want %s", got.String(), want.String())
			require.Equal(t, want.Format, got.Format)
		})
	}
}

func TestDefaultDeployment(t *testing.T) {
	t.Parallel()
	pct := func(s string) *IntOrString { return Ptr(FromString(s)) }
	tests := []struct {
		name string
		in   DeploymentSpec
		want DeploymentSpec
	}{
		{
			name: "empty",
			want: DeploymentSpec{
				Replicas: Int32(1),
				Strategy: DeploymentStrategy{
					Type:          RollingUpdateDeploymentStrategyType,
					RollingUpdate: &RollingUpdateDeployment{MaxUnavailable: pct("25%"), MaxSurge: pct("25%")},
				},
				RevisionHistoryLimit:    Int32(10),
				ProgressDeadlineSeconds: Int32(600),
				Template:                PodTemplateSpec{Spec: defaultedPodSpec()},
			},
		},
		{
			name: "recreate gets no rolling update",
			in:   DeploymentSpec{Replicas: Int32(0), Strategy: DeploymentStrategy{Type: RecreateDeploymentStrategyType}},
			want: DeploymentSpec{
				Replicas:                Int32(0),
				Strategy:                DeploymentStrategy{Type: RecreateDeploymentStrategyType},
				RevisionHistoryLimit:    Int32(10),
				ProgressDeadlineSeconds: Int32(600),
				Template:                PodTemplateSpec{Spec: defaultedPodSpec()},
			},
		},
		{
			name: "partial rolling update",
			in: DeploymentSpec{
				Strategy:             DeploymentStrategy{RollingUpdate: &RollingUpdateDeployment{MaxSurge: Ptr(FromInt32(0))}},
				RevisionHistoryLimit: Int32(0),
			},
			want: DeploymentSpec{
				Replicas: Int32(1),
				Strategy: DeploymentStrategy{
					Type:          RollingUpdateDeploymentStrategyType,
					RollingUpdate: &RollingUpdateDeployment{MaxUnavailable: pct("25%"), MaxSurge: Ptr(FromInt32(0))},
				},
				RevisionHistoryLimit:    Int32(0),
				ProgressDeadlineSeconds: Int32(600),
				Template:                PodTemplateSpec{Spec: defaultedPodSpec()},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := &Deployment{Spec: tt.in}
			DefaultDeployment(d)
			require.Empty(t, cmp.Diff(tt.want, d.Spec))
		})
	}
}

func TestDefaultJob(t *testing.T) {
	t.Parallel()
	base := func() JobSpec {
		return JobSpec{
			Parallelism:          Int32(1),
			Completions:          Int32(1),
			BackoffLimit:         Int32(6),
			CompletionMode:       Ptr(NonIndexedCompletion),
			Suspend:              Bool(false),
			ManualSelector:       Bool(false),
			PodReplacementPolicy: Ptr(PodReplacementTerminatingOrFailed),
			// Like Kubernetes, the template's restartPolicy is defaulted to
			// Always, which Job validation rejects.
			Template: PodTemplateSpec{Spec: defaultedPodSpec()},
		}
	}
	tests := []struct {
		name       string
		in         Job
		want       func() JobSpec
		wantLabels map[string]string
	}{
		{name: "empty", want: base},
		{
			name: "parallelism alone leaves completions unset",
			in:   Job{Spec: JobSpec{Parallelism: Int32(5)}},
			want: func() JobSpec { s := base(); s.Parallelism, s.Completions = Int32(5), nil; return s },
		},
		{
			name: "completions alone gets parallelism 1",
			in:   Job{Spec: JobSpec{Completions: Int32(8)}},
			want: func() JobSpec { s := base(); s.Completions = Int32(8); return s },
		},
		{
			name: "backoff limit per index",
			in:   Job{Spec: JobSpec{BackoffLimitPerIndex: Int32(2), CompletionMode: Ptr(IndexedCompletion)}},
			want: func() JobSpec {
				s := base()
				s.BackoffLimitPerIndex, s.CompletionMode, s.BackoffLimit = Int32(2), Ptr(IndexedCompletion), Int32(math.MaxInt32)
				return s
			},
		},
		{
			name: "pod failure policy",
			in: Job{Spec: JobSpec{PodFailurePolicy: &PodFailurePolicy{Rules: []PodFailurePolicyRule{{
				Action:          PodFailurePolicyActionIgnore,
				OnPodConditions: []PodFailurePolicyOnPodConditionsPattern{{Type: DisruptionTarget}, {Type: PodReady, Status: ConditionFalse}},
			}}}}},
			want: func() JobSpec {
				s := base()
				s.PodFailurePolicy = &PodFailurePolicy{Rules: []PodFailurePolicyRule{{
					Action:          PodFailurePolicyActionIgnore,
					OnPodConditions: []PodFailurePolicyOnPodConditionsPattern{{Type: DisruptionTarget, Status: ConditionTrue}, {Type: PodReady, Status: ConditionFalse}},
				}}}
				s.PodReplacementPolicy = Ptr(PodReplacementFailed)
				return s
			},
		},
		{
			name: "labels come from the template",
			in: Job{Spec: JobSpec{
				ManualSelector: Bool(true),
				Template:       PodTemplateSpec{ObjectMeta: ObjectMeta{Labels: map[string]string{"app": "x"}}, Spec: PodSpec{RestartPolicy: RestartPolicyNever}},
			}},
			want: func() JobSpec {
				s := base()
				s.ManualSelector = Bool(true)
				s.Template.Labels = map[string]string{"app": "x"}
				s.Template.Spec.RestartPolicy = RestartPolicyNever
				return s
			},
			wantLabels: map[string]string{"app": "x"},
		},
		{
			name: "own labels are kept",
			in: Job{
				ObjectMeta: ObjectMeta{Labels: map[string]string{"mine": "y"}},
				Spec:       JobSpec{Template: PodTemplateSpec{ObjectMeta: ObjectMeta{Labels: map[string]string{"app": "x"}}}},
			},
			want:       func() JobSpec { s := base(); s.Template.Labels = map[string]string{"app": "x"}; return s },
			wantLabels: map[string]string{"mine": "y"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			j := tt.in.DeepCopyObject().(*Job)
			DefaultJob(j)
			require.Empty(t, cmp.Diff(tt.want(), j.Spec))
			require.Equal(t, tt.wantLabels, j.Labels)
			if j.Labels != nil && j.Spec.Template.Labels != nil {
				j.Labels["changed"] = "1"
				require.NotContains(t, j.Spec.Template.Labels, "changed", "labels must not alias the template's")
			}
		})
	}
}

func TestDefaultCronJob(t *testing.T) {
	t.Parallel()
	cj := &CronJob{Spec: CronJobSpec{Schedule: "* * * * *", FailedJobsHistoryLimit: Int32(0)}}
	cj.Spec.JobTemplate.Spec.PodFailurePolicy = &PodFailurePolicy{Rules: []PodFailurePolicyRule{{
		Action: PodFailurePolicyActionFailJob, OnPodConditions: []PodFailurePolicyOnPodConditionsPattern{{Type: DisruptionTarget}},
	}}}
	DefaultCronJob(cj)
	want := CronJobSpec{
		Schedule:                   "* * * * *",
		ConcurrencyPolicy:          AllowConcurrent,
		Suspend:                    Bool(false),
		SuccessfulJobsHistoryLimit: Int32(3),
		FailedJobsHistoryLimit:     Int32(0),
		// The job template's own fields are not defaulted; its pod spec and
		// pod failure policy patterns are.
		JobTemplate: JobTemplateSpec{Spec: JobSpec{
			Template: PodTemplateSpec{Spec: defaultedPodSpec()},
			PodFailurePolicy: &PodFailurePolicy{Rules: []PodFailurePolicyRule{{
				Action: PodFailurePolicyActionFailJob, OnPodConditions: []PodFailurePolicyOnPodConditionsPattern{{Type: DisruptionTarget, Status: ConditionTrue}},
			}}},
		}},
	}
	require.Empty(t, cmp.Diff(want, cj.Spec))
}

func TestDefaultService(t *testing.T) {
	t.Parallel()
	cluster := Ptr(ServiceInternalTrafficPolicyCluster)
	tests := []struct {
		name string
		in   Service
		want Service
	}{
		{
			name: "cluster IP",
			in: Service{Spec: ServiceSpec{Ports: []ServicePort{
				{Name: "a", Port: 80},
				{Name: "b", Port: 81, TargetPort: FromString("")},
				{Name: "c", Port: 82, TargetPort: FromString("http"), Protocol: ProtocolUDP},
				{Name: "d", Port: 83, TargetPort: FromInt32(8083)},
			}}},
			want: Service{Spec: ServiceSpec{
				Type:            ServiceTypeClusterIP,
				SessionAffinity: ServiceAffinityNone,
				Ports: []ServicePort{
					{Name: "a", Port: 80, TargetPort: FromInt32(80), Protocol: ProtocolTCP},
					{Name: "b", Port: 81, TargetPort: FromInt32(81), Protocol: ProtocolTCP},
					{Name: "c", Port: 82, TargetPort: FromString("http"), Protocol: ProtocolUDP},
					{Name: "d", Port: 83, TargetPort: FromInt32(8083), Protocol: ProtocolTCP},
				},
				InternalTrafficPolicy: cluster,
			}},
		},
		{
			name: "cluster IP with external IPs is externally reachable",
			in:   Service{Spec: ServiceSpec{ExternalIPs: []string{"192.0.2.1"}}},
			want: Service{Spec: ServiceSpec{
				Type: ServiceTypeClusterIP, SessionAffinity: ServiceAffinityNone, ExternalIPs: []string{"192.0.2.1"},
				ExternalTrafficPolicy: ServiceExternalTrafficPolicyCluster, InternalTrafficPolicy: cluster,
			}},
		},
		{
			name: "node port",
			in:   Service{Spec: ServiceSpec{Type: ServiceTypeNodePort}},
			want: Service{Spec: ServiceSpec{
				Type: ServiceTypeNodePort, SessionAffinity: ServiceAffinityNone,
				ExternalTrafficPolicy: ServiceExternalTrafficPolicyCluster, InternalTrafficPolicy: cluster,
			}},
		},
		{
			name: "load balancer",
			in: Service{
				Spec: ServiceSpec{Type: ServiceTypeLoadBalancer, ExternalTrafficPolicy: ServiceExternalTrafficPolicyLocal},
				Status: ServiceStatus{LoadBalancer: LoadBalancerStatus{Ingress: []LoadBalancerIngress{
					{IP: "192.0.2.10"}, {Hostname: "lb.example.com"}, {IP: "192.0.2.11", IPMode: Ptr(LoadBalancerIPModeProxy)},
				}}},
			},
			want: Service{
				Spec: ServiceSpec{
					Type: ServiceTypeLoadBalancer, SessionAffinity: ServiceAffinityNone,
					ExternalTrafficPolicy: ServiceExternalTrafficPolicyLocal, InternalTrafficPolicy: cluster,
					AllocateLoadBalancerNodePorts: Bool(true),
				},
				Status: ServiceStatus{LoadBalancer: LoadBalancerStatus{Ingress: []LoadBalancerIngress{
					{IP: "192.0.2.10", IPMode: Ptr(LoadBalancerIPModeVIP)}, {Hostname: "lb.example.com"}, {IP: "192.0.2.11", IPMode: Ptr(LoadBalancerIPModeProxy)},
				}}},
			},
		},
		{
			name: "external name",
			in:   Service{Spec: ServiceSpec{Type: ServiceTypeExternalName, ExternalName: "db.example.com"}},
			want: Service{Spec: ServiceSpec{Type: ServiceTypeExternalName, ExternalName: "db.example.com", SessionAffinity: ServiceAffinityNone}},
		},
		{
			name: "client IP affinity gets a timeout",
			in:   Service{Spec: ServiceSpec{SessionAffinity: ServiceAffinityClientIP, SessionAffinityConfig: &SessionAffinityConfig{ClientIP: &ClientIPConfig{}}}},
			want: Service{Spec: ServiceSpec{
				Type: ServiceTypeClusterIP, SessionAffinity: ServiceAffinityClientIP, InternalTrafficPolicy: cluster,
				SessionAffinityConfig: &SessionAffinityConfig{ClientIP: &ClientIPConfig{TimeoutSeconds: Int32(10800)}},
			}},
		},
		{
			name: "client IP timeout is kept",
			in:   Service{Spec: ServiceSpec{SessionAffinity: ServiceAffinityClientIP, SessionAffinityConfig: &SessionAffinityConfig{ClientIP: &ClientIPConfig{TimeoutSeconds: Int32(60)}}}},
			want: Service{Spec: ServiceSpec{
				Type: ServiceTypeClusterIP, SessionAffinity: ServiceAffinityClientIP, InternalTrafficPolicy: cluster,
				SessionAffinityConfig: &SessionAffinityConfig{ClientIP: &ClientIPConfig{TimeoutSeconds: Int32(60)}},
			}},
		},
		{
			name: "no affinity drops the affinity config",
			in:   Service{Spec: ServiceSpec{SessionAffinityConfig: &SessionAffinityConfig{ClientIP: &ClientIPConfig{TimeoutSeconds: Int32(60)}}}},
			want: Service{Spec: ServiceSpec{Type: ServiceTypeClusterIP, SessionAffinity: ServiceAffinityNone, InternalTrafficPolicy: cluster}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := tt.in.DeepCopyObject().(*Service)
			DefaultService(s)
			require.Empty(t, cmp.Diff(&tt.want, s))
		})
	}
}

func TestDefaultHorizontalPodAutoscaler(t *testing.T) {
	t.Parallel()
	cpu80 := []MetricSpec{{
		Type:     ResourceMetricSourceType,
		Resource: &ResourceMetricSource{Name: ResourceCPU, Target: MetricTarget{Type: UtilizationMetricType, AverageUtilization: Int32(80)}},
	}}
	maxSel := Ptr(MaxChangePolicySelect)
	upPolicies := []HPAScalingPolicy{{Type: PodsScalingPolicy, Value: 4, PeriodSeconds: 15}, {Type: PercentScalingPolicy, Value: 100, PeriodSeconds: 15}}
	downPolicies := []HPAScalingPolicy{{Type: PercentScalingPolicy, Value: 100, PeriodSeconds: 15}}
	memMetric := []MetricSpec{{Type: ResourceMetricSourceType, Resource: &ResourceMetricSource{Name: ResourceMemory, Target: MetricTarget{Type: AverageValueMetricType, AverageValue: Ptr(resource.MustParse("1Gi"))}}}}
	tests := []struct {
		name string
		in   HorizontalPodAutoscalerSpec
		want HorizontalPodAutoscalerSpec
	}{
		{
			name: "empty keeps a nil behavior",
			in:   HorizontalPodAutoscalerSpec{MaxReplicas: 5},
			want: HorizontalPodAutoscalerSpec{MaxReplicas: 5, MinReplicas: Int32(1), Metrics: cpu80},
		},
		{
			name: "metrics and min replicas are kept",
			in:   HorizontalPodAutoscalerSpec{MaxReplicas: 5, MinReplicas: Int32(2), Metrics: memMetric},
			want: HorizontalPodAutoscalerSpec{MaxReplicas: 5, MinReplicas: Int32(2), Metrics: memMetric},
		},
		{
			name: "empty behavior is filled in both directions",
			in:   HorizontalPodAutoscalerSpec{Behavior: &HorizontalPodAutoscalerBehavior{}},
			want: HorizontalPodAutoscalerSpec{MinReplicas: Int32(1), Metrics: cpu80, Behavior: &HorizontalPodAutoscalerBehavior{
				ScaleUp:   &HPAScalingRules{StabilizationWindowSeconds: Int32(0), SelectPolicy: maxSel, Policies: upPolicies},
				ScaleDown: &HPAScalingRules{SelectPolicy: maxSel, Policies: downPolicies},
			}},
		},
		{
			name: "partial rules keep what is set",
			in: HorizontalPodAutoscalerSpec{Behavior: &HorizontalPodAutoscalerBehavior{
				ScaleUp:   &HPAScalingRules{SelectPolicy: Ptr(DisabledPolicySelect)},
				ScaleDown: &HPAScalingRules{StabilizationWindowSeconds: Int32(60), Policies: []HPAScalingPolicy{{Type: PodsScalingPolicy, Value: 1, PeriodSeconds: 60}}},
			}},
			want: HorizontalPodAutoscalerSpec{MinReplicas: Int32(1), Metrics: cpu80, Behavior: &HorizontalPodAutoscalerBehavior{
				ScaleUp: &HPAScalingRules{StabilizationWindowSeconds: Int32(0), SelectPolicy: Ptr(DisabledPolicySelect), Policies: upPolicies},
				ScaleDown: &HPAScalingRules{StabilizationWindowSeconds: Int32(60), SelectPolicy: maxSel,
					Policies: []HPAScalingPolicy{{Type: PodsScalingPolicy, Value: 1, PeriodSeconds: 60}}},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &HorizontalPodAutoscaler{Spec: tt.in}
			DefaultHorizontalPodAutoscaler(h)
			require.Empty(t, cmp.Diff(tt.want, h.Spec))
		})
	}
}

// TestDefaultKinds checks what each kind's defaulting makes of a nearly
// empty object.
func TestDefaultKinds(t *testing.T) {
	t.Parallel()
	pvcSpec := PersistentVolumeClaimSpec{VolumeMode: Ptr(PersistentVolumeFilesystem)}
	tests := []struct {
		name string
		in   Object
		want Object
	}{
		{
			name: "ReplicaSet",
			in:   &ReplicaSet{},
			want: &ReplicaSet{Spec: ReplicaSetSpec{Replicas: Int32(1), Template: PodTemplateSpec{Spec: defaultedPodSpec()}}},
		},
		{
			name: "DaemonSet",
			in:   &DaemonSet{},
			want: &DaemonSet{Spec: DaemonSetSpec{
				UpdateStrategy: DaemonSetUpdateStrategy{
					Type:          RollingUpdateDaemonSetStrategyType,
					RollingUpdate: &RollingUpdateDaemonSet{MaxUnavailable: Ptr(FromInt32(1)), MaxSurge: Ptr(FromInt32(0))},
				},
				RevisionHistoryLimit: Int32(10),
				Template:             PodTemplateSpec{Spec: defaultedPodSpec()},
			}},
		},
		{
			name: "DaemonSet OnDelete",
			in:   &DaemonSet{Spec: DaemonSetSpec{UpdateStrategy: DaemonSetUpdateStrategy{Type: OnDeleteDaemonSetStrategyType}}},
			want: &DaemonSet{Spec: DaemonSetSpec{
				UpdateStrategy:       DaemonSetUpdateStrategy{Type: OnDeleteDaemonSetStrategyType},
				RevisionHistoryLimit: Int32(10),
				Template:             PodTemplateSpec{Spec: defaultedPodSpec()},
			}},
		},
		{
			name: "StatefulSet",
			in: &StatefulSet{Spec: StatefulSetSpec{VolumeClaimTemplates: []PersistentVolumeClaim{{
				ObjectMeta: ObjectMeta{Name: "data"},
				Spec:       PersistentVolumeClaimSpec{Resources: VolumeResourceRequirements{Requests: resourceList("storage", "1Gi")}},
			}}}},
			want: &StatefulSet{Spec: StatefulSetSpec{
				Replicas:            Int32(1),
				PodManagementPolicy: OrderedReadyPodManagement,
				UpdateStrategy: StatefulSetUpdateStrategy{
					Type:          RollingUpdateStatefulSetStrategyType,
					RollingUpdate: &RollingUpdateStatefulSetStrategy{Partition: Int32(0), MaxUnavailable: Ptr(FromInt32(1))},
				},
				RevisionHistoryLimit: Int32(10),
				PersistentVolumeClaimRetentionPolicy: &StatefulSetPersistentVolumeClaimRetentionPolicy{
					WhenDeleted: RetainPersistentVolumeClaimRetentionPolicyType,
					WhenScaled:  RetainPersistentVolumeClaimRetentionPolicyType,
				},
				Template: PodTemplateSpec{Spec: defaultedPodSpec()},
				VolumeClaimTemplates: []PersistentVolumeClaim{{
					ObjectMeta: ObjectMeta{Name: "data"},
					Spec: PersistentVolumeClaimSpec{
						Resources:  VolumeResourceRequirements{Requests: resourceList("storage", "1Gi")},
						VolumeMode: Ptr(PersistentVolumeFilesystem),
					},
					Status: PersistentVolumeClaimStatus{Phase: ClaimPending},
				}},
			}},
		},
		{
			name: "StatefulSet rolling update without partition object",
			in: &StatefulSet{Spec: StatefulSetSpec{
				UpdateStrategy:                       StatefulSetUpdateStrategy{Type: RollingUpdateStatefulSetStrategyType},
				PersistentVolumeClaimRetentionPolicy: &StatefulSetPersistentVolumeClaimRetentionPolicy{WhenScaled: DeletePersistentVolumeClaimRetentionPolicyType},
			}},
			want: &StatefulSet{Spec: StatefulSetSpec{
				Replicas:             Int32(1),
				PodManagementPolicy:  OrderedReadyPodManagement,
				UpdateStrategy:       StatefulSetUpdateStrategy{Type: RollingUpdateStatefulSetStrategyType},
				RevisionHistoryLimit: Int32(10),
				PersistentVolumeClaimRetentionPolicy: &StatefulSetPersistentVolumeClaimRetentionPolicy{
					WhenDeleted: RetainPersistentVolumeClaimRetentionPolicyType,
					WhenScaled:  DeletePersistentVolumeClaimRetentionPolicyType,
				},
				Template: PodTemplateSpec{Spec: defaultedPodSpec()},
			}},
		},
		{
			name: "PodTemplate",
			in:   &PodTemplate{},
			want: &PodTemplate{Template: PodTemplateSpec{Spec: defaultedPodSpec()}},
		},
		{
			name: "Namespace",
			in:   &Namespace{ObjectMeta: ObjectMeta{Name: "team", Labels: map[string]string{LabelMetadataName: "spoofed"}}},
			want: &Namespace{
				ObjectMeta: ObjectMeta{Name: "team", Labels: map[string]string{LabelMetadataName: "team"}},
				Status:     NamespaceStatus{Phase: NamespaceActive},
			},
		},
		{
			name: "Namespace without a name",
			in:   &Namespace{ObjectMeta: ObjectMeta{GenerateName: "team-"}},
			want: &Namespace{ObjectMeta: ObjectMeta{GenerateName: "team-"}, Status: NamespaceStatus{Phase: NamespaceActive}},
		},
		{
			name: "Node",
			in:   &Node{Status: NodeStatus{Capacity: resourceList("cpu", "4", "memory", "8Gi", "pods", "110")}},
			want: &Node{Status: NodeStatus{
				Capacity:    resourceList("cpu", "4", "memory", "8Gi", "pods", "110"),
				Allocatable: resourceList("cpu", "4", "memory", "8Gi", "pods", "110"),
			}},
		},
		{
			name: "Secret",
			in:   &Secret{},
			want: &Secret{Type: SecretTypeOpaque},
		},
		{
			name: "ConfigMap",
			in:   &ConfigMap{},
			want: &ConfigMap{Data: map[string]string{}},
		},
		{
			name: "PersistentVolume",
			in: &PersistentVolume{Spec: PersistentVolumeSpec{
				Capacity:               resourceList("storage", "10Gi"),
				PersistentVolumeSource: PersistentVolumeSource{HostPath: &HostPathVolumeSource{Path: "/data"}},
			}},
			want: &PersistentVolume{
				Spec: PersistentVolumeSpec{
					Capacity:                      resourceList("storage", "10Gi"),
					PersistentVolumeSource:        PersistentVolumeSource{HostPath: &HostPathVolumeSource{Path: "/data", Type: Ptr(HostPathUnset)}},
					PersistentVolumeReclaimPolicy: PersistentVolumeReclaimRetain,
					VolumeMode:                    Ptr(PersistentVolumeFilesystem),
				},
				Status: PersistentVolumeStatus{Phase: VolumePending},
			},
		},
		{
			name: "PersistentVolumeClaim",
			in:   &PersistentVolumeClaim{},
			want: &PersistentVolumeClaim{Spec: pvcSpec, Status: PersistentVolumeClaimStatus{Phase: ClaimPending}},
		},
		{
			name: "Endpoints",
			in:   &Endpoints{Subsets: []EndpointSubset{{Ports: []EndpointPort{{Port: 80}, {Port: 53, Protocol: ProtocolUDP}}}}},
			want: &Endpoints{Subsets: []EndpointSubset{{Ports: []EndpointPort{{Port: 80, Protocol: ProtocolTCP}, {Port: 53, Protocol: ProtocolUDP}}}}},
		},
		{
			name: "EndpointSlice",
			in:   &EndpointSlice{AddressType: AddressTypeIPv4, Ports: []EndpointSlicePort{{Port: Int32(80)}}},
			want: &EndpointSlice{AddressType: AddressTypeIPv4, Ports: []EndpointSlicePort{{Port: Int32(80), Name: Ptr(""), Protocol: Ptr(ProtocolTCP)}}},
		},
		{
			name: "LimitRange",
			in: &LimitRange{Spec: LimitRangeSpec{Limits: []LimitRangeItem{
				{Type: LimitTypeContainer, Max: resourceList("cpu", "2", "memory", "1Gi"), Min: resourceList("cpu", "100m", "ephemeral-storage", "1Gi"), Default: resourceList("memory", "512Mi")},
				{Type: LimitTypePod, Max: resourceList("cpu", "4")},
			}}},
			want: &LimitRange{Spec: LimitRangeSpec{Limits: []LimitRangeItem{
				{
					Type:           LimitTypeContainer,
					Max:            resourceList("cpu", "2", "memory", "1Gi"),
					Min:            resourceList("cpu", "100m", "ephemeral-storage", "1Gi"),
					Default:        resourceList("cpu", "2", "memory", "512Mi"),
					DefaultRequest: resourceList("cpu", "2", "memory", "512Mi", "ephemeral-storage", "1Gi"),
				},
				{Type: LimitTypePod, Max: resourceList("cpu", "4")},
			}}},
		},
		{
			name: "ResourceQuota",
			in:   &ResourceQuota{Spec: ResourceQuotaSpec{Hard: resourceList("requests.cpu", "0.0001")}},
			want: &ResourceQuota{Spec: ResourceQuotaSpec{Hard: resourceList("requests.cpu", "1m")}},
		},
		{
			name: "PriorityClass",
			in:   &PriorityClass{Value: 10},
			want: &PriorityClass{Value: 10, PreemptionPolicy: Ptr(PreemptLowerPriority)},
		},
		{
			name: "PriorityClass keeps Never",
			in:   &PriorityClass{PreemptionPolicy: Ptr(PreemptNever)},
			want: &PriorityClass{PreemptionPolicy: Ptr(PreemptNever)},
		},
		{
			name: "StorageClass",
			in:   &StorageClass{Provisioner: "csi.example.com"},
			want: &StorageClass{Provisioner: "csi.example.com", ReclaimPolicy: Ptr(PersistentVolumeReclaimDelete), VolumeBindingMode: Ptr(VolumeBindingImmediate)},
		},
		{
			name: "CSIDriver",
			in:   &CSIDriver{},
			want: &CSIDriver{Spec: CSIDriverSpec{
				AttachRequired:       Bool(true),
				PodInfoOnMount:       Bool(false),
				StorageCapacity:      Bool(false),
				FSGroupPolicy:        Ptr(ReadWriteOnceWithFSTypeFSGroupPolicy),
				VolumeLifecycleModes: []VolumeLifecycleMode{VolumeLifecyclePersistent},
				RequiresRepublish:    Bool(false),
				SELinuxMount:         Bool(false),
			}},
		},
		{
			name: "VolumeAttachment",
			in: &VolumeAttachment{Spec: VolumeAttachmentSpec{Source: VolumeAttachmentSource{InlineVolumeSpec: &PersistentVolumeSpec{
				PersistentVolumeSource: PersistentVolumeSource{ISCSI: &ISCSIPersistentVolumeSource{TargetPortal: "t"}},
			}}}},
			want: &VolumeAttachment{Spec: VolumeAttachmentSpec{Source: VolumeAttachmentSource{InlineVolumeSpec: &PersistentVolumeSpec{
				PersistentVolumeSource: PersistentVolumeSource{ISCSI: &ISCSIPersistentVolumeSource{TargetPortal: "t", ISCSIInterface: "default"}},
			}}}},
		},
		{
			name: "RoleBinding",
			in: &RoleBinding{
				RoleRef:  RoleRef{Kind: "Role", Name: "r"},
				Subjects: []Subject{{Kind: SubjectKindUser, Name: "u"}, {Kind: SubjectKindGroup, Name: "g"}, {Kind: SubjectKindServiceAccount, Name: "sa", Namespace: "ns"}},
			},
			want: &RoleBinding{
				RoleRef: RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "Role", Name: "r"},
				Subjects: []Subject{
					{Kind: SubjectKindUser, Name: "u", APIGroup: "rbac.authorization.k8s.io"},
					{Kind: SubjectKindGroup, Name: "g", APIGroup: "rbac.authorization.k8s.io"},
					{Kind: SubjectKindServiceAccount, Name: "sa", Namespace: "ns"},
				},
			},
		},
		{
			name: "ClusterRoleBinding",
			in:   &ClusterRoleBinding{RoleRef: RoleRef{Kind: "ClusterRole", Name: "r"}},
			want: &ClusterRoleBinding{RoleRef: RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: "r"}},
		},
		{
			name: "CustomResourceDefinition",
			in: &CustomResourceDefinition{Spec: CustomResourceDefinitionSpec{
				Group:    "example.com",
				Names:    CustomResourceDefinitionNames{Plural: "widgets", Kind: "Widget"},
				Versions: []CustomResourceDefinitionVersion{{Name: "v1beta1", Served: true}, {Name: "v1", Served: true, Storage: true}},
			}},
			want: &CustomResourceDefinition{
				Spec: CustomResourceDefinitionSpec{
					Group:      "example.com",
					Names:      CustomResourceDefinitionNames{Plural: "widgets", Kind: "Widget", Singular: "widget", ListKind: "WidgetList"},
					Versions:   []CustomResourceDefinitionVersion{{Name: "v1beta1", Served: true}, {Name: "v1", Served: true, Storage: true}},
					Conversion: &CustomResourceConversion{Strategy: NoneConverter},
				},
				Status: CustomResourceDefinitionStatus{StoredVersions: []string{"v1"}},
			},
		},
		{
			name: "CustomResourceDefinition webhook port",
			in: &CustomResourceDefinition{Spec: CustomResourceDefinitionSpec{Conversion: &CustomResourceConversion{
				Strategy: WebhookConverter,
				Webhook:  &WebhookConversion{ClientConfig: &WebhookClientConfig{Service: &ServiceReference{Namespace: "ns", Name: "conv"}}},
			}}},
			want: &CustomResourceDefinition{Spec: CustomResourceDefinitionSpec{Conversion: &CustomResourceConversion{
				Strategy: WebhookConverter,
				Webhook:  &WebhookConversion{ClientConfig: &WebhookClientConfig{Service: &ServiceReference{Namespace: "ns", Name: "conv", Port: Int32(443)}}},
			}}},
		},
	}
	s := NewScheme()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.in.DeepCopyObject()
			s.Default(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("Scheme.Default (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDefaultReplicationController(t *testing.T) {
	t.Parallel()
	rc := &ReplicationController{Spec: ReplicationControllerSpec{Template: &PodTemplateSpec{ObjectMeta: ObjectMeta{Labels: map[string]string{"a": "b"}}}}}
	DefaultReplicationController(rc)
	want := &ReplicationController{
		ObjectMeta: ObjectMeta{Labels: map[string]string{"a": "b"}},
		Spec: ReplicationControllerSpec{
			Replicas: Int32(1),
			Selector: map[string]string{"a": "b"},
			Template: &PodTemplateSpec{ObjectMeta: ObjectMeta{Labels: map[string]string{"a": "b"}}, Spec: defaultedPodSpec()},
		},
	}
	require.Empty(t, cmp.Diff(want, rc))
	once := rc.DeepCopyObject()
	DefaultReplicationController(rc)
	require.Empty(t, cmp.Diff(once, rc))
}

func TestDefaultVolumeSources(t *testing.T) {
	t.Parallel()
	spec := PodSpec{Volumes: []Volume{
		{Name: "rbd", VolumeSource: VolumeSource{RBD: &RBDVolumeSource{RBDImage: "img", RadosUser: "me"}}},
		{Name: "iscsi", VolumeSource: VolumeSource{ISCSI: &ISCSIVolumeSource{TargetPortal: "t"}}},
		{Name: "azure", VolumeSource: VolumeSource{AzureDisk: &AzureDiskVolumeSource{DiskName: "d", ReadOnly: Bool(true)}}},
		{Name: "scaleio", VolumeSource: VolumeSource{ScaleIO: &ScaleIOVolumeSource{Gateway: "g", FSType: "ext4"}}},
	}}
	DefaultPodSpec(&spec)
	want := []Volume{
		{Name: "rbd", VolumeSource: VolumeSource{RBD: &RBDVolumeSource{RBDImage: "img", RadosUser: "me", RBDPool: "rbd", Keyring: "/etc/ceph/keyring"}}},
		{Name: "iscsi", VolumeSource: VolumeSource{ISCSI: &ISCSIVolumeSource{TargetPortal: "t", ISCSIInterface: "default"}}},
		{Name: "azure", VolumeSource: VolumeSource{AzureDisk: &AzureDiskVolumeSource{
			DiskName: "d", ReadOnly: Bool(true), CachingMode: Ptr(AzureDataDiskCachingReadWrite), Kind: Ptr(AzureSharedBlobDisk), FSType: Ptr("ext4"),
		}}},
		{Name: "scaleio", VolumeSource: VolumeSource{ScaleIO: &ScaleIOVolumeSource{Gateway: "g", FSType: "ext4", StorageMode: "ThinProvisioned"}}},
	}
	require.Empty(t, cmp.Diff(want, spec.Volumes))
}

// TestDefaultHook checks which kinds have a defaulting hook, and that the
// hook leaves objects of another Go type alone.
func TestDefaultHook(t *testing.T) {
	t.Parallel()
	s := NewScheme()
	withDefaults := map[string]bool{
		"/v1/ConfigMap": true, "/v1/Endpoints": true, "/v1/LimitRange": true, "/v1/Namespace": true, "/v1/Node": true,
		"/v1/PersistentVolume": true, "/v1/PersistentVolumeClaim": true, "/v1/Pod": true, "/v1/PodTemplate": true,
		"/v1/ReplicationController": true, "/v1/ResourceQuota": true, "/v1/Secret": true, "/v1/Service": true,
		"apps/v1/DaemonSet": true, "apps/v1/Deployment": true, "apps/v1/ReplicaSet": true, "apps/v1/StatefulSet": true,
		"batch/v1/CronJob": true, "batch/v1/Job": true,
		"autoscaling/v2/HorizontalPodAutoscaler":           true,
		"discovery.k8s.io/v1/EndpointSlice":                true,
		"scheduling.k8s.io/v1/PriorityClass":               true,
		"rbac.authorization.k8s.io/v1/RoleBinding":         true,
		"rbac.authorization.k8s.io/v1/ClusterRoleBinding":  true,
		"storage.k8s.io/v1/CSIDriver":                      true,
		"storage.k8s.io/v1/StorageClass":                   true,
		"storage.k8s.io/v1/VolumeAttachment":               true,
		"apiextensions.k8s.io/v1/CustomResourceDefinition": true,
	}
	for _, k := range s.Kinds() {
		key := k.Group + "/" + k.Version + "/" + k.Kind
		require.Equal(t, withDefaults[key], k.Default != nil, "default hook of %s", key)
	}

	// The hook ignores an Unstructured of a built-in kind.
	u := NewUnstructured(CoreV1.WithKind("Pod"))
	before := u.DeepCopyObject()
	require.NotPanics(t, func() { s.Default(u) })
	require.Empty(t, cmp.Diff(before, u))

	// And defaults a typed object through the scheme.
	p := &Pod{}
	s.Default(p)
	require.Equal(t, RestartPolicyAlways, p.Spec.RestartPolicy)
	require.Equal(t, Bool(true), p.Spec.EnableServiceLinks)
}

// TestDefaultIdempotent checks, for every kind with a defaulting hook, that
// defaulting twice equals defaulting once, on an empty object and on
// randomly filled ones.
func TestDefaultIdempotent(t *testing.T) {
	t.Parallel()
	s := NewScheme()
	for _, k := range s.Kinds() {
		if k.Default == nil || k.New == nil {
			continue
		}
		t.Run(k.Kind, func(t *testing.T) {
			t.Parallel()
			for seed := range uint64(25) {
				obj := k.New()
				if seed > 0 {
					newFiller(seed).fill(reflect.ValueOf(obj).Elem(), 0)
				}
				k.Default(obj)
				once := obj.DeepCopyObject()
				k.Default(obj)
				if diff := cmp.Diff(once, obj); diff != "" {
					t.Fatalf("seed %d: defaulting twice differs from once (-once +twice):\n%s", seed, diff)
				}
			}
		})
	}
}
