package apiobj

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// TestGroupKindsRoundTrip decodes Kubernetes manifests of the non-core kinds
// into their typed structs, encodes them again, and checks that the JSON
// means the same: every input field survives with its value, and the only
// additions allowed are empty objects (Go structs tagged omitempty, which
// Kubernetes emits too, e.g. "status": {}).
func TestGroupKindsRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		obj  func() any
		in   string
	}{
		{"Deployment", func() any { return new(Deployment) }, deploymentJSON},
		{"DeploymentList", func() any { return new(DeploymentList) }, `{"apiVersion":"apps/v1","kind":"DeploymentList","metadata":{"resourceVersion":"42","continue":"abc"},"items":[]}`},
		{"ReplicaSet", func() any { return new(ReplicaSet) }, replicaSetJSON},
		{"DaemonSet", func() any { return new(DaemonSet) }, daemonSetJSON},
		{"StatefulSet", func() any { return new(StatefulSet) }, statefulSetJSON},
		{"ControllerRevision", func() any { return new(ControllerRevision) }, controllerRevisionJSON},
		{"Job", func() any { return new(Job) }, jobJSON},
		{"CronJob", func() any { return new(CronJob) }, cronJobJSON},
		{"HorizontalPodAutoscaler", func() any { return new(HorizontalPodAutoscaler) }, hpaJSON},
		{"Scale", func() any { return new(Scale) }, `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":5},"status":{"replicas":3,"selector":"app=web"}}`},
		{"Lease", func() any { return new(Lease) }, leaseJSON},
		{"EndpointSlice", func() any { return new(EndpointSlice) }, endpointSliceJSON},
		{"PodDisruptionBudget", func() any { return new(PodDisruptionBudget) }, pdbJSON},
		{"Eviction", func() any { return new(Eviction) }, evictionJSON},
		{"PriorityClass", func() any { return new(PriorityClass) }, `{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"high"},"value":1000000,"globalDefault":true,"description":"for important pods","preemptionPolicy":"Never"}`},
		{"ClusterRole", func() any { return new(ClusterRole) }, clusterRoleJSON},
		{"ClusterRoleBinding", func() any { return new(ClusterRoleBinding) }, clusterRoleBindingJSON},
		{"Role", func() any { return new(Role) }, `{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"pod-reader","namespace":"default"},"rules":[{"apiGroups":[""],"resources":["pods","pods/log"],"verbs":["get","list"]}]}`},
		{"StorageClass", func() any { return new(StorageClass) }, storageClassJSON},
		{"CSIDriver", func() any { return new(CSIDriver) }, csiDriverJSON},
		{"CSINode", func() any { return new(CSINode) }, csiNodeJSON},
		{"VolumeAttachment", func() any { return new(VolumeAttachment) }, volumeAttachmentJSON},
		{"CustomResourceDefinition", func() any { return new(CustomResourceDefinition) }, crdJSON},
		{"TokenReview", func() any { return new(TokenReview) }, tokenReviewJSON},
		{"SubjectAccessReview", func() any { return new(SubjectAccessReview) }, subjectAccessReviewJSON},
		{"SelfSubjectAccessReview", func() any { return new(SelfSubjectAccessReview) }, `{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},"spec":{"nonResourceAttributes":{"path":"/healthz","verb":"get"}},"status":{"allowed":false,"denied":true,"reason":"no rule"}}`},
		{"TokenRequest", func() any { return new(TokenRequest) }, `{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{"name":"default","namespace":"default"},"spec":{"audiences":["https://kubernetes.default.svc"],"expirationSeconds":3600,"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0","uid":"4c1f"}},"status":{"token":"eyJ","expirationTimestamp":"2024-05-01T11:00:00Z"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj := tt.obj()
			require.NoError(t, json.Unmarshal([]byte(tt.in), obj))
			out, err := json.Marshal(obj)
			require.NoError(t, err)
			var want, got any
			require.NoError(t, json.Unmarshal([]byte(tt.in), &want))
			require.NoError(t, json.Unmarshal(out, &got))
			if err := sameJSON("", want, got); err != nil {
				t.Fatalf("%v\ndiff (-in +out):\n%s", err, cmp.Diff(want, got))
			}
		})
	}
}

// sameJSON reports the first difference between decoded JSON values in and
// out. Keys missing from in may appear in out only as empty objects.
func sameJSON(path string, in, out any) error {
	switch in := in.(type) {
	case map[string]any:
		o, ok := out.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: got %T, want object", path, out)
		}
		keys := make([]string, 0, len(o))
		for k := range o {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if _, ok := in[k]; !ok && !isEmptyObject(o[k]) {
				return fmt.Errorf("%s.%s: unexpected field %v", path, k, o[k])
			}
		}
		for k, v := range in {
			ov, ok := o[k]
			if !ok {
				return fmt.Errorf("%s.%s: field lost", path, k)
			}
			if err := sameJSON(path+"."+k, v, ov); err != nil {
				return err
			}
		}
		return nil
	case []any:
		o, ok := out.([]any)
		if !ok || len(o) != len(in) {
			return fmt.Errorf("%s: got %v, want %v", path, out, in)
		}
		for i := range in {
			if err := sameJSON(fmt.Sprintf("%s[%d]", path, i), in[i], o[i]); err != nil {
				return err
			}
		}
		return nil
	default:
		if !reflect.DeepEqual(in, out) {
			return fmt.Errorf("%s: got %#v, want %#v", path, out, in)
		}
		return nil
	}
}

func isEmptyObject(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, e := range m {
		if !isEmptyObject(e) {
			return false
		}
	}
	return true
}

// TestZeroTimesOmitted checks that optional timestamps, which Kubernetes
// tags omitempty, are left out when zero instead of encoding as null.
func TestZeroTimesOmitted(t *testing.T) {
	t.Parallel()
	for _, v := range []any{
		DeploymentCondition{}, ReplicaSetCondition{}, DaemonSetCondition{}, StatefulSetCondition{},
		JobCondition{}, HorizontalPodAutoscalerCondition{}, CustomResourceDefinitionCondition{}, VolumeError{},
		JobStatus{}, CronJobStatus{}, LeaseSpec{}, HorizontalPodAutoscalerStatus{CurrentMetrics: []MetricStatus{}},
	} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		require.NotContains(t, string(b), "null", "%T", v)
	}
}

func TestJSONSchemaPropsUnionTypes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, p *JSONSchemaProps)
	}{
		{"additionalProperties false", `{"additionalProperties":false}`, func(t *testing.T, p *JSONSchemaProps) {
			require.Equal(t, &JSONSchemaPropsOrBool{Allows: false}, p.AdditionalProperties)
		}},
		{"additionalProperties true", `{"additionalProperties":true}`, func(t *testing.T, p *JSONSchemaProps) {
			require.Equal(t, &JSONSchemaPropsOrBool{Allows: true}, p.AdditionalProperties)
		}},
		{"additionalProperties schema", `{"additionalProperties":{"type":"string"}}`, func(t *testing.T, p *JSONSchemaProps) {
			require.True(t, p.AdditionalProperties.Allows)
			require.Equal(t, "string", p.AdditionalProperties.Schema.Type)
		}},
		{"additionalProperties empty schema", `{"additionalProperties":{}}`, func(t *testing.T, p *JSONSchemaProps) {
			require.Equal(t, &JSONSchemaPropsOrBool{Allows: true, Schema: &JSONSchemaProps{}}, p.AdditionalProperties)
		}},
		{"additionalItems false", `{"additionalItems":false}`, func(t *testing.T, p *JSONSchemaProps) {
			require.False(t, p.AdditionalItems.Allows)
		}},
		{"items schema", `{"type":"array","items":{"type":"integer"}}`, func(t *testing.T, p *JSONSchemaProps) {
			require.Equal(t, "integer", p.Items.Schema.Type)
			require.Nil(t, p.Items.JSONSchemas)
		}},
		{"items array", `{"type":"array","items":[{"type":"string"},{"type":"integer"}]}`, func(t *testing.T, p *JSONSchemaProps) {
			require.Nil(t, p.Items.Schema)
			require.Len(t, p.Items.JSONSchemas, 2)
			require.Equal(t, "integer", p.Items.JSONSchemas[1].Type)
		}},
		{"items empty array", `{"items":[]}`, func(t *testing.T, p *JSONSchemaProps) {
			require.NotNil(t, p.Items.JSONSchemas)
			require.Empty(t, p.Items.JSONSchemas)
		}},
		{"dependencies", `{"dependencies":{"a":["b","c"],"d":{"required":["e"]}}}`, func(t *testing.T, p *JSONSchemaProps) {
			require.Equal(t, []string{"b", "c"}, p.Dependencies["a"].Property)
			require.Equal(t, []string{"e"}, p.Dependencies["d"].Schema.Required)
		}},
		{"definitions and refs", `{"definitions":{"port":{"type":"integer","minimum":1,"maximum":65535}},"properties":{"p":{"$ref":"#/definitions/port"}},"$schema":"http://json-schema.org/draft-04/schema#","id":"x"}`, func(t *testing.T, p *JSONSchemaProps) {
			require.Equal(t, "#/definitions/port", *p.Properties["p"].Ref)
			require.InDelta(t, 65535, *p.Definitions["port"].Maximum, 0)
		}},
		{"values kept verbatim", `{"enum":[1,"a",null,{"k":[true]}],"default":{"a":1.50},"example":"x","not":{"type":"null"}}`, func(t *testing.T, p *JSONSchemaProps) {
			require.Equal(t, []RawJSON{RawJSON(`1`), RawJSON(`"a"`), nil, RawJSON(`{"k":[true]}`)}, p.Enum)
			require.Equal(t, `{"a":1.50}`, string(*p.Default))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var p JSONSchemaProps
			require.NoError(t, json.Unmarshal([]byte(tt.in), &p))
			tt.check(t, &p)
			out, err := json.Marshal(&p)
			require.NoError(t, err)
			require.JSONEq(t, tt.in, string(out))
		})
	}
}

func TestJSONSchemaPropsUnionTypesRejectWrongShapes(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`{"additionalProperties":"yes"}`,
		`{"additionalItems":[]}`,
		`{"items":3}`,
		`{"items":true}`,
		`{"dependencies":{"a":"b"}}`,
	} {
		var p JSONSchemaProps
		require.Error(t, json.Unmarshal([]byte(in), &p), in)
	}
}

func TestJSONSchemaPropsOrBoolZeroEncodesFalse(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(JSONSchemaProps{AdditionalProperties: &JSONSchemaPropsOrBool{}})
	require.NoError(t, err)
	require.JSONEq(t, `{"additionalProperties":false}`, string(b))
}

const deploymentJSON = `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "name": "web",
    "namespace": "default",
    "uid": "6f1e2c3a-0000-4000-8000-000000000001",
    "resourceVersion": "1234",
    "generation": 4,
    "creationTimestamp": "2024-05-01T10:00:00Z",
    "labels": {"app": "web"},
    "annotations": {"deployment.kubernetes.io/revision": "3"}
  },
  "spec": {
    "replicas": 3,
    "selector": {
      "matchLabels": {"app": "web"},
      "matchExpressions": [{"key": "tier", "operator": "In", "values": ["frontend"]}]
    },
    "template": {
      "metadata": {"labels": {"app": "web", "tier": "frontend"}},
      "spec": {
        "containers": [{
          "name": "nginx",
          "image": "nginx:1.27",
          "ports": [{"containerPort": 80, "protocol": "TCP"}],
          "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}
        }]
      }
    },
    "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}},
    "minReadySeconds": 5,
    "revisionHistoryLimit": 10,
    "paused": true,
    "progressDeadlineSeconds": 600
  },
  "status": {
    "observedGeneration": 4,
    "replicas": 3,
    "updatedReplicas": 3,
    "readyReplicas": 2,
    "availableReplicas": 2,
    "unavailableReplicas": 1,
    "terminatingReplicas": 0,
    "collisionCount": 1,
    "conditions": [{
      "type": "Available",
      "status": "True",
      "lastUpdateTime": "2024-05-01T10:01:00Z",
      "lastTransitionTime": "2024-05-01T10:01:00Z",
      "reason": "MinimumReplicasAvailable",
      "message": "Deployment has minimum availability."
    }, {
      "type": "Progressing",
      "status": "True",
      "lastUpdateTime": "2024-05-01T10:02:00Z",
      "lastTransitionTime": "2024-05-01T10:00:00Z",
      "reason": "NewReplicaSetAvailable",
      "message": "ReplicaSet \"web-5d9c\" has successfully progressed."
    }]
  }
}`

const replicaSetJSON = `{
  "apiVersion": "apps/v1",
  "kind": "ReplicaSet",
  "metadata": {
    "name": "web-5d9c",
    "namespace": "default",
    "labels": {"app": "web", "pod-template-hash": "5d9c"},
    "annotations": {"deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4"},
    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "6f1e", "controller": true, "blockOwnerDeletion": true}]
  },
  "spec": {
    "replicas": 3,
    "minReadySeconds": 5,
    "selector": {"matchLabels": {"app": "web", "pod-template-hash": "5d9c"}},
    "template": {
      "metadata": {"labels": {"app": "web", "pod-template-hash": "5d9c"}},
      "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}
    }
  },
  "status": {
    "replicas": 3,
    "fullyLabeledReplicas": 3,
    "readyReplicas": 3,
    "availableReplicas": 3,
    "observedGeneration": 1,
    "conditions": [{"type": "ReplicaFailure", "status": "False", "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "FailedCreate", "message": "quota"}]
  }
}`

const daemonSetJSON = `{
  "apiVersion": "apps/v1",
  "kind": "DaemonSet",
  "metadata": {"name": "agent", "namespace": "kube-system"},
  "spec": {
    "selector": {"matchLabels": {"app": "agent"}},
    "template": {
      "metadata": {"labels": {"app": "agent"}},
      "spec": {"containers": [{"name": "agent", "image": "agent:1"}]}
    },
    "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": "10%"}},
    "minReadySeconds": 10,
    "revisionHistoryLimit": 5
  },
  "status": {
    "currentNumberScheduled": 3,
    "numberMisscheduled": 0,
    "desiredNumberScheduled": 3,
    "numberReady": 2,
    "observedGeneration": 2,
    "updatedNumberScheduled": 3,
    "numberAvailable": 2,
    "numberUnavailable": 1,
    "collisionCount": 0,
    "conditions": [{"type": "Stalled", "status": "Unknown", "lastTransitionTime": "2024-05-01T10:00:00Z"}]
  }
}`

const statefulSetJSON = `{
  "apiVersion": "apps/v1",
  "kind": "StatefulSet",
  "metadata": {"name": "db", "namespace": "default"},
  "spec": {
    "replicas": 3,
    "selector": {"matchLabels": {"app": "db"}},
    "template": {
      "metadata": {"labels": {"app": "db"}},
      "spec": {
        "containers": [{
          "name": "postgres",
          "image": "postgres:16",
          "volumeMounts": [{"name": "data", "mountPath": "/var/lib/postgresql/data"}]
        }]
      }
    },
    "volumeClaimTemplates": [{
      "metadata": {"name": "data"},
      "spec": {
        "accessModes": ["ReadWriteOnce"],
        "storageClassName": "fast",
        "resources": {"requests": {"storage": "10Gi"}}
      }
    }],
    "serviceName": "db",
    "podManagementPolicy": "Parallel",
    "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 1, "maxUnavailable": 2}},
    "revisionHistoryLimit": 10,
    "minReadySeconds": 3,
    "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Delete", "whenScaled": "Retain"},
    "ordinals": {"start": 0}
  },
  "status": {
    "observedGeneration": 2,
    "replicas": 3,
    "readyReplicas": 3,
    "currentReplicas": 2,
    "updatedReplicas": 1,
    "currentRevision": "db-7b9f",
    "updateRevision": "db-6c4d",
    "collisionCount": 0,
    "availableReplicas": 3,
    "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "AllReady", "message": "ok"}]
  }
}`

const controllerRevisionJSON = `{
  "apiVersion": "apps/v1",
  "kind": "ControllerRevision",
  "metadata": {"name": "db-7b9f", "namespace": "default", "labels": {"controller-revision-hash": "7b9f"}},
  "data": {"spec": {"template": {"$patch": "replace", "spec": {"containers": [{"name": "postgres", "image": "postgres:16"}]}}}},
  "revision": 2
}`

const jobJSON = `{
  "apiVersion": "batch/v1",
  "kind": "Job",
  "metadata": {
    "name": "pi",
    "namespace": "default",
    "labels": {"batch.kubernetes.io/job-name": "pi", "batch.kubernetes.io/controller-uid": "8a2b"},
    "finalizers": ["batch.kubernetes.io/job-tracking"]
  },
  "spec": {
    "parallelism": 2,
    "completions": 3,
    "activeDeadlineSeconds": 600,
    "podFailurePolicy": {
      "rules": [
        {"action": "FailJob", "onExitCodes": {"containerName": "pi", "operator": "In", "values": [42]}},
        {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]},
        {"action": "FailIndex", "onExitCodes": {"operator": "NotIn", "values": [0, 1]}}
      ]
    },
    "successPolicy": {"rules": [{"succeededIndexes": "0-2", "succeededCount": 2}]},
    "backoffLimit": 6,
    "backoffLimitPerIndex": 1,
    "maxFailedIndexes": 2,
    "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "8a2b"}},
    "manualSelector": false,
    "template": {
      "metadata": {"labels": {"batch.kubernetes.io/job-name": "pi"}},
      "spec": {
        "restartPolicy": "Never",
        "containers": [{"name": "pi", "image": "perl:5.34", "command": ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]}]
      }
    },
    "ttlSecondsAfterFinished": 100,
    "completionMode": "Indexed",
    "suspend": false,
    "podReplacementPolicy": "Failed",
    "managedBy": "kubernetes.io/job-controller"
  },
  "status": {
    "conditions": [
      {"type": "SuccessCriteriaMet", "status": "True", "lastProbeTime": "2024-05-01T10:05:00Z", "lastTransitionTime": "2024-05-01T10:05:00Z", "reason": "CompletionsReached", "message": "Reached expected number of succeeded pods"},
      {"type": "Complete", "status": "True", "lastProbeTime": "2024-05-01T10:05:01Z", "lastTransitionTime": "2024-05-01T10:05:01Z"}
    ],
    "startTime": "2024-05-01T10:00:00Z",
    "completionTime": "2024-05-01T10:05:01Z",
    "active": 1,
    "succeeded": 3,
    "failed": 1,
    "terminating": 0,
    "completedIndexes": "0-2",
    "failedIndexes": "",
    "uncountedTerminatedPods": {"succeeded": ["1f0e"], "failed": ["2a3b", "3c4d"]},
    "ready": 0
  }
}`

const cronJobJSON = `{
  "apiVersion": "batch/v1",
  "kind": "CronJob",
  "metadata": {"name": "backup", "namespace": "default"},
  "spec": {
    "schedule": "*/5 * * * *",
    "timeZone": "Etc/UTC",
    "startingDeadlineSeconds": 200,
    "concurrencyPolicy": "Forbid",
    "suspend": false,
    "jobTemplate": {
      "metadata": {"labels": {"app": "backup"}},
      "spec": {
        "backoffLimit": 2,
        "template": {
          "spec": {
            "restartPolicy": "OnFailure",
            "containers": [{"name": "backup", "image": "busybox:1.36", "args": ["/bin/sh", "-c", "date"]}]
          }
        }
      }
    },
    "successfulJobsHistoryLimit": 3,
    "failedJobsHistoryLimit": 1
  },
  "status": {
    "active": [{"kind": "Job", "namespace": "default", "name": "backup-28571234", "uid": "9d8c", "apiVersion": "batch/v1", "resourceVersion": "777"}],
    "lastScheduleTime": "2024-05-01T10:05:00Z",
    "lastSuccessfulTime": "2024-05-01T10:00:30Z"
  }
}`

const hpaJSON = `{
  "apiVersion": "autoscaling/v2",
  "kind": "HorizontalPodAutoscaler",
  "metadata": {"name": "web", "namespace": "default"},
  "spec": {
    "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
    "minReplicas": 2,
    "maxReplicas": 10,
    "metrics": [
      {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}},
      {"type": "ContainerResource", "containerResource": {"name": "memory", "container": "app", "target": {"type": "AverageValue", "averageValue": "512Mi"}}},
      {"type": "Pods", "pods": {"metric": {"name": "packets-per-second"}, "target": {"type": "AverageValue", "averageValue": "1k"}}},
      {"type": "Object", "object": {
        "metric": {"name": "requests-per-second"},
        "describedObject": {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "name": "main-route"},
        "target": {"type": "Value", "value": "10k"}
      }},
      {"type": "External", "external": {
        "metric": {"name": "queue_messages_ready", "selector": {"matchLabels": {"queue": "worker_tasks"}}},
        "target": {"type": "AverageValue", "averageValue": "30"}
      }}
    ],
    "behavior": {
      "scaleDown": {
        "stabilizationWindowSeconds": 300,
        "selectPolicy": "Min",
        "policies": [{"type": "Percent", "value": 10, "periodSeconds": 60}, {"type": "Pods", "value": 2, "periodSeconds": 60}],
        "tolerance": "50m"
      },
      "scaleUp": {
        "stabilizationWindowSeconds": 0,
        "selectPolicy": "Max",
        "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15}]
      }
    }
  },
  "status": {
    "observedGeneration": 2,
    "lastScaleTime": "2024-05-01T10:00:00Z",
    "currentReplicas": 3,
    "desiredReplicas": 4,
    "currentMetrics": [
      {"type": "Resource", "resource": {"name": "cpu", "current": {"averageValue": "250m", "averageUtilization": 80}}},
      {"type": "Object", "object": {"metric": {"name": "requests-per-second"}, "describedObject": {"kind": "Ingress", "name": "main-route"}, "current": {"value": "12k"}}}
    ],
    "conditions": [
      {"type": "AbleToScale", "status": "True", "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "ReadyForNewScale", "message": "recommended size matches current size"},
      {"type": "ScalingActive", "status": "True", "lastTransitionTime": "2024-05-01T10:00:00Z", "observedGeneration": 2}
    ]
  }
}`

const leaseJSON = `{
  "apiVersion": "coordination.k8s.io/v1",
  "kind": "Lease",
  "metadata": {"name": "node-1", "namespace": "kube-node-lease"},
  "spec": {
    "holderIdentity": "node-1",
    "leaseDurationSeconds": 40,
    "acquireTime": "2024-05-01T10:00:00.000000Z",
    "renewTime": "2024-05-01T10:00:30.123456Z",
    "leaseTransitions": 2,
    "strategy": "OldestEmulationVersion",
    "preferredHolder": "node-2"
  }
}`

const endpointSliceJSON = `{
  "apiVersion": "discovery.k8s.io/v1",
  "kind": "EndpointSlice",
  "metadata": {
    "name": "web-abc12",
    "namespace": "default",
    "generateName": "web-",
    "labels": {"kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"},
    "ownerReferences": [{"apiVersion": "v1", "kind": "Service", "name": "web", "uid": "5e6f", "controller": true, "blockOwnerDeletion": true}]
  },
  "addressType": "IPv4",
  "endpoints": [{
    "addresses": ["10.1.2.3"],
    "conditions": {"ready": true, "serving": true, "terminating": false},
    "hostname": "web-0",
    "targetRef": {"kind": "Pod", "namespace": "default", "name": "web-0", "uid": "7a8b"},
    "nodeName": "node-1",
    "zone": "us-east-1a",
    "hints": {"forZones": [{"name": "us-east-1a"}], "forNodes": [{"name": "node-1"}]}
  }, {
    "addresses": ["10.1.2.4"],
    "conditions": {"ready": false}
  }],
  "ports": [{"name": "http", "protocol": "TCP", "port": 8080, "appProtocol": "http"}, {"name": "", "port": 9090}]
}`

const pdbJSON = `{
  "apiVersion": "policy/v1",
  "kind": "PodDisruptionBudget",
  "metadata": {"name": "web", "namespace": "default", "generation": 1},
  "spec": {
    "minAvailable": "50%",
    "selector": {"matchLabels": {"app": "web"}},
    "unhealthyPodEvictionPolicy": "AlwaysAllow"
  },
  "status": {
    "observedGeneration": 1,
    "disruptedPods": {"web-1": "2024-05-01T10:00:00Z"},
    "disruptionsAllowed": 1,
    "currentHealthy": 3,
    "desiredHealthy": 2,
    "expectedPods": 3,
    "conditions": [{"type": "DisruptionAllowed", "status": "True", "observedGeneration": 1, "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "SufficientPods", "message": ""}]
  }
}`

const evictionJSON = `{
  "apiVersion": "policy/v1",
  "kind": "Eviction",
  "metadata": {"name": "web-1", "namespace": "default"},
  "deleteOptions": {
    "gracePeriodSeconds": 30,
    "preconditions": {"uid": "7a8b", "resourceVersion": "99"},
    "propagationPolicy": "Foreground",
    "dryRun": ["All"]
  }
}`

const clusterRoleJSON = `{
  "apiVersion": "rbac.authorization.k8s.io/v1",
  "kind": "ClusterRole",
  "metadata": {"name": "monitoring", "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"}},
  "aggregationRule": {
    "clusterRoleSelectors": [
      {"matchLabels": {"rbac.example.com/aggregate-to-monitoring": "true"}},
      {"matchExpressions": [{"key": "team", "operator": "Exists"}]}
    ]
  },
  "rules": [
    {"apiGroups": [""], "resources": ["pods", "services", "endpoints"], "verbs": ["get", "list", "watch"]},
    {"apiGroups": ["apps"], "resources": ["deployments"], "resourceNames": ["web"], "verbs": ["get"]},
    {"nonResourceURLs": ["/metrics", "/healthz/*"], "verbs": ["get"]}
  ]
}`

const clusterRoleBindingJSON = `{
  "apiVersion": "rbac.authorization.k8s.io/v1",
  "kind": "ClusterRoleBinding",
  "metadata": {"name": "monitoring"},
  "subjects": [
    {"kind": "ServiceAccount", "name": "prometheus", "namespace": "monitoring"},
    {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"},
    {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "ops"}
  ],
  "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "monitoring"}
}`

const storageClassJSON = `{
  "apiVersion": "storage.k8s.io/v1",
  "kind": "StorageClass",
  "metadata": {"name": "fast", "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
  "provisioner": "csi.example.com",
  "parameters": {"type": "ssd"},
  "reclaimPolicy": "Retain",
  "mountOptions": ["noatime"],
  "allowVolumeExpansion": true,
  "volumeBindingMode": "WaitForFirstConsumer",
  "allowedTopologies": [{"matchLabelExpressions": [{"key": "topology.kubernetes.io/zone", "values": ["us-east-1a", "us-east-1b"]}]}]
}`

const csiDriverJSON = `{
  "apiVersion": "storage.k8s.io/v1",
  "kind": "CSIDriver",
  "metadata": {"name": "csi.example.com"},
  "spec": {
    "attachRequired": false,
    "podInfoOnMount": true,
    "volumeLifecycleModes": ["Persistent", "Ephemeral"],
    "storageCapacity": true,
    "fsGroupPolicy": "File",
    "tokenRequests": [{"audience": "vault", "expirationSeconds": 600}, {"audience": ""}],
    "requiresRepublish": true,
    "seLinuxMount": false,
    "nodeAllocatableUpdatePeriodSeconds": 60
  }
}`

const csiNodeJSON = `{
  "apiVersion": "storage.k8s.io/v1",
  "kind": "CSINode",
  "metadata": {"name": "node-1"},
  "spec": {
    "drivers": [
      {"name": "csi.example.com", "nodeID": "i-0abc", "topologyKeys": ["topology.kubernetes.io/zone"], "allocatable": {"count": 25}},
      {"name": "other.example.com", "nodeID": "node-1", "topologyKeys": null}
    ]
  }
}`

const volumeAttachmentJSON = `{
  "apiVersion": "storage.k8s.io/v1",
  "kind": "VolumeAttachment",
  "metadata": {"name": "csi-0123"},
  "spec": {"attacher": "csi.example.com", "source": {"persistentVolumeName": "pv-1"}, "nodeName": "node-1"},
  "status": {
    "attached": true,
    "attachmentMetadata": {"devicePath": "/dev/xvdb"},
    "detachError": {"time": "2024-05-01T10:00:00Z", "message": "busy", "errorCode": 9}
  }
}`

const crdJSON = `{
  "apiVersion": "apiextensions.k8s.io/v1",
  "kind": "CustomResourceDefinition",
  "metadata": {"name": "widgets.example.com", "finalizers": ["customresourcecleanup.apiextensions.k8s.io"]},
  "spec": {
    "group": "example.com",
    "names": {"plural": "widgets", "singular": "widget", "shortNames": ["wd"], "kind": "Widget", "listKind": "WidgetList", "categories": ["all"]},
    "scope": "Namespaced",
    "versions": [{
      "name": "v1",
      "served": true,
      "storage": true,
      "schema": {
        "openAPIV3Schema": {
          "type": "object",
          "description": "A Widget.",
          "required": ["spec"],
          "properties": {
            "apiVersion": {"type": "string"},
            "kind": {"type": "string"},
            "metadata": {"type": "object"},
            "spec": {
              "type": "object",
              "required": ["image"],
              "x-kubernetes-validations": [
                {"rule": "self.replicas <= 10 || self.mode == 'slow'", "message": "too many replicas for fast mode", "reason": "FieldValueInvalid", "fieldPath": ".replicas"},
                {"rule": "oldSelf.image == self.image", "messageExpression": "'image is immutable'", "optionalOldSelf": true}
              ],
              "properties": {
                "image": {"type": "string", "minLength": 1, "maxLength": 253, "pattern": "^[a-z0-9./:-]+$", "example": "nginx:1.27"},
                "replicas": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 100, "exclusiveMaximum": true, "multipleOf": 1, "default": 1},
                "mode": {"type": "string", "enum": ["fast", "slow", null], "nullable": true, "default": "fast"},
                "ports": {
                  "type": "array",
                  "minItems": 1,
                  "maxItems": 16,
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["name"],
                  "items": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                      "name": {"type": "string"},
                      "port": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]}
                    }
                  }
                },
                "tags": {"type": "array", "uniqueItems": true, "x-kubernetes-list-type": "set", "items": {"type": "string", "enum": ["a", "b"]}},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}, "maxProperties": 64, "x-kubernetes-map-type": "granular"},
                "settings": {"type": "object", "additionalProperties": true},
                "limits": {"type": "object", "default": {"cpu": "1"}, "additionalProperties": {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": true}},
                "template": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true},
                "choice": {"type": "object", "oneOf": [{"required": ["a"]}, {"required": ["b"]}], "not": {"required": ["c"]}, "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}}}
              }
            },
            "status": {
              "type": "object",
              "properties": {
                "ready": {"type": "boolean"},
                "observedGeneration": {"type": "integer", "format": "int64"},
                "conditions": {"type": "array", "items": {"type": "object", "x-kubernetes-map-type": "atomic", "x-kubernetes-preserve-unknown-fields": true}}
              }
            }
          }
        }
      },
      "subresources": {
        "status": {},
        "scale": {"specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas", "labelSelectorPath": ".status.selector"}
      },
      "additionalPrinterColumns": [
        {"name": "Image", "type": "string", "jsonPath": ".spec.image"},
        {"name": "Ready", "type": "boolean", "description": "is it ready", "priority": 1, "jsonPath": ".status.ready"},
        {"name": "Age", "type": "date", "format": "date-time", "jsonPath": ".metadata.creationTimestamp"}
      ],
      "selectableFields": [{"jsonPath": ".spec.mode"}]
    }, {
      "name": "v1beta1",
      "served": true,
      "storage": false,
      "deprecated": true,
      "deprecationWarning": "example.com/v1beta1 Widget is deprecated; use example.com/v1",
      "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}
    }],
    "conversion": {
      "strategy": "Webhook",
      "webhook": {
        "clientConfig": {"service": {"namespace": "widgets", "name": "converter", "path": "/convert", "port": 8443}, "caBundle": "LS0tLS1CRUdJTg=="},
        "conversionReviewVersions": ["v1"]
      }
    }
  },
  "status": {
    "conditions": [
      {"type": "NamesAccepted", "status": "True", "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "NoConflicts", "message": "no conflicts found"},
      {"type": "Established", "status": "True", "lastTransitionTime": "2024-05-01T10:00:01Z", "reason": "InitialNamesAccepted", "message": "the initial names have been accepted", "observedGeneration": 1}
    ],
    "acceptedNames": {"plural": "widgets", "singular": "widget", "shortNames": ["wd"], "kind": "Widget", "listKind": "WidgetList", "categories": ["all"]},
    "storedVersions": ["v1"],
    "observedGeneration": 1
  }
}`

const tokenReviewJSON = `{
  "apiVersion": "authentication.k8s.io/v1",
  "kind": "TokenReview",
  "metadata": {"creationTimestamp": "2024-05-01T10:00:00Z"},
  "spec": {"token": "eyJhbGciOi", "audiences": ["https://kubernetes.default.svc"]},
  "status": {
    "authenticated": true,
    "user": {
      "username": "system:serviceaccount:default:web",
      "uid": "0a1b",
      "groups": ["system:serviceaccounts", "system:authenticated"],
      "extra": {"authentication.kubernetes.io/pod-name": ["web-0"]}
    },
    "audiences": ["https://kubernetes.default.svc"]
  }
}`

const subjectAccessReviewJSON = `{
  "apiVersion": "authorization.k8s.io/v1",
  "kind": "SubjectAccessReview",
  "metadata": {},
  "spec": {
    "resourceAttributes": {
      "namespace": "default",
      "verb": "list",
      "group": "apps",
      "version": "v1",
      "resource": "deployments",
      "subresource": "scale",
      "name": "web",
      "fieldSelector": {"requirements": [{"key": "metadata.name", "operator": "In", "values": ["web"]}]},
      "labelSelector": {"rawSelector": "app=web", "requirements": [{"key": "app", "operator": "In", "values": ["web"]}]}
    },
    "user": "alice",
    "groups": ["ops"],
    "extra": {"scopes": ["read"]},
    "uid": "u-1"
  },
  "status": {"allowed": true, "reason": "RBAC: allowed by ClusterRoleBinding \"ops\"", "evaluationError": "partial"}
}`
