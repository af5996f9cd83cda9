package apiobj

import (
	"strings"
	"testing"
	_ "time/tzdata" // time zones for CronJob tests on hosts without zoneinfo
)

// podTemplate returns a valid pod template labelled app=web.
func podTemplate() PodTemplateSpec {
	p := validPod()
	return PodTemplateSpec{ObjectMeta: ObjectMeta{Labels: map[string]string{"app": "web"}}, Spec: p.Spec}
}

func webSelector() *LabelSelector {
	return &LabelSelector{MatchLabels: map[string]string{"app": "web"}}
}

// ---- apps/v1 ----

func validDeployment() *Deployment {
	return &Deployment{ObjectMeta: meta("web"), Spec: DeploymentSpec{
		Replicas: Int32(3),
		Selector: webSelector(),
		Template: podTemplate(),
		Strategy: DeploymentStrategy{Type: RollingUpdateDeploymentStrategyType, RollingUpdate: &RollingUpdateDeployment{
			MaxUnavailable: Ptr(FromString("25%")), MaxSurge: Ptr(FromInt32(1))}},
		RevisionHistoryLimit:    Int32(10),
		ProgressDeadlineSeconds: Int32(600),
	}}
}

func TestValidateDeployment(t *testing.T) {
	t.Parallel()
	runCases(t, validDeployment, ValidateDeployment, []vcase[Deployment]{
		{name: "valid"},
		{name: "undefaulted strategy", mutate: func(d *Deployment) { d.Spec.Strategy = DeploymentStrategy{} }},
		{name: "selector required", mutate: func(d *Deployment) { d.Spec.Selector = nil }, want: []vErr{req("spec.selector")}},
		{name: "empty selector", mutate: func(d *Deployment) { d.Spec.Selector = &LabelSelector{} }, want: []vErr{inv("spec.selector")}},
		{name: "selector must match labels", mutate: func(d *Deployment) { d.Spec.Selector.MatchLabels["app"] = "db" },
			want: []vErr{inv("spec.template.metadata.labels")}},
		{name: "selector expressions", mutate: func(d *Deployment) {
			d.Spec.Selector.MatchExpressions = []LabelSelectorRequirement{{Key: "tier", Operator: LabelSelectorOpNotIn, Values: []string{"db"}}}
		}},
		{name: "bad selector operator", mutate: func(d *Deployment) {
			d.Spec.Selector.MatchExpressions = []LabelSelectorRequirement{{Key: "tier", Operator: "Like"}}
		}, want: []vErr{inv("spec.selector.matchExpressions[0].operator")}},
		{name: "replicas", mutate: func(d *Deployment) { d.Spec.Replicas = Int32(-1) }, want: []vErr{inv("spec.replicas")}},
		{name: "template restartPolicy", mutate: func(d *Deployment) { d.Spec.Template.Spec.RestartPolicy = RestartPolicyNever },
			want: []vErr{nsup("spec.template.spec.restartPolicy")}},
		{name: "template activeDeadlineSeconds", mutate: func(d *Deployment) { d.Spec.Template.Spec.ActiveDeadlineSeconds = Int64(5) },
			want: []vErr{inv("spec.template.spec.activeDeadlineSeconds")}},
		{name: "template image", mutate: func(d *Deployment) { d.Spec.Template.Spec.Containers[0].Image = "" },
			want: []vErr{req("spec.template.spec.containers[0].image")}},
		{name: "template labels", mutate: func(d *Deployment) { d.Spec.Template.Labels["bad key"] = "x" },
			want: []vErr{inv("spec.template.labels")}},
		{name: "strategy type", mutate: func(d *Deployment) { d.Spec.Strategy.Type = "BlueGreen" }, want: []vErr{nsup("spec.strategy")}},
		{name: "Recreate with rollingUpdate", mutate: func(d *Deployment) { d.Spec.Strategy.Type = RecreateDeploymentStrategyType },
			want: []vErr{forb("spec.strategy.rollingUpdate")}},
		{name: "maxSurge and maxUnavailable zero", mutate: func(d *Deployment) {
			d.Spec.Strategy.RollingUpdate = &RollingUpdateDeployment{MaxUnavailable: Ptr(FromString("0%")), MaxSurge: Ptr(FromInt32(0))}
		}, want: []vErr{inv("spec.strategy.rollingUpdate.maxUnavailable")}},
		{name: "percent format", mutate: func(d *Deployment) { d.Spec.Strategy.RollingUpdate.MaxSurge = Ptr(FromString("ten")) },
			want: []vErr{inv("spec.strategy.rollingUpdate.maxSurge")}},
		{name: "maxUnavailable above 100%", mutate: func(d *Deployment) { d.Spec.Strategy.RollingUpdate.MaxUnavailable = Ptr(FromString("150%")) },
			want: []vErr{inv("spec.strategy.rollingUpdate.maxUnavailable")}},
		{name: "negative maxSurge", mutate: func(d *Deployment) { d.Spec.Strategy.RollingUpdate.MaxSurge = Ptr(FromInt32(-1)) },
			want: []vErr{inv("spec.strategy.rollingUpdate.maxSurge")}},
		{name: "revisionHistoryLimit", mutate: func(d *Deployment) { d.Spec.RevisionHistoryLimit = Int32(-1) }, want: []vErr{inv("spec.revisionHistoryLimit")}},
		{name: "progress deadline after minReady", mutate: func(d *Deployment) { d.Spec.MinReadySeconds = 600 },
			want: []vErr{inv("spec.progressDeadlineSeconds")}},
		{name: "namespace required", mutate: func(d *Deployment) { d.Namespace = "" }, want: []vErr{req("metadata.namespace")}},
	})
}

func TestValidateDeploymentMessage(t *testing.T) {
	t.Parallel()
	d := validDeployment()
	d.Spec.Selector.MatchLabels["app"] = "db"
	got := ValidateDeployment(d).ToAggregate().Error()
	want := `spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: ` + "`selector` does not match template `labels`"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestValidateDeploymentUpdate(t *testing.T) {
	t.Parallel()
	runUpdateCases(t, validDeployment, ValidateDeploymentUpdate, []ucase[Deployment]{
		{name: "replicas and template may change", change: func(cur, _ *Deployment) {
			cur.Spec.Replicas = Int32(5)
			cur.Spec.Template.Spec.Containers[0].Image = "nginx:1.28"
			cur.Spec.Paused = true
		}},
		{name: "selector is immutable", change: func(cur, _ *Deployment) {
			cur.Spec.Selector.MatchLabels["tier"] = "front"
			cur.Spec.Template.Labels["tier"] = "front"
		}, want: []vErr{inv("spec.selector")}},
	})
}

func validReplicaSet() *ReplicaSet {
	return &ReplicaSet{ObjectMeta: meta("web-1"), Spec: ReplicaSetSpec{Replicas: Int32(2), Selector: webSelector(), Template: podTemplate()}}
}

func TestValidateReplicaSet(t *testing.T) {
	t.Parallel()
	runCases(t, validReplicaSet, ValidateReplicaSet, []vcase[ReplicaSet]{
		{name: "valid"},
		{name: "selector required", mutate: func(rs *ReplicaSet) { rs.Spec.Selector = nil }, want: []vErr{req("spec.selector")}},
		{name: "selector mismatch", mutate: func(rs *ReplicaSet) { rs.Spec.Template.Labels = map[string]string{"app": "other"} },
			want: []vErr{inv("spec.template.metadata.labels")}},
		{name: "replicas", mutate: func(rs *ReplicaSet) { rs.Spec.Replicas = Int32(-2) }, want: []vErr{inv("spec.replicas")}},
		{name: "restartPolicy", mutate: func(rs *ReplicaSet) { rs.Spec.Template.Spec.RestartPolicy = RestartPolicyOnFailure },
			want: []vErr{nsup("spec.template.spec.restartPolicy")}},
	})
	runUpdateCases(t, validReplicaSet, ValidateReplicaSetUpdate, []ucase[ReplicaSet]{
		{name: "replicas", change: func(cur, _ *ReplicaSet) { cur.Spec.Replicas = Int32(0) }},
		{name: "selector immutable", change: func(cur, _ *ReplicaSet) { cur.Spec.Selector.MatchLabels = map[string]string{"app": "web", "x": "y"} },
			want: []vErr{inv("spec.selector"), inv("spec.template.metadata.labels")}},
	})
}

func validDaemonSet() *DaemonSet {
	return &DaemonSet{ObjectMeta: meta("agent"), Spec: DaemonSetSpec{
		Selector: webSelector(), Template: podTemplate(),
		UpdateStrategy: DaemonSetUpdateStrategy{Type: RollingUpdateDaemonSetStrategyType,
			RollingUpdate: &RollingUpdateDaemonSet{MaxUnavailable: Ptr(FromInt32(1)), MaxSurge: Ptr(FromInt32(0))}},
	}}
}

func TestValidateDaemonSet(t *testing.T) {
	t.Parallel()
	runCases(t, validDaemonSet, ValidateDaemonSet, []vcase[DaemonSet]{
		{name: "valid"},
		{name: "surge instead", mutate: func(ds *DaemonSet) {
			ds.Spec.UpdateStrategy.RollingUpdate = &RollingUpdateDaemonSet{MaxUnavailable: Ptr(FromInt32(0)), MaxSurge: Ptr(FromString("10%"))}
		}},
		{name: "OnDelete", mutate: func(ds *DaemonSet) {
			ds.Spec.UpdateStrategy = DaemonSetUpdateStrategy{Type: OnDeleteDaemonSetStrategyType}
		}},
		{name: "selector required", mutate: func(ds *DaemonSet) { ds.Spec.Selector = nil }, want: []vErr{req("spec.selector")}},
		{name: "empty selector", mutate: func(ds *DaemonSet) { ds.Spec.Selector = &LabelSelector{} }, want: []vErr{inv("spec.selector")}},
		{name: "strategy type", mutate: func(ds *DaemonSet) { ds.Spec.UpdateStrategy.Type = "Never" }, want: []vErr{nsup("spec.updateStrategy")}},
		{name: "surge and unavailable", mutate: func(ds *DaemonSet) { ds.Spec.UpdateStrategy.RollingUpdate.MaxSurge = Ptr(FromInt32(1)) },
			want: []vErr{inv("spec.updateStrategy.rollingUpdate.maxSurge")}},
		{name: "neither surge nor unavailable", mutate: func(ds *DaemonSet) { ds.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable = Ptr(FromInt32(0)) },
			want: []vErr{req("spec.updateStrategy.rollingUpdate.maxUnavailable")}},
		{name: "restartPolicy", mutate: func(ds *DaemonSet) { ds.Spec.Template.Spec.RestartPolicy = RestartPolicyNever },
			want: []vErr{nsup("spec.template.spec.restartPolicy")}},
	})
	runUpdateCases(t, validDaemonSet, ValidateDaemonSetUpdate, []ucase[DaemonSet]{
		{name: "template", change: func(cur, _ *DaemonSet) { cur.Spec.Template.Spec.Containers[0].Image = "agent:2" }},
		{name: "selector immutable", change: func(cur, _ *DaemonSet) {
			cur.Spec.Selector = &LabelSelector{MatchExpressions: []LabelSelectorRequirement{{Key: "app", Operator: LabelSelectorOpExists}}}
		}, want: []vErr{inv("spec.selector")}},
	})
}

func validStatefulSet() *StatefulSet {
	t := podTemplate()
	t.Spec.Containers[0].VolumeMounts = []VolumeMount{{Name: "data", MountPath: "/data"}}
	return &StatefulSet{ObjectMeta: meta("db"), Spec: StatefulSetSpec{
		Replicas: Int32(3), Selector: webSelector(), Template: t, ServiceName: "db",
		PodManagementPolicy: OrderedReadyPodManagement,
		UpdateStrategy:      StatefulSetUpdateStrategy{Type: RollingUpdateStatefulSetStrategyType, RollingUpdate: &RollingUpdateStatefulSetStrategy{Partition: Int32(0)}},
		VolumeClaimTemplates: []PersistentVolumeClaim{{ObjectMeta: ObjectMeta{Name: "data"}, Spec: PersistentVolumeClaimSpec{
			AccessModes: []PersistentVolumeAccessMode{ReadWriteOnce},
			Resources:   VolumeResourceRequirements{Requests: ResourceList{ResourceStorage: q("1Gi")}},
		}}},
	}}
}

func TestValidateStatefulSet(t *testing.T) {
	t.Parallel()
	runCases(t, validStatefulSet, ValidateStatefulSet, []vcase[StatefulSet]{
		{name: "valid"},
		{name: "name must be a label", mutate: func(ss *StatefulSet) { ss.Name = "db.v1" }, want: []vErr{inv("metadata.name")}},
		{name: "mount of unknown volume", mutate: func(ss *StatefulSet) { ss.Spec.Template.Spec.Containers[0].VolumeMounts[0].Name = "logs" },
			want: []vErr{notFound("spec.template.spec.containers[0].volumeMounts[0].name")}},
		{name: "podManagementPolicy", mutate: func(ss *StatefulSet) { ss.Spec.PodManagementPolicy = "Random" }, want: []vErr{inv("spec.podManagementPolicy")}},
		{name: "updateStrategy", mutate: func(ss *StatefulSet) { ss.Spec.UpdateStrategy.Type = "Canary" }, want: []vErr{inv("spec.updateStrategy")}},
		{name: "OnDelete with rollingUpdate", mutate: func(ss *StatefulSet) { ss.Spec.UpdateStrategy.Type = OnDeleteStatefulSetStrategyType },
			want: []vErr{inv("spec.updateStrategy.rollingUpdate")}},
		{name: "partition", mutate: func(ss *StatefulSet) { ss.Spec.UpdateStrategy.RollingUpdate.Partition = Int32(-1) },
			want: []vErr{inv("spec.updateStrategy.rollingUpdate.partition")}},
		{name: "maxUnavailable zero", mutate: func(ss *StatefulSet) { ss.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable = Ptr(FromInt32(0)) },
			want: []vErr{inv("spec.updateStrategy.rollingUpdate.maxUnavailable")}},
		{name: "retention policy", mutate: func(ss *StatefulSet) {
			ss.Spec.PersistentVolumeClaimRetentionPolicy = &StatefulSetPersistentVolumeClaimRetentionPolicy{WhenDeleted: "Archive"}
		}, want: []vErr{nsup("spec.persistentVolumeClaimRetentionPolicy.whenDeleted")}},
		{name: "ordinals", mutate: func(ss *StatefulSet) { ss.Spec.Ordinals = &StatefulSetOrdinals{Start: -1} }, want: []vErr{inv("spec.ordinals.start")}},
		{name: "selector required", mutate: func(ss *StatefulSet) { ss.Spec.Selector = nil }, want: []vErr{req("spec.selector")}},
		{name: "claim template needs storage", mutate: func(ss *StatefulSet) { ss.Spec.VolumeClaimTemplates[0].Spec.Resources.Requests = nil },
			want: []vErr{req("spec.volumeClaimTemplates[0].spec.resources[storage]")}},
		{name: "activeDeadlineSeconds", mutate: func(ss *StatefulSet) { ss.Spec.Template.Spec.ActiveDeadlineSeconds = Int64(10) },
			want: []vErr{forb("spec.template.spec.activeDeadlineSeconds")}},
	})
	runUpdateCases(t, validStatefulSet, ValidateStatefulSetUpdate, []ucase[StatefulSet]{
		{name: "allowed changes", change: func(cur, _ *StatefulSet) {
			cur.Spec.Replicas = Int32(5)
			cur.Spec.Template.Spec.Containers[0].Image = "db:2"
			cur.Spec.UpdateStrategy = StatefulSetUpdateStrategy{Type: OnDeleteStatefulSetStrategyType}
			cur.Spec.MinReadySeconds = 5
			cur.Spec.Ordinals = &StatefulSetOrdinals{Start: 1}
			cur.Spec.RevisionHistoryLimit = Int32(3)
			cur.Spec.PersistentVolumeClaimRetentionPolicy = &StatefulSetPersistentVolumeClaimRetentionPolicy{WhenDeleted: DeletePersistentVolumeClaimRetentionPolicyType}
		}},
		{name: "serviceName immutable", change: func(cur, _ *StatefulSet) { cur.Spec.ServiceName = "other" }, want: []vErr{forb("spec")}},
		{name: "selector immutable", change: func(cur, _ *StatefulSet) {
			cur.Spec.Selector.MatchLabels["x"] = "y"
			cur.Spec.Template.Labels["x"] = "y"
		}, want: []vErr{forb("spec")}},
		{name: "claim templates immutable", change: func(cur, _ *StatefulSet) {
			cur.Spec.VolumeClaimTemplates[0].Spec.Resources.Requests[ResourceStorage] = q("2Gi")
		}, want: []vErr{forb("spec")}},
	})
}

func TestValidateStatefulSetUpdateMessage(t *testing.T) {
	t.Parallel()
	cur, old := validStatefulSet(), validStatefulSet()
	cur.Spec.ServiceName = "other"
	got := ValidateStatefulSetUpdate(cur, old).ToAggregate().Error()
	want := "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestValidateControllerRevision(t *testing.T) {
	t.Parallel()
	valid := func() *ControllerRevision {
		return &ControllerRevision{ObjectMeta: meta("web-abc"), Data: RawJSON(`{"spec":{}}`), Revision: 2}
	}
	runCases(t, valid, ValidateControllerRevision, []vcase[ControllerRevision]{
		{name: "valid"},
		{name: "data required", mutate: func(r *ControllerRevision) { r.Data = nil }, want: []vErr{req("data")}},
		{name: "revision", mutate: func(r *ControllerRevision) { r.Revision = -1 }, want: []vErr{inv("revision")}},
	})
	runUpdateCases(t, valid, ValidateControllerRevisionUpdate, []ucase[ControllerRevision]{
		{name: "labels", change: func(cur, _ *ControllerRevision) { cur.Labels = map[string]string{"a": "b"} }},
		{name: "data immutable", change: func(cur, _ *ControllerRevision) { cur.Data = RawJSON(`{}`) }, want: []vErr{inv("data")}},
	})
}

// ---- batch/v1 ----

func validJob() *Job {
	t := podTemplate()
	t.Spec.RestartPolicy = RestartPolicyNever
	return &Job{ObjectMeta: meta("pi"), Spec: JobSpec{
		Parallelism: Int32(2), Completions: Int32(4), BackoffLimit: Int32(6),
		Template: t,
	}}
}

func TestValidateJob(t *testing.T) {
	t.Parallel()
	rule := func(a PodFailurePolicyAction, op PodFailurePolicyOnExitCodesOperator, values ...int32) PodFailurePolicyRule {
		return PodFailurePolicyRule{Action: a, OnExitCodes: &PodFailurePolicyOnExitCodesRequirement{Operator: op, Values: values}}
	}
	rulesPath := "spec.podFailurePolicy.rules"
	runCases(t, validJob, ValidateJob, []vcase[Job]{
		{name: "valid"},
		{name: "generated selector", mutate: func(j *Job) {
			j.Spec.Selector = &LabelSelector{MatchLabels: map[string]string{ControllerUIDLabel: "u1"}}
			j.Spec.Template.Labels[ControllerUIDLabel] = "u1"
		}},
		{name: "selector mismatch", mutate: func(j *Job) { j.Spec.Selector = &LabelSelector{MatchLabels: map[string]string{"app": "db"}} },
			want: []vErr{inv("spec.template.metadata.labels")}},
		{name: "negative counts", mutate: func(j *Job) {
			j.Spec.Parallelism, j.Spec.Completions, j.Spec.BackoffLimit = Int32(-1), Int32(-1), Int32(-1)
		}, want: []vErr{inv("spec.parallelism"), inv("spec.completions"), inv("spec.backoffLimit")}},
		{name: "activeDeadlineSeconds", mutate: func(j *Job) { j.Spec.ActiveDeadlineSeconds = Int64(0) }, want: []vErr{inv("spec.activeDeadlineSeconds")}},
		{name: "restartPolicy Always", mutate: func(j *Job) { j.Spec.Template.Spec.RestartPolicy = RestartPolicyAlways },
			want: []vErr{nsup("spec.template.spec.restartPolicy")}},
		{name: "restartPolicy defaults to Always", mutate: func(j *Job) { j.Spec.Template.Spec.RestartPolicy = "" },
			want: []vErr{nsup("spec.template.spec.restartPolicy")}},
		{name: "OnFailure", mutate: func(j *Job) { j.Spec.Template.Spec.RestartPolicy = RestartPolicyOnFailure }},
		{name: "completionMode", mutate: func(j *Job) { j.Spec.CompletionMode = Ptr(CompletionMode("Ordered")) }, want: []vErr{nsup("spec.completionMode")}},
		{name: "Indexed needs completions", mutate: func(j *Job) {
			j.Spec.CompletionMode, j.Spec.Completions = Ptr(IndexedCompletion), nil
		}, want: []vErr{req("spec.completions")}},
		{name: "backoffLimitPerIndex needs Indexed", mutate: func(j *Job) { j.Spec.BackoffLimitPerIndex = Int32(1) },
			want: []vErr{inv("spec.backoffLimitPerIndex")}},
		{name: "pod failure policy", mutate: func(j *Job) {
			j.Spec.PodFailurePolicy = &PodFailurePolicy{Rules: []PodFailurePolicyRule{
				rule(PodFailurePolicyActionFailJob, PodFailurePolicyOnExitCodesOpIn, 1, 42),
				{Action: PodFailurePolicyActionIgnore, OnPodConditions: []PodFailurePolicyOnPodConditionsPattern{{Type: DisruptionTarget, Status: ConditionTrue}}},
			}}
		}},
		{name: "pod failure policy needs Never", mutate: func(j *Job) {
			j.Spec.Template.Spec.RestartPolicy = RestartPolicyOnFailure
			j.Spec.PodFailurePolicy = &PodFailurePolicy{Rules: []PodFailurePolicyRule{rule(PodFailurePolicyActionFailJob, PodFailurePolicyOnExitCodesOpIn, 1)}}
		}, want: []vErr{inv("spec.template.spec.restartPolicy")}},
		{name: "pod failure policy rules", mutate: func(j *Job) {
			both := rule(PodFailurePolicyActionCount, PodFailurePolicyOnExitCodesOpNotIn, 1)
			both.OnPodConditions = []PodFailurePolicyOnPodConditionsPattern{{Type: DisruptionTarget}}
			j.Spec.PodFailurePolicy = &PodFailurePolicy{Rules: []PodFailurePolicyRule{
				both,
				{Action: PodFailurePolicyActionFailJob},
				rule("Explode", PodFailurePolicyOnExitCodesOpIn, 0, 5, 3, 3),
				rule(PodFailurePolicyActionFailIndex, PodFailurePolicyOnExitCodesOpIn, 1),
			}}
		}, want: []vErr{
			inv(rulesPath + "[0]"), inv(rulesPath + "[1]"),
			nsup(rulesPath + "[2].action"), inv(rulesPath + "[2].onExitCodes.values[0]"), inv(rulesPath + "[2].onExitCodes.values[2]"),
			dup(rulesPath + "[2].onExitCodes.values[3]"), inv(rulesPath + "[3].action"),
		}},
		{name: "unknown container in rule", mutate: func(j *Job) {
			r := rule(PodFailurePolicyActionFailJob, PodFailurePolicyOnExitCodesOpIn, 1)
			r.OnExitCodes.ContainerName = Ptr("nope")
			j.Spec.PodFailurePolicy = &PodFailurePolicy{Rules: []PodFailurePolicyRule{r}}
		}, want: []vErr{inv(rulesPath + "[0].onExitCodes.containerName")}},
		{name: "template spec", mutate: func(j *Job) { j.Spec.Template.Spec.Containers = nil }, want: []vErr{req("spec.template.spec.containers")}},
	})
}

func TestValidateJobUpdate(t *testing.T) {
	t.Parallel()
	suspended := func(cur, old *Job) {
		cur.Spec.Suspend, old.Spec.Suspend = Bool(true), Bool(true)
	}
	runUpdateCases(t, validJob, ValidateJobUpdate, []ucase[Job]{
		{name: "parallelism may change", change: func(cur, _ *Job) { cur.Spec.Parallelism = Int32(5) }},
		{name: "suspend may change", change: func(cur, _ *Job) { cur.Spec.Suspend = Bool(true) }},
		{name: "template immutable", change: func(cur, _ *Job) { cur.Spec.Template.Spec.Containers[0].Image = "pi:2" },
			want: []vErr{inv("spec.template")}},
		{name: "template labels immutable when running", change: func(cur, _ *Job) { cur.Spec.Template.Labels["x"] = "y" },
			want: []vErr{inv("spec.template")}},
		{name: "scheduling directives mutable while suspended", change: func(cur, old *Job) {
			suspended(cur, old)
			cur.Spec.Template.Labels["x"] = "y"
			cur.Spec.Template.Spec.NodeSelector = map[string]string{"zone": "a"}
			cur.Spec.Template.Spec.Tolerations = []Toleration{{Operator: TolerationOpExists}}
			cur.Spec.Template.Spec.Affinity = &Affinity{NodeAffinity: &NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &NodeSelector{
				NodeSelectorTerms: []NodeSelectorTerm{{MatchExpressions: []NodeSelectorRequirement{{Key: "zone", Operator: NodeSelectorOpExists}}}}}}}
		}},
		{name: "image immutable while suspended", change: func(cur, old *Job) {
			suspended(cur, old)
			cur.Spec.Template.Spec.Containers[0].Image = "pi:2"
		}, want: []vErr{inv("spec.template")}},
		{name: "suspended job that started", change: func(cur, old *Job) {
			suspended(cur, old)
			now := Now()
			old.Status.StartTime = &now
			cur.Spec.Template.Spec.NodeSelector = map[string]string{"zone": "a"}
		}, want: []vErr{inv("spec.template")}},
		{name: "selector immutable", change: func(cur, old *Job) {
			old.Spec.Selector = webSelector()
			cur.Spec.Selector = &LabelSelector{MatchLabels: map[string]string{}, MatchExpressions: []LabelSelectorRequirement{{Key: "app", Operator: LabelSelectorOpExists}}}
		}, want: []vErr{inv("spec.selector")}},
		{name: "completions immutable", change: func(cur, _ *Job) { cur.Spec.Completions = Int32(10) }, want: []vErr{inv("spec.completions")}},
		{name: "indexed completions with parallelism", change: func(cur, old *Job) {
			cur.Spec.CompletionMode, old.Spec.CompletionMode = Ptr(IndexedCompletion), Ptr(IndexedCompletion)
			cur.Spec.Completions, cur.Spec.Parallelism = Int32(8), Int32(8)
		}},
		{name: "indexed completions alone", change: func(cur, old *Job) {
			cur.Spec.CompletionMode, old.Spec.CompletionMode = Ptr(IndexedCompletion), Ptr(IndexedCompletion)
			cur.Spec.Completions = Int32(8)
		}, want: []vErr{inv("spec.completions")}},
		{name: "completionMode immutable", change: func(cur, _ *Job) { cur.Spec.CompletionMode = Ptr(NonIndexedCompletion) },
			want: []vErr{inv("spec.completionMode")}},
	})
}

func validCronJob() *CronJob {
	j := validJob()
	return &CronJob{ObjectMeta: meta("nightly"), Spec: CronJobSpec{
		Schedule: "0 3 * * *", TimeZone: Ptr("Europe/Paris"), ConcurrencyPolicy: ForbidConcurrent,
		JobTemplate: JobTemplateSpec{Spec: j.Spec},
	}}
}

func TestValidateCronJob(t *testing.T) {
	t.Parallel()
	runCases(t, validCronJob, ValidateCronJob, []vcase[CronJob]{
		{name: "valid"},
		{name: "macro", mutate: func(cj *CronJob) { cj.Spec.Schedule = "@daily" }},
		{name: "schedule required", mutate: func(cj *CronJob) { cj.Spec.Schedule = "" }, want: []vErr{req("spec.schedule")}},
		{name: "schedule invalid", mutate: func(cj *CronJob) { cj.Spec.Schedule = "0 25 * * *" }, want: []vErr{inv("spec.schedule")}},
		{name: "TZ in schedule", mutate: func(cj *CronJob) { cj.Spec.Schedule, cj.Spec.TimeZone = "TZ=UTC 0 3 * * *", nil },
			want: []vErr{inv("spec.schedule")}},
		{name: "unknown time zone", mutate: func(cj *CronJob) { cj.Spec.TimeZone = Ptr("Mars/Olympus") }, want: []vErr{inv("spec.timeZone")}},
		{name: "Local time zone", mutate: func(cj *CronJob) { cj.Spec.TimeZone = Ptr("Local") }, want: []vErr{inv("spec.timeZone")}},
		{name: "empty time zone", mutate: func(cj *CronJob) { cj.Spec.TimeZone = Ptr("") }, want: []vErr{inv("spec.timeZone")}},
		{name: "concurrencyPolicy", mutate: func(cj *CronJob) { cj.Spec.ConcurrencyPolicy = "Queue" }, want: []vErr{nsup("spec.concurrencyPolicy")}},
		{name: "name at most 52", mutate: func(cj *CronJob) { cj.Name = strings.Repeat("a", 53) }, want: []vErr{inv("metadata.name")}},
		{name: "selector is generated", mutate: func(cj *CronJob) { cj.Spec.JobTemplate.Spec.Selector = webSelector() },
			want: []vErr{inv("spec.jobTemplate.spec.selector")}},
		{name: "job template restartPolicy", mutate: func(cj *CronJob) { cj.Spec.JobTemplate.Spec.Template.Spec.RestartPolicy = "" },
			want: []vErr{nsup("spec.jobTemplate.spec.template.spec.restartPolicy")}},
		{name: "history limits", mutate: func(cj *CronJob) { cj.Spec.SuccessfulJobsHistoryLimit = Int32(-1) },
			want: []vErr{inv("spec.successfulJobsHistoryLimit")}},
	})
	runUpdateCases(t, validCronJob, ValidateCronJobUpdate, []ucase[CronJob]{
		{name: "schedule may change", change: func(cur, _ *CronJob) { cur.Spec.Schedule = "*/5 * * * *" }},
		{name: "long names survive updates", change: func(cur, old *CronJob) {
			cur.Name, old.Name = strings.Repeat("a", 60), strings.Repeat("a", 60)
		}},
		{name: "TZ kept from an old schedule", change: func(cur, old *CronJob) {
			old.Spec.Schedule, old.Spec.TimeZone = "TZ=UTC 0 3 * * *", nil
			cur.Spec.Schedule, cur.Spec.TimeZone = "TZ=UTC 0 4 * * *", nil
		}},
	})
}

func TestParseCronSchedule(t *testing.T) {
	t.Parallel()
	tests := []struct {
		spec string
		ok   bool
	}{
		{"*/5 * * * *", true},
		{"0 0 1 1 *", true},
		{"0 9-17 * * MON-FRI", true},
		{"0 0 * jan,Jul sun", true},
		{"5/15 * * * ?", true},
		{"0 0 1-31/2 * *", true},
		{"@hourly", true},
		{"@yearly", true},
		{"@annually", true},
		{"@midnight", true},
		{"@every 1h30m", true},
		{"TZ=UTC 0 3 * * *", true},
		{"", false},
		{"* * * *", false},
		{"* * * * * *", false},
		{"60 * * * *", false},
		{"* 24 * * *", false},
		{"* * 0 * *", false},
		{"* * * 13 *", false},
		{"* * * * 7", false},
		{"*/0 * * * *", false},
		{"1-2-3 * * * *", false},
		{"1/2/3 * * * *", false},
		{"5-1 * * * *", false},
		{"a * * * *", false},
		{"* * * foo *", false},
		{"@fortnightly", false},
		{"@every x", false},
		{"TZ=Nowhere/Land 0 3 * * *", false},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			t.Parallel()
			if err := ParseCronSchedule(tt.spec); (err == nil) != tt.ok {
				t.Errorf("ParseCronSchedule(%q) = %v, want ok=%v", tt.spec, err, tt.ok)
			}
		})
	}
}

func FuzzParseCronSchedule(f *testing.F) {
	for _, s := range []string{"*/5 * * * *", "0 9-17 * * MON-FRI", "@every 5m", "TZ=UTC * * * * *", "1-2/3,4 * ? * sun"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		_ = ParseCronSchedule(spec) // must not panic
	})
}

// ---- autoscaling ----

func validHPA() *HorizontalPodAutoscaler {
	return &HorizontalPodAutoscaler{ObjectMeta: meta("web"), Spec: HorizontalPodAutoscalerSpec{
		ScaleTargetRef: CrossVersionObjectReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "web"},
		MinReplicas:    Int32(2), MaxReplicas: 10,
		Metrics: []MetricSpec{
			{Type: ResourceMetricSourceType, Resource: &ResourceMetricSource{Name: ResourceCPU,
				Target: MetricTarget{Type: UtilizationMetricType, AverageUtilization: Int32(80)}}},
			{Type: PodsMetricSourceType, Pods: &PodsMetricSource{Metric: MetricIdentifier{Name: "rps"},
				Target: MetricTarget{Type: AverageValueMetricType, AverageValue: Ptr(q("100"))}}},
		},
		Behavior: &HorizontalPodAutoscalerBehavior{ScaleDown: &HPAScalingRules{StabilizationWindowSeconds: Int32(300),
			Policies: []HPAScalingPolicy{{Type: PercentScalingPolicy, Value: 10, PeriodSeconds: 60}}}},
	}}
}

func TestValidateHorizontalPodAutoscaler(t *testing.T) {
	t.Parallel()
	runCases(t, validHPA, ValidateHorizontalPodAutoscaler, []vcase[HorizontalPodAutoscaler]{
		{name: "valid"},
		{name: "minReplicas", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.MinReplicas = Int32(0) }, want: []vErr{inv("spec.minReplicas")}},
		{name: "maxReplicas below min", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.MaxReplicas = 1 }, want: []vErr{inv("spec.maxReplicas")}},
		{name: "maxReplicas zero", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.MaxReplicas, h.Spec.MinReplicas = 0, nil },
			want: []vErr{inv("spec.maxReplicas")}},
		{name: "scale target", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.ScaleTargetRef = CrossVersionObjectReference{} },
			want: []vErr{req("spec.scaleTargetRef.kind"), req("spec.scaleTargetRef.name")}},
		{name: "metric source missing", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.Metrics[0].Resource = nil },
			want: []vErr{req("spec.metrics[0].resource")}},
		{name: "metric source mismatch", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.Metrics[1].Type = ResourceMetricSourceType },
			want: []vErr{req("spec.metrics[1].resource"), forb("spec.metrics[1].pods")}},
		{name: "metric type", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.Metrics[0].Type = "Magic" },
			want: []vErr{nsup("spec.metrics[0].type")}},
		{name: "resource target missing", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.Metrics[0].Resource.Target.AverageUtilization = nil },
			want: []vErr{req("spec.metrics[0].resource.target.averageUtilization")}},
		{name: "utilization positive", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.Metrics[0].Resource.Target.AverageUtilization = Int32(0) },
			want: []vErr{inv("spec.metrics[0].resource.target.averageUtilization")}},
		{name: "target type", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.Metrics[1].Pods.Target.Type = "Max" },
			want: []vErr{inv("spec.metrics[1].pods.target.type")}},
		{name: "pods target value", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.Metrics[1].Pods.Target.AverageValue = Ptr(q("0")) },
			want: []vErr{inv("spec.metrics[1].pods.target.averageValue")}},
		{name: "scaling policy", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.Behavior.ScaleDown.Policies[0].PeriodSeconds = 3600 },
			want: []vErr{inv("spec.behavior.scaleDown.policies[0].periodSeconds")}},
		{name: "stabilization window", mutate: func(h *HorizontalPodAutoscaler) { h.Spec.Behavior.ScaleDown.StabilizationWindowSeconds = Int32(4000) },
			want: []vErr{inv("spec.behavior.scaleDown.stabilizationWindowSeconds")}},
	})
	runUpdateCases(t, validHPA, ValidateHorizontalPodAutoscalerUpdate, []ucase[HorizontalPodAutoscaler]{
		{name: "maxReplicas", change: func(cur, _ *HorizontalPodAutoscaler) { cur.Spec.MaxReplicas = 20 }},
	})
}

func TestValidateScale(t *testing.T) {
	t.Parallel()
	valid := func() *Scale { return &Scale{ObjectMeta: meta("web"), Spec: ScaleSpec{Replicas: 3}} }
	runCases(t, valid, ValidateScale, []vcase[Scale]{
		{name: "valid"},
		{name: "zero", mutate: func(s *Scale) { s.Spec.Replicas = 0 }},
		{name: "negative", mutate: func(s *Scale) { s.Spec.Replicas = -1 }, want: []vErr{inv("spec.replicas")}},
	})
}

// ---- coordination, discovery, policy, scheduling ----

func TestValidateLease(t *testing.T) {
	t.Parallel()
	valid := func() *Lease {
		return &Lease{ObjectMeta: meta("node-1"), Spec: LeaseSpec{HolderIdentity: Ptr("node-1"), LeaseDurationSeconds: Int32(40)}}
	}
	runCases(t, valid, ValidateLease, []vcase[Lease]{
		{name: "valid"},
		{name: "duration", mutate: func(l *Lease) { l.Spec.LeaseDurationSeconds = Int32(0) }, want: []vErr{inv("spec.leaseDurationSeconds")}},
		{name: "transitions", mutate: func(l *Lease) { l.Spec.LeaseTransitions = Int32(-1) }, want: []vErr{inv("spec.leaseTransitions")}},
		{name: "strategy", mutate: func(l *Lease) { l.Spec.Strategy = Ptr(CoordinatedLeaseStrategy("Youngest")) }, want: []vErr{nsup("spec.strategy")}},
		{name: "preferred holder needs strategy", mutate: func(l *Lease) { l.Spec.PreferredHolder = Ptr("b") }, want: []vErr{forb("spec.preferredHolder")}},
	})
	runUpdateCases(t, valid, ValidateLeaseUpdate, []ucase[Lease]{
		{name: "renew", change: func(cur, _ *Lease) { now := NowMicro(); cur.Spec.RenewTime = &now }},
	})
}

func validEndpointSlice() *EndpointSlice {
	return &EndpointSlice{ObjectMeta: meta("web-abc"), AddressType: AddressTypeIPv4,
		Endpoints: []Endpoint{{Addresses: []string{"10.244.1.5"}, NodeName: Ptr("node-1"), Hostname: Ptr("web-0"),
			Conditions: EndpointConditions{Ready: Bool(true)}}},
		Ports: []EndpointSlicePort{{Name: Ptr("http"), Port: Int32(8080), Protocol: Ptr(ProtocolTCP)}, {Name: Ptr("https"), Port: Int32(8443)}},
	}
}

func TestValidateEndpointSlice(t *testing.T) {
	t.Parallel()
	runCases(t, validEndpointSlice, ValidateEndpointSlice, []vcase[EndpointSlice]{
		{name: "valid"},
		{name: "FQDN", mutate: func(s *EndpointSlice) {
			s.AddressType, s.Endpoints[0].Addresses = AddressTypeFQDN, []string{"db.example.com"}
		}},
		{name: "addressType required", mutate: func(s *EndpointSlice) { s.AddressType = "" }, want: []vErr{req("addressType")}},
		{name: "addressType", mutate: func(s *EndpointSlice) { s.AddressType = "MAC" }, want: []vErr{nsup("addressType")}},
		{name: "address family", mutate: func(s *EndpointSlice) { s.Endpoints[0].Addresses[0] = "fd00::5" }, want: []vErr{inv("endpoints[0].addresses[0]")}},
		{name: "address required", mutate: func(s *EndpointSlice) { s.Endpoints[0].Addresses = nil }, want: []vErr{req("endpoints[0].addresses")}},
		{name: "too many endpoints", mutate: func(s *EndpointSlice) {
			s.Endpoints = make([]Endpoint, 1001)
			for i := range s.Endpoints {
				s.Endpoints[i].Addresses = []string{"10.0.0.1"}
			}
		}, want: []vErr{tooMany("endpoints")}},
		{name: "hostname", mutate: func(s *EndpointSlice) { s.Endpoints[0].Hostname = Ptr("Web_0") }, want: []vErr{inv("endpoints[0].hostname")}},
		{name: "port names unique", mutate: func(s *EndpointSlice) { s.Ports[1].Name = Ptr("http") }, want: []vErr{dup("ports[1].name")}},
		{name: "port protocol", mutate: func(s *EndpointSlice) { s.Ports[0].Protocol = Ptr(Protocol("QUIC")) }, want: []vErr{nsup("ports[0].protocol")}},
	})
	runUpdateCases(t, validEndpointSlice, ValidateEndpointSliceUpdate, []ucase[EndpointSlice]{
		{name: "endpoints may change", change: func(cur, _ *EndpointSlice) { cur.Endpoints = nil }},
		{name: "addressType immutable", change: func(cur, _ *EndpointSlice) {
			cur.AddressType = AddressTypeIPv6
			cur.Endpoints[0].Addresses = []string{"fd00::5"}
		}, want: []vErr{inv("addressType")}},
	})
}

func TestValidatePodDisruptionBudget(t *testing.T) {
	t.Parallel()
	valid := func() *PodDisruptionBudget {
		return &PodDisruptionBudget{ObjectMeta: meta("web"), Spec: PodDisruptionBudgetSpec{MinAvailable: Ptr(FromString("50%")), Selector: webSelector()}}
	}
	runCases(t, valid, ValidatePodDisruptionBudget, []vcase[PodDisruptionBudget]{
		{name: "valid"},
		{name: "maxUnavailable count", mutate: func(b *PodDisruptionBudget) { b.Spec.MinAvailable, b.Spec.MaxUnavailable = nil, Ptr(FromInt32(1)) }},
		{name: "both set", mutate: func(b *PodDisruptionBudget) { b.Spec.MaxUnavailable = Ptr(FromInt32(1)) }, want: []vErr{inv("spec")}},
		{name: "above 100%", mutate: func(b *PodDisruptionBudget) { b.Spec.MinAvailable = Ptr(FromString("150%")) }, want: []vErr{inv("spec.minAvailable")}},
		{name: "negative", mutate: func(b *PodDisruptionBudget) { b.Spec.MinAvailable = Ptr(FromInt32(-1)) }, want: []vErr{inv("spec.minAvailable")}},
		{name: "not a percent", mutate: func(b *PodDisruptionBudget) { b.Spec.MinAvailable = Ptr(FromString("half")) }, want: []vErr{inv("spec.minAvailable")}},
		{name: "eviction policy", mutate: func(b *PodDisruptionBudget) {
			b.Spec.UnhealthyPodEvictionPolicy = Ptr(UnhealthyPodEvictionPolicyType("Never"))
		},
			want: []vErr{nsup("spec.unhealthyPodEvictionPolicy")}},
	})
	runUpdateCases(t, valid, ValidatePodDisruptionBudgetUpdate, []ucase[PodDisruptionBudget]{
		{name: "spec may change", change: func(cur, _ *PodDisruptionBudget) { cur.Spec.MinAvailable = Ptr(FromInt32(2)) }},
	})
}

func TestValidatePriorityClass(t *testing.T) {
	t.Parallel()
	valid := func() *PriorityClass { return &PriorityClass{ObjectMeta: clusterMeta("high"), Value: 1000} }
	runCases(t, valid, ValidatePriorityClass, []vcase[PriorityClass]{
		{name: "valid"},
		{name: "system class", mutate: func(pc *PriorityClass) { pc.Name, pc.Value = SystemClusterCritical, SystemCriticalPriority }},
		{name: "value too large", mutate: func(pc *PriorityClass) { pc.Value = HighestUserDefinablePriority + 1 }, want: []vErr{forb("value")}},
		{name: "reserved prefix", mutate: func(pc *PriorityClass) { pc.Name = "system-custom" }, want: []vErr{forb("metadata.name")}},
		{name: "system class value", mutate: func(pc *PriorityClass) { pc.Name = SystemNodeCritical }, want: []vErr{forb("metadata.name")}},
		{name: "preemption policy", mutate: func(pc *PriorityClass) { pc.PreemptionPolicy = Ptr(PreemptionPolicy("Always")) }, want: []vErr{nsup("preemptionPolicy")}},
		{name: "namespace forbidden", mutate: func(pc *PriorityClass) { pc.Namespace = "default" }, want: []vErr{forb("metadata.namespace")}},
	})
	runUpdateCases(t, valid, ValidatePriorityClassUpdate, []ucase[PriorityClass]{
		{name: "description", change: func(cur, _ *PriorityClass) { cur.Description = "important" }},
		{name: "value immutable", change: func(cur, _ *PriorityClass) { cur.Value = 5 }, want: []vErr{forb("value")}},
	})
}

// ---- RBAC ----

func TestValidateRBAC(t *testing.T) {
	t.Parallel()
	rule := PolicyRule{Verbs: []string{"get", "list"}, APIGroups: []string{""}, Resources: []string{"pods"}}
	validRole := func() *Role { return &Role{ObjectMeta: meta("reader"), Rules: []PolicyRule{rule}} }
	runCases(t, validRole, ValidateRole, []vcase[Role]{
		{name: "valid"},
		{name: "colon names", mutate: func(r *Role) { r.Name = "system:reader" }},
		{name: "name path segment", mutate: func(r *Role) { r.Name = "a/b" }, want: []vErr{inv("metadata.name")}},
		{name: "verbs required", mutate: func(r *Role) { r.Rules[0].Verbs = nil }, want: []vErr{req("rules[0].verbs")}},
		{name: "groups and resources required", mutate: func(r *Role) { r.Rules[0].APIGroups, r.Rules[0].Resources = nil, nil },
			want: []vErr{req("rules[0].apiGroups"), req("rules[0].resources")}},
		{name: "no non-resource URLs in roles", mutate: func(r *Role) { r.Rules = []PolicyRule{{Verbs: []string{"get"}, NonResourceURLs: []string{"/healthz"}}} },
			want: []vErr{inv("rules[0].nonResourceURLs")}},
	})
	runUpdateCases(t, validRole, ValidateRoleUpdate, []ucase[Role]{
		{name: "rules may change", change: func(cur, _ *Role) { cur.Rules[0].Verbs = []string{"*"} }},
	})

	validClusterRole := func() *ClusterRole {
		return &ClusterRole{ObjectMeta: clusterMeta("admin"), Rules: []PolicyRule{rule, {Verbs: []string{"get"}, NonResourceURLs: []string{"/healthz"}}}}
	}
	runCases(t, validClusterRole, ValidateClusterRole, []vcase[ClusterRole]{
		{name: "valid"},
		{name: "mixed rule", mutate: func(r *ClusterRole) { r.Rules[1].Resources = []string{"pods"} }, want: []vErr{inv("rules[1].nonResourceURLs")}},
		{name: "aggregation needs selectors", mutate: func(r *ClusterRole) { r.AggregationRule = &AggregationRule{} },
			want: []vErr{req("aggregationRule.clusterRoleSelectors")}},
	})

	validBinding := func() *RoleBinding {
		return &RoleBinding{ObjectMeta: meta("read-pods"),
			RoleRef:  RoleRef{APIGroup: rbacGroup, Kind: "Role", Name: "reader"},
			Subjects: []Subject{{Kind: SubjectKindUser, APIGroup: rbacGroup, Name: "jane"}, {Kind: SubjectKindServiceAccount, Name: "web", Namespace: "default"}}}
	}
	runCases(t, validBinding, ValidateRoleBinding, []vcase[RoleBinding]{
		{name: "valid"},
		{name: "role ref kind", mutate: func(b *RoleBinding) { b.RoleRef.Kind = "Group" }, want: []vErr{nsup("roleRef.kind")}},
		{name: "role ref group", mutate: func(b *RoleBinding) { b.RoleRef.APIGroup = "" }, want: []vErr{nsup("roleRef.apiGroup")}},
		{name: "role ref name", mutate: func(b *RoleBinding) { b.RoleRef.Name = "" }, want: []vErr{req("roleRef.name")}},
		{name: "subject kind", mutate: func(b *RoleBinding) { b.Subjects[0].Kind = "Robot" }, want: []vErr{nsup("subjects[0].kind")}},
		{name: "subject name", mutate: func(b *RoleBinding) { b.Subjects[0].Name = "" }, want: []vErr{req("subjects[0].name")}},
		{name: "service account group", mutate: func(b *RoleBinding) { b.Subjects[1].APIGroup = rbacGroup }, want: []vErr{nsup("subjects[1].apiGroup")}},
	})
	runUpdateCases(t, validBinding, ValidateRoleBindingUpdate, []ucase[RoleBinding]{
		{name: "subjects may change", change: func(cur, _ *RoleBinding) { cur.Subjects = cur.Subjects[:1] }},
		{name: "roleRef immutable", change: func(cur, _ *RoleBinding) { cur.RoleRef.Name = "writer" }, want: []vErr{inv("roleRef")}},
	})

	validCRB := func() *ClusterRoleBinding {
		return &ClusterRoleBinding{ObjectMeta: clusterMeta("admins"),
			RoleRef:  RoleRef{APIGroup: rbacGroup, Kind: "ClusterRole", Name: "admin"},
			Subjects: []Subject{{Kind: SubjectKindGroup, APIGroup: rbacGroup, Name: "ops"}, {Kind: SubjectKindServiceAccount, Name: "ci", Namespace: "tools"}}}
	}
	runCases(t, validCRB, ValidateClusterRoleBinding, []vcase[ClusterRoleBinding]{
		{name: "valid"},
		{name: "only ClusterRole", mutate: func(b *ClusterRoleBinding) { b.RoleRef.Kind = "Role" }, want: []vErr{nsup("roleRef.kind")}},
		{name: "service account namespace", mutate: func(b *ClusterRoleBinding) { b.Subjects[1].Namespace = "" }, want: []vErr{req("subjects[1].namespace")}},
	})
	runUpdateCases(t, validCRB, ValidateClusterRoleBindingUpdate, []ucase[ClusterRoleBinding]{
		{name: "roleRef immutable", change: func(cur, _ *ClusterRoleBinding) { cur.RoleRef.Name = "view" }, want: []vErr{inv("roleRef")}},
	})
}

// ---- storage ----

func TestValidateStorageClass(t *testing.T) {
	t.Parallel()
	valid := func() *StorageClass {
		return &StorageClass{ObjectMeta: clusterMeta("fast"), Provisioner: "ebs.csi.aws.com", Parameters: map[string]string{"type": "gp3"},
			ReclaimPolicy: Ptr(PersistentVolumeReclaimDelete), VolumeBindingMode: Ptr(VolumeBindingWaitForFirstConsumer)}
	}
	runCases(t, valid, ValidateStorageClass, []vcase[StorageClass]{
		{name: "valid"},
		{name: "provisioner required", mutate: func(sc *StorageClass) { sc.Provisioner = "" }, want: []vErr{req("provisioner")}},
		{name: "provisioner format", mutate: func(sc *StorageClass) { sc.Provisioner = "a/b/c" }, want: []vErr{inv("provisioner")}},
		{name: "reclaim policy", mutate: func(sc *StorageClass) { sc.ReclaimPolicy = Ptr(PersistentVolumeReclaimRecycle) }, want: []vErr{nsup("reclaimPolicy")}},
		{name: "binding mode", mutate: func(sc *StorageClass) { sc.VolumeBindingMode = Ptr(VolumeBindingMode("Lazy")) }, want: []vErr{nsup("volumeBindingMode")}},
		{name: "empty parameter key", mutate: func(sc *StorageClass) { sc.Parameters[""] = "x" }, want: []vErr{inv("parameters")}},
	})
	runUpdateCases(t, valid, ValidateStorageClassUpdate, []ucase[StorageClass]{
		{name: "labels", change: func(cur, _ *StorageClass) { cur.Labels = map[string]string{"default": "true"} }},
		{name: "provisioner immutable", change: func(cur, _ *StorageClass) { cur.Provisioner = "example.com/nfs" }, want: []vErr{forb("provisioner")}},
		{name: "parameters immutable", change: func(cur, _ *StorageClass) { cur.Parameters["type"] = "io2" }, want: []vErr{forb("parameters")}},
	})
}

func TestValidateCSIKinds(t *testing.T) {
	t.Parallel()
	validDriver := func() *CSIDriver {
		return &CSIDriver{ObjectMeta: clusterMeta("ebs.csi.aws.com"), Spec: CSIDriverSpec{AttachRequired: Bool(true),
			VolumeLifecycleModes: []VolumeLifecycleMode{VolumeLifecyclePersistent},
			TokenRequests:        []CSIDriverTokenRequest{{Audience: "aws"}}}}
	}
	runCases(t, validDriver, ValidateCSIDriver, []vcase[CSIDriver]{
		{name: "valid"},
		{name: "name", mutate: func(d *CSIDriver) { d.Name = strings.Repeat("a", 64) }, want: []vErr{inv("metadata.name")}},
		{name: "lifecycle mode", mutate: func(d *CSIDriver) { d.Spec.VolumeLifecycleModes = []VolumeLifecycleMode{"Forever"} },
			want: []vErr{nsup("spec.volumeLifecycleModes[0]")}},
		{name: "audiences unique", mutate: func(d *CSIDriver) {
			d.Spec.TokenRequests = append(d.Spec.TokenRequests, CSIDriverTokenRequest{Audience: "aws"})
		},
			want: []vErr{dup("spec.tokenRequests[1].audience")}},
		{name: "token expiration", mutate: func(d *CSIDriver) { d.Spec.TokenRequests[0].ExpirationSeconds = Int64(60) },
			want: []vErr{inv("spec.tokenRequests[0].expirationSeconds")}},
	})
	runUpdateCases(t, validDriver, ValidateCSIDriverUpdate, []ucase[CSIDriver]{
		{name: "podInfoOnMount", change: func(cur, _ *CSIDriver) { cur.Spec.PodInfoOnMount = Bool(true) }},
		{name: "attachRequired immutable", change: func(cur, _ *CSIDriver) { cur.Spec.AttachRequired = Bool(false) }, want: []vErr{inv("spec.attachRequired")}},
	})

	validNode := func() *CSINode {
		return &CSINode{ObjectMeta: clusterMeta("node-1"), Spec: CSINodeSpec{Drivers: []CSINodeDriver{{
			Name: "ebs.csi.aws.com", NodeID: "i-123", TopologyKeys: []string{LabelTopologyZone}}}}}
	}
	runCases(t, validNode, ValidateCSINode, []vcase[CSINode]{
		{name: "valid"},
		{name: "drivers unique", mutate: func(n *CSINode) { n.Spec.Drivers = append(n.Spec.Drivers, n.Spec.Drivers[0]) }, want: []vErr{dup("spec.drivers[1].name")}},
		{name: "nodeID required", mutate: func(n *CSINode) { n.Spec.Drivers[0].NodeID = "" }, want: []vErr{req("spec.drivers[0].nodeID")}},
		{name: "topology key", mutate: func(n *CSINode) { n.Spec.Drivers[0].TopologyKeys = []string{"bad key"} }, want: []vErr{inv("spec.drivers[0].topologyKeys[0]")}},
	})
	runUpdateCases(t, validNode, ValidateCSINodeUpdate, []ucase[CSINode]{
		{name: "driver may be added", change: func(cur, _ *CSINode) {
			cur.Spec.Drivers = append(cur.Spec.Drivers, CSINodeDriver{Name: "nfs.csi.k8s.io", NodeID: "node-1"})
		}},
		{name: "nodeID immutable", change: func(cur, _ *CSINode) { cur.Spec.Drivers[0].NodeID = "i-456" }, want: []vErr{inv("spec.drivers[0].nodeID")}},
	})

	validVA := func() *VolumeAttachment {
		return &VolumeAttachment{ObjectMeta: clusterMeta("csi-abc"), Spec: VolumeAttachmentSpec{
			Attacher: "ebs.csi.aws.com", NodeName: "node-1", Source: VolumeAttachmentSource{PersistentVolumeName: Ptr("pv-1")}}}
	}
	runCases(t, validVA, ValidateVolumeAttachment, []vcase[VolumeAttachment]{
		{name: "valid"},
		{name: "no source", mutate: func(va *VolumeAttachment) { va.Spec.Source = VolumeAttachmentSource{} }, want: []vErr{req("spec.source")}},
		{name: "two sources", mutate: func(va *VolumeAttachment) { va.Spec.Source.InlineVolumeSpec = &validPV().Spec }, want: []vErr{forb("spec.source")}},
		{name: "node name", mutate: func(va *VolumeAttachment) { va.Spec.NodeName = "" }, want: []vErr{req("spec.nodeName")}},
		{name: "attacher", mutate: func(va *VolumeAttachment) { va.Spec.Attacher = "" }, want: []vErr{req("spec.attacher")}},
	})
	runUpdateCases(t, validVA, ValidateVolumeAttachmentUpdate, []ucase[VolumeAttachment]{
		{name: "status", change: func(cur, _ *VolumeAttachment) { cur.Status.Attached = true }},
		{name: "spec immutable", change: func(cur, _ *VolumeAttachment) { cur.Spec.NodeName = "node-2" }, want: []vErr{inv("spec")}},
	})

	validCap := func() *CSIStorageCapacity {
		return &CSIStorageCapacity{ObjectMeta: meta("cap-1"), StorageClassName: "fast", Capacity: Ptr(q("100Gi"))}
	}
	runCases(t, validCap, ValidateCSIStorageCapacity, []vcase[CSIStorageCapacity]{
		{name: "valid"},
		{name: "class required", mutate: func(c *CSIStorageCapacity) { c.StorageClassName = "" }, want: []vErr{req("storageClassName")}},
		{name: "negative capacity", mutate: func(c *CSIStorageCapacity) { c.Capacity = Ptr(q("-1")) }, want: []vErr{inv("capacity")}},
	})

	validVAC := func() *VolumeAttributesClass {
		return &VolumeAttributesClass{ObjectMeta: clusterMeta("gold"), DriverName: "ebs.csi.aws.com", Parameters: map[string]string{"iops": "3000"}}
	}
	runCases(t, validVAC, ValidateVolumeAttributesClass, []vcase[VolumeAttributesClass]{
		{name: "valid"},
		{name: "driver required", mutate: func(c *VolumeAttributesClass) { c.DriverName = "" }, want: []vErr{req("driverName")}},
	})
	runUpdateCases(t, validVAC, ValidateVolumeAttributesClassUpdate, []ucase[VolumeAttributesClass]{
		{name: "parameters immutable", change: func(cur, _ *VolumeAttributesClass) { cur.Parameters["iops"] = "6000" }, want: []vErr{inv("parameters")}},
	})
}

// ---- apiextensions ----

func validCRD() *CustomResourceDefinition {
	schema := &JSONSchemaProps{Type: "object", Properties: map[string]JSONSchemaProps{
		"spec": {Type: "object", Properties: map[string]JSONSchemaProps{
			"cronSpec": {Type: "string"},
			"replicas": {Type: "integer"},
			"ports":    {Type: "array", Items: &JSONSchemaPropsOrArray{Schema: &JSONSchemaProps{XIntOrString: true}}},
			"extra":    {XPreserveUnknownFields: Bool(true)},
		}},
	}}
	return &CustomResourceDefinition{ObjectMeta: clusterMeta("crontabs.stable.example.com"), Spec: CustomResourceDefinitionSpec{
		Group: "stable.example.com", Scope: NamespaceScoped,
		Names: CustomResourceDefinitionNames{Plural: "crontabs", Singular: "crontab", Kind: "CronTab", ListKind: "CronTabList", ShortNames: []string{"ct"}},
		Versions: []CustomResourceDefinitionVersion{
			{Name: "v1", Served: true, Storage: true, Schema: &CustomResourceValidation{OpenAPIV3Schema: schema}},
			{Name: "v1beta1", Served: true, Schema: &CustomResourceValidation{OpenAPIV3Schema: schema}},
		},
	}}
}

func TestValidateCustomResourceDefinition(t *testing.T) {
	t.Parallel()
	schema := "spec.versions[0].schema.openAPIV3Schema"
	runCases(t, validCRD, ValidateCustomResourceDefinition, []vcase[CustomResourceDefinition]{
		{name: "valid"},
		{name: "name must match", mutate: func(c *CustomResourceDefinition) { c.Name = "tabs.stable.example.com" }, want: []vErr{inv("metadata.name")}},
		{name: "group needs a dot", mutate: func(c *CustomResourceDefinition) { c.Spec.Group, c.Name = "stable", "crontabs.stable" },
			want: []vErr{inv("spec.group")}},
		{name: "scope", mutate: func(c *CustomResourceDefinition) { c.Spec.Scope = "Global" }, want: []vErr{nsup("spec.scope")}},
		{name: "one storage version", mutate: func(c *CustomResourceDefinition) { c.Spec.Versions[1].Storage = true }, want: []vErr{inv("spec.versions")}},
		{name: "no storage version", mutate: func(c *CustomResourceDefinition) { c.Spec.Versions[0].Storage = false }, want: []vErr{inv("spec.versions")}},
		{name: "versions unique", mutate: func(c *CustomResourceDefinition) { c.Spec.Versions[1].Name = "v1" }, want: []vErr{inv("spec.versions")}},
		{name: "version name", mutate: func(c *CustomResourceDefinition) { c.Spec.Versions[1].Name = "V2" }, want: []vErr{inv("spec.versions[1].name")}},
		{name: "versions required", mutate: func(c *CustomResourceDefinition) { c.Spec.Versions = nil }, want: []vErr{req("spec.versions")}},
		{name: "plural", mutate: func(c *CustomResourceDefinition) {
			c.Spec.Names.Plural, c.Name = "cron_tabs", "cron_tabs.stable.example.com"
		},
			want: []vErr{inv("spec.names.plural"), inv("metadata.name")}},
		{name: "kind required", mutate: func(c *CustomResourceDefinition) { c.Spec.Names.Kind = "" }, want: []vErr{req("spec.names.kind")}},
		{name: "kind and listKind", mutate: func(c *CustomResourceDefinition) { c.Spec.Names.ListKind = "CronTab" }, want: []vErr{inv("spec.names.listKind")}},
		{name: "short names", mutate: func(c *CustomResourceDefinition) { c.Spec.Names.ShortNames = []string{"c t"} }, want: []vErr{inv("spec.names.shortNames[0]")}},
		{name: "schema required", mutate: func(c *CustomResourceDefinition) { c.Spec.Versions[0].Schema = nil }, want: []vErr{req(schema)}},
		{name: "root must be object", mutate: func(c *CustomResourceDefinition) {
			c.Spec.Versions[0].Schema = &CustomResourceValidation{OpenAPIV3Schema: &JSONSchemaProps{Type: "array", Items: &JSONSchemaPropsOrArray{Schema: &JSONSchemaProps{Type: "string"}}}}
		}, want: []vErr{inv(schema + ".type")}},
		{name: "property types", mutate: func(c *CustomResourceDefinition) {
			c.Spec.Versions[0].Schema = &CustomResourceValidation{OpenAPIV3Schema: &JSONSchemaProps{Type: "object", Properties: map[string]JSONSchemaProps{
				"a": {}, "b": {Type: "map"}, "c": {Type: "array"}}}}
		}, want: []vErr{req(schema + ".properties[a].type"), nsup(schema + ".properties[b].type"), req(schema + ".properties[c].items")}},
		{name: "conversion webhook", mutate: func(c *CustomResourceDefinition) {
			c.Spec.Conversion = &CustomResourceConversion{Strategy: WebhookConverter}
		},
			want: []vErr{req("spec.conversion.webhook.clientConfig")}},
	})
	runUpdateCases(t, validCRD, ValidateCustomResourceDefinitionUpdate, []ucase[CustomResourceDefinition]{
		{name: "versions may be added", change: func(cur, _ *CustomResourceDefinition) {
			cur.Spec.Versions = append(cur.Spec.Versions, CustomResourceDefinitionVersion{Name: "v2", Served: true, Schema: cur.Spec.Versions[0].Schema})
		}},
		{name: "scope before established", change: func(cur, _ *CustomResourceDefinition) { cur.Spec.Scope = ClusterScoped }},
		{name: "scope after established", change: func(cur, old *CustomResourceDefinition) {
			old.Status.Conditions = []CustomResourceDefinitionCondition{{Type: CRDEstablished, Status: ConditionTrue}}
			cur.Spec.Scope = ClusterScoped
		}, want: []vErr{inv("spec.scope")}},
	})
}

// ---- reviews ----

func TestValidateReviews(t *testing.T) {
	t.Parallel()
	runCases(t, func() *TokenReview { return &TokenReview{Spec: TokenReviewSpec{Token: "abc"}} }, ValidateTokenReview, []vcase[TokenReview]{
		{name: "token review"},
		{name: "token required", mutate: func(r *TokenReview) { r.Spec.Token = "" }, want: []vErr{req("spec.token")}},
	})
	sar := func() *SubjectAccessReview {
		return &SubjectAccessReview{Spec: SubjectAccessReviewSpec{User: "jane", ResourceAttributes: &ResourceAttributes{Verb: "get", Resource: "pods"}}}
	}
	runCases(t, sar, ValidateSubjectAccessReview, []vcase[SubjectAccessReview]{
		{name: "subject access review"},
		{name: "no attributes", mutate: func(r *SubjectAccessReview) { r.Spec.ResourceAttributes = nil }, want: []vErr{inv("spec.resourceAttributes")}},
		{name: "both attributes", mutate: func(r *SubjectAccessReview) { r.Spec.NonResourceAttributes = &NonResourceAttributes{Path: "/"} },
			want: []vErr{inv("spec.nonResourceAttributes")}},
		{name: "no user", mutate: func(r *SubjectAccessReview) { r.Spec.User = "" }, want: []vErr{inv("spec.user")}},
		{name: "group only", mutate: func(r *SubjectAccessReview) { r.Spec.User, r.Spec.Groups = "", []string{"ops"} }},
	})
	runCases(t, func() *SelfSubjectAccessReview {
		return &SelfSubjectAccessReview{Spec: SelfSubjectAccessReviewSpec{NonResourceAttributes: &NonResourceAttributes{Path: "/healthz", Verb: "get"}}}
	}, ValidateSelfSubjectAccessReview, []vcase[SelfSubjectAccessReview]{
		{name: "self subject access review"},
		{name: "none", mutate: func(r *SelfSubjectAccessReview) { r.Spec.NonResourceAttributes = nil }, want: []vErr{inv("spec.resourceAttributes")}},
	})
	local := func() *LocalSubjectAccessReview {
		return &LocalSubjectAccessReview{ObjectMeta: ObjectMeta{Namespace: "team"}, Spec: SubjectAccessReviewSpec{
			User: "jane", ResourceAttributes: &ResourceAttributes{Namespace: "team", Verb: "list", Resource: "pods"}}}
	}
	runCases(t, local, ValidateLocalSubjectAccessReview, []vcase[LocalSubjectAccessReview]{
		{name: "local subject access review"},
		{name: "namespace mismatch", mutate: func(r *LocalSubjectAccessReview) { r.Spec.ResourceAttributes.Namespace = "other" },
			want: []vErr{inv("spec.resourceAttributes.namespace")}},
		{name: "non-resource", mutate: func(r *LocalSubjectAccessReview) { r.Spec.NonResourceAttributes = &NonResourceAttributes{Path: "/"} },
			want: []vErr{inv("spec.nonResourceAttributes")}},
	})
	runCases(t, func() *SelfSubjectRulesReview {
		return &SelfSubjectRulesReview{Spec: SelfSubjectRulesReviewSpec{Namespace: "team"}}
	},
		ValidateSelfSubjectRulesReview, []vcase[SelfSubjectRulesReview]{
			{name: "rules review"},
			{name: "namespace required", mutate: func(r *SelfSubjectRulesReview) { r.Spec.Namespace = "" }, want: []vErr{req("spec.namespace")}},
		})
	runCases(t, func() *TokenRequest {
		return &TokenRequest{Spec: TokenRequestSpec{Audiences: []string{"api"}, ExpirationSeconds: Int64(3600),
			BoundObjectRef: &BoundObjectReference{Kind: "Pod", APIVersion: "v1", Name: "web"}}}
	}, ValidateTokenRequest, []vcase[TokenRequest]{
		{name: "token request"},
		{name: "short expiration", mutate: func(r *TokenRequest) { r.Spec.ExpirationSeconds = Int64(60) }, want: []vErr{inv("spec.expirationSeconds")}},
		{name: "bound kind", mutate: func(r *TokenRequest) { r.Spec.BoundObjectRef.Kind = "Deployment" }, want: []vErr{nsup("spec.boundObjectRef.kind")}},
	})
}
