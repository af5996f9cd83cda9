package apiobj

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/apiobj/resource"
)

// ---- Test helpers ----

// vErr is an expected error: its type and field path. Messages are
// checked only in a few dedicated tests.
type vErr struct {
	typ   field.ErrorType
	field string
}

func (e vErr) String() string { return string(e.typ) + " " + e.field }

func req(f string) vErr      { return vErr{field.ErrorTypeRequired, f} }
func inv(f string) vErr      { return vErr{field.ErrorTypeInvalid, f} }
func dup(f string) vErr      { return vErr{field.ErrorTypeDuplicate, f} }
func nsup(f string) vErr     { return vErr{field.ErrorTypeNotSupported, f} }
func forb(f string) vErr     { return vErr{field.ErrorTypeForbidden, f} }
func tooLong(f string) vErr  { return vErr{field.ErrorTypeTooLong, f} }
func tooMany(f string) vErr  { return vErr{field.ErrorTypeTooMany, f} }
func notFound(f string) vErr { return vErr{field.ErrorTypeNotFound, f} }

// expectErrs compares the (type, field) pairs of got with want, ignoring order.
func expectErrs(t *testing.T, got field.ErrorList, want []vErr) {
	t.Helper()
	g := make([]string, len(got))
	for i, e := range got {
		g[i] = vErr{e.Type, e.Field}.String()
	}
	w := make([]string, len(want))
	for i, e := range want {
		w[i] = e.String()
	}
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("errors mismatch\n got: %q\nwant: %q\nfull: %v", g, w, got.ToAggregate())
	}
}

// vcase is one create-validation case: mutate a valid object, expect errors.
type vcase[T any] struct {
	name   string
	mutate func(*T)
	want   []vErr
}

func runCases[T any](t *testing.T, valid func() *T, validate func(*T) field.ErrorList, cases []vcase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			obj := valid()
			if tc.mutate != nil {
				tc.mutate(obj)
			}
			expectErrs(t, validate(obj), tc.want)
		})
	}
}

// ucase is one update-validation case: change cur (and perhaps old), both
// starting as the same valid object.
type ucase[T any] struct {
	name   string
	change func(cur, old *T)
	want   []vErr
}

func runUpdateCases[T any](t *testing.T, valid func() *T, validate func(cur, old *T) field.ErrorList, cases []ucase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cur, old := valid(), valid()
			if tc.change != nil {
				tc.change(cur, old)
			}
			expectErrs(t, validate(cur, old), tc.want)
		})
	}
}

func q(s string) resource.Quantity { return resource.MustParse(s) }

func meta(name string) ObjectMeta {
	return ObjectMeta{Name: name, Namespace: "default", ResourceVersion: "1"}
}

func clusterMeta(name string) ObjectMeta {
	return ObjectMeta{Name: name, ResourceVersion: "1"}
}

// ---- Fixtures ----

func validPod() *Pod {
	m := meta("web")
	m.Labels = map[string]string{"app": "web"}
	return &Pod{ObjectMeta: m, Spec: PodSpec{
		Containers: []Container{{
			Name:  "web",
			Image: "nginx:1.27",
			Ports: []ContainerPort{{Name: "http", ContainerPort: 80, Protocol: ProtocolTCP}},
		}},
		RestartPolicy: RestartPolicyAlways,
		DNSPolicy:     DNSClusterFirst,
	}}
}

// fullPod uses most of the pod spec, validly.
func fullPod() *Pod {
	p := validPod()
	p.Annotations = map[string]string{"example.com/Owner": "team-a"}
	p.OwnerReferences = []OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web-1", UID: "u1", Controller: Bool(true)}}
	p.Finalizers = []string{"example.com/cleanup", "foregroundDeletion"}
	s := &p.Spec
	s.Volumes = []Volume{
		{Name: "data", VolumeSource: VolumeSource{PersistentVolumeClaim: &PersistentVolumeClaimVolumeSource{ClaimName: "data"}}},
		{Name: "cfg", VolumeSource: VolumeSource{ConfigMap: &ConfigMapVolumeSource{
			LocalObjectReference: LocalObjectReference{Name: "cfg"},
			Items:                []KeyToPath{{Key: "a", Path: "conf/a.txt", Mode: Int32(0o600)}},
		}}},
		{Name: "scratch", VolumeSource: VolumeSource{EmptyDir: &EmptyDirVolumeSource{SizeLimit: Ptr(q("1Gi"))}}},
		{Name: "token", VolumeSource: VolumeSource{Projected: &ProjectedVolumeSource{Sources: []VolumeProjection{
			{ServiceAccountToken: &ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: Int64(3600)}},
			{DownwardAPI: &DownwardAPIProjection{Items: []DownwardAPIVolumeFile{
				{Path: "labels", FieldRef: &ObjectFieldSelector{FieldPath: "metadata.labels"}},
				{Path: "cpu", ResourceFieldRef: &ResourceFieldSelector{ContainerName: "web", Resource: "limits.cpu"}},
			}}},
		}}}},
	}
	c := &s.Containers[0]
	c.Env = []EnvVar{
		{Name: "MODE", Value: "prod"},
		{Name: "my.var-1", Value: "relaxed names are fine"},
		{Name: "POD_IP", ValueFrom: &EnvVarSource{FieldRef: &ObjectFieldSelector{FieldPath: "status.podIP"}}},
		{Name: "APP", ValueFrom: &EnvVarSource{FieldRef: &ObjectFieldSelector{FieldPath: "metadata.labels['app']"}}},
		{Name: "PASSWORD", ValueFrom: &EnvVarSource{SecretKeyRef: &SecretKeySelector{LocalObjectReference: LocalObjectReference{Name: "db"}, Key: "password"}}},
		{Name: "MEM", ValueFrom: &EnvVarSource{ResourceFieldRef: &ResourceFieldSelector{Resource: "limits.memory"}}},
	}
	c.EnvFrom = []EnvFromSource{{Prefix: "CFG_", ConfigMapRef: &ConfigMapEnvSource{LocalObjectReference: LocalObjectReference{Name: "cfg"}}}}
	c.VolumeMounts = []VolumeMount{
		{Name: "data", MountPath: "/data"},
		{Name: "cfg", MountPath: "/etc/app", ReadOnly: true, RecursiveReadOnly: Ptr(RecursiveReadOnlyIfPossible)},
		{Name: "scratch", MountPath: "/tmp", SubPath: "web"},
	}
	c.Resources = ResourceRequirements{
		Requests: ResourceList{ResourceCPU: q("250m"), ResourceMemory: q("64Mi"), "example.com/gpu": q("1"), "hugepages-2Mi": q("4Mi")},
		Limits:   ResourceList{ResourceCPU: q("500m"), ResourceMemory: q("128Mi"), "example.com/gpu": q("1"), "hugepages-2Mi": q("4Mi")},
	}
	c.LivenessProbe = &Probe{ProbeHandler: ProbeHandler{HTTPGet: &HTTPGetAction{Path: "/healthz", Port: FromString("http"),
		HTTPHeaders: []HTTPHeader{{Name: "X-Probe", Value: "1"}}}}, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3}
	c.ReadinessProbe = &Probe{ProbeHandler: ProbeHandler{TCPSocket: &TCPSocketAction{Port: FromInt32(80)}}, SuccessThreshold: 2}
	c.StartupProbe = &Probe{ProbeHandler: ProbeHandler{GRPC: &GRPCAction{Port: 9090}}}
	c.Lifecycle = &Lifecycle{PreStop: &LifecycleHandler{Sleep: &SleepAction{Seconds: 5}}}
	c.SecurityContext = &SecurityContext{RunAsUser: Int64(1000), SeccompProfile: &SeccompProfile{Type: SeccompProfileTypeRuntimeDefault}}
	c.ResizePolicy = []ContainerResizePolicy{{ResourceName: ResourceCPU, RestartPolicy: NotRequired}}
	s.InitContainers = []Container{
		{Name: "init", Image: "busybox", Command: []string{"true"}},
		{Name: "sidecar", Image: "envoy", RestartPolicy: Ptr(ContainerRestartPolicyAlways),
			ReadinessProbe: &Probe{ProbeHandler: ProbeHandler{Exec: &ExecAction{Command: []string{"true"}}}}},
	}
	s.TerminationGracePeriodSeconds = Int64(30)
	s.ActiveDeadlineSeconds = Int64(3600)
	s.NodeSelector = map[string]string{"kubernetes.io/os": "linux"}
	s.ServiceAccountName = "web"
	s.Hostname = "web-0"
	s.Subdomain = "web"
	s.PriorityClassName = "high"
	s.SecurityContext = &PodSecurityContext{FSGroup: Int64(2000), Sysctls: []Sysctl{{Name: "net.ipv4.ip_local_port_range", Value: "1024 65000"}}}
	s.Tolerations = []Toleration{
		{Key: "dedicated", Operator: TolerationOpEqual, Value: "web", Effect: TaintEffectNoSchedule},
		{Key: TaintNodeNotReady, Operator: TolerationOpExists, Effect: TaintEffectNoExecute, TolerationSeconds: Int64(300)},
		{Operator: TolerationOpExists},
	}
	s.Affinity = &Affinity{
		NodeAffinity: &NodeAffinity{
			RequiredDuringSchedulingIgnoredDuringExecution: &NodeSelector{NodeSelectorTerms: []NodeSelectorTerm{{
				MatchExpressions: []NodeSelectorRequirement{{Key: LabelTopologyZone, Operator: NodeSelectorOpIn, Values: []string{"a", "b"}}},
				MatchFields:      []NodeSelectorRequirement{{Key: "metadata.name", Operator: NodeSelectorOpNotIn, Values: []string{"node-1"}}},
			}}},
			PreferredDuringSchedulingIgnoredDuringExecution: []PreferredSchedulingTerm{{Weight: 10, Preference: NodeSelectorTerm{
				MatchExpressions: []NodeSelectorRequirement{{Key: "cores", Operator: NodeSelectorOpGt, Values: []string{"4"}}}}}},
		},
		PodAntiAffinity: &PodAntiAffinity{
			RequiredDuringSchedulingIgnoredDuringExecution: []PodAffinityTerm{{
				LabelSelector: &LabelSelector{MatchLabels: map[string]string{"app": "web"}}, TopologyKey: LabelHostname,
				MatchLabelKeys: []string{"pod-template-hash"}}},
			PreferredDuringSchedulingIgnoredDuringExecution: []WeightedPodAffinityTerm{{Weight: 100, PodAffinityTerm: PodAffinityTerm{
				LabelSelector: &LabelSelector{MatchExpressions: []LabelSelectorRequirement{{Key: "app", Operator: LabelSelectorOpExists}}},
				TopologyKey:   LabelTopologyZone, Namespaces: []string{"default"}}}},
		},
	}
	s.TopologySpreadConstraints = []TopologySpreadConstraint{
		{MaxSkew: 1, TopologyKey: LabelTopologyZone, WhenUnsatisfiable: DoNotSchedule, MinDomains: Int32(2),
			LabelSelector: &LabelSelector{MatchLabels: map[string]string{"app": "web"}}},
		{MaxSkew: 2, TopologyKey: LabelTopologyZone, WhenUnsatisfiable: ScheduleAnyway},
	}
	s.DNSPolicy = DNSNone
	s.DNSConfig = &PodDNSConfig{Nameservers: []string{"10.0.0.10"}, Searches: []string{"svc.cluster.local"}, Options: []PodDNSConfigOption{{Name: "ndots", Value: Ptr("2")}}}
	s.HostAliases = []HostAlias{{IP: "10.1.2.3", Hostnames: []string{"db.local"}}}
	s.SchedulingGates = []PodSchedulingGate{{Name: "example.com/quota"}}
	s.ReadinessGates = []PodReadinessGate{{ConditionType: "example.com/ready"}}
	s.Overhead = ResourceList{ResourceCPU: q("10m")}
	s.Resources = &ResourceRequirements{Limits: ResourceList{ResourceCPU: q("2"), ResourceMemory: q("1Gi")}}
	return p
}

// ---- ObjectMeta ----

func TestValidateObjectMeta(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", totalAnnotationSizeLimit)
	runCases(t, validPod, ValidatePod, []vcase[Pod]{
		{name: "valid"},
		{name: "full valid pod", mutate: func(p *Pod) { *p = *fullPod() }},
		{name: "name missing", mutate: func(p *Pod) { p.Name = "" }, want: []vErr{req("metadata.name")}},
		{name: "generateName only", mutate: func(p *Pod) { p.Name, p.GenerateName = "", "web-" }},
		{name: "generateName invalid", mutate: func(p *Pod) { p.Name, p.GenerateName = "", "Web-" }, want: []vErr{inv("metadata.generateName")}},
		{name: "name not a subdomain", mutate: func(p *Pod) { p.Name = "Web_1" }, want: []vErr{inv("metadata.name")}},
		{name: "name with dots is fine", mutate: func(p *Pod) { p.Name = "web.v1" }},
		{name: "namespace missing", mutate: func(p *Pod) { p.Namespace = "" }, want: []vErr{req("metadata.namespace")}},
		{name: "namespace not a label", mutate: func(p *Pod) { p.Namespace = "a.b" }, want: []vErr{inv("metadata.namespace")}},
		{name: "negative generation", mutate: func(p *Pod) { p.Generation = -1 }, want: []vErr{inv("metadata.generation")}},
		{name: "bad label key", mutate: func(p *Pod) { p.Labels["-bad"] = "x" }, want: []vErr{inv("metadata.labels")}},
		{name: "bad label value", mutate: func(p *Pod) { p.Labels["ok"] = strings.Repeat("v", 64) }, want: []vErr{inv("metadata.labels")}},
		{name: "bad annotation key", mutate: func(p *Pod) { p.Annotations = map[string]string{"a/b/c": ""} }, want: []vErr{inv("metadata.annotations")}},
		{name: "annotations too large", mutate: func(p *Pod) { p.Annotations = map[string]string{"big": big} }, want: []vErr{tooLong("metadata.annotations")}},
		{name: "owner reference incomplete", mutate: func(p *Pod) { p.OwnerReferences = []OwnerReference{{}} },
			want: []vErr{inv("metadata.ownerReferences.apiVersion"), inv("metadata.ownerReferences.kind"),
				inv("metadata.ownerReferences.name"), inv("metadata.ownerReferences.uid")}},
		{name: "two controllers", mutate: func(p *Pod) {
			p.OwnerReferences = []OwnerReference{
				{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "a", UID: "1", Controller: Bool(true)},
				{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "b", UID: "2", Controller: Bool(true)},
			}
		}, want: []vErr{inv("metadata.ownerReferences")}},
		{name: "event owner", mutate: func(p *Pod) {
			p.OwnerReferences = []OwnerReference{{APIVersion: "v1", Kind: "Event", Name: "e", UID: "1"}}
		}, want: []vErr{inv("metadata.ownerReferences")}},
		{name: "finalizer not qualified", mutate: func(p *Pod) { p.Finalizers = []string{"cleanup"} }, want: []vErr{inv("metadata.finalizers[0]")}},
		{name: "finalizer invalid", mutate: func(p *Pod) { p.Finalizers = []string{"example.com/"} },
			want: []vErr{inv("metadata.finalizers[0]"), inv("metadata.finalizers[0]")}},
		{name: "orphan and foreground", mutate: func(p *Pod) { p.Finalizers = []string{"orphan", "foregroundDeletion"} }, want: []vErr{inv("metadata.finalizers")}},
	})
}

func TestValidateObjectMetaMessages(t *testing.T) {
	t.Parallel()
	errs := ValidateObjectMeta(&ObjectMeta{Name: "Bad_Name"}, false, NameIsDNSSubdomain, field.NewPath("metadata"))
	if len(errs) != 1 {
		t.Fatalf("got %v", errs)
	}
	want := `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`
	if errs[0].Error() != want {
		t.Errorf("got  %s\nwant %s", errs[0].Error(), want)
	}
	errs = ValidateObjectMeta(&ObjectMeta{Name: "x", Namespace: "ns"}, false, NameIsDNSSubdomain, field.NewPath("metadata"))
	if got := errs.ToAggregate().Error(); got != "metadata.namespace: Forbidden: not allowed on this type" {
		t.Errorf("got %s", got)
	}
	errs = ValidateObjectMeta(&ObjectMeta{}, false, NameIsDNSSubdomain, field.NewPath("metadata"))
	if got := errs.ToAggregate().Error(); got != "metadata.name: Required value: name or generateName is required" {
		t.Errorf("got %s", got)
	}
}

func TestNameFuncs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		fn     NameFunc
		value  string
		prefix bool
		ok     bool
	}{
		{"subdomain", NameIsDNSSubdomain, "a.b-c", false, true},
		{"subdomain upper", NameIsDNSSubdomain, "A", false, false},
		{"subdomain prefix dash", NameIsDNSSubdomain, "web-", true, true},
		{"subdomain trailing dash", NameIsDNSSubdomain, "web-", false, false},
		{"label", NameIsDNSLabel, "web-1", false, true},
		{"label dot", NameIsDNSLabel, "a.b", false, false},
		{"label too long", NameIsDNSLabel, strings.Repeat("a", 64), false, false},
		{"1035", NameIsDNS1035Label, "web-1", false, true},
		{"1035 digit first", NameIsDNS1035Label, "1web", false, false},
		{"path segment", NameIsPathSegment, "system:admin", false, true},
		{"path segment dotdot", NameIsPathSegment, "..", false, false},
		{"path segment dotdot prefix", NameIsPathSegment, "..", true, true},
		{"path segment slash", NameIsPathSegment, "a/b", false, false},
		{"path segment percent", NameIsPathSegment, "a%b", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.fn(tt.value, tt.prefix); (len(got) == 0) != tt.ok {
				t.Errorf("%q: got %q, want ok=%v", tt.value, got, tt.ok)
			}
		})
	}
}

func TestFormatChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fn    func(string) []string
		value string
		ok    bool
	}{
		{"port name", isValidPortName, "http", true},
		{"port name digits only", isValidPortName, "8080", false},
		{"port name too long", isValidPortName, "abcdefghijklmnop", false},
		{"port name double dash", isValidPortName, "a--b", false},
		{"port name upper", isValidPortName, "HTTP", false},
		{"config key", isConfigMapKey, "app.properties", true},
		{"config key slash", isConfigMapKey, "a/b", false},
		{"config key dotdot", isConfigMapKey, "..a", false},
		{"env relaxed", isRelaxedEnvVarName, "1-a.b c", true},
		{"env equals", isRelaxedEnvVarName, "A=B", false},
		{"env non-ascii", isRelaxedEnvVarName, "é", false},
		{"header", isHTTPHeaderName, "X-Foo", true},
		{"header space", isHTTPHeaderName, "X Foo", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.fn(tt.value); (len(got) == 0) != tt.ok {
				t.Errorf("%q: got %q, want ok=%v", tt.value, got, tt.ok)
			}
		})
	}
}

// ---- Pod ----

func TestValidatePod(t *testing.T) {
	t.Parallel()
	c0 := "spec.containers[0]"
	runCases(t, validPod, ValidatePod, []vcase[Pod]{
		{name: "no containers", mutate: func(p *Pod) { p.Spec.Containers = nil }, want: []vErr{req("spec.containers")}},
		{name: "container name missing", mutate: func(p *Pod) { p.Spec.Containers[0].Name = "" }, want: []vErr{req(c0 + ".name")}},
		{name: "container name invalid", mutate: func(p *Pod) { p.Spec.Containers[0].Name = "Web_1" }, want: []vErr{inv(c0 + ".name")}},
		{name: "container names unique across init", mutate: func(p *Pod) {
			p.Spec.InitContainers = []Container{{Name: "web", Image: "busybox"}}
		}, want: []vErr{dup("spec.initContainers[0].name")}},
		{name: "duplicate containers", mutate: func(p *Pod) {
			p.Spec.Containers = append(p.Spec.Containers, Container{Name: "web", Image: "x"})
		}, want: []vErr{dup("spec.containers[1].name")}},
		{name: "image missing", mutate: func(p *Pod) { p.Spec.Containers[0].Image = "" }, want: []vErr{req(c0 + ".image")}},
		{name: "image whitespace", mutate: func(p *Pod) { p.Spec.Containers[0].Image = " nginx" }, want: []vErr{inv(c0 + ".image")}},
		{name: "container port missing", mutate: func(p *Pod) { p.Spec.Containers[0].Ports[0].ContainerPort = 0 }, want: []vErr{req(c0 + ".ports[0].containerPort")}},
		{name: "container port too large", mutate: func(p *Pod) { p.Spec.Containers[0].Ports[0].ContainerPort = 70000 }, want: []vErr{inv(c0 + ".ports[0].containerPort")}},
		{name: "host port too large", mutate: func(p *Pod) { p.Spec.Containers[0].Ports[0].HostPort = 70000 }, want: []vErr{inv(c0 + ".ports[0].hostPort")}},
		{name: "protocol unsupported", mutate: func(p *Pod) { p.Spec.Containers[0].Ports[0].Protocol = "HTTP" }, want: []vErr{nsup(c0 + ".ports[0].protocol")}},
		{name: "empty protocol defaults", mutate: func(p *Pod) { p.Spec.Containers[0].Ports[0].Protocol = "" }},
		{name: "port name invalid", mutate: func(p *Pod) { p.Spec.Containers[0].Ports[0].Name = "http--x" }, want: []vErr{inv(c0 + ".ports[0].name")}},
		{name: "port names unique", mutate: func(p *Pod) {
			p.Spec.Containers[0].Ports = append(p.Spec.Containers[0].Ports, ContainerPort{Name: "http", ContainerPort: 81})
		}, want: []vErr{dup(c0 + ".ports[1].name")}},
		{name: "same port name in two containers is fine", mutate: func(p *Pod) {
			p.Spec.Containers = append(p.Spec.Containers, Container{Name: "b", Image: "x", Ports: []ContainerPort{{Name: "http", ContainerPort: 81}}})
		}},
		{name: "host port conflict", mutate: func(p *Pod) {
			p.Spec.Containers[0].Ports[0].HostPort = 8080
			p.Spec.Containers = append(p.Spec.Containers, Container{Name: "b", Image: "x", Ports: []ContainerPort{{ContainerPort: 81, HostPort: 8080, Protocol: ProtocolTCP}}})
		}, want: []vErr{dup("spec.containers[1].ports[0].hostPort")}},
		{name: "request above limit", mutate: func(p *Pod) {
			p.Spec.Containers[0].Resources = ResourceRequirements{Requests: ResourceList{ResourceCPU: q("1")}, Limits: ResourceList{ResourceCPU: q("500m")}}
		}, want: []vErr{inv(c0 + ".resources.requests")}},
		{name: "negative quantity", mutate: func(p *Pod) {
			p.Spec.Containers[0].Resources.Requests = ResourceList{ResourceMemory: q("-1")}
		}, want: []vErr{inv(c0 + ".resources.requests[memory]")}},
		{name: "unknown resource", mutate: func(p *Pod) {
			p.Spec.Containers[0].Resources.Limits = ResourceList{"foo": q("1")}
		}, want: []vErr{inv(c0 + ".resources.limits[foo]")}},
		{name: "extended resource needs limit", mutate: func(p *Pod) {
			p.Spec.Containers[0].Resources.Requests = ResourceList{"example.com/gpu": q("1")}
		}, want: []vErr{req(c0 + ".resources.limits")}},
		{name: "extended resource must be whole", mutate: func(p *Pod) {
			p.Spec.Containers[0].Resources.Limits = ResourceList{"example.com/gpu": q("500m")}
		}, want: []vErr{inv(c0 + ".resources.limits[example.com/gpu]")}},
		{name: "hugepages request must equal limit", mutate: func(p *Pod) {
			p.Spec.Containers[0].Resources = ResourceRequirements{Requests: ResourceList{"hugepages-2Mi": q("2Mi")}, Limits: ResourceList{"hugepages-2Mi": q("4Mi")}}
		}, want: []vErr{inv(c0 + ".resources.requests")}},
		{name: "restartPolicy", mutate: func(p *Pod) { p.Spec.RestartPolicy = "Sometimes" }, want: []vErr{nsup("spec.restartPolicy")}},
		{name: "dnsPolicy", mutate: func(p *Pod) { p.Spec.DNSPolicy = "Weird" }, want: []vErr{nsup("spec.dnsPolicy")}},
		{name: "dnsPolicy None needs config", mutate: func(p *Pod) { p.Spec.DNSPolicy = DNSNone }, want: []vErr{req("spec.dnsConfig")}},
		{name: "too many nameservers", mutate: func(p *Pod) {
			p.Spec.DNSConfig = &PodDNSConfig{Nameservers: []string{"1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4"}}
		}, want: []vErr{tooMany("spec.dnsConfig.nameservers")}},
		{name: "volume names unique", mutate: func(p *Pod) {
			ed := VolumeSource{EmptyDir: &EmptyDirVolumeSource{}}
			p.Spec.Volumes = []Volume{{Name: "a", VolumeSource: ed}, {Name: "a", VolumeSource: ed}}
		}, want: []vErr{dup("spec.volumes[1].name")}},
		{name: "volume name invalid", mutate: func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "Data", VolumeSource: VolumeSource{EmptyDir: &EmptyDirVolumeSource{}}}}
		}, want: []vErr{inv("spec.volumes[0].name")}},
		{name: "volume without source", mutate: func(p *Pod) { p.Spec.Volumes = []Volume{{Name: "a"}} }, want: []vErr{req("spec.volumes[0]")}},
		{name: "volume with two sources", mutate: func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "a", VolumeSource: VolumeSource{HostPath: &HostPathVolumeSource{Path: "/x"}, EmptyDir: &EmptyDirVolumeSource{}}}}
		}, want: []vErr{forb("spec.volumes[0].emptyDir")}},
		{name: "secret volume needs name", mutate: func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "a", VolumeSource: VolumeSource{Secret: &SecretVolumeSource{DefaultMode: Int32(0o1777)}}}}
		}, want: []vErr{req("spec.volumes[0].secret.secretName"), inv("spec.volumes[0].secret.defaultMode")}},
		{name: "key path escapes", mutate: func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "a", VolumeSource: VolumeSource{ConfigMap: &ConfigMapVolumeSource{
				LocalObjectReference: LocalObjectReference{Name: "c"}, Items: []KeyToPath{{Key: "k", Path: "../x"}}}}}}
		}, want: []vErr{inv("spec.volumes[0].configMap.items[0].path")}},
		{name: "mount of unknown volume", mutate: func(p *Pod) {
			p.Spec.Containers[0].VolumeMounts = []VolumeMount{{Name: "nope", MountPath: "/x"}}
		}, want: []vErr{notFound(c0 + ".volumeMounts[0].name")}},
		{name: "mount paths unique", mutate: func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "a", VolumeSource: VolumeSource{EmptyDir: &EmptyDirVolumeSource{}}}}
			p.Spec.Containers[0].VolumeMounts = []VolumeMount{{Name: "a", MountPath: "/x"}, {Name: "a", MountPath: "/x"}}
		}, want: []vErr{inv(c0 + ".volumeMounts[1].mountPath")}},
		{name: "mount subPath absolute", mutate: func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "a", VolumeSource: VolumeSource{EmptyDir: &EmptyDirVolumeSource{}}}}
			p.Spec.Containers[0].VolumeMounts = []VolumeMount{{Name: "a", MountPath: "/x", SubPath: "/abs"}}
		}, want: []vErr{inv(c0 + ".volumeMounts[0].subPath")}},
		{name: "bidirectional needs privileged", mutate: func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "a", VolumeSource: VolumeSource{EmptyDir: &EmptyDirVolumeSource{}}}}
			p.Spec.Containers[0].VolumeMounts = []VolumeMount{{Name: "a", MountPath: "/x", MountPropagation: Ptr(MountPropagationBidirectional)}}
		}, want: []vErr{forb(c0 + ".volumeMounts[0].mountPropagation")}},
		{name: "env name with equals", mutate: func(p *Pod) { p.Spec.Containers[0].Env = []EnvVar{{Name: "A=B"}} }, want: []vErr{inv(c0 + ".env[0].name")}},
		{name: "env name missing", mutate: func(p *Pod) { p.Spec.Containers[0].Env = []EnvVar{{Value: "x"}} }, want: []vErr{req(c0 + ".env[0].name")}},
		{name: "env valueFrom empty", mutate: func(p *Pod) {
			p.Spec.Containers[0].Env = []EnvVar{{Name: "A", ValueFrom: &EnvVarSource{}}}
		}, want: []vErr{inv(c0 + ".env[0].valueFrom")}},
		{name: "env valueFrom two sources", mutate: func(p *Pod) {
			p.Spec.Containers[0].Env = []EnvVar{{Name: "A", ValueFrom: &EnvVarSource{
				FieldRef:        &ObjectFieldSelector{FieldPath: "metadata.name"},
				ConfigMapKeyRef: &ConfigMapKeySelector{LocalObjectReference: LocalObjectReference{Name: "c"}, Key: "k"}}}}
		}, want: []vErr{inv(c0 + ".env[0].valueFrom")}},
		{name: "env value and valueFrom", mutate: func(p *Pod) {
			p.Spec.Containers[0].Env = []EnvVar{{Name: "A", Value: "x", ValueFrom: &EnvVarSource{FieldRef: &ObjectFieldSelector{FieldPath: "metadata.name"}}}}
		}, want: []vErr{inv(c0 + ".env[0].valueFrom")}},
		{name: "env fieldRef unsupported", mutate: func(p *Pod) {
			p.Spec.Containers[0].Env = []EnvVar{{Name: "A", ValueFrom: &EnvVarSource{FieldRef: &ObjectFieldSelector{FieldPath: "spec.hostname"}}}}
		}, want: []vErr{nsup(c0 + ".env[0].valueFrom.fieldRef.fieldPath")}},
		{name: "env secret key invalid", mutate: func(p *Pod) {
			p.Spec.Containers[0].Env = []EnvVar{{Name: "A", ValueFrom: &EnvVarSource{SecretKeyRef: &SecretKeySelector{Key: "a/b"}}}}
		}, want: []vErr{req(c0 + ".env[0].valueFrom.secretKeyRef.name"), inv(c0 + ".env[0].valueFrom.secretKeyRef.key")}},
		{name: "envFrom without source", mutate: func(p *Pod) { p.Spec.Containers[0].EnvFrom = []EnvFromSource{{}} }, want: []vErr{inv(c0 + ".envFrom")}},
		{name: "probe with two handlers", mutate: func(p *Pod) {
			p.Spec.Containers[0].LivenessProbe = &Probe{ProbeHandler: ProbeHandler{
				Exec: &ExecAction{Command: []string{"true"}}, TCPSocket: &TCPSocketAction{Port: FromInt32(80)}}}
		}, want: []vErr{forb(c0 + ".livenessProbe.tcpSocket")}},
		{name: "probe without handler", mutate: func(p *Pod) { p.Spec.Containers[0].ReadinessProbe = &Probe{} }, want: []vErr{req(c0 + ".readinessProbe")}},
		{name: "liveness successThreshold", mutate: func(p *Pod) {
			p.Spec.Containers[0].LivenessProbe = &Probe{ProbeHandler: ProbeHandler{GRPC: &GRPCAction{Port: 9090}}, SuccessThreshold: 2}
		}, want: []vErr{inv(c0 + ".livenessProbe.successThreshold")}},
		{name: "startup successThreshold", mutate: func(p *Pod) {
			p.Spec.Containers[0].StartupProbe = &Probe{ProbeHandler: ProbeHandler{GRPC: &GRPCAction{Port: 9090}}, SuccessThreshold: 3}
		}, want: []vErr{inv(c0 + ".startupProbe.successThreshold")}},
		{name: "probe negative period and bad port", mutate: func(p *Pod) {
			p.Spec.Containers[0].ReadinessProbe = &Probe{ProbeHandler: ProbeHandler{HTTPGet: &HTTPGetAction{Port: FromInt32(0)}}, PeriodSeconds: -1}
		}, want: []vErr{inv(c0 + ".readinessProbe.periodSeconds"), inv(c0 + ".readinessProbe.httpGet.port")}},
		{name: "exec without command", mutate: func(p *Pod) {
			p.Spec.Containers[0].LivenessProbe = &Probe{ProbeHandler: ProbeHandler{Exec: &ExecAction{}}}
		}, want: []vErr{req(c0 + ".livenessProbe.exec.command")}},
		{name: "sleep longer than grace", mutate: func(p *Pod) {
			p.Spec.Containers[0].Lifecycle = &Lifecycle{PreStop: &LifecycleHandler{Sleep: &SleepAction{Seconds: 60}}}
		}, want: []vErr{inv(c0 + ".lifecycle.preStop.sleep.seconds")}},
		{name: "init container restartPolicy only Always", mutate: func(p *Pod) {
			p.Spec.InitContainers = []Container{{Name: "init", Image: "x", RestartPolicy: Ptr(ContainerRestartPolicyOnFailure)}}
		}, want: []vErr{nsup("spec.initContainers[0].restartPolicy")}},
		{name: "init container probes need sidecar", mutate: func(p *Pod) {
			p.Spec.InitContainers = []Container{{Name: "init", Image: "x",
				LivenessProbe: &Probe{ProbeHandler: ProbeHandler{GRPC: &GRPCAction{Port: 1}}}, Lifecycle: &Lifecycle{}}}
		}, want: []vErr{forb("spec.initContainers[0].livenessProbe"), forb("spec.initContainers[0].lifecycle")}},
		{name: "sidecar liveness successThreshold", mutate: func(p *Pod) {
			p.Spec.InitContainers = []Container{{Name: "side", Image: "x", RestartPolicy: Ptr(ContainerRestartPolicyAlways),
				LivenessProbe: &Probe{ProbeHandler: ProbeHandler{GRPC: &GRPCAction{Port: 1}}, SuccessThreshold: 2}}}
		}, want: []vErr{inv("spec.initContainers[0].livenessProbe.successThreshold")}},
		{name: "regular container restartPolicy", mutate: func(p *Pod) {
			p.Spec.Containers[0].RestartPolicy = Ptr(ContainerRestartPolicyAlways)
		}, want: []vErr{forb(c0 + ".restartPolicy")}},
		{name: "ephemeral containers on create", mutate: func(p *Pod) {
			p.Spec.EphemeralContainers = []EphemeralContainer{{EphemeralContainerCommon: EphemeralContainerCommon{Name: "debug", Image: "busybox"}}}
		}, want: []vErr{forb("spec.ephemeralContainers")}},
		{name: "toleration Exists with value", mutate: func(p *Pod) {
			p.Spec.Tolerations = []Toleration{{Key: "k", Operator: TolerationOpExists, Value: "v"}}
		}, want: []vErr{inv("spec.tolerations[0].operator")}},
		{name: "toleration empty key needs Exists", mutate: func(p *Pod) {
			p.Spec.Tolerations = []Toleration{{Operator: TolerationOpEqual}}
		}, want: []vErr{inv("spec.tolerations[0].operator")}},
		{name: "tolerationSeconds needs NoExecute", mutate: func(p *Pod) {
			p.Spec.Tolerations = []Toleration{{Key: "k", Effect: TaintEffectNoSchedule, TolerationSeconds: Int64(5)}}
		}, want: []vErr{inv("spec.tolerations[0].effect")}},
		{name: "toleration effect and operator", mutate: func(p *Pod) {
			p.Spec.Tolerations = []Toleration{{Key: "k", Operator: "Like", Effect: "Evict"}}
		}, want: []vErr{nsup("spec.tolerations[0].operator"), nsup("spec.tolerations[0].effect")}},
		{name: "nodeSelector bad key", mutate: func(p *Pod) { p.Spec.NodeSelector = map[string]string{"bad key": "x"} }, want: []vErr{inv("spec.nodeSelector")}},
		{name: "pod affinity needs topologyKey", mutate: func(p *Pod) {
			p.Spec.Affinity = &Affinity{PodAffinity: &PodAffinity{RequiredDuringSchedulingIgnoredDuringExecution: []PodAffinityTerm{{
				LabelSelector: &LabelSelector{MatchLabels: map[string]string{"app": "db"}}}}}}
		}, want: []vErr{req("spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey")}},
		{name: "preferred weight out of range", mutate: func(p *Pod) {
			p.Spec.Affinity = &Affinity{PodAntiAffinity: &PodAntiAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []WeightedPodAffinityTerm{{
				Weight: 101, PodAffinityTerm: PodAffinityTerm{TopologyKey: LabelHostname}}}}}
		}, want: []vErr{inv("spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight")}},
		{name: "node affinity without terms", mutate: func(p *Pod) {
			p.Spec.Affinity = &Affinity{NodeAffinity: &NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &NodeSelector{}}}
		}, want: []vErr{req("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms")}},
		{name: "node selector requirement", mutate: func(p *Pod) {
			p.Spec.Affinity = &Affinity{NodeAffinity: &NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &NodeSelector{
				NodeSelectorTerms: []NodeSelectorTerm{{MatchExpressions: []NodeSelectorRequirement{
					{Key: "a", Operator: NodeSelectorOpIn},
					{Key: "b", Operator: NodeSelectorOpExists, Values: []string{"x"}},
					{Key: "c", Operator: "Near"},
				}}}}}}
		}, want: []vErr{
			req("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values"),
			forb("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values"),
			inv("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].operator"),
		}},
		{name: "spread constraint fields", mutate: func(p *Pod) {
			p.Spec.TopologySpreadConstraints = []TopologySpreadConstraint{{MaxSkew: 0, WhenUnsatisfiable: "Maybe"}}
		}, want: []vErr{inv("spec.topologySpreadConstraints[0].maxSkew"), req("spec.topologySpreadConstraints[0].topologyKey"),
			nsup("spec.topologySpreadConstraints[0].whenUnsatisfiable")}},
		{name: "minDomains only with DoNotSchedule", mutate: func(p *Pod) {
			p.Spec.TopologySpreadConstraints = []TopologySpreadConstraint{{MaxSkew: 1, TopologyKey: "zone", WhenUnsatisfiable: ScheduleAnyway, MinDomains: Int32(2)}}
		}, want: []vErr{inv("spec.topologySpreadConstraints[0].minDomains")}},
		{name: "spread constraints unique", mutate: func(p *Pod) {
			c := TopologySpreadConstraint{MaxSkew: 1, TopologyKey: "zone", WhenUnsatisfiable: DoNotSchedule}
			p.Spec.TopologySpreadConstraints = []TopologySpreadConstraint{c, c}
		}, want: []vErr{dup("spec.topologySpreadConstraints[1].{topologyKey, whenUnsatisfiable}")}},
		{name: "activeDeadlineSeconds zero", mutate: func(p *Pod) { p.Spec.ActiveDeadlineSeconds = Int64(0) }, want: []vErr{inv("spec.activeDeadlineSeconds")}},
		{name: "negative grace period", mutate: func(p *Pod) { p.Spec.TerminationGracePeriodSeconds = Int64(-1) }, want: []vErr{inv("spec.terminationGracePeriodSeconds")}},
		{name: "priorityClassName", mutate: func(p *Pod) { p.Spec.PriorityClassName = "High_Priority" }, want: []vErr{inv("spec.priorityClassName")}},
		{name: "serviceAccountName and hostname", mutate: func(p *Pod) { p.Spec.ServiceAccountName, p.Spec.Hostname = "A", "a.b" },
			want: []vErr{inv("spec.serviceAccountName"), inv("spec.hostname")}},
		{name: "scheduling gates", mutate: func(p *Pod) {
			p.Spec.SchedulingGates = []PodSchedulingGate{{Name: "bad gate"}, {Name: "ok"}, {Name: "ok"}}
		}, want: []vErr{inv("spec.schedulingGates[0].name"), dup("spec.schedulingGates[2]")}},
		{name: "gated pod may not be bound", mutate: func(p *Pod) {
			p.Spec.SchedulingGates = []PodSchedulingGate{{Name: "g"}}
			p.Spec.NodeName = "node-1"
		}, want: []vErr{forb("spec.nodeName")}},
		{name: "pod-level resources", mutate: func(p *Pod) {
			p.Spec.Resources = &ResourceRequirements{Limits: ResourceList{ResourceEphemeralStorage: q("1Gi")}}
		}, want: []vErr{nsup("spec.resources.limits[ephemeral-storage]")}},
		{name: "seccomp localhost needs profile", mutate: func(p *Pod) {
			p.Spec.SecurityContext = &PodSecurityContext{SeccompProfile: &SeccompProfile{Type: SeccompProfileTypeLocalhost}}
		}, want: []vErr{req("spec.securityContext.seccompProfile.localhostProfile")}},
		{name: "mirror pod needs nodeName", mutate: func(p *Pod) {
			p.Annotations = map[string]string{MirrorPodAnnotationKey: "x"}
		}, want: []vErr{inv("metadata.annotations[kubernetes.io/config.mirror]")}},
	})
}

func ExampleValidatePod() {
	pod := &Pod{
		ObjectMeta: ObjectMeta{Name: "web", Namespace: "default"},
		Spec: PodSpec{Containers: []Container{{
			Name:  "web",
			Image: "nginx:1.27",
			Ports: []ContainerPort{{ContainerPort: 80, Protocol: "HTTP"}},
		}}},
	}
	for _, err := range ValidatePod(pod) {
		fmt.Println(err)
	}
	// Output:
	// spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"
}

func TestValidatePodMessages(t *testing.T) {
	t.Parallel()
	p := validPod()
	p.Spec.Containers[0].Resources = ResourceRequirements{Requests: ResourceList{ResourceCPU: q("1")}, Limits: ResourceList{ResourceCPU: q("500m")}}
	got := ValidatePod(p).ToAggregate().Error()
	want := `spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	p = validPod()
	p.Spec.RestartPolicy = "Sometimes"
	got = ValidatePod(p).ToAggregate().Error()
	want = `spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestValidatePodUpdate(t *testing.T) {
	t.Parallel()
	runUpdateCases(t, fullPod, ValidatePodUpdate, []ucase[Pod]{
		{name: "unchanged"},
		{name: "images may change", change: func(cur, _ *Pod) {
			cur.Spec.Containers[0].Image = "nginx:1.28"
			cur.Spec.InitContainers[0].Image = "busybox:2"
		}},
		{name: "labels and annotations may change", change: func(cur, _ *Pod) {
			cur.Labels["tier"] = "front"
			cur.Annotations = nil
		}},
		{name: "activeDeadlineSeconds may decrease", change: func(cur, _ *Pod) { cur.Spec.ActiveDeadlineSeconds = Int64(60) }},
		{name: "activeDeadlineSeconds may be set", change: func(cur, old *Pod) { old.Spec.ActiveDeadlineSeconds = nil }},
		{name: "activeDeadlineSeconds may not increase", change: func(cur, _ *Pod) { cur.Spec.ActiveDeadlineSeconds = Int64(7200) },
			want: []vErr{inv("spec.activeDeadlineSeconds")}},
		{name: "activeDeadlineSeconds may not be unset", change: func(cur, _ *Pod) { cur.Spec.ActiveDeadlineSeconds = nil },
			want: []vErr{inv("spec.activeDeadlineSeconds")}},
		{name: "tolerations may be added", change: func(cur, _ *Pod) {
			cur.Spec.Tolerations = append(cur.Spec.Tolerations, Toleration{Key: "gpu", Operator: TolerationOpExists})
		}},
		{name: "tolerationSeconds may change", change: func(cur, _ *Pod) { cur.Spec.Tolerations[1].TolerationSeconds = Int64(10) }},
		{name: "tolerations may not change", change: func(cur, _ *Pod) { cur.Spec.Tolerations[0].Value = "api" },
			want: []vErr{forb("spec.tolerations")}},
		{name: "tolerations may not be removed", change: func(cur, _ *Pod) { cur.Spec.Tolerations = cur.Spec.Tolerations[1:] },
			want: []vErr{forb("spec.tolerations")}},
		{name: "scheduling gates may be removed", change: func(cur, _ *Pod) { cur.Spec.SchedulingGates = nil }},
		{name: "scheduling gates may not be added", change: func(cur, _ *Pod) {
			cur.Spec.SchedulingGates = append(cur.Spec.SchedulingGates, PodSchedulingGate{Name: "more"})
		}, want: []vErr{forb("spec.schedulingGates[1].name")}},
		{name: "gated pod may gain node selector terms", change: func(cur, _ *Pod) { cur.Spec.NodeSelector["disk"] = "ssd" }},
		{name: "gated pod may not lose node selector terms", change: func(cur, _ *Pod) { cur.Spec.NodeSelector = nil },
			want: []vErr{inv("spec.nodeSelector")}},
		{name: "ungated pod may not change node selector", change: func(cur, old *Pod) {
			cur.Spec.SchedulingGates, old.Spec.SchedulingGates = nil, nil
			cur.Spec.NodeSelector["disk"] = "ssd"
		}, want: []vErr{forb("spec")}},
		{name: "negative grace period may become 1", change: func(cur, old *Pod) {
			cur.Spec.Containers[0].Lifecycle, old.Spec.Containers[0].Lifecycle = nil, nil
			old.Spec.TerminationGracePeriodSeconds = Int64(-5)
			cur.Spec.TerminationGracePeriodSeconds = Int64(1)
		}},
		{name: "grace period may not change", change: func(cur, _ *Pod) { cur.Spec.TerminationGracePeriodSeconds = Int64(10) },
			want: []vErr{forb("spec")}},
		{name: "ports may not change", change: func(cur, _ *Pod) { cur.Spec.Containers[0].Ports[0].ContainerPort = 8080 },
			want: []vErr{forb("spec")}},
		{name: "nodeName may not change", change: func(cur, _ *Pod) { cur.Spec.NodeName = "node-2" },
			want: []vErr{forb("spec")}},
		{name: "containers may not be added", change: func(cur, _ *Pod) {
			cur.Spec.Containers = append(cur.Spec.Containers, Container{Name: "b", Image: "x"})
		}, want: []vErr{forb("spec.containers")}},
		{name: "image may not be emptied", change: func(cur, _ *Pod) { cur.Spec.Containers[0].Image = "" },
			want: []vErr{req("spec.containers[0].image")}},
		{name: "name is immutable", change: func(cur, _ *Pod) { cur.Name = "other" }, want: []vErr{inv("metadata.name")}},
		{name: "uid is immutable", change: func(cur, old *Pod) { old.UID = "a"; cur.UID = "b" }, want: []vErr{inv("metadata.uid")}},
		{name: "resourceVersion required", change: func(cur, _ *Pod) { cur.ResourceVersion = "" }, want: []vErr{inv("metadata.resourceVersion")}},
		{name: "generation may not decrease", change: func(cur, old *Pod) { old.Generation = 2; cur.Generation = 1 },
			want: []vErr{inv("metadata.generation")}},
		{name: "no new finalizers while deleting", change: func(cur, old *Pod) {
			now := Now()
			old.DeletionTimestamp, cur.DeletionTimestamp = &now, &now
			cur.Finalizers = append(cur.Finalizers, "example.com/more")
		}, want: []vErr{forb("metadata.finalizers")}},
		{name: "finalizers may be removed while deleting", change: func(cur, old *Pod) {
			now := Now()
			old.DeletionTimestamp, cur.DeletionTimestamp = &now, &now
			cur.Finalizers = nil
		}},
	})
}

func TestValidatePodUpdateMessage(t *testing.T) {
	t.Parallel()
	old, cur := validPod(), validPod()
	cur.Spec.NodeName = "node-2"
	errs := ValidatePodUpdate(cur, old)
	if len(errs) != 1 {
		t.Fatalf("got %v", errs)
	}
	msg := errs[0].Error()
	want := "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"
	if !strings.HasPrefix(msg, want) || !strings.Contains(msg, "spec.nodeName") {
		t.Errorf("got %s", msg)
	}
}

func TestValidatePodTemplate(t *testing.T) {
	t.Parallel()
	valid := func() *PodTemplate {
		p := validPod()
		return &PodTemplate{ObjectMeta: meta("tpl"), Template: PodTemplateSpec{ObjectMeta: ObjectMeta{Labels: p.Labels}, Spec: p.Spec}}
	}
	runCases(t, valid, ValidatePodTemplate, []vcase[PodTemplate]{
		{name: "valid"},
		{name: "template labels", mutate: func(pt *PodTemplate) { pt.Template.Labels = map[string]string{"a": "-"} }, want: []vErr{inv("template.labels")}},
		{name: "template spec", mutate: func(pt *PodTemplate) { pt.Template.Spec.Containers = nil }, want: []vErr{req("template.spec.containers")}},
		{name: "ephemeral containers", mutate: func(pt *PodTemplate) {
			pt.Template.Spec.EphemeralContainers = []EphemeralContainer{{EphemeralContainerCommon: EphemeralContainerCommon{Name: "d", Image: "x"}}}
		}, want: []vErr{forb("template.spec.ephemeralContainers")}},
	})
	runUpdateCases(t, valid, ValidatePodTemplateUpdate, []ucase[PodTemplate]{
		{name: "template may change", change: func(cur, _ *PodTemplate) { cur.Template.Spec.Containers[0].Ports = nil }},
	})
}

// ---- Service ----

func validService() *Service {
	return &Service{ObjectMeta: meta("web"), Spec: ServiceSpec{
		Type:            ServiceTypeClusterIP,
		ClusterIP:       "10.0.0.10",
		ClusterIPs:      []string{"10.0.0.10"},
		Selector:        map[string]string{"app": "web"},
		SessionAffinity: ServiceAffinityNone,
		Ports: []ServicePort{
			{Name: "http", Port: 80, TargetPort: FromString("http"), Protocol: ProtocolTCP},
			{Name: "https", Port: 443, TargetPort: FromInt32(8443), Protocol: ProtocolTCP},
		},
	}}
}

func TestValidateService(t *testing.T) {
	t.Parallel()
	runCases(t, validService, ValidateService, []vcase[Service]{
		{name: "valid"},
		{name: "headless without ports", mutate: func(s *Service) {
			s.Spec.ClusterIP, s.Spec.ClusterIPs, s.Spec.Ports = ClusterIPNone, []string{ClusterIPNone}, nil
		}},
		{name: "ExternalName", mutate: func(s *Service) {
			s.Spec = ServiceSpec{Type: ServiceTypeExternalName, ExternalName: "db.example.com."}
		}},
		{name: "NodePort", mutate: func(s *Service) {
			s.Spec.Type = ServiceTypeNodePort
			s.Spec.Ports[0].NodePort = 30080
			s.Spec.ExternalTrafficPolicy = ServiceExternalTrafficPolicyLocal
		}},
		{name: "name must be a DNS-1035 label", mutate: func(s *Service) { s.Name = "1web" }, want: []vErr{inv("metadata.name")}},
		{name: "ports required", mutate: func(s *Service) { s.Spec.Ports = nil }, want: []vErr{req("spec.ports")}},
		{name: "port range", mutate: func(s *Service) { s.Spec.Ports[0].Port = 0 }, want: []vErr{inv("spec.ports[0].port")}},
		{name: "names required with several ports", mutate: func(s *Service) { s.Spec.Ports[1].Name = "" }, want: []vErr{req("spec.ports[1].name")}},
		{name: "single port needs no name", mutate: func(s *Service) { s.Spec.Ports = s.Spec.Ports[:1]; s.Spec.Ports[0].Name = "" }},
		{name: "names unique", mutate: func(s *Service) { s.Spec.Ports[1].Name = "http" }, want: []vErr{dup("spec.ports[1].name")}},
		{name: "port and protocol unique", mutate: func(s *Service) { s.Spec.Ports[1].Port = 80 }, want: []vErr{dup("spec.ports[1]")}},
		{name: "same port other protocol", mutate: func(s *Service) { s.Spec.Ports[1].Port, s.Spec.Ports[1].Protocol = 80, ProtocolUDP }},
		{name: "protocol", mutate: func(s *Service) { s.Spec.Ports[0].Protocol = "ICMP" }, want: []vErr{nsup("spec.ports[0].protocol")}},
		{name: "targetPort name", mutate: func(s *Service) { s.Spec.Ports[0].TargetPort = FromString("bad_name") }, want: []vErr{inv("spec.ports[0].targetPort")}},
		{name: "targetPort number", mutate: func(s *Service) { s.Spec.Ports[0].TargetPort = FromInt32(70000) }, want: []vErr{inv("spec.ports[0].targetPort")}},
		{name: "type", mutate: func(s *Service) { s.Spec.Type = "Internal" }, want: []vErr{nsup("spec.type")}},
		{name: "sessionAffinity", mutate: func(s *Service) { s.Spec.SessionAffinity = "Sticky" }, want: []vErr{nsup("spec.sessionAffinity")}},
		{name: "ClientIP timeout", mutate: func(s *Service) {
			s.Spec.SessionAffinity = ServiceAffinityClientIP
			s.Spec.SessionAffinityConfig = &SessionAffinityConfig{ClientIP: &ClientIPConfig{TimeoutSeconds: Int32(0)}}
		}, want: []vErr{inv("spec.sessionAffinityConfig.clientIP.timeoutSeconds")}},
		{name: "ExternalName requires externalName", mutate: func(s *Service) {
			s.Spec = ServiceSpec{Type: ServiceTypeExternalName}
		}, want: []vErr{req("spec.externalName")}},
		{name: "ExternalName forbids clusterIP", mutate: func(s *Service) {
			s.Spec.Type, s.Spec.ExternalName = ServiceTypeExternalName, "db.example.com"
		}, want: []vErr{forb("spec.clusterIPs")}},
		{name: "nodePort on ClusterIP", mutate: func(s *Service) { s.Spec.Ports[0].NodePort = 30080 }, want: []vErr{forb("spec.ports[0].nodePort")}},
		{name: "duplicate nodePort", mutate: func(s *Service) {
			s.Spec.Type = ServiceTypeNodePort
			s.Spec.Ports[0].NodePort, s.Spec.Ports[1].NodePort = 30080, 30080
		}, want: []vErr{dup("spec.ports[1].nodePort")}},
		{name: "clusterIP invalid", mutate: func(s *Service) { s.Spec.ClusterIP, s.Spec.ClusterIPs = "300.1.1.1", nil }, want: []vErr{inv("spec.clusterIP")}},
		{name: "clusterIPs must match clusterIP", mutate: func(s *Service) { s.Spec.ClusterIPs = []string{"10.0.0.11"} }, want: []vErr{inv("spec.clusterIPs[0]")}},
		{name: "headless NodePort", mutate: func(s *Service) {
			s.Spec.Type, s.Spec.ClusterIP, s.Spec.ClusterIPs = ServiceTypeNodePort, ClusterIPNone, []string{ClusterIPNone}
		}, want: []vErr{inv("spec.clusterIPs[0]")}},
		{name: "externalTrafficPolicy on ClusterIP", mutate: func(s *Service) {
			s.Spec.ExternalTrafficPolicy = ServiceExternalTrafficPolicyLocal
		}, want: []vErr{inv("spec.externalTrafficPolicy")}},
		{name: "loadBalancerSourceRanges need LoadBalancer", mutate: func(s *Service) {
			s.Spec.LoadBalancerSourceRanges = []string{"10.0.0.0/8"}
		}, want: []vErr{forb("spec.loadBalancerSourceRanges")}},
		{name: "externalIPs", mutate: func(s *Service) { s.Spec.ExternalIPs = []string{"bogus", "127.0.0.1"} },
			want: []vErr{inv("spec.externalIPs[0]"), inv("spec.externalIPs[1]")}},
		{name: "selector labels", mutate: func(s *Service) { s.Spec.Selector = map[string]string{"app": "a b"} }, want: []vErr{inv("spec.selector")}},
	})
}

func TestValidateServiceUpdate(t *testing.T) {
	t.Parallel()
	runUpdateCases(t, validService, ValidateServiceUpdate, []ucase[Service]{
		{name: "ports may change", change: func(cur, _ *Service) { cur.Spec.Ports = cur.Spec.Ports[:1] }},
		{name: "clusterIP may be allocated", change: func(cur, old *Service) { old.Spec.ClusterIP, old.Spec.ClusterIPs = "", nil }},
		{name: "clusterIP is immutable", change: func(cur, _ *Service) { cur.Spec.ClusterIP, cur.Spec.ClusterIPs = "10.0.0.11", nil },
			want: []vErr{inv("spec.clusterIP")}},
		{name: "primary clusterIPs is immutable", change: func(cur, _ *Service) { cur.Spec.ClusterIP, cur.Spec.ClusterIPs = "10.0.0.11", []string{"10.0.0.11"} },
			want: []vErr{inv("spec.clusterIPs[0]")}},
		{name: "to ExternalName", change: func(cur, _ *Service) {
			cur.Spec = ServiceSpec{Type: ServiceTypeExternalName, ExternalName: "db.example.com"}
		}},
		{name: "from ExternalName", change: func(cur, old *Service) {
			old.Spec = ServiceSpec{Type: ServiceTypeExternalName, ExternalName: "db.example.com"}
		}},
	})
}

// ---- Namespace, Node ----

func TestValidateNamespace(t *testing.T) {
	t.Parallel()
	valid := func() *Namespace {
		return &Namespace{ObjectMeta: clusterMeta("team-a"), Spec: NamespaceSpec{Finalizers: []FinalizerName{FinalizerKubernetes}}}
	}
	runCases(t, valid, ValidateNamespace, []vcase[Namespace]{
		{name: "valid"},
		{name: "name must be a label", mutate: func(n *Namespace) { n.Name = "team.a" }, want: []vErr{inv("metadata.name")}},
		{name: "namespace forbidden", mutate: func(n *Namespace) { n.Namespace = "default" }, want: []vErr{forb("metadata.namespace")}},
		{name: "spec finalizer", mutate: func(n *Namespace) { n.Spec.Finalizers = []FinalizerName{"cleanup"} }, want: []vErr{inv("spec.finalizers[0]")}},
	})
	runUpdateCases(t, valid, ValidateNamespaceUpdate, []ucase[Namespace]{
		{name: "labels", change: func(cur, _ *Namespace) { cur.Labels = map[string]string{"env": "prod"} }},
		{name: "name", change: func(cur, _ *Namespace) { cur.Name = "team-b" }, want: []vErr{inv("metadata.name")}},
	})
}

func validNode() *Node {
	return &Node{ObjectMeta: clusterMeta("node-1"), Spec: NodeSpec{
		PodCIDR:  "10.244.1.0/24",
		PodCIDRs: []string{"10.244.1.0/24", "fd00::/64"},
		Taints:   []Taint{{Key: "dedicated", Value: "gpu", Effect: TaintEffectNoSchedule}},
	}, Status: NodeStatus{Capacity: ResourceList{ResourceCPU: q("4"), ResourcePods: q("110")}}}
}

func TestValidateNode(t *testing.T) {
	t.Parallel()
	runCases(t, validNode, ValidateNode, []vcase[Node]{
		{name: "valid"},
		{name: "same key other effect", mutate: func(n *Node) {
			n.Spec.Taints = append(n.Spec.Taints, Taint{Key: "dedicated", Effect: TaintEffectNoExecute})
		}},
		{name: "taint key", mutate: func(n *Node) { n.Spec.Taints[0].Key = "bad key" }, want: []vErr{inv("spec.taints[0].key")}},
		{name: "taint value", mutate: func(n *Node) { n.Spec.Taints[0].Value = "-x" }, want: []vErr{inv("spec.taints[0].value")}},
		{name: "taint effect required", mutate: func(n *Node) { n.Spec.Taints[0].Effect = "" }, want: []vErr{req("spec.taints[0].effect")}},
		{name: "taint effect", mutate: func(n *Node) { n.Spec.Taints[0].Effect = "Evict" }, want: []vErr{nsup("spec.taints[0].effect")}},
		{name: "taints unique by key and effect", mutate: func(n *Node) {
			n.Spec.Taints = append(n.Spec.Taints, Taint{Key: "dedicated", Value: "other", Effect: TaintEffectNoSchedule})
		}, want: []vErr{dup("spec.taints[1]")}},
		{name: "pod CIDR", mutate: func(n *Node) { n.Spec.PodCIDRs[1] = "fd00::1" }, want: []vErr{inv("spec.podCIDRs[1]")}},
		{name: "pod CIDRs one per family", mutate: func(n *Node) { n.Spec.PodCIDRs[1] = "10.245.0.0/24" }, want: []vErr{inv("spec.podCIDRs")}},
	})
	runUpdateCases(t, validNode, ValidateNodeUpdate, []ucase[Node]{
		{name: "unschedulable", change: func(cur, _ *Node) { cur.Spec.Unschedulable = true }},
		{name: "pod CIDRs may be set", change: func(cur, old *Node) { old.Spec.PodCIDR, old.Spec.PodCIDRs = "", nil }},
		{name: "pod CIDRs immutable", change: func(cur, _ *Node) { cur.Spec.PodCIDR, cur.Spec.PodCIDRs = "10.244.2.0/24", []string{"10.244.2.0/24"} },
			want: []vErr{forb("spec.podCIDRs")}},
		{name: "providerID may be set once", change: func(cur, _ *Node) { cur.Spec.ProviderID = "aws://i-1" }},
		{name: "providerID immutable", change: func(cur, old *Node) { old.Spec.ProviderID, cur.Spec.ProviderID = "aws://i-1", "aws://i-2" },
			want: []vErr{forb("spec.providerID")}},
	})
}

// ---- Secret, ConfigMap, ServiceAccount ----

func TestValidateSecret(t *testing.T) {
	t.Parallel()
	valid := func() *Secret {
		return &Secret{ObjectMeta: meta("db"), Type: SecretTypeOpaque, Data: map[string][]byte{"password": []byte("x"), "user.name": []byte("y")}}
	}
	runCases(t, valid, ValidateSecret, []vcase[Secret]{
		{name: "valid"},
		{name: "bad key", mutate: func(s *Secret) { s.Data["a/b"] = nil }, want: []vErr{inv("data[a/b]")}},
		{name: "bad stringData key", mutate: func(s *Secret) { s.StringData = map[string]string{"..": "x"} }, want: []vErr{inv("stringData[..]")}},
		{name: "too large", mutate: func(s *Secret) { s.Data["big"] = make([]byte, MaxSecretSize) }, want: []vErr{tooLong("data")}},
		{name: "tls keys", mutate: func(s *Secret) { s.Type = SecretTypeTLS }, want: []vErr{req("data[tls.crt]"), req("data[tls.key]")}},
		{name: "service account token", mutate: func(s *Secret) { s.Type = SecretTypeServiceAccountToken },
			want: []vErr{req("metadata.annotations[kubernetes.io/service-account.name]")}},
		{name: "dockerconfigjson", mutate: func(s *Secret) {
			s.Type = SecretTypeDockerConfigJson
			s.Data[DockerConfigJsonKey] = []byte("{not json")
		}, want: []vErr{inv("data[.dockerconfigjson]")}},
		{name: "basic auth", mutate: func(s *Secret) { s.Type, s.Data = SecretTypeBasicAuth, nil }, want: []vErr{req("data[username]"), req("data[password]")}},
	})
	runUpdateCases(t, valid, ValidateSecretUpdate, []ucase[Secret]{
		{name: "data may change", change: func(cur, _ *Secret) { cur.Data["password"] = []byte("z") }},
		{name: "type immutable", change: func(cur, _ *Secret) { cur.Type = "example.com/custom" }, want: []vErr{inv("type")}},
		{name: "empty type is Opaque", change: func(cur, _ *Secret) { cur.Type = "" }},
		{name: "immutable data", change: func(cur, old *Secret) {
			old.Immutable, cur.Immutable = Bool(true), Bool(true)
			cur.Data["password"] = []byte("z")
		}, want: []vErr{forb("data")}},
		{name: "immutable stays", change: func(cur, old *Secret) { old.Immutable, cur.Immutable = Bool(true), Bool(false) },
			want: []vErr{forb("immutable")}},
		{name: "may become immutable", change: func(cur, _ *Secret) { cur.Immutable = Bool(true) }},
	})
}

func TestValidateConfigMap(t *testing.T) {
	t.Parallel()
	valid := func() *ConfigMap {
		return &ConfigMap{ObjectMeta: meta("cfg"), Data: map[string]string{"app.properties": "a=b"}, BinaryData: map[string][]byte{"logo.png": {1}}}
	}
	runCases(t, valid, ValidateConfigMap, []vcase[ConfigMap]{
		{name: "valid"},
		{name: "bad key", mutate: func(c *ConfigMap) { c.Data["a b"] = "" }, want: []vErr{inv("data[a b]")}},
		{name: "bad binary key", mutate: func(c *ConfigMap) { c.BinaryData["."] = nil }, want: []vErr{inv("binaryData[.]")}},
		{name: "key in both", mutate: func(c *ConfigMap) { c.BinaryData["app.properties"] = nil }, want: []vErr{inv("data[app.properties]")}},
		{name: "too large", mutate: func(c *ConfigMap) { c.BinaryData["big"] = make([]byte, MaxSecretSize) }, want: []vErr{tooLong("")}},
	})
	runUpdateCases(t, valid, ValidateConfigMapUpdate, []ucase[ConfigMap]{
		{name: "data may change", change: func(cur, _ *ConfigMap) { cur.Data["x"] = "y" }},
		{name: "immutable", change: func(cur, old *ConfigMap) {
			old.Immutable, cur.Immutable = Bool(true), nil
			cur.Data["x"] = "y"
			cur.BinaryData = nil
		}, want: []vErr{forb("immutable"), forb("data"), forb("binaryData")}},
	})
}

func TestValidateServiceAccount(t *testing.T) {
	t.Parallel()
	valid := func() *ServiceAccount { return &ServiceAccount{ObjectMeta: meta("web")} }
	runCases(t, valid, ValidateServiceAccount, []vcase[ServiceAccount]{
		{name: "valid"},
		{name: "name", mutate: func(sa *ServiceAccount) { sa.Name = "Web" }, want: []vErr{inv("metadata.name")}},
		{name: "pull secret name", mutate: func(sa *ServiceAccount) { sa.ImagePullSecrets = []LocalObjectReference{{}} },
			want: []vErr{req("imagePullSecrets[0].name")}},
	})
	runUpdateCases(t, valid, ValidateServiceAccountUpdate, []ucase[ServiceAccount]{
		{name: "automount", change: func(cur, _ *ServiceAccount) { cur.AutomountServiceAccountToken = Bool(false) }},
	})
}

// ---- Event ----

func TestValidateEvent(t *testing.T) {
	t.Parallel()
	valid := func() *Event {
		return &Event{ObjectMeta: meta("web.17a"), InvolvedObject: ObjectReference{Kind: "Pod", Namespace: "default", Name: "web"},
			Reason: "Started", Type: EventTypeNormal, Source: EventSource{Component: "kubelet"}}
	}
	runCases(t, valid, ValidateEvent, []vcase[Event]{
		{name: "valid"},
		{name: "cluster-scoped object in default", mutate: func(e *Event) { e.InvolvedObject = ObjectReference{Kind: "Node", Name: "n"} }},
		{name: "namespace mismatch", mutate: func(e *Event) { e.InvolvedObject.Namespace = "other" }, want: []vErr{inv("involvedObject.namespace")}},
		{name: "new-style event needs reporter", mutate: func(e *Event) { e.EventTime = NowMicro() },
			want: []vErr{req("reportingController"), req("reportingInstance"), req("action")}},
		{name: "new-style event", mutate: func(e *Event) {
			e.EventTime = NowMicro()
			e.ReportingController, e.ReportingInstance, e.Action = "example.com/ctl", "ctl-1", "Start"
		}},
	})
	runUpdateCases(t, valid, ValidateEventUpdate, []ucase[Event]{
		{name: "count", change: func(cur, _ *Event) { cur.Count = 2 }},
	})
}

// ---- PersistentVolume, PersistentVolumeClaim ----

func validPV() *PersistentVolume {
	return &PersistentVolume{ObjectMeta: clusterMeta("pv-1"), Spec: PersistentVolumeSpec{
		Capacity:                      ResourceList{ResourceStorage: q("10Gi")},
		AccessModes:                   []PersistentVolumeAccessMode{ReadWriteOnce},
		PersistentVolumeReclaimPolicy: PersistentVolumeReclaimRetain,
		StorageClassName:              "manual",
		PersistentVolumeSource:        PersistentVolumeSource{HostPath: &HostPathVolumeSource{Path: "/mnt/data"}},
	}}
}

func TestValidatePersistentVolume(t *testing.T) {
	t.Parallel()
	runCases(t, validPV, ValidatePersistentVolume, []vcase[PersistentVolume]{
		{name: "valid"},
		{name: "local with node affinity", mutate: func(pv *PersistentVolume) {
			pv.Spec.PersistentVolumeSource = PersistentVolumeSource{Local: &LocalVolumeSource{Path: "/mnt/disk"}}
			pv.Spec.NodeAffinity = &VolumeNodeAffinity{Required: &NodeSelector{NodeSelectorTerms: []NodeSelectorTerm{{
				MatchExpressions: []NodeSelectorRequirement{{Key: LabelHostname, Operator: NodeSelectorOpIn, Values: []string{"n1"}}}}}}}
		}},
		{name: "access modes required", mutate: func(pv *PersistentVolume) { pv.Spec.AccessModes = nil }, want: []vErr{req("spec.accessModes")}},
		{name: "access mode", mutate: func(pv *PersistentVolume) { pv.Spec.AccessModes = []PersistentVolumeAccessMode{"ReadSometimes"} },
			want: []vErr{nsup("spec.accessModes")}},
		{name: "ReadWriteOncePod alone", mutate: func(pv *PersistentVolume) {
			pv.Spec.AccessModes = append(pv.Spec.AccessModes, ReadWriteOncePod)
		}, want: []vErr{forb("spec.accessModes")}},
		{name: "capacity required", mutate: func(pv *PersistentVolume) { pv.Spec.Capacity = nil }, want: []vErr{req("spec.capacity")}},
		{name: "capacity storage only", mutate: func(pv *PersistentVolume) { pv.Spec.Capacity[ResourceCPU] = q("1") }, want: []vErr{nsup("spec.capacity")}},
		{name: "capacity positive", mutate: func(pv *PersistentVolume) { pv.Spec.Capacity[ResourceStorage] = q("0") }, want: []vErr{inv("spec.capacity[storage]")}},
		{name: "reclaim policy", mutate: func(pv *PersistentVolume) { pv.Spec.PersistentVolumeReclaimPolicy = "Keep" },
			want: []vErr{nsup("spec.persistentVolumeReclaimPolicy")}},
		{name: "no source", mutate: func(pv *PersistentVolume) { pv.Spec.PersistentVolumeSource = PersistentVolumeSource{} }, want: []vErr{req("spec")}},
		{name: "two sources", mutate: func(pv *PersistentVolume) {
			pv.Spec.NFS = &NFSVolumeSource{Server: "nfs", Path: "/export"}
		}, want: []vErr{forb("spec.nfs")}},
		{name: "local needs node affinity", mutate: func(pv *PersistentVolume) {
			pv.Spec.PersistentVolumeSource = PersistentVolumeSource{Local: &LocalVolumeSource{Path: "/mnt/disk"}}
		}, want: []vErr{req("spec.nodeAffinity")}},
		{name: "csi", mutate: func(pv *PersistentVolume) {
			pv.Spec.PersistentVolumeSource = PersistentVolumeSource{CSI: &CSIPersistentVolumeSource{Driver: "Bad_Driver"}}
		}, want: []vErr{inv("spec.csi.driver"), req("spec.csi.volumeHandle")}},
	})
	runUpdateCases(t, validPV, ValidatePersistentVolumeUpdate, []ucase[PersistentVolume]{
		{name: "reclaim policy may change", change: func(cur, _ *PersistentVolume) { cur.Spec.PersistentVolumeReclaimPolicy = PersistentVolumeReclaimDelete }},
		{name: "source immutable", change: func(cur, _ *PersistentVolume) { cur.Spec.HostPath.Path = "/mnt/other" },
			want: []vErr{forb("spec.persistentvolumesource")}},
	})
}

func validPVC() *PersistentVolumeClaim {
	return &PersistentVolumeClaim{ObjectMeta: meta("data"), Spec: PersistentVolumeClaimSpec{
		AccessModes: []PersistentVolumeAccessMode{ReadWriteOnce},
		Resources:   VolumeResourceRequirements{Requests: ResourceList{ResourceStorage: q("1Gi")}},
	}}
}

func TestValidatePersistentVolumeClaim(t *testing.T) {
	t.Parallel()
	runCases(t, validPVC, ValidatePersistentVolumeClaim, []vcase[PersistentVolumeClaim]{
		{name: "valid"},
		{name: "access modes required", mutate: func(c *PersistentVolumeClaim) { c.Spec.AccessModes = nil }, want: []vErr{req("spec.accessModes")}},
		{name: "storage required", mutate: func(c *PersistentVolumeClaim) { c.Spec.Resources.Requests = nil }, want: []vErr{req("spec.resources[storage]")}},
		{name: "storage positive", mutate: func(c *PersistentVolumeClaim) { c.Spec.Resources.Requests[ResourceStorage] = q("0") },
			want: []vErr{inv("spec.resources[storage]")}},
		{name: "storage class", mutate: func(c *PersistentVolumeClaim) { c.Spec.StorageClassName = Ptr("Fast_SSD") }, want: []vErr{inv("spec.storageClassName")}},
		{name: "volume mode", mutate: func(c *PersistentVolumeClaim) { c.Spec.VolumeMode = Ptr(PersistentVolumeMode("Raw")) }, want: []vErr{nsup("spec.volumeMode")}},
	})
	runUpdateCases(t, validPVC, ValidatePersistentVolumeClaimUpdate, []ucase[PersistentVolumeClaim]{
		{name: "volumeName may be set once", change: func(cur, _ *PersistentVolumeClaim) { cur.Spec.VolumeName = "pv-1" }},
		{name: "volumeName immutable", change: func(cur, old *PersistentVolumeClaim) { old.Spec.VolumeName, cur.Spec.VolumeName = "pv-1", "pv-2" },
			want: []vErr{forb("spec")}},
		{name: "bound claim may grow", change: func(cur, _ *PersistentVolumeClaim) {
			cur.Status.Phase = ClaimBound
			cur.Spec.Resources.Requests[ResourceStorage] = q("2Gi")
		}},
		{name: "bound claim may not shrink", change: func(cur, old *PersistentVolumeClaim) {
			old.Spec.Resources.Requests[ResourceStorage] = q("2Gi")
			cur.Status.Phase = ClaimBound
		}, want: []vErr{forb("spec.resources.requests.storage")}},
		{name: "unbound claim may not resize", change: func(cur, _ *PersistentVolumeClaim) { cur.Spec.Resources.Requests[ResourceStorage] = q("2Gi") },
			want: []vErr{forb("spec")}},
		{name: "access modes immutable", change: func(cur, _ *PersistentVolumeClaim) {
			cur.Spec.AccessModes = []PersistentVolumeAccessMode{ReadWriteMany}
		},
			want: []vErr{forb("spec")}},
	})
}

// ---- ResourceQuota, LimitRange ----

func TestValidateResourceQuota(t *testing.T) {
	t.Parallel()
	valid := func() *ResourceQuota {
		return &ResourceQuota{ObjectMeta: meta("quota"), Spec: ResourceQuotaSpec{
			Hard: ResourceList{ResourcePods: q("10"), ResourceRequestsCPU: q("4"), "count/deployments.apps": q("5"), "requests.example.com/gpu": q("2")},
		}}
	}
	runCases(t, valid, ValidateResourceQuota, []vcase[ResourceQuota]{
		{name: "valid"},
		{name: "unknown resource", mutate: func(rq *ResourceQuota) { rq.Spec.Hard["foo"] = q("1") }, want: []vErr{inv("spec.hard[foo]")}},
		{name: "counts are whole", mutate: func(rq *ResourceQuota) { rq.Spec.Hard[ResourcePods] = q("1500m") }, want: []vErr{inv("spec.hard[pods]")}},
		{name: "negative", mutate: func(rq *ResourceQuota) { rq.Spec.Hard[ResourceRequestsCPU] = q("-1") }, want: []vErr{inv("spec.hard[requests.cpu]")}},
		{name: "scope", mutate: func(rq *ResourceQuota) { rq.Spec.Scopes = []ResourceQuotaScope{"Sometimes"} }, want: []vErr{inv("spec.scopes")}},
	})
	runUpdateCases(t, valid, ValidateResourceQuotaUpdate, []ucase[ResourceQuota]{
		{name: "hard may change", change: func(cur, _ *ResourceQuota) { cur.Spec.Hard[ResourcePods] = q("20") }},
	})
}

func TestValidateLimitRange(t *testing.T) {
	t.Parallel()
	valid := func() *LimitRange {
		return &LimitRange{ObjectMeta: meta("limits"), Spec: LimitRangeSpec{Limits: []LimitRangeItem{{
			Type:           LimitTypeContainer,
			Min:            ResourceList{ResourceCPU: q("100m")},
			Max:            ResourceList{ResourceCPU: q("2")},
			Default:        ResourceList{ResourceCPU: q("500m")},
			DefaultRequest: ResourceList{ResourceCPU: q("200m")},
		}, {
			Type: LimitTypePersistentVolumeClaim,
			Max:  ResourceList{ResourceStorage: q("10Gi")},
		}}}}
	}
	runCases(t, valid, ValidateLimitRange, []vcase[LimitRange]{
		{name: "valid"},
		{name: "min above max", mutate: func(lr *LimitRange) { lr.Spec.Limits[0].Min[ResourceCPU] = q("3") },
			want: []vErr{inv("spec.limits[0].min[cpu]"), inv("spec.limits[0].defaultRequest[cpu]"), inv("spec.limits[0].default[cpu]")}},
		{name: "default above max", mutate: func(lr *LimitRange) { lr.Spec.Limits[0].Default[ResourceCPU] = q("4") },
			want: []vErr{inv("spec.limits[0].default[cpu]")}},
		{name: "defaultRequest above default", mutate: func(lr *LimitRange) { lr.Spec.Limits[0].DefaultRequest[ResourceCPU] = q("1") },
			want: []vErr{inv("spec.limits[0].defaultRequest[cpu]")}},
		{name: "pod defaults", mutate: func(lr *LimitRange) { lr.Spec.Limits[0].Type = LimitTypePod },
			want: []vErr{forb("spec.limits[0].default"), forb("spec.limits[0].defaultRequest")}},
		{name: "duplicate type", mutate: func(lr *LimitRange) { lr.Spec.Limits[1] = *lr.Spec.Limits[0].DeepCopy() }, want: []vErr{dup("spec.limits[1].type")}},
		{name: "claim needs storage bound", mutate: func(lr *LimitRange) { lr.Spec.Limits[1].Max = nil }, want: []vErr{req("spec.limits[1].limits")}},
		{name: "type", mutate: func(lr *LimitRange) { lr.Spec.Limits[1].Type = "Node" }, want: []vErr{inv("spec.limits[1].type")}},
	})
	runUpdateCases(t, valid, ValidateLimitRangeUpdate, []ucase[LimitRange]{
		{name: "limits may change", change: func(cur, _ *LimitRange) { cur.Spec.Limits = cur.Spec.Limits[:1] }},
	})
}

// ---- Endpoints, Binding, ReplicationController ----

func TestValidateEndpoints(t *testing.T) {
	t.Parallel()
	valid := func() *Endpoints {
		return &Endpoints{ObjectMeta: meta("web"), Subsets: []EndpointSubset{{
			Addresses:         []EndpointAddress{{IP: "10.244.1.5", NodeName: Ptr("node-1")}},
			NotReadyAddresses: []EndpointAddress{{IP: "fd00::5"}},
			Ports:             []EndpointPort{{Name: "http", Port: 8080, Protocol: ProtocolTCP}, {Name: "https", Port: 8443}},
		}}}
	}
	runCases(t, valid, ValidateEndpoints, []vcase[Endpoints]{
		{name: "valid"},
		{name: "no addresses", mutate: func(e *Endpoints) { e.Subsets[0].Addresses, e.Subsets[0].NotReadyAddresses = nil, nil }, want: []vErr{req("subsets[0]")}},
		{name: "bad IP", mutate: func(e *Endpoints) { e.Subsets[0].Addresses[0].IP = "10.0.0" }, want: []vErr{inv("subsets[0].addresses[0].ip")}},
		{name: "loopback", mutate: func(e *Endpoints) { e.Subsets[0].Addresses[0].IP = "127.0.0.1" }, want: []vErr{inv("subsets[0].addresses[0].ip")}},
		{name: "port names", mutate: func(e *Endpoints) { e.Subsets[0].Ports[1].Name = "" }, want: []vErr{req("subsets[0].ports[1].name")}},
		{name: "port number", mutate: func(e *Endpoints) { e.Subsets[0].Ports[0].Port = 0 }, want: []vErr{inv("subsets[0].ports[0].port")}},
	})
	runUpdateCases(t, valid, ValidateEndpointsUpdate, []ucase[Endpoints]{
		{name: "subsets may change", change: func(cur, _ *Endpoints) { cur.Subsets = nil }},
	})
}

func TestValidateBinding(t *testing.T) {
	t.Parallel()
	valid := func() *Binding {
		return &Binding{ObjectMeta: meta("web"), Target: ObjectReference{Kind: "Node", Name: "node-1"}}
	}
	runCases(t, valid, ValidateBinding, []vcase[Binding]{
		{name: "valid"},
		{name: "empty kind is Node", mutate: func(b *Binding) { b.Target.Kind = "" }},
		{name: "target kind", mutate: func(b *Binding) { b.Target.Kind = "Pod" }, want: []vErr{nsup("target.kind")}},
		{name: "target name", mutate: func(b *Binding) { b.Target.Name = "" }, want: []vErr{req("target.name")}},
	})
}

func TestValidateReplicationController(t *testing.T) {
	t.Parallel()
	valid := func() *ReplicationController {
		p := validPod()
		return &ReplicationController{ObjectMeta: meta("web"), Spec: ReplicationControllerSpec{
			Replicas: Int32(2), Selector: map[string]string{"app": "web"},
			Template: &PodTemplateSpec{ObjectMeta: ObjectMeta{Labels: p.Labels}, Spec: p.Spec},
		}}
	}
	runCases(t, valid, ValidateReplicationController, []vcase[ReplicationController]{
		{name: "valid"},
		{name: "selector required", mutate: func(rc *ReplicationController) { rc.Spec.Selector = nil }, want: []vErr{req("spec.selector")}},
		{name: "template required", mutate: func(rc *ReplicationController) { rc.Spec.Template = nil }, want: []vErr{req("spec.template")}},
		{name: "selector mismatch", mutate: func(rc *ReplicationController) { rc.Spec.Selector["app"] = "db" },
			want: []vErr{inv("spec.template.metadata.labels")}},
		{name: "restart policy", mutate: func(rc *ReplicationController) { rc.Spec.Template.Spec.RestartPolicy = RestartPolicyNever },
			want: []vErr{nsup("spec.template.spec.restartPolicy")}},
	})
	runUpdateCases(t, valid, ValidateReplicationControllerUpdate, []ucase[ReplicationController]{
		{name: "replicas", change: func(cur, _ *ReplicationController) { cur.Spec.Replicas = Int32(5) }},
	})
}

// ---- Scheme hooks ----

func TestValidationHookCoversBuiltinKinds(t *testing.T) {
	t.Parallel()
	unvalidated := []string{"ComponentStatus", "Eviction", "SelfSubjectReview"}
	for _, k := range NewScheme().Kinds() {
		if k.New == nil {
			continue
		}
		if slices.Contains(unvalidated, k.Kind) {
			if k.Validate != nil {
				t.Errorf("%v: unexpected validation hook", k.GroupVersionKind)
			}
			continue
		}
		if k.Validate == nil || k.ValidateUpdate == nil {
			t.Errorf("%v: no validation hook", k.GroupVersionKind)
		}
	}
}

func TestSchemeValidate(t *testing.T) {
	t.Parallel()
	s := NewScheme()
	if errs := s.Validate(validPod()); len(errs) != 0 {
		t.Fatalf("valid pod: %v", errs)
	}
	bad := validPod()
	bad.Spec.Containers[0].Image = ""
	expectErrs(t, s.Validate(bad), []vErr{req("spec.containers[0].image")})

	cur, old := validPod(), validPod()
	cur.Spec.NodeName = "node-9"
	expectErrs(t, s.ValidateUpdate(cur, old), []vErr{forb("spec")})

	// An Unstructured of a built-in kind is validated as that kind.
	u, err := NewCodec(s).ToUnstructured(bad)
	if err != nil {
		t.Fatal(err)
	}
	expectErrs(t, s.Validate(u), []vErr{req("spec.containers[0].image")})

	// Validation never changes its arguments.
	p := fullPod()
	before := p.DeepCopy()
	s.Validate(p)
	s.ValidateUpdate(p, before.DeepCopy())
	if !semanticEqual(p, before) {
		t.Error("validation mutated its argument")
	}
}

func TestFieldLabels(t *testing.T) {
	t.Parallel()
	s := NewScheme()
	pod := validPod()
	pod.Spec.NodeName = "node-1"
	pod.Spec.HostNetwork = true
	pod.Spec.SchedulerName = DefaultSchedulerName
	pod.Spec.ServiceAccountName = "web"
	pod.Status = PodStatus{Phase: PodRunning, PodIP: "10.0.0.5", PodIPs: []PodIP{{IP: "10.0.0.5"}, {IP: "fd00::5"}}, NominatedNodeName: "node-2"}
	event := &Event{ObjectMeta: meta("e"), Reason: "Pulled", Type: EventTypeNormal, ReportingController: "kubelet",
		InvolvedObject: ObjectReference{Kind: "Pod", Namespace: "default", Name: "web", UID: "u1", APIVersion: "v1", ResourceVersion: "7", FieldPath: "spec.containers{web}"}}
	tests := []struct {
		name string
		obj  Object
		want map[string]string
	}{
		{"pod", pod, map[string]string{
			"metadata.name": "web", "metadata.namespace": "default",
			"spec.nodeName": "node-1", "spec.restartPolicy": "Always", "spec.schedulerName": "default-scheduler",
			"spec.serviceAccountName": "web", "spec.hostNetwork": "true",
			"status.phase": "Running", "status.podIP": "10.0.0.5", "status.nominatedNodeName": "node-2",
		}},
		{"node", &Node{ObjectMeta: clusterMeta("n1"), Spec: NodeSpec{Unschedulable: true}}, map[string]string{
			"metadata.name": "n1", "spec.unschedulable": "true",
		}},
		{"secret", &Secret{ObjectMeta: meta("s"), Type: SecretTypeTLS}, map[string]string{
			"metadata.name": "s", "metadata.namespace": "default", "type": "kubernetes.io/tls",
		}},
		{"namespace", &Namespace{ObjectMeta: clusterMeta("team"), Status: NamespaceStatus{Phase: NamespaceActive}}, map[string]string{
			"metadata.name": "team", "status.phase": "Active", "name": "team",
		}},
		{"event", event, map[string]string{
			"metadata.name": "e", "metadata.namespace": "default",
			"involvedObject.kind": "Pod", "involvedObject.namespace": "default", "involvedObject.name": "web",
			"involvedObject.uid": "u1", "involvedObject.apiVersion": "v1", "involvedObject.resourceVersion": "7",
			"involvedObject.fieldPath": "spec.containers{web}", "reason": "Pulled", "reportingComponent": "kubelet",
			"source": "kubelet", "type": "Normal",
		}},
		{"service", validService(), map[string]string{
			"metadata.name": "web", "metadata.namespace": "default", "spec.clusterIP": "10.0.0.10", "spec.type": "ClusterIP",
		}},
		{"job", &Job{ObjectMeta: meta("j"), Status: JobStatus{Succeeded: 3}}, map[string]string{
			"metadata.name": "j", "metadata.namespace": "default", "status.successful": "3",
		}},
		{"replicaset", &ReplicaSet{ObjectMeta: meta("rs"), Status: ReplicaSetStatus{Replicas: 2}}, map[string]string{
			"metadata.name": "rs", "metadata.namespace": "default", "status.replicas": "2",
		}},
		{"pvc", validPVC(), map[string]string{"metadata.name": "data", "metadata.namespace": "default"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := s.FieldLabels(tt.obj)
			if len(got) != len(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

// TestFixturesValidate checks that the documentation manifests, defaulted
// and placed in a namespace as the API server would, are valid.
func TestFixturesValidate(t *testing.T) {
	t.Parallel()
	s := NewScheme()
	c := NewCodec(s)
	files, err := filepath.Glob("testdata/manifests/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			objs, err := c.DecodeAll(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, obj := range objs {
				k, err := s.KindOf(obj)
				if err != nil || k.Validate == nil {
					continue
				}
				if k.Namespaced && obj.GetNamespace() == "" {
					obj.SetNamespace(NamespaceDefault)
				}
				s.Default(obj)
				if errs := s.Validate(obj); len(errs) > 0 {
					t.Errorf("%v %s: %v", k.GroupVersionKind, obj.GetName(), errs.ToAggregate())
				}
			}
		})
	}
}

func TestSemanticEqual(t *testing.T) {
	t.Parallel()
	a := ResourceList{ResourceCPU: q("1")}
	b := ResourceList{ResourceCPU: q("1000m")}
	if !semanticEqual(a, b) {
		t.Error("1 and 1000m differ")
	}
	if semanticEqual(ResourceList{ResourceCPU: q("1")}, ResourceList{ResourceCPU: q("2")}) {
		t.Error("1 and 2 equal")
	}
	t1 := Now()
	t2 := Time{Time: t1.Time.In(time.FixedZone("x", 3600))}
	if !semanticEqual(t1, t2) {
		t.Error("same instant differs")
	}
	if !semanticEqual([]string(nil), []string{}) || !semanticEqual(map[string]string(nil), map[string]string{}) {
		t.Error("nil and empty differ")
	}
	if semanticEqual(Ptr("a"), (*string)(nil)) {
		t.Error("nil and non-nil pointers equal")
	}
}

// FuzzValidate decodes arbitrary input as any built-in kind and runs its
// validation hooks: they must never panic, whatever the object holds.
func FuzzValidate(f *testing.F) {
	files, _ := filepath.Glob("testdata/manifests/*.yaml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, obj := range []any{fullPod(), validDeployment(), validStatefulSet(), validJob(), validCronJob(), validService(),
		validHPA(), validCRD(), validEndpointSlice(), validPV(), validPVC(), validNode()} {
		if data, err := json.Marshal(obj); err == nil {
			f.Add(data)
		}
	}
	s := NewScheme()
	c := NewCodec(s)
	f.Fuzz(func(t *testing.T, data []byte) {
		objs, err := c.DecodeAll(data)
		if err != nil {
			return
		}
		for _, obj := range objs {
			s.Validate(obj)
			s.ValidateUpdate(obj, obj.DeepCopyObject())
			s.FieldLabels(obj)
		}
	})
}

// TestValidateRandomObjects fills every built-in kind with random content
// and validates it, as a create and as an update against a different random
// object: validation must not panic, and must not change its arguments.
func TestValidateRandomObjects(t *testing.T) {
	t.Parallel()
	s := NewScheme()
	for _, k := range s.Kinds() {
		if k.New == nil || k.Validate == nil {
			continue
		}
		t.Run(k.Kind, func(t *testing.T) {
			t.Parallel()
			for seed := range uint64(20) {
				obj, old := k.New(), k.New()
				newFiller(seed).fill(reflect.ValueOf(obj).Elem(), 0)
				newFiller(seed+1000).fill(reflect.ValueOf(old).Elem(), 0)
				before := obj.DeepCopyObject()
				k.Validate(obj)
				k.ValidateUpdate(obj, old)
				k.ValidateUpdate(obj, obj.DeepCopyObject())
				if k.FieldLabels != nil {
					k.FieldLabels(obj)
				}
				if !reflect.DeepEqual(obj, before) {
					t.Fatalf("seed %d: validation mutated the object", seed)
				}
			}
		})
	}
}
