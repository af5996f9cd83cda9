package apiobj

import "github.com/orcaproj/orca/apiobj/resource"

// HorizontalPodAutoscaler (autoscaling/v2) scales a target's replicas to
// meet metric targets.
type HorizontalPodAutoscaler struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   HorizontalPodAutoscalerSpec   `json:"spec,omitempty"`
	Status HorizontalPodAutoscalerStatus `json:"status,omitempty"`
}

// HorizontalPodAutoscalerSpec is the desired behaviour of an autoscaler.
type HorizontalPodAutoscalerSpec struct {
	// ScaleTargetRef names an object with a scale subresource.
	ScaleTargetRef CrossVersionObjectReference `json:"scaleTargetRef"`
	// MinReplicas nil means 1.
	MinReplicas *int32 `json:"minReplicas,omitempty"`
	MaxReplicas int32  `json:"maxReplicas"`
	// Metrics empty means 80% average CPU utilization. The largest desired
	// replica count over all metrics wins.
	Metrics []MetricSpec `json:"metrics,omitempty"`
	// Behavior nil means the default scaling rules in both directions.
	Behavior *HorizontalPodAutoscalerBehavior `json:"behavior,omitempty"`
}

// CrossVersionObjectReference names an object by kind, name and apiVersion.
type CrossVersionObjectReference struct {
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	APIVersion string `json:"apiVersion,omitempty"`
}

// MetricSourceType says which member of MetricSpec or MetricStatus is set.
type MetricSourceType string

const (
	ObjectMetricSourceType            MetricSourceType = "Object"
	PodsMetricSourceType              MetricSourceType = "Pods"
	ResourceMetricSourceType          MetricSourceType = "Resource"
	ContainerResourceMetricSourceType MetricSourceType = "ContainerResource"
	ExternalMetricSourceType          MetricSourceType = "External"
)

// MetricSpec is one metric to scale on; Type names the one member that is set.
type MetricSpec struct {
	Type              MetricSourceType               `json:"type"`
	Object            *ObjectMetricSource            `json:"object,omitempty"`
	Pods              *PodsMetricSource              `json:"pods,omitempty"`
	Resource          *ResourceMetricSource          `json:"resource,omitempty"`
	ContainerResource *ContainerResourceMetricSource `json:"containerResource,omitempty"`
	External          *ExternalMetricSource          `json:"external,omitempty"`
}

// ObjectMetricSource is a metric of one object (say, an Ingress's requests per second).
type ObjectMetricSource struct {
	DescribedObject CrossVersionObjectReference `json:"describedObject"`
	Target          MetricTarget                `json:"target"`
	Metric          MetricIdentifier            `json:"metric"`
}

// PodsMetricSource is a per-pod metric averaged over the target's pods.
type PodsMetricSource struct {
	Metric MetricIdentifier `json:"metric"`
	Target MetricTarget     `json:"target"`
}

// ResourceMetricSource is a resource (cpu, memory) of the target's pods.
type ResourceMetricSource struct {
	Name   ResourceName `json:"name"`
	Target MetricTarget `json:"target"`
}

// ContainerResourceMetricSource is a resource of one container in each pod.
type ContainerResourceMetricSource struct {
	Name      ResourceName `json:"name"`
	Target    MetricTarget `json:"target"`
	Container string       `json:"container"`
}

// ExternalMetricSource is a metric not tied to any cluster object.
type ExternalMetricSource struct {
	Metric MetricIdentifier `json:"metric"`
	Target MetricTarget     `json:"target"`
}

// MetricIdentifier names a metric, optionally narrowed by a label selector.
type MetricIdentifier struct {
	Name     string         `json:"name"`
	Selector *LabelSelector `json:"selector,omitempty"`
}

// MetricTargetType is Utilization, Value or AverageValue.
type MetricTargetType string

const (
	UtilizationMetricType  MetricTargetType = "Utilization"
	ValueMetricType        MetricTargetType = "Value"
	AverageValueMetricType MetricTargetType = "AverageValue"
)

// MetricTarget is the target of a metric; the member matching Type is set.
type MetricTarget struct {
	Type         MetricTargetType   `json:"type"`
	Value        *resource.Quantity `json:"value,omitempty"`
	AverageValue *resource.Quantity `json:"averageValue,omitempty"`
	// AverageUtilization is a percentage of the pods' requests.
	AverageUtilization *int32 `json:"averageUtilization,omitempty"`
}

// HorizontalPodAutoscalerBehavior holds the scaling rules for each direction.
type HorizontalPodAutoscalerBehavior struct {
	ScaleUp   *HPAScalingRules `json:"scaleUp,omitempty"`
	ScaleDown *HPAScalingRules `json:"scaleDown,omitempty"`
}

// ScalingPolicySelect picks among the policies of one direction.
type ScalingPolicySelect string

const (
	// MaxChangePolicySelect picks the policy allowing the largest change.
	MaxChangePolicySelect ScalingPolicySelect = "Max"
	// MinChangePolicySelect picks the policy allowing the smallest change.
	MinChangePolicySelect ScalingPolicySelect = "Min"
	// DisabledPolicySelect disables scaling in this direction.
	DisabledPolicySelect ScalingPolicySelect = "Disabled"
)

// HPAScalingRules bound scaling in one direction.
type HPAScalingRules struct {
	// StabilizationWindowSeconds: recommendations from this far back are
	// considered; nil means 0 for scale-up and 300 for scale-down.
	StabilizationWindowSeconds *int32 `json:"stabilizationWindowSeconds,omitempty"`
	// SelectPolicy nil means Max.
	SelectPolicy *ScalingPolicySelect `json:"selectPolicy,omitempty"`
	Policies     []HPAScalingPolicy   `json:"policies,omitempty"`
	// Tolerance is the ratio deviation under which no scaling happens; nil
	// means the cluster default (0.1).
	Tolerance *resource.Quantity `json:"tolerance,omitempty"`
}

// HPAScalingPolicyType is Pods or Percent.
type HPAScalingPolicyType string

const (
	PodsScalingPolicy    HPAScalingPolicyType = "Pods"
	PercentScalingPolicy HPAScalingPolicyType = "Percent"
)

// HPAScalingPolicy allows a change of Value pods (or percent) per PeriodSeconds.
type HPAScalingPolicy struct {
	Type          HPAScalingPolicyType `json:"type"`
	Value         int32                `json:"value"`
	PeriodSeconds int32                `json:"periodSeconds"`
}

// HorizontalPodAutoscalerStatus is the observed state of an autoscaler.
type HorizontalPodAutoscalerStatus struct {
	ObservedGeneration *int64 `json:"observedGeneration,omitempty"`
	LastScaleTime      *Time  `json:"lastScaleTime,omitempty"`
	CurrentReplicas    int32  `json:"currentReplicas,omitempty"`
	DesiredReplicas    int32  `json:"desiredReplicas"`
	// CurrentMetrics is encoded as null when unset, as Kubernetes does.
	CurrentMetrics []MetricStatus                     `json:"currentMetrics"`
	Conditions     []HorizontalPodAutoscalerCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// HorizontalPodAutoscalerConditionType names an autoscaler condition.
type HorizontalPodAutoscalerConditionType string

const (
	// ScalingActive: the autoscaler can compute a scale (metrics are available).
	ScalingActive HorizontalPodAutoscalerConditionType = "ScalingActive"
	// AbleToScale: nothing transient prevents scaling.
	AbleToScale HorizontalPodAutoscalerConditionType = "AbleToScale"
	// ScalingLimited: the desired scale was capped by min or max replicas.
	ScalingLimited HorizontalPodAutoscalerConditionType = "ScalingLimited"
	// ScaledToZero: the autoscaler scaled the target to zero.
	ScaledToZero HorizontalPodAutoscalerConditionType = "ScaledToZero"
)

// HorizontalPodAutoscalerCondition is one observation of an autoscaler's state.
type HorizontalPodAutoscalerCondition struct {
	Type               HorizontalPodAutoscalerConditionType `json:"type"`
	Status             ConditionStatus                      `json:"status"`
	LastTransitionTime Time                                 `json:"lastTransitionTime,omitzero"`
	Reason             string                               `json:"reason,omitempty"`
	Message            string                               `json:"message,omitempty"`
	ObservedGeneration *int64                               `json:"observedGeneration,omitempty"`
}

// MetricStatus is the last read value of one metric; Type names the member set.
type MetricStatus struct {
	Type              MetricSourceType               `json:"type"`
	Object            *ObjectMetricStatus            `json:"object,omitempty"`
	Pods              *PodsMetricStatus              `json:"pods,omitempty"`
	Resource          *ResourceMetricStatus          `json:"resource,omitempty"`
	ContainerResource *ContainerResourceMetricStatus `json:"containerResource,omitempty"`
	External          *ExternalMetricStatus          `json:"external,omitempty"`
}

// ObjectMetricStatus is the current value of an object metric.
type ObjectMetricStatus struct {
	Metric          MetricIdentifier            `json:"metric"`
	Current         MetricValueStatus           `json:"current"`
	DescribedObject CrossVersionObjectReference `json:"describedObject"`
}

// PodsMetricStatus is the current value of a per-pod metric.
type PodsMetricStatus struct {
	Metric  MetricIdentifier  `json:"metric"`
	Current MetricValueStatus `json:"current"`
}

// ResourceMetricStatus is the current value of a resource metric.
type ResourceMetricStatus struct {
	Name    ResourceName      `json:"name"`
	Current MetricValueStatus `json:"current"`
}

// ContainerResourceMetricStatus is the current value of a container resource metric.
type ContainerResourceMetricStatus struct {
	Name      ResourceName      `json:"name"`
	Current   MetricValueStatus `json:"current"`
	Container string            `json:"container"`
}

// ExternalMetricStatus is the current value of an external metric.
type ExternalMetricStatus struct {
	Metric  MetricIdentifier  `json:"metric"`
	Current MetricValueStatus `json:"current"`
}

// MetricValueStatus is a metric's current value.
type MetricValueStatus struct {
	Value              *resource.Quantity `json:"value,omitempty"`
	AverageValue       *resource.Quantity `json:"averageValue,omitempty"`
	AverageUtilization *int32             `json:"averageUtilization,omitempty"`
}

// HorizontalPodAutoscalerList is a list of HorizontalPodAutoscalers.
type HorizontalPodAutoscalerList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []HorizontalPodAutoscaler `json:"items"`
}

// Scale (autoscaling/v1) is the scale subresource of a scalable kind.
type Scale struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   ScaleSpec   `json:"spec,omitempty"`
	Status ScaleStatus `json:"status,omitempty"`
}

// ScaleSpec is the desired replica count.
type ScaleSpec struct {
	Replicas int32 `json:"replicas,omitempty"`
}

// ScaleStatus is the observed replica count and pod selector.
type ScaleStatus struct {
	Replicas int32 `json:"replicas"`
	// Selector is the label selector of the pods, in string form.
	Selector string `json:"selector,omitempty"`
}
