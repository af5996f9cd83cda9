package printers

import (
	"fmt"
	"net"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
)

func col(name, typ, desc string) TableColumnDefinition {
	return TableColumnDefinition{Name: name, Type: typ, Description: desc}
}

func wide(c TableColumnDefinition) TableColumnDefinition {
	c.Priority = 1
	return c
}

// Columns shared by the workload kinds.
var (
	colContainers = wide(col("Containers", "string", "The names of the containers in the pod template."))
	colImages     = wide(col("Images", "string", "The images of the containers in the pod template."))
)

func colSelector(desc string) TableColumnDefinition {
	return wide(col("Selector", "string", desc))
}

// typed builds the converter of a built-in kind T from a cells function.
func typed[T any, PT interface {
	*T
	apiobj.Object
}](columns []TableColumnDefinition, cells func(o PT, now time.Time) []any) (reflect.Type, *converter) {
	return reflect.TypeFor[PT](), &converter{columns: columns, cells: func(obj apiobj.Object, now time.Time) ([]any, []TableRowCondition, error) {
		o, ok := obj.(PT)
		if !ok {
			return nil, nil, fmt.Errorf("printers: got %T, want %v", obj, reflect.TypeFor[PT]())
		}
		return cells(o, now), nil, nil
	}}
}

// builtins maps the Go type (a pointer) of every built-in kind to its converter.
var builtins = sync.OnceValue(func() map[reflect.Type]*converter {
	m := map[reflect.Type]*converter{}
	add := func(t reflect.Type, c *converter) { m[t] = c }

	add(reflect.TypeFor[*apiobj.Pod](), podConverter)
	add(typed(podTemplateColumns, printPodTemplate))
	add(typed(replicationControllerColumns, printReplicationController))
	add(typed(replicaSetColumns, printReplicaSet))
	add(typed(deploymentColumns, printDeployment))
	add(typed(daemonSetColumns, printDaemonSet))
	add(typed(statefulSetColumns, printStatefulSet))
	add(typed(controllerRevisionColumns, printControllerRevision))
	add(typed(jobColumns, printJob))
	add(typed(cronJobColumns, printCronJob))
	add(typed(serviceColumns, printService))
	add(typed(endpointsColumns, printEndpoints))
	add(typed(endpointSliceColumns, printEndpointSlice))
	add(typed(nodeColumns, printNode))
	add(typed(namespaceColumns, printNamespace))
	add(typed(eventColumns, printEvent))
	add(typed(configMapColumns, printConfigMap))
	add(typed(secretColumns, printSecret))
	add(typed(serviceAccountColumns, printServiceAccount))
	add(typed(persistentVolumeColumns, printPersistentVolume))
	add(typed(persistentVolumeClaimColumns, printPersistentVolumeClaim))
	add(typed(resourceQuotaColumns, printResourceQuota))
	add(typed(createdAtColumns, func(o *apiobj.LimitRange, _ time.Time) []any { return []any{o.Name, createdAt(o.CreationTimestamp)} }))
	add(typed(componentStatusColumns, printComponentStatus))
	add(typed(hpaColumns, printHPA))
	add(typed(pdbColumns, printPDB))
	add(typed(leaseColumns, printLease))
	add(typed(priorityClassColumns, printPriorityClass))
	add(typed(createdAtColumns, func(o *apiobj.Role, _ time.Time) []any { return []any{o.Name, createdAt(o.CreationTimestamp)} }))
	add(typed(createdAtColumns, func(o *apiobj.ClusterRole, _ time.Time) []any { return []any{o.Name, createdAt(o.CreationTimestamp)} }))
	add(typed(roleBindingColumns, func(o *apiobj.RoleBinding, now time.Time) []any {
		return printBinding(o.Name, o.RoleRef, o.Subjects, o.CreationTimestamp, now)
	}))
	add(typed(roleBindingColumns, func(o *apiobj.ClusterRoleBinding, now time.Time) []any {
		return printBinding(o.Name, o.RoleRef, o.Subjects, o.CreationTimestamp, now)
	}))
	add(typed(storageClassColumns, printStorageClass))
	add(typed(volumeAttributesClassColumns, func(o *apiobj.VolumeAttributesClass, now time.Time) []any {
		return []any{o.Name, o.DriverName, age(o.CreationTimestamp, now)}
	}))
	add(typed(volumeAttachmentColumns, printVolumeAttachment))
	add(typed(csiDriverColumns, printCSIDriver))
	add(typed(csiNodeColumns, func(o *apiobj.CSINode, now time.Time) []any {
		return []any{o.Name, int64(len(o.Spec.Drivers)), age(o.CreationTimestamp, now)}
	}))
	add(typed(csiStorageCapacityColumns, printCSIStorageCapacity))
	add(typed(createdAtColumns, func(o *apiobj.CustomResourceDefinition, _ time.Time) []any {
		return []any{o.Name, createdAt(o.CreationTimestamp)}
	}))
	return m
})

var createdAtColumns = []TableColumnDefinition{colName, colCreatedAt}

// ---- core/v1 ----

var podTemplateColumns = []TableColumnDefinition{colName,
	col("Containers", "string", "The names of the containers in the template."),
	col("Images", "string", "The images of the containers in the template."),
	col("Pod Labels", "string", "The labels of the pod template."),
}

func printPodTemplate(o *apiobj.PodTemplate, _ time.Time) []any {
	names, images := containerCells(o.Template.Spec.Containers)
	return []any{o.Name, names, images, formatLabels(o.Template.Labels)}
}

var replicationControllerColumns = []TableColumnDefinition{colName,
	col("Desired", "integer", "The number of pods wanted (spec.replicas)."),
	col("Current", "integer", "The number of pods that exist (status.replicas)."),
	col("Ready", "integer", "The number of ready pods (status.readyReplicas)."),
	colAge, colContainers, colImages,
	colSelector("The label query over the pods the controller manages."),
}

func printReplicationController(o *apiobj.ReplicationController, now time.Time) []any {
	var containers []apiobj.Container
	if o.Spec.Template != nil {
		containers = o.Spec.Template.Spec.Containers
	}
	names, images := containerCells(containers)
	return []any{o.Name, int32Ptr(o.Spec.Replicas, 1), int64(o.Status.Replicas), int64(o.Status.ReadyReplicas),
		age(o.CreationTimestamp, now), names, images, formatLabels(o.Spec.Selector)}
}

var serviceColumns = []TableColumnDefinition{colName,
	col("Type", "string", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
	col("Cluster-IP", "string", "The virtual IP of the service inside the cluster."),
	col("External-IP", "string", "The addresses that reach the service from outside the cluster."),
	col("Port(s)", "string", "The ports the service exposes."),
	colAge,
	colSelector("The labels of the pods the service sends traffic to."),
}

func printService(o *apiobj.Service, now time.Time) []any {
	typ := o.Spec.Type
	if typ == "" {
		typ = apiobj.ServiceTypeClusterIP
	}
	clusterIP := "<none>"
	if len(o.Spec.ClusterIPs) > 0 {
		clusterIP = o.Spec.ClusterIPs[0]
	} else if o.Spec.ClusterIP != "" {
		clusterIP = o.Spec.ClusterIP
	}
	ports := make([]string, len(o.Spec.Ports))
	for i, p := range o.Spec.Ports {
		proto := p.Protocol
		if proto == "" {
			proto = apiobj.ProtocolTCP
		}
		if p.NodePort > 0 {
			ports[i] = fmt.Sprintf("%d:%d/%s", p.Port, p.NodePort, proto)
		} else {
			ports[i] = fmt.Sprintf("%d/%s", p.Port, proto)
		}
	}
	portCell := strings.Join(ports, ",")
	if portCell == "" {
		portCell = "<none>"
	}
	return []any{o.Name, string(typ), clusterIP, serviceExternalIP(o, typ), portCell, age(o.CreationTimestamp, now),
		formatLabels(o.Spec.Selector)}
}

func serviceExternalIP(o *apiobj.Service, typ apiobj.ServiceType) string {
	switch typ {
	case apiobj.ServiceTypeClusterIP, apiobj.ServiceTypeNodePort:
		if len(o.Spec.ExternalIPs) > 0 {
			return strings.Join(o.Spec.ExternalIPs, ",")
		}
		return "<none>"
	case apiobj.ServiceTypeLoadBalancer:
		var lb []string
		for _, in := range o.Status.LoadBalancer.Ingress {
			if in.IP != "" {
				lb = append(lb, in.IP)
			} else if in.Hostname != "" {
				lb = append(lb, in.Hostname)
			}
		}
		slices.Sort(lb)
		lb = slices.Compact(lb)
		all := append(lb, o.Spec.ExternalIPs...)
		if len(all) > 0 {
			return strings.Join(all, ",")
		}
		return "<pending>"
	case apiobj.ServiceTypeExternalName:
		return o.Spec.ExternalName
	}
	return "<unknown>"
}

var endpointsColumns = []TableColumnDefinition{colName,
	col("Endpoints", "string", "The addresses and ports of the endpoints, the first three of them."),
	colAge,
}

func printEndpoints(o *apiobj.Endpoints, now time.Time) []any {
	return []any{o.Name, formatEndpoints(o), age(o.CreationTimestamp, now)}
}

func formatEndpoints(o *apiobj.Endpoints) string {
	if len(o.Subsets) == 0 {
		return "<none>"
	}
	const max = 3
	var list []string
	count := 0
	add := func(s string) {
		if len(list) < max {
			list = append(list, s)
		}
		count++
	}
	for _, ss := range o.Subsets {
		if len(ss.Ports) == 0 {
			for _, a := range ss.Addresses {
				add(a.IP)
			}
			continue
		}
		for _, p := range ss.Ports {
			for _, a := range ss.Addresses {
				add(net.JoinHostPort(a.IP, strconv.Itoa(int(p.Port))))
			}
		}
	}
	return listWithMore(list, count, max, "")
}

var nodeColumns = []TableColumnDefinition{colName,
	col("Status", "string", "The status of the node."),
	col("Roles", "string", "The roles of the node."),
	colAge,
	col("Version", "string", "The version of the node agent."),
	wide(col("Internal-IP", "string", "The first internal IP of the node.")),
	wide(col("External-IP", "string", "The first external IP of the node.")),
	wide(col("OS-Image", "string", "The operating system image of the node.")),
	wide(col("Kernel-Version", "string", "The kernel version of the node.")),
	wide(col("Container-Runtime", "string", "The container runtime and its version.")),
}

func printNode(o *apiobj.Node, now time.Time) []any {
	var status []string
	if _, c := apiobj.GetNodeCondition(&o.Status, apiobj.NodeReady); c != nil {
		if c.Status == apiobj.ConditionTrue {
			status = append(status, string(c.Type))
		} else {
			status = append(status, "Not"+string(c.Type))
		}
	}
	if len(status) == 0 {
		status = append(status, "Unknown")
	}
	if o.Spec.Unschedulable {
		status = append(status, "SchedulingDisabled")
	}
	roles := map[string]bool{}
	for k, v := range o.Labels {
		if r, ok := strings.CutPrefix(k, "node-role.kubernetes.io/"); ok && r != "" {
			roles[r] = true
		} else if k == "kubernetes.io/role" && v != "" {
			roles[v] = true
		}
	}
	roleList := make([]string, 0, len(roles))
	for r := range roles {
		roleList = append(roleList, r)
	}
	sort.Strings(roleList)
	roleCell := strings.Join(roleList, ",")
	if roleCell == "" {
		roleCell = "<none>"
	}
	addr := func(t apiobj.NodeAddressType) string {
		for _, a := range o.Status.Addresses {
			if a.Type == t {
				return a.Address
			}
		}
		return "<none>"
	}
	unknown := func(s string) string { return firstNonEmpty(s, "<unknown>") }
	info := o.Status.NodeInfo
	return []any{o.Name, strings.Join(status, ","), roleCell, age(o.CreationTimestamp, now), info.KubeletVersion,
		addr(apiobj.NodeInternalIP), addr(apiobj.NodeExternalIP), unknown(info.OSImage), unknown(info.KernelVersion),
		unknown(info.ContainerRuntimeVersion)}
}

var namespaceColumns = []TableColumnDefinition{colName,
	col("Status", "string", "The phase of the namespace: Active or Terminating."),
	colAge,
}

func printNamespace(o *apiobj.Namespace, now time.Time) []any {
	return []any{o.Name, string(o.Status.Phase), age(o.CreationTimestamp, now)}
}

var eventColumns = []TableColumnDefinition{
	col("Last Seen", "string", "The time since the event was last seen."),
	col("Type", "string", "The type of the event: Normal or Warning."),
	col("Reason", "string", "Why the event happened, in CamelCase."),
	col("Object", "string", "The object the event is about."),
	wide(col("Subobject", "string", "The part of the object the event is about (involvedObject.fieldPath).")),
	wide(col("Source", "string", "The component, and host, that reported the event.")),
	col("Message", "string", "What happened, for humans."),
	wide(col("First Seen", "string", "The time since the event was first seen.")),
	wide(col("Count", "integer", "How many times the event happened.")),
	wide(col("Name", "string", "The name of the event.")),
}

func printEvent(o *apiobj.Event, now time.Time) []any {
	first := age(o.FirstTimestamp, now)
	if o.FirstTimestamp.IsZero() {
		first = ageMicro(o.EventTime, now)
	}
	last := age(o.LastTimestamp, now)
	if o.LastTimestamp.IsZero() {
		last = first
	}
	count := o.Count
	if o.Series != nil {
		last = ageMicro(o.Series.LastObservedTime, now)
		count = o.Series.Count
	} else if count == 0 {
		count = 1
	}
	target := strings.ToLower(o.InvolvedObject.Kind)
	if o.InvolvedObject.Name != "" {
		target += "/" + o.InvolvedObject.Name
	}
	component := firstNonEmpty(o.Source.Component, o.ReportingController)
	instance := firstNonEmpty(o.Source.Host, o.ReportingInstance)
	source := component
	if instance != "" {
		source = component + ", " + instance
	}
	return []any{last, o.Type, o.Reason, target, o.InvolvedObject.FieldPath, source, strings.TrimSpace(o.Message),
		first, int64(count), o.Name}
}

var configMapColumns = []TableColumnDefinition{colName,
	col("Data", "integer", "The number of entries in data and binaryData."),
	colAge,
}

func printConfigMap(o *apiobj.ConfigMap, now time.Time) []any {
	return []any{o.Name, int64(len(o.Data) + len(o.BinaryData)), age(o.CreationTimestamp, now)}
}

var secretColumns = []TableColumnDefinition{colName,
	col("Type", "string", "The type of the secret."),
	col("Data", "integer", "The number of entries in data."),
	colAge,
}

func printSecret(o *apiobj.Secret, now time.Time) []any {
	typ := o.Type
	if typ == "" {
		typ = apiobj.SecretTypeOpaque
	}
	keys := len(o.Data)
	for k := range o.StringData {
		if _, ok := o.Data[k]; !ok {
			keys++
		}
	}
	return []any{o.Name, string(typ), int64(keys), age(o.CreationTimestamp, now)}
}

var serviceAccountColumns = []TableColumnDefinition{colName,
	col("Secrets", "integer", "The number of secrets the service account lists."),
	colAge,
}

func printServiceAccount(o *apiobj.ServiceAccount, now time.Time) []any {
	return []any{o.Name, int64(len(o.Secrets)), age(o.CreationTimestamp, now)}
}

const storageClassAnnotation = "volume.beta.kubernetes.io/storage-class"

var persistentVolumeColumns = []TableColumnDefinition{colName,
	col("Capacity", "string", "The storage capacity of the volume."),
	col("Access Modes", "string", "How the volume can be mounted: RWO, ROX, RWX, RWOP."),
	col("Reclaim Policy", "string", "What happens to the volume when its claim is released."),
	col("Status", "string", "The phase of the volume."),
	col("Claim", "string", "The claim bound to the volume, as namespace/name."),
	col("StorageClass", "string", "The storage class of the volume."),
	col("VolumeAttributesClass", "string", "The volume attributes class of the volume."),
	col("Reason", "string", "Why the volume is in its phase."),
	colAge,
	wide(col("VolumeMode", "string", "Filesystem or Block.")),
}

func printPersistentVolume(o *apiobj.PersistentVolume, now time.Time) []any {
	claim := ""
	if r := o.Spec.ClaimRef; r != nil {
		claim = r.Namespace + "/" + r.Name
	}
	capacity := o.Spec.Capacity[apiobj.ResourceStorage]
	phase := string(o.Status.Phase)
	if o.DeletionTimestamp != nil {
		phase = "Terminating"
	}
	class := o.Spec.StorageClassName
	if v, ok := o.Annotations[storageClassAnnotation]; ok {
		class = v
	}
	mode := "<unset>"
	if o.Spec.VolumeMode != nil {
		mode = string(*o.Spec.VolumeMode)
	}
	return []any{o.Name, capacity.String(), accessModes(o.Spec.AccessModes), string(o.Spec.PersistentVolumeReclaimPolicy),
		phase, claim, class, strPtr(o.Spec.VolumeAttributesClassName, "<unset>"), o.Status.Reason,
		age(o.CreationTimestamp, now), mode}
}

var persistentVolumeClaimColumns = []TableColumnDefinition{colName,
	col("Status", "string", "The phase of the claim."),
	col("Volume", "string", "The volume bound to the claim."),
	col("Capacity", "string", "The storage capacity of the bound volume."),
	col("Access Modes", "string", "How the bound volume can be mounted: RWO, ROX, RWX, RWOP."),
	col("StorageClass", "string", "The storage class the claim asks for."),
	col("VolumeAttributesClass", "string", "The volume attributes class the claim asks for."),
	colAge,
	wide(col("VolumeMode", "string", "Filesystem or Block.")),
}

func printPersistentVolumeClaim(o *apiobj.PersistentVolumeClaim, now time.Time) []any {
	phase := string(o.Status.Phase)
	if o.DeletionTimestamp != nil {
		phase = "Terminating"
	}
	class := strPtr(o.Spec.StorageClassName, "")
	if v, ok := o.Annotations[storageClassAnnotation]; ok {
		class = v
	}
	capacity, modes := "", ""
	if o.Spec.VolumeName != "" {
		q := o.Status.Capacity[apiobj.ResourceStorage]
		capacity, modes = q.String(), accessModes(o.Status.AccessModes)
	}
	mode := "<unset>"
	if o.Spec.VolumeMode != nil {
		mode = string(*o.Spec.VolumeMode)
	}
	return []any{o.Name, phase, o.Spec.VolumeName, capacity, modes, class,
		strPtr(o.Spec.VolumeAttributesClassName, "<unset>"), age(o.CreationTimestamp, now), mode}
}

var resourceQuotaColumns = []TableColumnDefinition{colName, colAge,
	col("Request", "string", "Used and hard limits of the requests the quota bounds."),
	col("Limit", "string", "Used and hard limits of the limits the quota bounds."),
}

func printResourceQuota(o *apiobj.ResourceQuota, now time.Time) []any {
	names := make([]string, 0, len(o.Status.Hard))
	for n := range o.Status.Hard {
		names = append(names, string(n))
	}
	sort.Strings(names)
	var req, lim []string
	for _, n := range names {
		used, hard := o.Status.Used[apiobj.ResourceName(n)], o.Status.Hard[apiobj.ResourceName(n)]
		s := fmt.Sprintf("%s: %s/%s", n, used.String(), hard.String())
		if strings.HasPrefix(n, "limits.") {
			lim = append(lim, s)
		} else {
			req = append(req, s)
		}
	}
	return []any{o.Name, age(o.CreationTimestamp, now), strings.Join(req, ", "), strings.Join(lim, ", ")}
}

var componentStatusColumns = []TableColumnDefinition{colName,
	col("Status", "string", "Healthy or Unhealthy."),
	col("Message", "string", "The message of the Healthy condition."),
	col("Error", "string", "The error of the Healthy condition."),
}

func printComponentStatus(o *apiobj.ComponentStatus, _ time.Time) []any {
	status, msg, errMsg := "Unknown", "", ""
	for _, c := range o.Conditions {
		if c.Type != apiobj.ComponentHealthy {
			continue
		}
		if c.Status == apiobj.ConditionTrue {
			status = "Healthy"
		} else {
			status = "Unhealthy"
		}
		msg, errMsg = c.Message, c.Error
		break
	}
	return []any{o.Name, status, msg, errMsg}
}

// ---- apps/v1 ----

var deploymentColumns = []TableColumnDefinition{colName,
	col("Ready", "string", "The number of ready pods out of the desired number."),
	col("Up-to-date", "integer", "The number of pods that run the current template (status.updatedReplicas)."),
	col("Available", "integer", "The number of pods available to serve (status.availableReplicas)."),
	colAge, colContainers, colImages,
	colSelector("The label query over the pods of the deployment."),
}

func printDeployment(o *apiobj.Deployment, now time.Time) []any {
	names, images := containerCells(o.Spec.Template.Spec.Containers)
	ready := fmt.Sprintf("%d/%d", o.Status.ReadyReplicas, int32Ptr(o.Spec.Replicas, 1))
	return []any{o.Name, ready, int64(o.Status.UpdatedReplicas), int64(o.Status.AvailableReplicas),
		age(o.CreationTimestamp, now), names, images, formatLabelSelector(o.Spec.Selector)}
}

var replicaSetColumns = []TableColumnDefinition{colName,
	col("Desired", "integer", "The number of pods wanted (spec.replicas)."),
	col("Current", "integer", "The number of pods that exist (status.replicas)."),
	col("Ready", "integer", "The number of ready pods (status.readyReplicas)."),
	colAge, colContainers, colImages,
	colSelector("The label query over the pods of the replica set."),
}

func printReplicaSet(o *apiobj.ReplicaSet, now time.Time) []any {
	names, images := containerCells(o.Spec.Template.Spec.Containers)
	return []any{o.Name, int32Ptr(o.Spec.Replicas, 1), int64(o.Status.Replicas), int64(o.Status.ReadyReplicas),
		age(o.CreationTimestamp, now), names, images, formatLabelSelector(o.Spec.Selector)}
}

var daemonSetColumns = []TableColumnDefinition{colName,
	col("Desired", "integer", "The number of nodes that should run the daemon pod."),
	col("Current", "integer", "The number of nodes that run at least one daemon pod."),
	col("Ready", "integer", "The number of nodes whose daemon pod is ready."),
	col("Up-to-date", "integer", "The number of nodes that run the current template."),
	col("Available", "integer", "The number of nodes whose daemon pod is available."),
	col("Node Selector", "string", "The node selector of the pod template."),
	colAge, colContainers, colImages,
	colSelector("The label query over the pods of the daemon set."),
}

func printDaemonSet(o *apiobj.DaemonSet, now time.Time) []any {
	names, images := containerCells(o.Spec.Template.Spec.Containers)
	s := o.Status
	return []any{o.Name, int64(s.DesiredNumberScheduled), int64(s.CurrentNumberScheduled), int64(s.NumberReady),
		int64(s.UpdatedNumberScheduled), int64(s.NumberAvailable), formatLabels(o.Spec.Template.Spec.NodeSelector),
		age(o.CreationTimestamp, now), names, images, formatLabelSelector(o.Spec.Selector)}
}

var statefulSetColumns = []TableColumnDefinition{colName,
	col("Ready", "string", "The number of ready pods out of the desired number."),
	colAge, colContainers, colImages,
}

func printStatefulSet(o *apiobj.StatefulSet, now time.Time) []any {
	names, images := containerCells(o.Spec.Template.Spec.Containers)
	ready := fmt.Sprintf("%d/%d", o.Status.ReadyReplicas, int32Ptr(o.Spec.Replicas, 1))
	return []any{o.Name, ready, age(o.CreationTimestamp, now), names, images}
}

var controllerRevisionColumns = []TableColumnDefinition{colName,
	col("Controller", "string", "The object that controls the revision."),
	col("Revision", "integer", "The revision number."),
	colAge,
}

func printControllerRevision(o *apiobj.ControllerRevision, now time.Time) []any {
	controller := "<none>"
	if ref := apiobj.ControllerRef(o); ref != nil {
		gk := apiobj.ParseGroupVersion(ref.APIVersion).WithKind(ref.Kind).GroupKind()
		controller = strings.ToLower(gk.String()) + "/" + ref.Name
	}
	return []any{o.Name, controller, o.Revision, age(o.CreationTimestamp, now)}
}

// ---- batch/v1 ----

var jobColumns = []TableColumnDefinition{colName,
	col("Status", "string", "The status of the job: Running, Complete, Failed, Suspended, ..."),
	col("Completions", "string", "The number of succeeded pods out of the desired completions."),
	col("Duration", "string", "How long the job ran, or has been running."),
	colAge, colContainers, colImages,
	colSelector("The label query over the pods of the job."),
}

func jobCondition(o *apiobj.Job, t apiobj.JobConditionType) bool {
	for _, c := range o.Status.Conditions {
		if c.Type == t && c.Status == apiobj.ConditionTrue {
			return true
		}
	}
	return false
}

func printJob(o *apiobj.Job, now time.Time) []any {
	var completions string
	switch {
	case o.Spec.Completions != nil:
		completions = fmt.Sprintf("%d/%d", o.Status.Succeeded, *o.Spec.Completions)
	case o.Spec.Parallelism != nil && *o.Spec.Parallelism > 1:
		completions = fmt.Sprintf("%d/1 of %d", o.Status.Succeeded, *o.Spec.Parallelism)
	default:
		completions = fmt.Sprintf("%d/1", o.Status.Succeeded)
	}
	var duration string
	switch {
	case o.Status.StartTime == nil:
	case o.Status.CompletionTime == nil:
		duration = HumanDuration(now.Sub(o.Status.StartTime.Time))
	default:
		duration = HumanDuration(o.Status.CompletionTime.Sub(o.Status.StartTime.Time))
	}
	var status string
	switch {
	case jobCondition(o, apiobj.JobComplete):
		status = "Complete"
	case jobCondition(o, apiobj.JobFailed):
		status = "Failed"
	case o.DeletionTimestamp != nil:
		status = "Terminating"
	case jobCondition(o, apiobj.JobSuspended):
		status = "Suspended"
	case jobCondition(o, apiobj.JobFailureTarget):
		status = "FailureTarget"
	case jobCondition(o, apiobj.JobSuccessCriteriaMet):
		status = "SuccessCriteriaMet"
	default:
		status = "Running"
	}
	names, images := containerCells(o.Spec.Template.Spec.Containers)
	return []any{o.Name, status, completions, duration, age(o.CreationTimestamp, now), names, images,
		formatLabelSelector(o.Spec.Selector)}
}

var cronJobColumns = []TableColumnDefinition{colName,
	col("Schedule", "string", "The schedule in cron syntax."),
	col("Timezone", "string", "The time zone of the schedule."),
	col("Suspend", "boolean", "Whether new runs are suspended."),
	col("Active", "integer", "The number of running jobs."),
	col("Last Schedule", "string", "The time since a job was last scheduled."),
	colAge, colContainers, colImages,
	colSelector("The label query over the pods of the jobs."),
}

func printCronJob(o *apiobj.CronJob, now time.Time) []any {
	last := "<none>"
	if o.Status.LastScheduleTime != nil {
		last = age(*o.Status.LastScheduleTime, now)
	}
	names, images := containerCells(o.Spec.JobTemplate.Spec.Template.Spec.Containers)
	return []any{o.Name, o.Spec.Schedule, strPtr(o.Spec.TimeZone, "<none>"), boolPtr(o.Spec.Suspend),
		int64(len(o.Status.Active)), last, age(o.CreationTimestamp, now), names, images,
		formatLabelSelector(o.Spec.JobTemplate.Spec.Selector)}
}

// ---- discovery.k8s.io/v1 ----

var endpointSliceColumns = []TableColumnDefinition{colName,
	col("AddressType", "string", "The type of the addresses: IPv4, IPv6 or FQDN."),
	col("Ports", "string", "The ports of the slice, the first three of them."),
	col("Endpoints", "string", "The addresses of the slice, the first three of them."),
	colAge,
}

func printEndpointSlice(o *apiobj.EndpointSlice, now time.Time) []any {
	const max = 3
	var ports []string
	for _, p := range o.Ports {
		if len(ports) == max {
			break
		}
		switch {
		case p.Port != nil:
			ports = append(ports, strconv.Itoa(int(*p.Port)))
		case p.Name != nil:
			ports = append(ports, *p.Name)
		default:
			ports = append(ports, "*")
		}
	}
	var addrs []string
	count := 0
	for _, e := range o.Endpoints {
		for _, a := range e.Addresses {
			if len(addrs) < max {
				addrs = append(addrs, a)
			}
			count++
		}
	}
	return []any{o.Name, string(o.AddressType), listWithMore(ports, len(o.Ports), max, "<unset>"),
		listWithMore(addrs, count, max, "<unset>"), age(o.CreationTimestamp, now)}
}

// ---- autoscaling/v2 ----

var hpaColumns = []TableColumnDefinition{colName,
	col("Reference", "string", "The object the autoscaler scales, as Kind/name."),
	col("Targets", "string", "The current and target values of the metrics."),
	col("MinPods", "string", "The lowest replica count the autoscaler may set."),
	col("MaxPods", "integer", "The highest replica count the autoscaler may set."),
	col("Replicas", "integer", "The current replica count."),
	colAge,
}

func printHPA(o *apiobj.HorizontalPodAutoscaler, now time.Time) []any {
	ref := o.Spec.ScaleTargetRef.Kind + "/" + o.Spec.ScaleTargetRef.Name
	minPods := "<unset>"
	if o.Spec.MinReplicas != nil {
		minPods = strconv.Itoa(int(*o.Spec.MinReplicas))
	}
	return []any{o.Name, ref, formatHPAMetrics(o.Spec.Metrics, o.Status.CurrentMetrics), minPods,
		int64(o.Spec.MaxReplicas), int64(o.Status.CurrentReplicas), age(o.CreationTimestamp, now)}
}

func qty(q *resource.Quantity) string {
	if q == nil {
		return "<unknown>"
	}
	return q.String()
}

func percent(p *int32, unset string) string {
	if p == nil {
		return unset
	}
	return fmt.Sprintf("%d%%", *p)
}

func formatHPAMetrics(specs []apiobj.MetricSpec, statuses []apiobj.MetricStatus) string {
	if len(specs) == 0 {
		return "<none>"
	}
	status := func(i int) *apiobj.MetricStatus {
		if i < len(statuses) {
			return &statuses[i]
		}
		return nil
	}
	var list []string
	for i, spec := range specs {
		st := status(i)
		cur := "<unknown>"
		switch {
		case spec.Type == apiobj.ExternalMetricSourceType && spec.External != nil:
			t := spec.External.Target
			if t.AverageValue != nil {
				if st != nil && st.External != nil && st.External.Current.AverageValue != nil {
					cur = qty(st.External.Current.AverageValue)
				}
				list = append(list, fmt.Sprintf("%s/%s (avg)", cur, qty(t.AverageValue)))
			} else {
				if st != nil && st.External != nil {
					cur = qty(st.External.Current.Value)
				}
				list = append(list, fmt.Sprintf("%s/%s", cur, qty(t.Value)))
			}
		case spec.Type == apiobj.PodsMetricSourceType && spec.Pods != nil:
			if st != nil && st.Pods != nil {
				cur = qty(st.Pods.Current.AverageValue)
			}
			list = append(list, fmt.Sprintf("%s/%s", cur, qty(spec.Pods.Target.AverageValue)))
		case spec.Type == apiobj.ObjectMetricSourceType && spec.Object != nil:
			t := spec.Object.Target
			if t.AverageValue != nil {
				if st != nil && st.Object != nil && st.Object.Current.AverageValue != nil {
					cur = qty(st.Object.Current.AverageValue)
				}
				list = append(list, fmt.Sprintf("%s/%s (avg)", cur, qty(t.AverageValue)))
			} else {
				if st != nil && st.Object != nil {
					cur = qty(st.Object.Current.Value)
				}
				list = append(list, fmt.Sprintf("%s/%s", cur, qty(t.Value)))
			}
		case spec.Type == apiobj.ResourceMetricSourceType && spec.Resource != nil:
			t := spec.Resource.Target
			if t.AverageValue != nil {
				if st != nil && st.Resource != nil {
					cur = qty(st.Resource.Current.AverageValue)
				}
				list = append(list, fmt.Sprintf("%s: %s/%s", spec.Resource.Name, cur, qty(t.AverageValue)))
			} else {
				if st != nil && st.Resource != nil {
					cur = percent(st.Resource.Current.AverageUtilization, cur)
				}
				list = append(list, fmt.Sprintf("%s: %s/%s", spec.Resource.Name, cur, percent(t.AverageUtilization, "<auto>")))
			}
		case spec.Type == apiobj.ContainerResourceMetricSourceType && spec.ContainerResource != nil:
			t := spec.ContainerResource.Target
			if t.AverageValue != nil {
				if st != nil && st.ContainerResource != nil {
					cur = qty(st.ContainerResource.Current.AverageValue)
				}
				list = append(list, fmt.Sprintf("%s: %s/%s", spec.ContainerResource.Name, cur, qty(t.AverageValue)))
			} else {
				if st != nil && st.ContainerResource != nil {
					cur = percent(st.ContainerResource.Current.AverageUtilization, cur)
				}
				list = append(list, fmt.Sprintf("%s: %s/%s", spec.ContainerResource.Name, cur, percent(t.AverageUtilization, "<auto>")))
			}
		default:
			list = append(list, "<unknown type>")
		}
	}
	const max = 2
	if len(list) > max {
		return fmt.Sprintf("%s + %d more...", strings.Join(list[:max], ", "), len(list)-max)
	}
	return strings.Join(list, ", ")
}

// ---- policy/v1 ----

var pdbColumns = []TableColumnDefinition{colName,
	col("Min Available", "string", "The minimum number of pods that must be available."),
	col("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
	col("Allowed Disruptions", "integer", "The number of pods that may be disrupted now."),
	colAge,
}

func printPDB(o *apiobj.PodDisruptionBudget, now time.Time) []any {
	minAvail, maxUnavail := "N/A", "N/A"
	if o.Spec.MinAvailable != nil {
		minAvail = o.Spec.MinAvailable.String()
	}
	if o.Spec.MaxUnavailable != nil {
		maxUnavail = o.Spec.MaxUnavailable.String()
	}
	return []any{o.Name, minAvail, maxUnavail, int64(o.Status.DisruptionsAllowed), age(o.CreationTimestamp, now)}
}

// ---- coordination.k8s.io/v1 and scheduling.k8s.io/v1 ----

var leaseColumns = []TableColumnDefinition{colName,
	col("Holder", "string", "The identity of the holder of the lease."),
	colAge,
}

func printLease(o *apiobj.Lease, now time.Time) []any {
	return []any{o.Name, strPtr(o.Spec.HolderIdentity, ""), age(o.CreationTimestamp, now)}
}

var priorityClassColumns = []TableColumnDefinition{colName,
	col("Value", "integer", "The priority of pods of the class."),
	col("Global-Default", "boolean", "Whether pods without a class get this one."),
	colAge,
	col("PreemptionPolicy", "string", "Whether pods of the class preempt lower-priority pods."),
}

func printPriorityClass(o *apiobj.PriorityClass, now time.Time) []any {
	policy := "PreemptLowerPriority"
	if o.PreemptionPolicy != nil {
		policy = string(*o.PreemptionPolicy)
	}
	return []any{o.Name, int64(o.Value), o.GlobalDefault, age(o.CreationTimestamp, now), policy}
}

// ---- rbac.authorization.k8s.io/v1 ----

var roleBindingColumns = []TableColumnDefinition{colName,
	col("Role", "string", "The role the binding grants, as Kind/name."),
	colAge,
	wide(col("Users", "string", "The users the binding applies to.")),
	wide(col("Groups", "string", "The groups the binding applies to.")),
	wide(col("ServiceAccounts", "string", "The service accounts the binding applies to, as namespace:name.")),
}

func printBinding(name string, ref apiobj.RoleRef, subjects []apiobj.Subject, created apiobj.Time, now time.Time) []any {
	var users, groups, sas []string
	for _, s := range subjects {
		switch s.Kind {
		case apiobj.SubjectKindUser:
			users = append(users, s.Name)
		case apiobj.SubjectKindGroup:
			groups = append(groups, s.Name)
		case apiobj.SubjectKindServiceAccount:
			sas = append(sas, s.Namespace+":"+s.Name)
		}
	}
	return []any{name, ref.Kind + "/" + ref.Name, age(created, now),
		strings.Join(users, ", "), strings.Join(groups, ", "), strings.Join(sas, ", ")}
}

// ---- storage.k8s.io/v1 ----

var storageClassColumns = []TableColumnDefinition{colName,
	col("Provisioner", "string", "The driver that provisions volumes of the class."),
	col("ReclaimPolicy", "string", "What happens to volumes of the class when their claims are released."),
	col("VolumeBindingMode", "string", "When volumes are bound: Immediate or WaitForFirstConsumer."),
	col("AllowVolumeExpansion", "boolean", "Whether volumes of the class may grow."),
	colAge,
}

func printStorageClass(o *apiobj.StorageClass, now time.Time) []any {
	name := o.Name
	if o.Annotations["storageclass.kubernetes.io/is-default-class"] == "true" ||
		o.Annotations["storageclass.beta.kubernetes.io/is-default-class"] == "true" {
		name += " (default)"
	}
	reclaim := string(apiobj.PersistentVolumeReclaimDelete)
	if o.ReclaimPolicy != nil {
		reclaim = string(*o.ReclaimPolicy)
	}
	binding := string(apiobj.VolumeBindingImmediate)
	if o.VolumeBindingMode != nil {
		binding = string(*o.VolumeBindingMode)
	}
	expand := o.AllowVolumeExpansion != nil && *o.AllowVolumeExpansion
	return []any{name, o.Provisioner, reclaim, binding, expand, age(o.CreationTimestamp, now)}
}

var volumeAttributesClassColumns = []TableColumnDefinition{colName,
	col("DriverName", "string", "The driver the class is for."),
	colAge,
}

var volumeAttachmentColumns = []TableColumnDefinition{colName,
	col("Attacher", "string", "The driver that attaches the volume."),
	col("PV", "string", "The persistent volume being attached."),
	col("Node", "string", "The node the volume is attached to."),
	col("Attached", "boolean", "Whether the volume is attached."),
	colAge,
}

func printVolumeAttachment(o *apiobj.VolumeAttachment, now time.Time) []any {
	return []any{o.Name, o.Spec.Attacher, strPtr(o.Spec.Source.PersistentVolumeName, ""), o.Spec.NodeName,
		o.Status.Attached, age(o.CreationTimestamp, now)}
}

var csiDriverColumns = []TableColumnDefinition{colName,
	col("AttachRequired", "boolean", "Whether volumes of the driver need an attach step."),
	col("PodInfoOnMount", "boolean", "Whether the driver gets pod information on mount."),
	col("StorageCapacity", "boolean", "Whether the scheduler considers the driver's storage capacity."),
	col("TokenRequests", "string", "The audiences of the service account tokens the driver gets."),
	col("RequiresRepublish", "boolean", "Whether volumes are published again periodically."),
	col("Modes", "string", "The volume lifecycle modes the driver supports."),
	colAge,
}

func printCSIDriver(o *apiobj.CSIDriver, now time.Time) []any {
	b := func(p *bool, def bool) bool {
		if p == nil {
			return def
		}
		return *p
	}
	tokens := "<unset>"
	if len(o.Spec.TokenRequests) > 0 {
		aud := make([]string, len(o.Spec.TokenRequests))
		for i, t := range o.Spec.TokenRequests {
			aud[i] = t.Audience
		}
		tokens = strings.Join(aud, ",")
	}
	modes := make([]string, len(o.Spec.VolumeLifecycleModes))
	for i, m := range o.Spec.VolumeLifecycleModes {
		modes[i] = string(m)
	}
	modeCell := strings.Join(modes, ",")
	if modeCell == "" {
		modeCell = "<none>"
	}
	return []any{o.Name, b(o.Spec.AttachRequired, true), b(o.Spec.PodInfoOnMount, false), b(o.Spec.StorageCapacity, false),
		tokens, b(o.Spec.RequiresRepublish, false), modeCell, age(o.CreationTimestamp, now)}
}

var csiNodeColumns = []TableColumnDefinition{colName,
	col("Drivers", "integer", "The number of CSI drivers on the node."),
	colAge,
}

var csiStorageCapacityColumns = []TableColumnDefinition{colName,
	col("StorageClassName", "string", "The storage class the capacity is for."),
	col("Capacity", "string", "The capacity available."),
}

func printCSIStorageCapacity(o *apiobj.CSIStorageCapacity, _ time.Time) []any {
	capacity := "<unset>"
	if o.Capacity != nil {
		capacity = o.Capacity.String()
	}
	return []any{o.Name, o.StorageClassName, capacity}
}
