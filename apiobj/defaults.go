package apiobj

import (
	"maps"
	"math"
	"strings"

	"github.com/orcaproj/orca/apiobj/resource"
)

// Defaulting fills fields a client left unset with the values Kubernetes'
// API server gives them, so that objects stored by orca read back the way
// they would from Kubernetes. Each Default* function changes its argument in
// place and is idempotent: defaulting twice equals defaulting once. They set
// only fields that are unset (zero, nil or empty), except where a doc says
// otherwise (resource quantities are rounded up to millis, a namespace's
// name label is always set, a Service without session affinity loses its
// affinity config). Never default an object that others may be reading,
// such as one from a cache; default a copy.
//
// What the API server's allocators, admission plugins and strategies set
// (cluster IPs, ipFamilyPolicy, pod priority, the namespace finalizer, the
// service account) is not defaulting and is not done here.

// defaultHook sets k.Default for the built-in kinds that Kubernetes
// defaults. Kinds with nothing to default keep a nil hook. The hook ignores
// objects of another Go type, such as an Unstructured of the same kind.
func defaultHook(k *KindInfo) {
	if f := defaulterFor(k.GroupVersionKind); f != nil {
		k.Default = f
	}
}

// defaulterFor returns the defaulting hook of a built-in kind, or nil.
func defaulterFor(gvk GroupVersionKind) func(Object) {
	switch gvk.GroupVersion() {
	case CoreV1:
		switch gvk.Kind {
		case "ConfigMap":
			return typed(DefaultConfigMap)
		case "Endpoints":
			return typed(DefaultEndpoints)
		case "LimitRange":
			return typed(DefaultLimitRange)
		case "Namespace":
			return typed(DefaultNamespace)
		case "Node":
			return typed(DefaultNode)
		case "PersistentVolume":
			return typed(DefaultPersistentVolume)
		case "PersistentVolumeClaim":
			return typed(DefaultPersistentVolumeClaim)
		case "Pod":
			return typed(DefaultPod)
		case "PodTemplate":
			return typed(DefaultPodTemplate)
		case "ReplicationController":
			return typed(DefaultReplicationController)
		case "ResourceQuota":
			return typed(DefaultResourceQuota)
		case "Secret":
			return typed(DefaultSecret)
		case "Service":
			return typed(DefaultService)
		}
	case AppsV1:
		switch gvk.Kind {
		case "DaemonSet":
			return typed(DefaultDaemonSet)
		case "Deployment":
			return typed(DefaultDeployment)
		case "ReplicaSet":
			return typed(DefaultReplicaSet)
		case "StatefulSet":
			return typed(DefaultStatefulSet)
		}
	case BatchV1:
		switch gvk.Kind {
		case "CronJob":
			return typed(DefaultCronJob)
		case "Job":
			return typed(DefaultJob)
		}
	case AutoscalingV2:
		if gvk.Kind == "HorizontalPodAutoscaler" {
			return typed(DefaultHorizontalPodAutoscaler)
		}
	case DiscoveryV1:
		if gvk.Kind == "EndpointSlice" {
			return typed(DefaultEndpointSlice)
		}
	case SchedulingV1:
		if gvk.Kind == "PriorityClass" {
			return typed(DefaultPriorityClass)
		}
	case RbacV1:
		switch gvk.Kind {
		case "ClusterRoleBinding":
			return typed(DefaultClusterRoleBinding)
		case "RoleBinding":
			return typed(DefaultRoleBinding)
		}
	case StorageV1:
		switch gvk.Kind {
		case "CSIDriver":
			return typed(DefaultCSIDriver)
		case "StorageClass":
			return typed(DefaultStorageClass)
		case "VolumeAttachment":
			return typed(DefaultVolumeAttachment)
		}
	case ApiextensionsV1:
		if gvk.Kind == "CustomResourceDefinition" {
			return typed(DefaultCustomResourceDefinition)
		}
	}
	return nil
}

// typed adapts a typed defaulter to KindInfo.Default. Objects of another
// Go type are left alone.
func typed[T any, PT interface {
	*T
	Object
}](f func(PT)) func(Object) {
	return func(o Object) {
		if t, ok := o.(PT); ok {
			f(t)
		}
	}
}

// ---- core/v1: pods ----

// DefaultPod defaults a pod: everything DefaultPodSpec does, and what
// Kubernetes applies to pods but not to pod templates: container requests
// default to their limits (per resource, regular and init containers),
// pod-level requests and hugepage limits are filled from the containers
// when spec.resources is set, enableServiceLinks defaults to true, and with
// hostNetwork each container port's hostPort defaults to its containerPort.
// Resource quantities in the status are rounded up to millis.
func DefaultPod(p *Pod) {
	for i := range p.Spec.Containers {
		defaultRequestsFromLimits(&p.Spec.Containers[i].Resources)
	}
	for i := range p.Spec.InitContainers {
		defaultRequestsFromLimits(&p.Spec.InitContainers[i].Resources)
	}
	defaultHugePagePodLimits(&p.Spec)
	defaultPodRequests(&p.Spec)
	if p.Spec.EnableServiceLinks == nil {
		p.Spec.EnableServiceLinks = Bool(DefaultEnableServiceLinks)
	}
	if p.Spec.HostNetwork {
		defaultHostPorts(p.Spec.Containers)
		defaultHostPorts(p.Spec.InitContainers)
	}
	DefaultPodSpec(&p.Spec)
	roundPodStatusResources(&p.Status)
}

// roundPodStatusResources rounds the resources a pod's status reports up
// to millis.
func roundPodStatusResources(st *PodStatus) {
	roundResourceList(st.AllocatedResources)
	roundResourceRequirements(st.Resources)
	for _, statuses := range [][]ContainerStatus{st.InitContainerStatuses, st.ContainerStatuses, st.EphemeralContainerStatuses} {
		for i := range statuses {
			roundResourceList(statuses[i].AllocatedResources)
			roundResourceRequirements(statuses[i].Resources)
		}
	}
}

func roundResourceRequirements(r *ResourceRequirements) {
	if r != nil {
		roundResourceList(r.Limits)
		roundResourceList(r.Requests)
	}
}

// DefaultPodSpec defaults a pod spec, of a pod or of any pod template:
// restartPolicy Always, dnsPolicy ClusterFirst, an empty securityContext,
// terminationGracePeriodSeconds 30 and schedulerName "default-scheduler";
// every container (init and ephemeral too) gets an imagePullPolicy (Always
// when the image's tag is "latest" or it has neither tag nor digest,
// IfNotPresent otherwise), terminationMessagePath /dev/termination-log and policy File,
// port protocol TCP, fieldRef apiVersion "v1", probe timings (1s timeout,
// 10s period, thresholds 1 and 3), HTTP probe path "/" and scheme HTTP and
// gRPC service ""; a volume with no source becomes an emptyDir, and volume
// sources get their default modes and settings. Resource quantities are
// rounded up to millis.
func DefaultPodSpec(spec *PodSpec) {
	if spec.DNSPolicy == "" {
		spec.DNSPolicy = DNSClusterFirst
	}
	if spec.RestartPolicy == "" {
		spec.RestartPolicy = RestartPolicyAlways
	}
	if spec.SecurityContext == nil {
		spec.SecurityContext = &PodSecurityContext{}
	}
	if spec.TerminationGracePeriodSeconds == nil {
		spec.TerminationGracePeriodSeconds = Int64(DefaultTerminationGracePeriodSeconds)
	}
	if spec.SchedulerName == "" {
		spec.SchedulerName = DefaultSchedulerName
	}
	for i := range spec.Volumes {
		defaultVolume(&spec.Volumes[i])
	}
	for i := range spec.InitContainers {
		defaultContainer(&spec.InitContainers[i])
	}
	for i := range spec.Containers {
		defaultContainer(&spec.Containers[i])
	}
	for i := range spec.EphemeralContainers {
		defaultContainer((*Container)(&spec.EphemeralContainers[i].EphemeralContainerCommon))
	}
	roundResourceList(spec.Overhead)
	roundResourceRequirements(spec.Resources)
}

// DefaultPodTemplate defaults the pod spec of a PodTemplate.
func DefaultPodTemplate(t *PodTemplate) {
	DefaultPodSpec(&t.Template.Spec)
}

// defaultContainer defaults one container of a pod spec.
func defaultContainer(c *Container) {
	if c.ImagePullPolicy == "" {
		c.ImagePullPolicy = pullPolicyForImage(c.Image)
	}
	if c.TerminationMessagePath == "" {
		c.TerminationMessagePath = TerminationMessagePathDefault
	}
	if c.TerminationMessagePolicy == "" {
		c.TerminationMessagePolicy = TerminationMessageReadFile
	}
	for i := range c.Ports {
		if c.Ports[i].Protocol == "" {
			c.Ports[i].Protocol = ProtocolTCP
		}
	}
	for i := range c.Env {
		if vf := c.Env[i].ValueFrom; vf != nil {
			defaultFieldRef(vf.FieldRef)
		}
	}
	roundResourceList(c.Resources.Limits)
	roundResourceList(c.Resources.Requests)
	defaultProbe(c.LivenessProbe)
	defaultProbe(c.ReadinessProbe)
	defaultProbe(c.StartupProbe)
	if lc := c.Lifecycle; lc != nil {
		if lc.PostStart != nil {
			defaultHTTPGet(lc.PostStart.HTTPGet)
		}
		if lc.PreStop != nil {
			defaultHTTPGet(lc.PreStop.HTTPGet)
		}
	}
}

// defaultProbe fills a probe's timings and its handler's defaults.
func defaultProbe(p *Probe) {
	if p == nil {
		return
	}
	if p.TimeoutSeconds == 0 {
		p.TimeoutSeconds = 1
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = 10
	}
	if p.SuccessThreshold == 0 {
		p.SuccessThreshold = 1
	}
	if p.FailureThreshold == 0 {
		p.FailureThreshold = 3
	}
	defaultHTTPGet(p.HTTPGet)
	if p.GRPC != nil && p.GRPC.Service == nil {
		p.GRPC.Service = Ptr("")
	}
}

func defaultHTTPGet(h *HTTPGetAction) {
	if h == nil {
		return
	}
	if h.Path == "" {
		h.Path = "/"
	}
	if h.Scheme == "" {
		h.Scheme = URISchemeHTTP
	}
}

func defaultFieldRef(f *ObjectFieldSelector) {
	if f != nil && f.APIVersion == "" {
		f.APIVersion = "v1"
	}
}

// defaultRequestsFromLimits sets each request that is missing to its limit.
func defaultRequestsFromLimits(r *ResourceRequirements) {
	if r.Limits == nil {
		return
	}
	if r.Requests == nil {
		r.Requests = make(ResourceList, len(r.Limits))
	}
	for name, limit := range r.Limits {
		if _, ok := r.Requests[name]; !ok {
			r.Requests[name] = limit.DeepCopy()
		}
	}
}

// defaultHostPorts sets each port's hostPort to its containerPort when the
// pod uses the host's network.
func defaultHostPorts(cs []Container) {
	for i := range cs {
		for j := range cs[i].Ports {
			if p := &cs[i].Ports[j]; p.HostPort == 0 {
				p.HostPort = p.ContainerPort
			}
		}
	}
}

// defaultVolume defaults one pod volume and its source.
func defaultVolume(v *Volume) {
	if v.VolumeSource == (VolumeSource{}) {
		v.EmptyDir = &EmptyDirVolumeSource{}
	}
	if v.Image != nil && v.Image.PullPolicy == "" {
		v.Image.PullPolicy = pullPolicyForImage(v.Image.Reference)
	}
	defaultHostPath(v.HostPath)
	if v.Secret != nil && v.Secret.DefaultMode == nil {
		v.Secret.DefaultMode = Int32(SecretVolumeSourceDefaultMode)
	}
	if v.ConfigMap != nil && v.ConfigMap.DefaultMode == nil {
		v.ConfigMap.DefaultMode = Int32(ConfigMapVolumeSourceDefaultMode)
	}
	if d := v.DownwardAPI; d != nil {
		if d.DefaultMode == nil {
			d.DefaultMode = Int32(DownwardAPIVolumeSourceDefaultMode)
		}
		defaultDownwardAPIFiles(d.Items)
	}
	if p := v.Projected; p != nil {
		if p.DefaultMode == nil {
			p.DefaultMode = Int32(ProjectedVolumeSourceDefaultMode)
		}
		for i := range p.Sources {
			s := &p.Sources[i]
			if s.DownwardAPI != nil {
				defaultDownwardAPIFiles(s.DownwardAPI.Items)
			}
			if t := s.ServiceAccountToken; t != nil && t.ExpirationSeconds == nil {
				t.ExpirationSeconds = Int64(3600)
			}
		}
	}
	if s := v.ISCSI; s != nil && s.ISCSIInterface == "" {
		s.ISCSIInterface = "default"
	}
	if s := v.RBD; s != nil {
		defaultRBD(&s.RBDPool, &s.RadosUser, &s.Keyring)
	}
	defaultAzureDisk(v.AzureDisk)
	if s := v.ScaleIO; s != nil {
		defaultScaleIO(&s.StorageMode, &s.FSType)
	}
	if e := v.Ephemeral; e != nil && e.VolumeClaimTemplate != nil {
		defaultPersistentVolumeClaimSpec(&e.VolumeClaimTemplate.Spec)
	}
}

func defaultDownwardAPIFiles(items []DownwardAPIVolumeFile) {
	for i := range items {
		defaultFieldRef(items[i].FieldRef)
	}
}

func defaultHostPath(h *HostPathVolumeSource) {
	if h != nil && h.Type == nil {
		h.Type = Ptr(HostPathUnset)
	}
}

func defaultRBD(pool, user, keyring *string) {
	if *pool == "" {
		*pool = "rbd"
	}
	if *user == "" {
		*user = "admin"
	}
	if *keyring == "" {
		*keyring = "/etc/ceph/keyring"
	}
}

func defaultScaleIO(storageMode, fsType *string) {
	if *storageMode == "" {
		*storageMode = "ThinProvisioned"
	}
	if *fsType == "" {
		*fsType = "xfs"
	}
}

func defaultAzureDisk(d *AzureDiskVolumeSource) {
	if d == nil {
		return
	}
	if d.CachingMode == nil {
		d.CachingMode = Ptr(AzureDataDiskCachingReadWrite)
	}
	if d.Kind == nil {
		d.Kind = Ptr(AzureSharedBlobDisk)
	}
	if d.FSType == nil {
		d.FSType = Ptr("ext4")
	}
	if d.ReadOnly == nil {
		d.ReadOnly = Bool(false)
	}
}

// ---- pod-level resources ----

// isPodLevelResource reports whether spec.resources may name r: cpu,
// memory and hugepages.
func isPodLevelResource(r ResourceName) bool {
	return r == ResourceCPU || r == ResourceMemory || isHugePages(r)
}

func isHugePages(r ResourceName) bool {
	return strings.HasPrefix(string(r), ResourceHugePagesPrefix)
}

// defaultHugePagePodLimits sets each pod-level hugepages limit that is
// missing, and has no pod-level request, to the containers' aggregate limit.
// It acts only when spec.resources already sets some request or limit.
func defaultHugePagePodLimits(spec *PodSpec) {
	r := spec.Resources
	if r == nil || len(r.Limits) == 0 && len(r.Requests) == 0 {
		return
	}
	limits := r.Limits
	if limits == nil {
		limits = ResourceList{}
	}
	for name, q := range aggregateContainerResources(spec, func(c *Container) ResourceList { return c.Resources.Limits }) {
		if !isHugePages(name) {
			continue
		}
		if _, ok := r.Requests[name]; ok {
			continue
		}
		if _, ok := limits[name]; !ok {
			limits[name] = q
		}
	}
	if len(limits) > 0 {
		r.Limits = limits
	}
}

// defaultPodRequests fills missing pod-level requests when pod-level limits
// are set: from the containers' aggregate requests for cpu and memory, and
// otherwise from the pod-level limit.
func defaultPodRequests(spec *PodSpec) {
	r := spec.Resources
	if r == nil || len(r.Limits) == 0 {
		return
	}
	reqs := r.Requests
	if reqs == nil {
		reqs = ResourceList{}
	}
	for name, q := range aggregateContainerResources(spec, func(c *Container) ResourceList { return c.Resources.Requests }) {
		if _, ok := reqs[name]; !ok && isPodLevelResource(name) && !isHugePages(name) {
			reqs[name] = q
		}
	}
	for name, q := range r.Limits {
		if _, ok := reqs[name]; !ok && isPodLevelResource(name) {
			reqs[name] = q.DeepCopy()
		}
	}
	if len(reqs) > 0 {
		r.Requests = reqs
	}
}

// aggregateContainerResources returns what the pod's containers need at
// their peak, as the scheduler computes it: the sum over regular and
// sidecar (restartable init) containers, or, if larger, what any
// non-restartable init container needs together with the sidecars started
// before it.
func aggregateContainerResources(spec *PodSpec, get func(*Container) ResourceList) ResourceList {
	sum := ResourceList{}
	for i := range spec.Containers {
		addResources(sum, get(&spec.Containers[i]))
	}
	sidecars := ResourceList{}
	initPeak := ResourceList{}
	for i := range spec.InitContainers {
		c := &spec.InitContainers[i]
		var use ResourceList
		if c.RestartPolicy != nil && *c.RestartPolicy == ContainerRestartPolicyAlways {
			addResources(sum, get(c))
			addResources(sidecars, get(c))
			use = sidecars
		} else {
			use = ResourceList{}
			addResources(use, get(c))
			addResources(use, sidecars)
		}
		maxResources(initPeak, use)
	}
	maxResources(sum, initPeak)
	return sum
}

func addResources(dst, src ResourceList) {
	for name, q := range src {
		v, ok := dst[name]
		if !ok {
			dst[name] = q.DeepCopy()
			continue
		}
		v.Add(q)
		dst[name] = v
	}
}

func maxResources(dst, src ResourceList) {
	for name, q := range src {
		if v, ok := dst[name]; !ok || q.Cmp(v) > 0 {
			dst[name] = q.DeepCopy()
		}
	}
}

// roundResourceList rounds every quantity up to a multiple of 1m, as
// Kubernetes does to all resource lists: "0.0001" becomes "1m".
func roundResourceList(rl ResourceList) {
	for name, q := range rl {
		if r, changed := roundUpToMilli(q); changed {
			rl[name] = r
		}
	}
}

// roundUpToMilli rounds q away from zero to a multiple of 1m, keeping its
// format. Quantities beyond ±2^63 millis are left as they are.
func roundUpToMilli(q resource.Quantity) (resource.Quantity, bool) {
	m := q.MilliValue()
	if m == math.MaxInt64 || m == math.MinInt64 {
		return q, false
	}
	r := resource.NewMilliQuantity(m, q.Format)
	if r.Cmp(q) == 0 {
		return q, false
	}
	return r, true
}

// ---- image references ----

// pullPolicyForImage is the default imagePullPolicy of image: Always when
// its tag is "latest" or it names neither a tag nor a digest, IfNotPresent
// otherwise and for references that do not parse.
func pullPolicyForImage(image string) PullPolicy {
	tag, digest, ok := parseImageRef(image)
	if ok && (tag == "latest" || tag == "" && digest == "") {
		return PullAlways
	}
	return PullIfNotPresent
}

// parseImageRef splits an image reference ([domain[:port]/]path[:tag][@digest])
// into its tag and digest, and reports whether it is a valid, normalizable
// reference by the distribution reference grammar that Kubernetes uses.
func parseImageRef(ref string) (tag, digest string, ok bool) {
	if len(ref) == 64 && isLowerHex(ref) {
		return "", "", false // a bare image ID is not a name
	}
	name := ref
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name, digest = name[:i], name[i+1:]
		if !validDigest(digest) {
			return "", "", false
		}
	}
	if i := strings.LastIndexByte(name, ':'); i >= 0 && !strings.Contains(name[i+1:], "/") {
		name, tag = name[:i], name[i+1:]
		if !validTag(tag) {
			return "", "", false
		}
	}
	if !validImageName(name) {
		return "", "", false
	}
	return tag, digest, true
}

// validImageName checks a repository name the way the Docker-style
// normalization does: a first component that looks like a host (has "." or
// ":", is "localhost", or has upper case) is the registry; otherwise the
// name is on Docker Hub, under "library/" when it has one component.
func validImageName(name string) bool {
	domain, remote := "docker.io", name
	if first, rest, ok := strings.Cut(name, "/"); ok {
		switch {
		case first == "localhost", strings.ContainsAny(first, ".:"), strings.ToLower(first) != first:
			domain, remote = first, rest
		case first == "index.docker.io":
			remote = rest
		}
	}
	if domain == "docker.io" && !strings.Contains(remote, "/") {
		remote = "library/" + remote
	}
	if strings.ToLower(remote) != remote || len(domain)+1+len(remote) > 255 {
		return false
	}
	return validDomain(domain) && validRemoteName(remote)
}

// validDomain matches host[:port], where host is dot-separated labels of
// letters, digits and inner hyphens, or a bracketed IPv6 address.
func validDomain(s string) bool {
	host, port := s, ""
	bracketed := strings.HasPrefix(s, "[")
	if bracketed {
		end := strings.IndexByte(s, ']')
		if end < 2 || strings.Trim(s[1:end], "0123456789abcdefABCDEF:") != "" {
			return false
		}
		host, port = "", s[end+1:]
	} else if i := strings.IndexByte(s, ':'); i >= 0 {
		host, port = s[:i], s[i:]
	}
	if port != "" {
		digits, ok := strings.CutPrefix(port, ":")
		if !ok || digits == "" || strings.Trim(digits, "0123456789") != "" {
			return false
		}
	}
	if bracketed {
		return true
	}
	if host == "" {
		return false
	}
	for label := range strings.SplitSeq(host, ".") {
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range []byte(label) {
			if !isAlnum(c) && c != '-' {
				return false
			}
		}
	}
	return true
}

// validRemoteName matches path components of lower-case letters and digits,
// separated within a component by ".", "_", "__" or runs of "-".
func validRemoteName(s string) bool {
	for comp := range strings.SplitSeq(s, "/") {
		if !validPathComponent(comp) {
			return false
		}
	}
	return true
}

func validPathComponent(s string) bool {
	i := 0
	for {
		start := i
		for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= '0' && s[i] <= '9') {
			i++
		}
		if i == start {
			return false // every component and every separator is followed by an alphanumeric run
		}
		if i == len(s) {
			return true
		}
		switch {
		case s[i] == '.':
			i++
		case s[i] == '_':
			i++
			if i < len(s) && s[i] == '_' {
				i++
			}
		case s[i] == '-':
			for i < len(s) && s[i] == '-' {
				i++
			}
		default:
			return false
		}
	}
}

// validTag matches [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
func validTag(s string) bool {
	if s == "" || len(s) > 128 || s[0] == '.' || s[0] == '-' {
		return false
	}
	for _, c := range []byte(s) {
		if !isAlnum(c) && c != '_' && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// validDigest accepts the digests an image reference may carry: sha256,
// sha384 or sha512 with the matching number of lower-case hex digits.
func validDigest(s string) bool {
	alg, hex, ok := strings.Cut(s, ":")
	if !ok {
		return false
	}
	var n int
	switch alg {
	case "sha256":
		n = 64
	case "sha384":
		n = 96
	case "sha512":
		n = 128
	default:
		return false
	}
	return len(hex) == n && isLowerHex(hex)
}

func isLowerHex(s string) bool {
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ---- core/v1: other kinds ----

// DefaultReplicationController defaults replicas to 1, the selector and
// the controller's labels to the template's labels when they are empty,
// and the template's pod spec.
func DefaultReplicationController(rc *ReplicationController) {
	if t := rc.Spec.Template; t != nil && t.Labels != nil {
		if len(rc.Spec.Selector) == 0 {
			rc.Spec.Selector = maps.Clone(t.Labels)
		}
		if len(rc.Labels) == 0 {
			rc.Labels = maps.Clone(t.Labels)
		}
	}
	if rc.Spec.Replicas == nil {
		rc.Spec.Replicas = Int32(1)
	}
	if rc.Spec.Template != nil {
		DefaultPodSpec(&rc.Spec.Template.Spec)
	}
}

// DefaultConfigMap defaults a nil data map to an empty one.
func DefaultConfigMap(cm *ConfigMap) {
	if cm.Data == nil {
		cm.Data = map[string]string{}
	}
}

// DefaultSecret defaults type to Opaque.
func DefaultSecret(s *Secret) {
	if s.Type == "" {
		s.Type = SecretTypeOpaque
	}
}

// DefaultNamespace labels a named namespace with kubernetes.io/metadata.name
// set to its name (always, as Kubernetes does) and defaults status.phase to
// Active. The "kubernetes" finalizer is added by the API server on create,
// not here.
func DefaultNamespace(ns *Namespace) {
	if ns.Name != "" {
		if ns.Labels == nil {
			ns.Labels = map[string]string{}
		}
		ns.Labels[LabelMetadataName] = ns.Name
	}
	if ns.Status.Phase == "" {
		ns.Status.Phase = NamespaceActive
	}
}

// DefaultNode defaults status.allocatable to a copy of status.capacity and
// rounds both up to millis.
func DefaultNode(n *Node) {
	if n.Status.Allocatable == nil && n.Status.Capacity != nil {
		n.Status.Allocatable = make(ResourceList, len(n.Status.Capacity))
		addResources(n.Status.Allocatable, n.Status.Capacity)
	}
	roundResourceList(n.Status.Capacity)
	roundResourceList(n.Status.Allocatable)
}

// DefaultEndpoints defaults each port's protocol to TCP.
func DefaultEndpoints(e *Endpoints) {
	for i := range e.Subsets {
		for j := range e.Subsets[i].Ports {
			if p := &e.Subsets[i].Ports[j]; p.Protocol == "" {
				p.Protocol = ProtocolTCP
			}
		}
	}
}

// DefaultLimitRange rounds quantities up to millis and, for Container
// items, defaults the default limit to max, and the default request to the
// default limit or else to min.
func DefaultLimitRange(lr *LimitRange) {
	for i := range lr.Spec.Limits {
		it := &lr.Spec.Limits[i]
		if it.Type == LimitTypeContainer {
			if it.Default == nil {
				it.Default = ResourceList{}
			}
			if it.DefaultRequest == nil {
				it.DefaultRequest = ResourceList{}
			}
			fillMissing(it.Default, it.Max)
			fillMissing(it.DefaultRequest, it.Default)
			fillMissing(it.DefaultRequest, it.Min)
		}
		roundResourceList(it.Max)
		roundResourceList(it.Min)
		roundResourceList(it.Default)
		roundResourceList(it.DefaultRequest)
		roundResourceList(it.MaxLimitRequestRatio)
	}
}

// fillMissing copies into dst each quantity of src that dst lacks.
func fillMissing(dst, src ResourceList) {
	for name, q := range src {
		if _, ok := dst[name]; !ok {
			dst[name] = q.DeepCopy()
		}
	}
}

// DefaultResourceQuota rounds its quantities up to millis.
func DefaultResourceQuota(q *ResourceQuota) {
	roundResourceList(q.Spec.Hard)
	roundResourceList(q.Status.Hard)
	roundResourceList(q.Status.Used)
}

// DefaultPersistentVolume defaults status.phase to Pending, the reclaim
// policy to Retain, volumeMode to Filesystem, and the volume source's
// settings, and rounds capacity up to millis.
func DefaultPersistentVolume(pv *PersistentVolume) {
	if pv.Status.Phase == "" {
		pv.Status.Phase = VolumePending
	}
	if pv.Spec.PersistentVolumeReclaimPolicy == "" {
		pv.Spec.PersistentVolumeReclaimPolicy = PersistentVolumeReclaimRetain
	}
	if pv.Spec.VolumeMode == nil {
		pv.Spec.VolumeMode = Ptr(PersistentVolumeFilesystem)
	}
	defaultPersistentVolumeSpec(&pv.Spec)
}

// defaultPersistentVolumeSpec defaults what every PersistentVolumeSpec
// gets, inline ones included: the source's settings and rounded capacity.
func defaultPersistentVolumeSpec(spec *PersistentVolumeSpec) {
	roundResourceList(spec.Capacity)
	src := &spec.PersistentVolumeSource
	defaultHostPath(src.HostPath)
	if s := src.RBD; s != nil {
		defaultRBD(&s.RBDPool, &s.RadosUser, &s.Keyring)
	}
	if s := src.ISCSI; s != nil && s.ISCSIInterface == "" {
		s.ISCSIInterface = "default"
	}
	defaultAzureDisk(src.AzureDisk)
	if s := src.ScaleIO; s != nil {
		defaultScaleIO(&s.StorageMode, &s.FSType)
	}
}

// DefaultPersistentVolumeClaim defaults status.phase to Pending and
// spec.volumeMode to Filesystem, and rounds quantities up to millis.
func DefaultPersistentVolumeClaim(c *PersistentVolumeClaim) {
	if c.Status.Phase == "" {
		c.Status.Phase = ClaimPending
	}
	defaultPersistentVolumeClaimSpec(&c.Spec)
	roundResourceList(c.Status.Capacity)
	roundResourceList(c.Status.AllocatedResources)
}

func defaultPersistentVolumeClaimSpec(spec *PersistentVolumeClaimSpec) {
	if spec.VolumeMode == nil {
		spec.VolumeMode = Ptr(PersistentVolumeFilesystem)
	}
	roundResourceList(spec.Resources.Limits)
	roundResourceList(spec.Resources.Requests)
}

// DefaultService defaults type to ClusterIP, sessionAffinity to None (which
// clears sessionAffinityConfig) and, for ClientIP affinity without a
// timeout, sessionAffinityConfig to a 10800s timeout; each port's protocol
// to TCP and targetPort to its port; externalTrafficPolicy to Cluster for
// externally reachable services (NodePort, LoadBalancer, or ClusterIP with
// externalIPs); internalTrafficPolicy to Cluster except for ExternalName;
// and, for LoadBalancer, allocateLoadBalancerNodePorts to true and each
// status ingress IP's ipMode to VIP. Cluster IPs and ipFamilyPolicy are
// left to the API server's allocator.
func DefaultService(s *Service) {
	spec := &s.Spec
	if spec.SessionAffinity == "" {
		spec.SessionAffinity = ServiceAffinityNone
	}
	switch spec.SessionAffinity {
	case ServiceAffinityNone:
		spec.SessionAffinityConfig = nil
	case ServiceAffinityClientIP:
		if c := spec.SessionAffinityConfig; c == nil || c.ClientIP == nil || c.ClientIP.TimeoutSeconds == nil {
			spec.SessionAffinityConfig = &SessionAffinityConfig{
				ClientIP: &ClientIPConfig{TimeoutSeconds: Int32(10800)},
			}
		}
	}
	if spec.Type == "" {
		spec.Type = ServiceTypeClusterIP
	}
	for i := range spec.Ports {
		p := &spec.Ports[i]
		if p.Protocol == "" {
			p.Protocol = ProtocolTCP
		}
		if p.TargetPort == FromInt32(0) || p.TargetPort == FromString("") {
			p.TargetPort = FromInt32(p.Port)
		}
	}
	external := spec.Type == ServiceTypeLoadBalancer || spec.Type == ServiceTypeNodePort ||
		spec.Type == ServiceTypeClusterIP && len(spec.ExternalIPs) > 0
	if external && spec.ExternalTrafficPolicy == "" {
		spec.ExternalTrafficPolicy = ServiceExternalTrafficPolicyCluster
	}
	if spec.InternalTrafficPolicy == nil {
		switch spec.Type {
		case ServiceTypeClusterIP, ServiceTypeNodePort, ServiceTypeLoadBalancer:
			spec.InternalTrafficPolicy = Ptr(ServiceInternalTrafficPolicyCluster)
		}
	}
	if spec.Type == ServiceTypeLoadBalancer {
		if spec.AllocateLoadBalancerNodePorts == nil {
			spec.AllocateLoadBalancerNodePorts = Bool(true)
		}
		for i := range s.Status.LoadBalancer.Ingress {
			if ing := &s.Status.LoadBalancer.Ingress[i]; ing.IP != "" && ing.IPMode == nil {
				ing.IPMode = Ptr(LoadBalancerIPModeVIP)
			}
		}
	}
}

// ---- apps/v1 ----

// DefaultDeployment defaults replicas to 1, strategy to RollingUpdate with
// maxUnavailable and maxSurge 25%, revisionHistoryLimit to 10,
// progressDeadlineSeconds to 600, and the template's pod spec.
func DefaultDeployment(d *Deployment) {
	if d.Spec.Replicas == nil {
		d.Spec.Replicas = Int32(1)
	}
	st := &d.Spec.Strategy
	if st.Type == "" {
		st.Type = RollingUpdateDeploymentStrategyType
	}
	if st.Type == RollingUpdateDeploymentStrategyType {
		if st.RollingUpdate == nil {
			st.RollingUpdate = &RollingUpdateDeployment{}
		}
		if st.RollingUpdate.MaxUnavailable == nil {
			st.RollingUpdate.MaxUnavailable = Ptr(FromString("25%"))
		}
		if st.RollingUpdate.MaxSurge == nil {
			st.RollingUpdate.MaxSurge = Ptr(FromString("25%"))
		}
	}
	if d.Spec.RevisionHistoryLimit == nil {
		d.Spec.RevisionHistoryLimit = Int32(10)
	}
	if d.Spec.ProgressDeadlineSeconds == nil {
		d.Spec.ProgressDeadlineSeconds = Int32(600)
	}
	DefaultPodSpec(&d.Spec.Template.Spec)
}

// DefaultReplicaSet defaults replicas to 1 and the template's pod spec.
func DefaultReplicaSet(rs *ReplicaSet) {
	if rs.Spec.Replicas == nil {
		rs.Spec.Replicas = Int32(1)
	}
	DefaultPodSpec(&rs.Spec.Template.Spec)
}

// DefaultDaemonSet defaults updateStrategy to RollingUpdate with
// maxUnavailable 1 and maxSurge 0, revisionHistoryLimit to 10, and the
// template's pod spec.
func DefaultDaemonSet(ds *DaemonSet) {
	st := &ds.Spec.UpdateStrategy
	if st.Type == "" {
		st.Type = RollingUpdateDaemonSetStrategyType
	}
	if st.Type == RollingUpdateDaemonSetStrategyType {
		if st.RollingUpdate == nil {
			st.RollingUpdate = &RollingUpdateDaemonSet{}
		}
		if st.RollingUpdate.MaxUnavailable == nil {
			st.RollingUpdate.MaxUnavailable = Ptr(FromInt32(1))
		}
		if st.RollingUpdate.MaxSurge == nil {
			st.RollingUpdate.MaxSurge = Ptr(FromInt32(0))
		}
	}
	if ds.Spec.RevisionHistoryLimit == nil {
		ds.Spec.RevisionHistoryLimit = Int32(10)
	}
	DefaultPodSpec(&ds.Spec.Template.Spec)
}

// DefaultStatefulSet defaults replicas to 1, podManagementPolicy to
// OrderedReady, an unset updateStrategy to RollingUpdate, a RollingUpdate
// strategy's rollingUpdate (when present, or created here) to partition 0
// and maxUnavailable 1, revisionHistoryLimit to 10, the PVC retention
// policy to Retain for both events, the template's pod spec, and each
// volume claim template as a PersistentVolumeClaim (volumeMode Filesystem,
// status.phase Pending).
func DefaultStatefulSet(ss *StatefulSet) {
	spec := &ss.Spec
	if spec.PodManagementPolicy == "" {
		spec.PodManagementPolicy = OrderedReadyPodManagement
	}
	if spec.UpdateStrategy.Type == "" {
		spec.UpdateStrategy.Type = RollingUpdateStatefulSetStrategyType
		if spec.UpdateStrategy.RollingUpdate == nil {
			spec.UpdateStrategy.RollingUpdate = &RollingUpdateStatefulSetStrategy{}
		}
	}
	if ru := spec.UpdateStrategy.RollingUpdate; spec.UpdateStrategy.Type == RollingUpdateStatefulSetStrategyType && ru != nil {
		if ru.Partition == nil {
			ru.Partition = Int32(0)
		}
		if ru.MaxUnavailable == nil {
			ru.MaxUnavailable = Ptr(FromInt32(1))
		}
	}
	if spec.PersistentVolumeClaimRetentionPolicy == nil {
		spec.PersistentVolumeClaimRetentionPolicy = &StatefulSetPersistentVolumeClaimRetentionPolicy{}
	}
	if p := spec.PersistentVolumeClaimRetentionPolicy; p.WhenDeleted == "" {
		p.WhenDeleted = RetainPersistentVolumeClaimRetentionPolicyType
	}
	if p := spec.PersistentVolumeClaimRetentionPolicy; p.WhenScaled == "" {
		p.WhenScaled = RetainPersistentVolumeClaimRetentionPolicyType
	}
	if spec.Replicas == nil {
		spec.Replicas = Int32(1)
	}
	if spec.RevisionHistoryLimit == nil {
		spec.RevisionHistoryLimit = Int32(10)
	}
	DefaultPodSpec(&spec.Template.Spec)
	for i := range spec.VolumeClaimTemplates {
		DefaultPersistentVolumeClaim(&spec.VolumeClaimTemplates[i])
	}
}

// ---- batch/v1 ----

// DefaultJob defaults parallelism to 1 (and completions to 1 when neither
// is set); backoffLimit to 6, or to MaxInt32 with backoffLimitPerIndex;
// the Job's labels to the template's when it has none; completionMode to
// NonIndexed; suspend and manualSelector to false; each pod failure policy
// condition pattern's status to True; podReplacementPolicy to
// TerminatingOrFailed, or Failed with a pod failure policy; and the
// template's pod spec. The template's restartPolicy is defaulted like any
// pod spec's (to Always), which Job validation then rejects, as in
// Kubernetes.
func DefaultJob(j *Job) {
	spec := &j.Spec
	if spec.Completions == nil && spec.Parallelism == nil {
		spec.Completions = Int32(1)
		spec.Parallelism = Int32(1)
	}
	if spec.Parallelism == nil {
		spec.Parallelism = Int32(1)
	}
	if spec.BackoffLimit == nil {
		if spec.BackoffLimitPerIndex != nil {
			spec.BackoffLimit = Int32(math.MaxInt32)
		} else {
			spec.BackoffLimit = Int32(6)
		}
	}
	if labels := spec.Template.Labels; labels != nil && len(j.Labels) == 0 {
		j.Labels = maps.Clone(labels)
	}
	if spec.CompletionMode == nil {
		spec.CompletionMode = Ptr(NonIndexedCompletion)
	}
	if spec.Suspend == nil {
		spec.Suspend = Bool(false)
	}
	defaultPodFailurePolicy(spec.PodFailurePolicy)
	if spec.PodReplacementPolicy == nil {
		if spec.PodFailurePolicy != nil {
			spec.PodReplacementPolicy = Ptr(PodReplacementFailed)
		} else {
			spec.PodReplacementPolicy = Ptr(PodReplacementTerminatingOrFailed)
		}
	}
	if spec.ManualSelector == nil {
		spec.ManualSelector = Bool(false)
	}
	DefaultPodSpec(&spec.Template.Spec)
}

// defaultPodFailurePolicy defaults each condition pattern's status to True.
func defaultPodFailurePolicy(pfp *PodFailurePolicy) {
	if pfp == nil {
		return
	}
	for i := range pfp.Rules {
		for k := range pfp.Rules[i].OnPodConditions {
			if pat := &pfp.Rules[i].OnPodConditions[k]; pat.Status == "" {
				pat.Status = ConditionTrue
			}
		}
	}
}

// DefaultCronJob defaults concurrencyPolicy to Allow, suspend to false, the
// history limits to 3 successful and 1 failed, the job template's pod spec
// and its pod failure policy's condition statuses (True). The job
// template's other fields (completions, backoffLimit, ...) are not
// defaulted, as in Kubernetes; the Jobs created from it are.
func DefaultCronJob(cj *CronJob) {
	spec := &cj.Spec
	if spec.ConcurrencyPolicy == "" {
		spec.ConcurrencyPolicy = AllowConcurrent
	}
	if spec.Suspend == nil {
		spec.Suspend = Bool(false)
	}
	if spec.SuccessfulJobsHistoryLimit == nil {
		spec.SuccessfulJobsHistoryLimit = Int32(3)
	}
	if spec.FailedJobsHistoryLimit == nil {
		spec.FailedJobsHistoryLimit = Int32(1)
	}
	defaultPodFailurePolicy(spec.JobTemplate.Spec.PodFailurePolicy)
	DefaultPodSpec(&spec.JobTemplate.Spec.Template.Spec)
}

// ---- autoscaling/v2 ----

// DefaultHorizontalPodAutoscaler defaults minReplicas to 1 and empty
// metrics to 80% average CPU utilization. When behavior is set, each
// direction's unset fields are filled: scale-up gets a 0s stabilization
// window, policies of 4 pods and 100% per 15s and selectPolicy Max;
// scale-down gets a 100% per 15s policy and selectPolicy Max, and keeps a
// nil stabilization window (the controller's flag, 300s by default,
// applies). A nil behavior stays nil.
func DefaultHorizontalPodAutoscaler(h *HorizontalPodAutoscaler) {
	spec := &h.Spec
	if spec.MinReplicas == nil {
		spec.MinReplicas = Int32(1)
	}
	if len(spec.Metrics) == 0 {
		spec.Metrics = []MetricSpec{{
			Type: ResourceMetricSourceType,
			Resource: &ResourceMetricSource{
				Name:   ResourceCPU,
				Target: MetricTarget{Type: UtilizationMetricType, AverageUtilization: Int32(80)},
			},
		}}
	}
	if b := spec.Behavior; b != nil {
		if b.ScaleUp == nil {
			b.ScaleUp = &HPAScalingRules{}
		}
		if b.ScaleUp.StabilizationWindowSeconds == nil {
			b.ScaleUp.StabilizationWindowSeconds = Int32(0)
		}
		if b.ScaleUp.SelectPolicy == nil {
			b.ScaleUp.SelectPolicy = Ptr(MaxChangePolicySelect)
		}
		if b.ScaleUp.Policies == nil {
			b.ScaleUp.Policies = []HPAScalingPolicy{
				{Type: PodsScalingPolicy, Value: 4, PeriodSeconds: 15},
				{Type: PercentScalingPolicy, Value: 100, PeriodSeconds: 15},
			}
		}
		if b.ScaleDown == nil {
			b.ScaleDown = &HPAScalingRules{}
		}
		if b.ScaleDown.SelectPolicy == nil {
			b.ScaleDown.SelectPolicy = Ptr(MaxChangePolicySelect)
		}
		if b.ScaleDown.Policies == nil {
			b.ScaleDown.Policies = []HPAScalingPolicy{
				{Type: PercentScalingPolicy, Value: 100, PeriodSeconds: 15},
			}
		}
	}
}

// ---- discovery/v1 ----

// DefaultEndpointSlice defaults each port's name to "" and protocol to TCP.
func DefaultEndpointSlice(s *EndpointSlice) {
	for i := range s.Ports {
		p := &s.Ports[i]
		if p.Name == nil {
			p.Name = Ptr("")
		}
		if p.Protocol == nil {
			p.Protocol = Ptr(ProtocolTCP)
		}
	}
}

// ---- scheduling.k8s.io/v1 ----

// DefaultPriorityClass defaults preemptionPolicy to PreemptLowerPriority.
func DefaultPriorityClass(pc *PriorityClass) {
	if pc.PreemptionPolicy == nil {
		pc.PreemptionPolicy = Ptr(PreemptLowerPriority)
	}
}

// ---- rbac.authorization.k8s.io/v1 ----

// DefaultRoleBinding defaults roleRef.apiGroup and the apiGroup of User
// and Group subjects to rbac.authorization.k8s.io.
func DefaultRoleBinding(rb *RoleBinding) {
	defaultRoleRef(&rb.RoleRef)
	defaultSubjects(rb.Subjects)
}

// DefaultClusterRoleBinding defaults like DefaultRoleBinding.
func DefaultClusterRoleBinding(crb *ClusterRoleBinding) {
	defaultRoleRef(&crb.RoleRef)
	defaultSubjects(crb.Subjects)
}

func defaultRoleRef(r *RoleRef) {
	if r.APIGroup == "" {
		r.APIGroup = RbacV1.Group
	}
}

func defaultSubjects(subjects []Subject) {
	for i := range subjects {
		s := &subjects[i]
		if s.APIGroup == "" && (s.Kind == SubjectKindUser || s.Kind == SubjectKindGroup) {
			s.APIGroup = RbacV1.Group
		}
	}
}

// ---- storage.k8s.io/v1 ----

// DefaultStorageClass defaults reclaimPolicy to Delete and
// volumeBindingMode to Immediate.
func DefaultStorageClass(sc *StorageClass) {
	if sc.ReclaimPolicy == nil {
		sc.ReclaimPolicy = Ptr(PersistentVolumeReclaimDelete)
	}
	if sc.VolumeBindingMode == nil {
		sc.VolumeBindingMode = Ptr(VolumeBindingImmediate)
	}
}

// DefaultCSIDriver defaults attachRequired to true; podInfoOnMount,
// storageCapacity, requiresRepublish and seLinuxMount to false;
// fsGroupPolicy to ReadWriteOnceWithFSType; and volumeLifecycleModes to
// [Persistent].
func DefaultCSIDriver(d *CSIDriver) {
	s := &d.Spec
	if s.AttachRequired == nil {
		s.AttachRequired = Bool(true)
	}
	if s.PodInfoOnMount == nil {
		s.PodInfoOnMount = Bool(false)
	}
	if s.StorageCapacity == nil {
		s.StorageCapacity = Bool(false)
	}
	if s.FSGroupPolicy == nil {
		s.FSGroupPolicy = Ptr(ReadWriteOnceWithFSTypeFSGroupPolicy)
	}
	if len(s.VolumeLifecycleModes) == 0 {
		s.VolumeLifecycleModes = []VolumeLifecycleMode{VolumeLifecyclePersistent}
	}
	if s.RequiresRepublish == nil {
		s.RequiresRepublish = Bool(false)
	}
	if s.SELinuxMount == nil {
		s.SELinuxMount = Bool(false)
	}
}

// DefaultVolumeAttachment defaults an inline volume spec's source settings
// and rounds its capacity up to millis.
func DefaultVolumeAttachment(va *VolumeAttachment) {
	if s := va.Spec.Source.InlineVolumeSpec; s != nil {
		defaultPersistentVolumeSpec(s)
	}
}

// ---- apiextensions.k8s.io/v1 ----

// DefaultCustomResourceDefinition defaults names.singular to the lower-case
// kind, names.listKind to kind+"List", conversion to strategy None, a
// conversion webhook service's port to 443, and status.storedVersions,
// when empty, to the storage version.
func DefaultCustomResourceDefinition(crd *CustomResourceDefinition) {
	spec := &crd.Spec
	if spec.Names.Singular == "" {
		spec.Names.Singular = strings.ToLower(spec.Names.Kind)
	}
	if spec.Names.ListKind == "" && spec.Names.Kind != "" {
		spec.Names.ListKind = spec.Names.Kind + "List"
	}
	if spec.Conversion == nil {
		spec.Conversion = &CustomResourceConversion{Strategy: NoneConverter}
	}
	if wh := spec.Conversion.Webhook; wh != nil {
		if cc := wh.ClientConfig; cc != nil && cc.Service != nil && cc.Service.Port == nil {
			cc.Service.Port = Int32(443)
		}
	}
	if len(crd.Status.StoredVersions) == 0 {
		for _, v := range spec.Versions {
			if v.Storage {
				crd.Status.StoredVersions = append(crd.Status.StoredVersions, v.Name)
				break
			}
		}
	}
}
