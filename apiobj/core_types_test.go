package apiobj

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj/resource"
)

// The manifests below are written the way a Kubernetes API server returns
// objects: every field the Go types always encode (structs tagged
// omitempty, required scalars) is present, so a decode/encode round trip
// must reproduce them exactly. The only Kubernetes output they leave out is
// "null" for unset times, which orca omits (omitzero).

const corePodJSON = `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "name": "web-0",
    "generateName": "web-",
    "namespace": "shop",
    "uid": "8c6f9a5e-3c1b-4a53-9d0e-1f2a3b4c5d6e",
    "resourceVersion": "4711",
    "generation": 2,
    "creationTimestamp": "2024-05-01T10:00:00Z",
    "labels": {"app": "web", "tier": "frontend", "pod-template-hash": "5d4f"},
    "annotations": {"example.com/owner": "team-a"},
    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d4f", "uid": "1111", "controller": true, "blockOwnerDeletion": true}],
    "finalizers": ["example.com/protect"]
  },
  "spec": {
    "volumes": [
      {"name": "work", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
      {"name": "host", "hostPath": {"path": "/var/log", "type": "DirectoryOrCreate"}},
      {"name": "cfg", "configMap": {"name": "web-config", "items": [{"key": "app.properties", "path": "app.properties", "mode": 420}], "defaultMode": 420, "optional": true}},
      {"name": "tls", "secret": {"secretName": "web-tls", "defaultMode": 256}},
      {"name": "data", "persistentVolumeClaim": {"claimName": "data-web-0", "readOnly": true}},
      {"name": "nfs", "nfs": {"server": "10.0.0.5", "path": "/exports", "readOnly": true}},
      {"name": "info", "downwardAPI": {"items": [
        {"path": "labels", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}},
        {"path": "cpu", "resourceFieldRef": {"containerName": "web", "resource": "limits.cpu", "divisor": "1m"}}
      ], "defaultMode": 420}},
      {"name": "projected", "projected": {"sources": [
        {"secret": {"name": "db", "items": [{"key": "password", "path": "db/password"}]}},
        {"configMap": {"name": "web-config", "optional": false}},
        {"downwardAPI": {"items": [{"path": "name", "fieldRef": {"fieldPath": "metadata.name"}}]}},
        {"serviceAccountToken": {"audience": "vault", "expirationSeconds": 3600, "path": "token"}},
        {"clusterTrustBundle": {"signerName": "example.com/ca", "labelSelector": {"matchLabels": {"trust": "yes"}}, "optional": true, "path": "ca.pem"}}
      ], "defaultMode": 420}},
      {"name": "scratch", "csi": {"driver": "inline.csi.example.com", "readOnly": true, "fsType": "ext4", "volumeAttributes": {"size": "1Gi"}, "nodePublishSecretRef": {"name": "csi-secret"}}},
      {"name": "cache", "ephemeral": {"volumeClaimTemplate": {
        "metadata": {"labels": {"type": "cache"}},
        "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "fast", "resources": {"requests": {"storage": "10Gi"}}}
      }}},
      {"name": "model", "image": {"reference": "registry.example.com/models/llm:v1", "pullPolicy": "IfNotPresent"}}
    ],
    "initContainers": [
      {"name": "init-config", "image": "busybox:1.36", "command": ["sh", "-c", "echo ready > /work/ready"], "resources": {},
       "volumeMounts": [{"name": "work", "mountPath": "/work"}], "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"},
      {"name": "log-shipper", "image": "busybox:1.36", "command": ["sh", "-c", "tail -F /work/log"], "resources": {}, "restartPolicy": "Always",
       "restartPolicyRules": [{"action": "Restart", "exitCodes": {"operator": "In", "values": [42]}}],
       "startupProbe": {"exec": {"command": ["test", "-f", "/work/log"]}, "periodSeconds": 1, "failureThreshold": 30}}
    ],
    "containers": [
      {
        "name": "web",
        "image": "registry.k8s.io/e2e-test-images/agnhost:2.40",
        "command": ["/agnhost"],
        "args": ["netexec", "--http-port=8080"],
        "workingDir": "/srv",
        "ports": [
          {"name": "http", "containerPort": 8080, "protocol": "TCP"},
          {"name": "dns", "hostPort": 5353, "containerPort": 53, "protocol": "UDP", "hostIP": "0.0.0.0"}
        ],
        "envFrom": [
          {"prefix": "CFG_", "configMapRef": {"name": "web-config", "optional": true}},
          {"secretRef": {"name": "web-secrets"}}
        ],
        "env": [
          {"name": "MODE", "value": "production"},
          {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
          {"name": "CPU_LIMIT", "valueFrom": {"resourceFieldRef": {"containerName": "web", "resource": "limits.cpu", "divisor": "1m"}}},
          {"name": "MEM_REQUEST", "valueFrom": {"resourceFieldRef": {"resource": "requests.memory", "divisor": "0"}}},
          {"name": "LOG_LEVEL", "valueFrom": {"configMapKeyRef": {"name": "web-config", "key": "log.level", "optional": true}}},
          {"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
          {"name": "FROM_FILE", "valueFrom": {"fileKeyRef": {"volumeName": "work", "path": "env/app.env", "key": "TOKEN", "optional": false}}}
        ],
        "resources": {
          "limits": {"cpu": "1", "memory": "1Gi", "example.com/gpu": "1", "ephemeral-storage": "2Gi"},
          "requests": {"cpu": "100m", "memory": "128Mi", "example.com/gpu": "1"},
          "claims": [{"name": "gpu", "request": "big"}]
        },
        "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}, {"resourceName": "memory", "restartPolicy": "RestartContainer"}],
        "volumeMounts": [
          {"name": "work", "mountPath": "/work"},
          {"name": "cfg", "readOnly": true, "recursiveReadOnly": "IfPossible", "mountPath": "/etc/config", "subPath": "app", "mountPropagation": "None"},
          {"name": "host", "mountPath": "/host/log", "subPathExpr": "$(POD_NAME)", "mountPropagation": "HostToContainer"}
        ],
        "volumeDevices": [{"name": "raw", "devicePath": "/dev/xvda"}],
        "livenessProbe": {
          "httpGet": {"path": "/healthz", "port": 8080, "host": "127.0.0.1", "scheme": "HTTPS", "httpHeaders": [{"name": "X-Probe", "value": "liveness"}]},
          "initialDelaySeconds": 3, "timeoutSeconds": 2, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 4, "terminationGracePeriodSeconds": 10
        },
        "readinessProbe": {"tcpSocket": {"port": "http", "host": "localhost"}, "initialDelaySeconds": 5, "periodSeconds": 10},
        "startupProbe": {"grpc": {"port": 9090, "service": "health"}, "failureThreshold": 30, "periodSeconds": 2},
        "lifecycle": {
          "postStart": {"exec": {"command": ["/bin/sh", "-c", "echo started"]}},
          "preStop": {"sleep": {"seconds": 5}},
          "stopSignal": "SIGTERM"
        },
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "FallbackToLogsOnError",
        "imagePullPolicy": "Always",
        "securityContext": {
          "capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]},
          "privileged": false,
          "seLinuxOptions": {"user": "system_u", "role": "system_r", "type": "container_t", "level": "s0:c123,c456"},
          "windowsOptions": {"gmsaCredentialSpecName": "spec", "runAsUserName": "ContainerUser", "hostProcess": false},
          "runAsUser": 1000,
          "runAsGroup": 3000,
          "runAsNonRoot": true,
          "readOnlyRootFilesystem": true,
          "allowPrivilegeEscalation": false,
          "procMount": "Default",
          "seccompProfile": {"type": "RuntimeDefault"},
          "appArmorProfile": {"type": "Localhost", "localhostProfile": "k8s-apparmor-example"}
        },
        "stdin": true,
        "stdinOnce": true,
        "tty": true
      },
      {"name": "sidecar", "image": "envoyproxy/envoy:v1.30", "resources": {}}
    ],
    "ephemeralContainers": [
      {"name": "debugger", "image": "busybox:1.36", "command": ["sh"], "resources": {}, "stdin": true, "tty": true, "targetContainerName": "web"}
    ],
    "restartPolicy": "Always",
    "terminationGracePeriodSeconds": 45,
    "activeDeadlineSeconds": 3600,
    "dnsPolicy": "None",
    "nodeSelector": {"kubernetes.io/os": "linux"},
    "serviceAccountName": "web",
    "serviceAccount": "web",
    "automountServiceAccountToken": false,
    "nodeName": "node-1",
    "hostPID": true,
    "hostIPC": true,
    "shareProcessNamespace": true,
    "securityContext": {
      "seLinuxOptions": {"level": "s0:c1,c2"},
      "runAsUser": 1000,
      "runAsGroup": 3000,
      "runAsNonRoot": true,
      "supplementalGroups": [4000, 5000],
      "supplementalGroupsPolicy": "Strict",
      "fsGroup": 2000,
      "sysctls": [{"name": "net.ipv4.ip_local_port_range", "value": "1024 65535"}],
      "fsGroupChangePolicy": "OnRootMismatch",
      "seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/audit.json"},
      "appArmorProfile": {"type": "RuntimeDefault"},
      "seLinuxChangePolicy": "MountOption"
    },
    "imagePullSecrets": [{"name": "regcred"}],
    "hostname": "web-0",
    "subdomain": "web",
    "affinity": {
      "nodeAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
          {"matchExpressions": [
            {"key": "topology.kubernetes.io/zone", "operator": "In", "values": ["eu-west-1a", "eu-west-1b"]},
            {"key": "example.com/cores", "operator": "Gt", "values": ["8"]},
            {"key": "example.com/legacy", "operator": "DoesNotExist"}
          ]},
          {"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["node-9"]}]}
        ]},
        "preferredDuringSchedulingIgnoredDuringExecution": [
          {"weight": 20, "preference": {"matchExpressions": [{"key": "disktype", "operator": "Exists"}, {"key": "example.com/age", "operator": "Lt", "values": ["30"]}]}}
        ]
      },
      "podAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": [
          {"labelSelector": {"matchLabels": {"app": "cache"}}, "namespaces": ["shop", "infra"], "topologyKey": "topology.kubernetes.io/zone",
           "namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "In", "values": ["a"]}]},
           "matchLabelKeys": ["pod-template-hash"], "mismatchLabelKeys": ["tenant"]}
        ]
      },
      "podAntiAffinity": {
        "preferredDuringSchedulingIgnoredDuringExecution": [
          {"weight": 100, "podAffinityTerm": {"labelSelector": {"matchLabels": {"app": "web"}}, "namespaceSelector": {}, "topologyKey": "kubernetes.io/hostname"}}
        ]
      }
    },
    "schedulerName": "default-scheduler",
    "tolerations": [
      {"key": "example.com/gpu", "operator": "Exists", "effect": "NoSchedule"},
      {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
      {"key": "dedicated", "operator": "Equal", "value": "web", "effect": "PreferNoSchedule"},
      {"operator": "Exists"}
    ],
    "hostAliases": [{"ip": "127.0.0.1", "hostnames": ["foo.local", "bar.local"]}],
    "priorityClassName": "high",
    "priority": 1000000,
    "dnsConfig": {"nameservers": ["1.1.1.1"], "searches": ["ns1.svc.cluster.local"], "options": [{"name": "ndots", "value": "2"}, {"name": "edns0"}]},
    "readinessGates": [{"conditionType": "example.com/feature-1"}],
    "runtimeClassName": "gvisor",
    "enableServiceLinks": false,
    "preemptionPolicy": "Never",
    "overhead": {"cpu": "250m", "memory": "120Mi"},
    "topologySpreadConstraints": [
      {"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule",
       "labelSelector": {"matchLabels": {"app": "web"}}, "minDomains": 3, "nodeAffinityPolicy": "Honor", "nodeTaintsPolicy": "Ignore",
       "matchLabelKeys": ["pod-template-hash"]},
      {"maxSkew": 2, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "ScheduleAnyway"}
    ],
    "setHostnameAsFQDN": true,
    "os": {"name": "linux"},
    "hostUsers": false,
    "schedulingGates": [{"name": "example.com/quota"}],
    "resourceClaims": [
      {"name": "gpu", "resourceClaimTemplateName": "gpu-template"},
      {"name": "shared", "resourceClaimName": "shared-claim"}
    ],
    "resources": {"limits": {"cpu": "2", "memory": "2Gi"}, "requests": {"cpu": "1"}},
    "hostnameOverride": "web-zero"
  },
  "status": {
    "observedGeneration": 2,
    "phase": "Running",
    "conditions": [
      {"type": "PodReadyToStartContainers", "status": "True", "lastTransitionTime": "2024-05-01T10:00:05Z"},
      {"type": "Initialized", "status": "True", "lastTransitionTime": "2024-05-01T10:00:06Z"},
      {"type": "Ready", "status": "True", "observedGeneration": 2, "lastProbeTime": "2024-05-01T10:01:00Z", "lastTransitionTime": "2024-05-01T10:00:20Z"},
      {"type": "ContainersReady", "status": "True", "lastTransitionTime": "2024-05-01T10:00:20Z"},
      {"type": "PodScheduled", "status": "True", "lastTransitionTime": "2024-05-01T10:00:01Z", "reason": "Scheduled", "message": "bound"}
    ],
    "message": "all good",
    "reason": "Fine",
    "nominatedNodeName": "node-2",
    "hostIP": "10.0.0.11",
    "hostIPs": [{"ip": "10.0.0.11"}, {"ip": "fd00::11"}],
    "podIP": "10.244.1.7",
    "podIPs": [{"ip": "10.244.1.7"}, {"ip": "fd00:10:244::7"}],
    "startTime": "2024-05-01T10:00:02Z",
    "initContainerStatuses": [
      {"name": "init-config", "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": "2024-05-01T10:00:03Z", "finishedAt": "2024-05-01T10:00:04Z", "containerID": "containerd://aaa"}},
       "lastState": {}, "ready": true, "restartCount": 0, "image": "docker.io/library/busybox:1.36", "imageID": "docker.io/library/busybox@sha256:abc", "containerID": "containerd://aaa", "started": false}
    ],
    "containerStatuses": [
      {"name": "web",
       "state": {"running": {"startedAt": "2024-05-01T10:00:07Z"}},
       "lastState": {"terminated": {"exitCode": 137, "signal": 9, "reason": "OOMKilled", "message": "out of memory", "startedAt": "2024-05-01T09:00:00Z", "finishedAt": "2024-05-01T09:59:59Z", "containerID": "containerd://old"}},
       "ready": true, "restartCount": 3,
       "image": "registry.k8s.io/e2e-test-images/agnhost:2.40", "imageID": "registry.k8s.io/e2e-test-images/agnhost@sha256:def",
       "containerID": "containerd://bbb", "started": true,
       "allocatedResources": {"cpu": "100m", "memory": "128Mi"},
       "resources": {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "100m", "memory": "128Mi"}},
       "volumeMounts": [{"name": "cfg", "mountPath": "/etc/config", "readOnly": true, "recursiveReadOnly": "Enabled"}],
       "user": {"linux": {"uid": 1000, "gid": 3000, "supplementalGroups": [2000, 4000]}},
       "allocatedResourcesStatus": [{"name": "example.com/gpu", "resources": [{"resourceID": "gpu-0", "health": "Healthy"}]}],
       "stopSignal": "SIGTERM"},
      {"name": "sidecar", "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s"}}, "lastState": {},
       "ready": false, "restartCount": 12, "image": "envoyproxy/envoy:v1.30", "imageID": ""}
    ],
    "qosClass": "Burstable",
    "ephemeralContainerStatuses": [
      {"name": "debugger", "state": {"running": {"startedAt": "2024-05-01T11:00:00Z"}}, "lastState": {}, "ready": false, "restartCount": 0, "image": "busybox:1.36", "imageID": "busybox@sha256:123"}
    ],
    "resize": "InProgress",
    "resourceClaimStatuses": [{"name": "gpu", "resourceClaimName": "web-0-gpu-x7k2p"}],
    "extendedResourceClaimStatus": {"requestMappings": [{"containerName": "web", "resourceName": "example.com/gpu", "requestName": "container-0-request-0"}], "resourceClaimName": "web-0-extended-resources-abcde"},
    "allocatedResources": {"cpu": "1", "memory": "2Gi"},
    "resources": {"limits": {"cpu": "2", "memory": "2Gi"}, "requests": {"cpu": "1"}}
  }
}`

const coreServiceJSON = `{
  "apiVersion": "v1",
  "kind": "Service",
  "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}},
  "spec": {
    "ports": [
      {"name": "http", "protocol": "TCP", "appProtocol": "kubernetes.io/h2c", "port": 80, "targetPort": "http", "nodePort": 30080},
      {"name": "metrics", "protocol": "TCP", "port": 9376, "targetPort": 9376, "nodePort": 30081},
      {"name": "dns", "protocol": "UDP", "port": 53, "targetPort": 5353}
    ],
    "selector": {"app": "web"},
    "clusterIP": "10.96.0.42",
    "clusterIPs": ["10.96.0.42", "fd00:10:96::42"],
    "type": "LoadBalancer",
    "externalIPs": ["203.0.113.10"],
    "sessionAffinity": "ClientIP",
    "loadBalancerIP": "203.0.113.20",
    "loadBalancerSourceRanges": ["198.51.100.0/24"],
    "externalTrafficPolicy": "Local",
    "healthCheckNodePort": 32000,
    "publishNotReadyAddresses": true,
    "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 3600}},
    "ipFamilies": ["IPv4", "IPv6"],
    "ipFamilyPolicy": "PreferDualStack",
    "allocateLoadBalancerNodePorts": true,
    "loadBalancerClass": "example.com/internal-vip",
    "internalTrafficPolicy": "Cluster",
    "trafficDistribution": "PreferClose"
  },
  "status": {
    "loadBalancer": {"ingress": [
      {"ip": "203.0.113.20", "ipMode": "VIP", "ports": [{"port": 80, "protocol": "TCP"}, {"port": 53, "protocol": "UDP", "error": "MixedProtocolNotSupported"}]},
      {"hostname": "lb.example.com", "ipMode": "Proxy"}
    ]},
    "conditions": [{"type": "LoadBalancerPortsError", "status": "True", "observedGeneration": 1, "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "LoadBalancerMixedProtocolNotSupported", "message": "UDP not supported"}]
  }
}`

const coreNodeJSON = `{
  "apiVersion": "v1",
  "kind": "Node",
  "metadata": {
    "name": "node-1",
    "uid": "6a4b",
    "creationTimestamp": "2024-04-01T00:00:00Z",
    "labels": {
      "kubernetes.io/hostname": "node-1",
      "kubernetes.io/os": "linux",
      "kubernetes.io/arch": "amd64",
      "topology.kubernetes.io/zone": "eu-west-1a",
      "topology.kubernetes.io/region": "eu-west-1"
    },
    "annotations": {"node.alpha.kubernetes.io/ttl": "0"}
  },
  "spec": {
    "podCIDR": "10.244.1.0/24",
    "podCIDRs": ["10.244.1.0/24", "fd00:10:244:1::/64"],
    "providerID": "aws:///eu-west-1a/i-0123456789",
    "unschedulable": true,
    "taints": [
      {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule", "timeAdded": "2024-05-01T09:00:00Z"},
      {"key": "dedicated", "value": "gpu", "effect": "NoExecute", "timeAdded": "2024-05-01T09:30:00Z"}
    ]
  },
  "status": {
    "capacity": {"cpu": "8", "memory": "32Gi", "pods": "110", "ephemeral-storage": "100G", "hugepages-2Mi": "0", "example.com/gpu": "4"},
    "allocatable": {"cpu": "7800m", "memory": "31250Mi", "pods": "110", "ephemeral-storage": "95G", "hugepages-2Mi": "0", "example.com/gpu": "4"},
    "phase": "Running",
    "conditions": [
      {"type": "MemoryPressure", "status": "False", "lastHeartbeatTime": "2024-05-01T10:00:00Z", "lastTransitionTime": "2024-04-01T00:00:10Z", "reason": "KubeletHasSufficientMemory", "message": "kubelet has sufficient memory available"},
      {"type": "DiskPressure", "status": "False", "lastHeartbeatTime": "2024-05-01T10:00:00Z", "lastTransitionTime": "2024-04-01T00:00:10Z", "reason": "KubeletHasNoDiskPressure", "message": "kubelet has no disk pressure"},
      {"type": "PIDPressure", "status": "False", "lastHeartbeatTime": "2024-05-01T10:00:00Z", "lastTransitionTime": "2024-04-01T00:00:10Z", "reason": "KubeletHasSufficientPID", "message": "kubelet has sufficient PID available"},
      {"type": "NetworkUnavailable", "status": "False", "lastTransitionTime": "2024-04-01T00:00:05Z", "reason": "RouteCreated", "message": "route created"},
      {"type": "Ready", "status": "True", "lastHeartbeatTime": "2024-05-01T10:00:00Z", "lastTransitionTime": "2024-04-01T00:00:20Z", "reason": "KubeletReady", "message": "kubelet is posting ready status"}
    ],
    "addresses": [
      {"type": "InternalIP", "address": "10.0.0.11"},
      {"type": "InternalIP", "address": "fd00::11"},
      {"type": "ExternalIP", "address": "203.0.113.11"},
      {"type": "Hostname", "address": "node-1"},
      {"type": "InternalDNS", "address": "node-1.eu-west-1.compute.internal"}
    ],
    "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
    "nodeInfo": {
      "machineID": "ec2f0c1d", "systemUUID": "ec2f0c1d-aaaa", "bootID": "b00t",
      "kernelVersion": "6.1.0-18-amd64", "osImage": "Debian GNU/Linux 12 (bookworm)",
      "containerRuntimeVersion": "containerd://1.7.13", "kubeletVersion": "v1.32.0", "kubeProxyVersion": "",
      "operatingSystem": "linux", "architecture": "amd64", "swap": {"capacity": 4294967296}
    },
    "images": [
      {"names": ["registry.k8s.io/pause@sha256:7031", "registry.k8s.io/pause:3.10"], "sizeBytes": 320368},
      {"names": ["docker.io/library/busybox:1.36"], "sizeBytes": 2231050}
    ],
    "volumesInUse": ["kubernetes.io/csi/ebs.csi.aws.com^vol-1"],
    "volumesAttached": [{"name": "kubernetes.io/csi/ebs.csi.aws.com^vol-1", "devicePath": ""}],
    "runtimeHandlers": [
      {"name": "", "features": {"recursiveReadOnlyMounts": true, "userNamespaces": true}},
      {"name": "runc", "features": {"recursiveReadOnlyMounts": true, "userNamespaces": false}}
    ],
    "features": {"supplementalGroupsPolicy": true},
    "declaredFeatures": ["GuaranteedQoSPodCPUResize"]
  }
}`

// coreKindsJSON holds one manifest for every other core/v1 kind.
var coreKindsJSON = []struct {
	name string
	obj  func() any
	in   string
}{
	{"Pod", func() any { return new(Pod) }, corePodJSON},
	{"Service", func() any { return new(Service) }, coreServiceJSON},
	{"Node", func() any { return new(Node) }, coreNodeJSON},
	{"PodList", func() any { return new(PodList) }, `{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"99","continue":"tok","remainingItemCount":4},"items":[]}`},
	{"Namespace", func() any { return new(Namespace) }, `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"kubernetes.io/metadata.name":"shop"},"deletionTimestamp":"2024-05-01T12:00:00Z"},
	  "spec":{"finalizers":["kubernetes"]},
	  "status":{"phase":"Terminating","conditions":[{"type":"NamespaceContentRemaining","status":"True","lastTransitionTime":"2024-05-01T12:00:01Z","reason":"SomeResourcesRemain","message":"Some resources are remaining: pods. has 1 resource instances"}]}}`},
	{"Secret", func() any { return new(Secret) }, `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"tls","namespace":"shop"},"immutable":true,
	  "data":{"tls.crt":"LS0tLS1CRUdJTg==","tls.key":"AAEC/w=="},"stringData":{"extra":"plain"},"type":"kubernetes.io/tls"}`},
	{"ConfigMap", func() any { return new(ConfigMap) }, `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"web-config","namespace":"shop"},"immutable":false,
	  "data":{"app.properties":"a=1\nb=2\n","log.level":"debug"},"binaryData":{"blob":"3q2+7w=="}}`},
	{"ServiceAccount", func() any { return new(ServiceAccount) }, `{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"web","namespace":"shop"},
	  "secrets":[{"name":"web-token"}],"imagePullSecrets":[{"name":"regcred"}],"automountServiceAccountToken":false}`},
	{"Event", func() any { return new(Event) }, `{"apiVersion":"v1","kind":"Event","metadata":{"name":"web-0.17c","namespace":"shop"},
	  "involvedObject":{"kind":"Pod","namespace":"shop","name":"web-0","uid":"8c6f","apiVersion":"v1","resourceVersion":"4711","fieldPath":"spec.containers{web}"},
	  "reason":"BackOff","message":"Back-off restarting failed container","source":{"component":"kubelet","host":"node-1"},
	  "firstTimestamp":"2024-05-01T10:00:00Z","lastTimestamp":"2024-05-01T10:05:00Z","count":7,"type":"Warning",
	  "eventTime":"2024-05-01T10:00:00.123456Z","series":{"count":7,"lastObservedTime":"2024-05-01T10:05:00.654321Z"},
	  "action":"Restarting","related":{"kind":"Node","name":"node-1"},"reportingComponent":"kubelet","reportingInstance":"node-1"}`},
	{"EventMinimal", func() any { return new(Event) }, `{"metadata":{"name":"e"},"involvedObject":{},"source":{},"reportingComponent":"","reportingInstance":""}`},
	{"PersistentVolume", func() any { return new(PersistentVolume) }, `{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv-1"},
	  "spec":{"capacity":{"storage":"10Gi"},
	    "csi":{"driver":"ebs.csi.aws.com","volumeHandle":"vol-1","readOnly":true,"fsType":"ext4","volumeAttributes":{"type":"gp3"},
	      "controllerPublishSecretRef":{"name":"a","namespace":"kube-system"},"nodeStageSecretRef":{"name":"b","namespace":"kube-system"},
	      "nodePublishSecretRef":{"name":"c","namespace":"kube-system"},"controllerExpandSecretRef":{"name":"d"},"nodeExpandSecretRef":{"name":"e"}},
	    "accessModes":["ReadWriteOnce","ReadWriteOncePod"],
	    "claimRef":{"kind":"PersistentVolumeClaim","namespace":"shop","name":"data-web-0","uid":"9f","apiVersion":"v1","resourceVersion":"77"},
	    "persistentVolumeReclaimPolicy":"Retain","storageClassName":"fast","mountOptions":["noatime"],"volumeMode":"Filesystem",
	    "nodeAffinity":{"required":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"topology.kubernetes.io/zone","operator":"In","values":["eu-west-1a"]}]}]}},
	    "volumeAttributesClassName":"gold"},
	  "status":{"phase":"Bound","message":"ok","reason":"Bound","lastPhaseTransitionTime":"2024-05-01T10:00:00Z"}}`},
	{"PersistentVolumeSources", func() any { return new(PersistentVolume) }, `{"metadata":{"name":"pv-2"},
	  "spec":{"hostPath":{"path":"/mnt/data","type":"Directory"},"nfs":{"server":"nfs.example.com","path":"/exports"},
	    "local":{"path":"/mnt/disks/ssd1","fsType":"xfs"},
	    "azureFile":{"secretName":"az","shareName":"share","secretNamespace":null},
	    "iscsi":{"targetPortal":"10.0.0.1:3260","iqn":"iqn.2001-04.com.example:storage","lun":0,"portals":["10.0.0.2:3260"],"chapAuthSession":true,"secretRef":{"name":"chap"}},
	    "volumeMode":"Block"},
	  "status":{"phase":"Available"}}`},
	{"PersistentVolumeClaim", func() any { return new(PersistentVolumeClaim) }, `{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data-web-0","namespace":"shop"},
	  "spec":{"accessModes":["ReadWriteOnce"],"selector":{"matchLabels":{"tier":"ssd"}},
	    "resources":{"limits":{"storage":"20Gi"},"requests":{"storage":"10Gi"}},
	    "volumeName":"pv-1","storageClassName":"","volumeMode":"Filesystem",
	    "dataSource":{"apiGroup":"snapshot.storage.k8s.io","kind":"VolumeSnapshot","name":"snap-1"},
	    "dataSourceRef":{"apiGroup":"snapshot.storage.k8s.io","kind":"VolumeSnapshot","name":"snap-1","namespace":"backups"},
	    "volumeAttributesClassName":"gold"},
	  "status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"10Gi"},
	    "conditions":[{"type":"FileSystemResizePending","status":"True","lastProbeTime":"2024-05-01T10:00:00Z","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"Resize","message":"waiting for node"}],
	    "allocatedResources":{"storage":"20Gi"},"allocatedResourceStatuses":{"storage":"NodeResizePending"},
	    "currentVolumeAttributesClassName":"silver","modifyVolumeStatus":{"targetVolumeAttributesClassName":"gold","status":"InProgress"}}}`},
	{"PersistentVolumeClaimCoreDataSource", func() any { return new(PersistentVolumeClaim) }, `{"metadata":{"name":"clone"},
	  "spec":{"resources":{},"dataSource":{"apiGroup":null,"kind":"PersistentVolumeClaim","name":"src"},"dataSourceRef":{"apiGroup":null,"kind":"PersistentVolumeClaim","name":"src"}},
	  "status":{}}`},
	{"ResourceQuota", func() any { return new(ResourceQuota) }, `{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"compute","namespace":"shop"},
	  "spec":{"hard":{"requests.cpu":"10","limits.memory":"64Gi","pods":"50","count/deployments.apps":"5","requests.example.com/gpu":"4"},
	    "scopes":["NotTerminating","NotBestEffort"],
	    "scopeSelector":{"matchExpressions":[{"scopeName":"PriorityClass","operator":"In","values":["high"]},{"scopeName":"CrossNamespacePodAffinity","operator":"Exists"}]}},
	  "status":{"hard":{"pods":"50"},"used":{"pods":"12","requests.cpu":"3500m"}}}`},
	{"LimitRange", func() any { return new(LimitRange) }, `{"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"limits","namespace":"shop"},
	  "spec":{"limits":[
	    {"type":"Container","max":{"cpu":"2","memory":"4Gi"},"min":{"cpu":"50m"},"default":{"cpu":"500m","memory":"512Mi"},"defaultRequest":{"cpu":"100m","memory":"128Mi"},"maxLimitRequestRatio":{"cpu":"10"}},
	    {"type":"Pod","max":{"cpu":"4"}},
	    {"type":"PersistentVolumeClaim","max":{"storage":"50Gi"},"min":{"storage":"1Gi"}}]}}`},
	{"Binding", func() any { return new(Binding) }, `{"apiVersion":"v1","kind":"Binding","metadata":{"name":"web-0","namespace":"shop","uid":"8c6f"},
	  "target":{"kind":"Node","name":"node-1","apiVersion":"v1"}}`},
	{"PodTemplate", func() any { return new(PodTemplate) }, `{"apiVersion":"v1","kind":"PodTemplate","metadata":{"name":"tpl","namespace":"shop"},
	  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","resources":{}}]}}}`},
	{"Endpoints", func() any { return new(Endpoints) }, `{"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web","namespace":"shop","annotations":{"endpoints.kubernetes.io/last-change-trigger-time":"2024-05-01T10:00:00Z"}},
	  "subsets":[{"addresses":[{"ip":"10.244.1.7","hostname":"web-0","nodeName":"node-1","targetRef":{"kind":"Pod","namespace":"shop","name":"web-0","uid":"8c6f"}}],
	    "notReadyAddresses":[{"ip":"10.244.2.9","nodeName":"node-2"}],
	    "ports":[{"name":"http","port":8080,"protocol":"TCP","appProtocol":"http"},{"name":"dns","port":53,"protocol":"UDP"}]}]}`},
	{"ReplicationController", func() any { return new(ReplicationController) }, `{"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"rc","namespace":"shop"},
	  "spec":{"replicas":3,"minReadySeconds":5,"selector":{"app":"rc"},"template":{"metadata":{"labels":{"app":"rc"}},"spec":{"containers":[{"name":"c","image":"nginx","resources":{}}]}}},
	  "status":{"replicas":3,"fullyLabeledReplicas":3,"readyReplicas":2,"availableReplicas":2,"observedGeneration":1,
	    "conditions":[{"type":"ReplicaFailure","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"FailedCreate","message":"quota"}]}}`},
	{"ComponentStatus", func() any { return new(ComponentStatus) }, `{"apiVersion":"v1","kind":"ComponentStatus","metadata":{"name":"etcd-0"},
	  "conditions":[{"type":"Healthy","status":"True","message":"ok","error":"probe failed"}]}`},
	{"PodLogOptions", func() any { return new(PodLogOptions) }, `{"apiVersion":"v1","kind":"PodLogOptions","container":"web","follow":true,"previous":true,
	  "sinceSeconds":60,"timestamps":true,"tailLines":100,"limitBytes":1024,"insecureSkipTLSVerifyBackend":true,"stream":"Stderr"}`},
	{"PodExecOptions", func() any { return new(PodExecOptions) }, `{"apiVersion":"v1","kind":"PodExecOptions","stdin":true,"stdout":true,"stderr":true,"tty":true,"container":"web","command":["sh","-c","ls"]}`},
}

// TestCoreKindsRoundTrip decodes Kubernetes manifests of every core/v1 kind,
// encodes them again, and requires the JSON to mean exactly the same thing.
// It proves the field names, nesting and omitempty behaviour match.
func TestCoreKindsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tt := range coreKindsJSON {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj := tt.obj()
			require.NoError(t, json.Unmarshal([]byte(tt.in), obj))
			out, err := json.Marshal(obj)
			require.NoError(t, err)
			var want, got any
			require.NoError(t, json.Unmarshal([]byte(tt.in), &want))
			require.NoError(t, json.Unmarshal(out, &got))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("JSON changed on the way through (-in +out):\n%s", diff)
			}
		})
	}
}

// TestCoreDecodedValues spot-checks that decoded values land in the right
// Go fields, which a round trip alone would not prove.
func TestCoreDecodedValues(t *testing.T) {
	t.Parallel()
	var pod Pod
	require.NoError(t, json.Unmarshal([]byte(corePodJSON), &pod))
	web := pod.Spec.Containers[0]
	require.Equal(t, "1", web.Resources.Limits.Cpu().String())
	require.Equal(t, "128Mi", web.Resources.Requests.Memory().String())
	require.Equal(t, int64(100), web.Resources.Requests.Cpu().MilliValue())
	require.Equal(t, FromInt32(8080), web.LivenessProbe.HTTPGet.Port)
	require.Equal(t, FromString("http"), web.ReadinessProbe.TCPSocket.Port)
	require.Equal(t, "health", *web.StartupProbe.GRPC.Service)
	require.Equal(t, int64(5), web.Lifecycle.PreStop.Sleep.Seconds)
	require.Equal(t, SIGTERM, *web.Lifecycle.StopSignal)
	require.Equal(t, "1m", web.Env[2].ValueFrom.ResourceFieldRef.Divisor.String())
	require.Equal(t, ContainerRestartPolicyAlways, *pod.Spec.InitContainers[1].RestartPolicy)
	require.Equal(t, "web", pod.Spec.EphemeralContainers[0].TargetContainerName)
	require.Equal(t, "debugger", pod.Spec.EphemeralContainers[0].Name)
	require.Equal(t, "64Mi", pod.Spec.Volumes[0].EmptyDir.SizeLimit.String())
	require.Equal(t, HostPathDirectoryOrCreate, *pod.Spec.Volumes[1].HostPath.Type)
	require.Equal(t, "web-config", pod.Spec.Volumes[2].ConfigMap.Name)
	require.Equal(t, "fast", *pod.Spec.Volumes[9].Ephemeral.VolumeClaimTemplate.Spec.StorageClassName)
	require.Equal(t, NodeSelectorOpGt, pod.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions[1].Operator)
	require.Equal(t, "kubernetes.io/hostname", pod.Spec.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution[0].PodAffinityTerm.TopologyKey)
	require.Equal(t, int64(300), *pod.Spec.Tolerations[1].TolerationSeconds)
	require.Equal(t, "web", pod.Spec.DeprecatedServiceAccount)
	require.Equal(t, "250m", pod.Spec.Overhead.Cpu().String())
	require.Equal(t, time.Date(2024, 5, 1, 10, 0, 7, 0, time.UTC), pod.Status.ContainerStatuses[0].State.Running.StartedAt.Time)
	require.Equal(t, int32(137), pod.Status.ContainerStatuses[0].LastTerminationState.Terminated.ExitCode)
	require.True(t, IsPodReady(&pod))

	var node Node
	require.NoError(t, json.Unmarshal([]byte(coreNodeJSON), &node))
	require.Equal(t, int64(110), node.Status.Allocatable.Pods().Value())
	require.Equal(t, "7800m", node.Status.Allocatable.Cpu().String())
	gpu := node.Status.Capacity[ResourceName("example.com/gpu")]
	require.Equal(t, int64(4), gpu.Value())
	require.Equal(t, int32(10250), node.Status.DaemonEndpoints.KubeletEndpoint.Port)
	_, ready := GetNodeCondition(&node.Status, NodeReady)
	require.NotNil(t, ready)
	require.Equal(t, ConditionTrue, ready.Status)

	var secret Secret
	require.NoError(t, json.Unmarshal([]byte(`{"data":{"k":"AAEC/w=="}}`), &secret))
	require.Equal(t, []byte{0, 1, 2, 255}, secret.Data["k"], "secret data is base64 on the wire")
}

// TestCoreOmitsZeroTimes checks that unset times are left out, not written as null.
func TestCoreOmitsZeroTimes(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(PodCondition{Type: PodReady, Status: ConditionFalse})
	require.NoError(t, err)
	require.JSONEq(t, `{"type":"Ready","status":"False"}`, string(b))

	b, err = json.Marshal(Event{})
	require.NoError(t, err)
	require.JSONEq(t, `{"metadata":{},"involvedObject":{},"source":{},"reportingComponent":"","reportingInstance":""}`, string(b))

	b, err = json.Marshal(ContainerState{Running: &ContainerStateRunning{}})
	require.NoError(t, err)
	require.JSONEq(t, `{"running":{}}`, string(b))
}

func TestToleratesTaint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		tol  Toleration
		want bool
	}{
		{"empty key with Exists matches everything", Toleration{Operator: TolerationOpExists}, true},
		{"empty key and effect with Exists on any taint", Toleration{Operator: TolerationOpExists, Effect: TaintEffectNoExecute}, true},
		{"key Exists, any value", Toleration{Key: "dedicated", Operator: TolerationOpExists}, true},
		{"key Exists, effect matches", Toleration{Key: "dedicated", Operator: TolerationOpExists, Effect: TaintEffectNoExecute}, true},
		{"key Exists, other effect", Toleration{Key: "dedicated", Operator: TolerationOpExists, Effect: TaintEffectNoSchedule}, false},
		{"Equal, same value", Toleration{Key: "dedicated", Operator: TolerationOpEqual, Value: "gpu"}, true},
		{"empty operator means Equal", Toleration{Key: "dedicated", Value: "gpu", Effect: TaintEffectNoExecute}, true},
		{"Equal, other value", Toleration{Key: "dedicated", Operator: TolerationOpEqual, Value: "cpu"}, false},
		{"Equal, empty value against a valued taint", Toleration{Key: "dedicated", Operator: TolerationOpEqual}, false},
		{"other key", Toleration{Key: "other", Operator: TolerationOpExists}, false},
		{"unknown operator", Toleration{Key: "dedicated", Operator: "Gt", Value: "1"}, false},
	}
	taint := Taint{Key: "dedicated", Value: "gpu", Effect: TaintEffectNoExecute}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, tt.tol.ToleratesTaint(&taint))
			require.Equal(t, tt.want, TolerationsTolerateTaint([]Toleration{{Key: "nothing"}, tt.tol}, &taint))
		})
	}
}

func TestTaintHelpers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		taint Taint
		want  string
	}{
		{Taint{Key: "k", Value: "v", Effect: TaintEffectNoSchedule}, "k=v:NoSchedule"},
		{Taint{Key: "k", Effect: TaintEffectNoExecute}, "k:NoExecute"},
		{Taint{Key: "k", Value: "v"}, "k=v:"},
		{Taint{Key: "k"}, "k"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, tt.taint.ToString())
	}
	a := Taint{Key: "k", Value: "v1", Effect: TaintEffectNoSchedule}
	require.True(t, a.MatchTaint(&Taint{Key: "k", Value: "v2", Effect: TaintEffectNoSchedule}), "value does not matter")
	require.False(t, a.MatchTaint(&Taint{Key: "k", Value: "v1", Effect: TaintEffectNoExecute}))
	require.False(t, a.MatchTaint(&Taint{Key: "j", Value: "v1", Effect: TaintEffectNoSchedule}))

	tol := Toleration{Key: "k", Operator: TolerationOpEqual, Value: "v", Effect: TaintEffectNoExecute, TolerationSeconds: Int64(5)}
	require.True(t, tol.MatchToleration(&Toleration{Key: "k", Operator: TolerationOpEqual, Value: "v", Effect: TaintEffectNoExecute}))
	require.False(t, tol.MatchToleration(&Toleration{Key: "k", Operator: TolerationOpExists, Effect: TaintEffectNoExecute}))
}

func TestPodConditionHelpers(t *testing.T) {
	t.Parallel()
	status := PodStatus{Conditions: []PodCondition{
		{Type: PodScheduled, Status: ConditionTrue},
		{Type: PodReady, Status: ConditionFalse},
	}}
	i, c := GetPodCondition(&status, PodReady)
	require.Equal(t, 1, i)
	c.Status = ConditionTrue
	require.Equal(t, ConditionTrue, status.Conditions[1].Status, "the result aliases the status")
	i, c = GetPodCondition(&status, ContainersReady)
	require.Equal(t, -1, i)
	require.Nil(t, c)
	i, c = GetPodCondition(nil, PodReady)
	require.Equal(t, -1, i)
	require.Nil(t, c)

	require.True(t, IsPodReady(&Pod{Status: status}))
	require.False(t, IsPodReady(&Pod{}))
	require.False(t, IsPodReady(nil))
}

func TestResourceListAccessors(t *testing.T) {
	t.Parallel()
	rl := ResourceList{
		ResourceCPU:              resource.MustParse("1500m"),
		ResourceMemory:           resource.MustParse("2Gi"),
		ResourceStorage:          resource.MustParse("10Gi"),
		ResourceEphemeralStorage: resource.MustParse("5G"),
		ResourcePods:             resource.MustParse("110"),
	}
	require.Equal(t, int64(1500), rl.Cpu().MilliValue())
	require.Equal(t, int64(2<<30), rl.Memory().Value())
	require.Equal(t, int64(10<<30), rl.Storage().Value())
	require.Equal(t, int64(5_000_000_000), rl.StorageEphemeral().Value())
	require.Equal(t, int64(110), rl.Pods().Value())

	// A copy: changing it leaves the list alone.
	cpu := rl.Cpu()
	cpu.Add(resource.MustParse("1"))
	require.Equal(t, int64(1500), rl.Cpu().MilliValue())

	// Missing names give a zero in the default format.
	var empty ResourceList
	require.True(t, empty.Cpu().IsZero())
	require.Equal(t, resource.DecimalSI, empty.Cpu().Format)
	require.Equal(t, resource.BinarySI, empty.Memory().Format)
	require.Equal(t, resource.BinarySI, empty.Name("example.com/gpu", resource.BinarySI).Format)
}
