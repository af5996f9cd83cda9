package apiobj

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/apiobj/labels"
)

// Validation of the kinds outside core/v1. See validation.go for the
// conventions.

// validationHookGroups sets the hooks of the built-in kinds outside core/v1.
func validationHookGroups(k *KindInfo) {
	switch k.GroupVersionKind {
	// apps/v1
	case AppsV1.WithKind("ControllerRevision"):
		setValidation(k, ValidateControllerRevision, ValidateControllerRevisionUpdate)
	case AppsV1.WithKind("DaemonSet"):
		setValidation(k, ValidateDaemonSet, ValidateDaemonSetUpdate)
	case AppsV1.WithKind("Deployment"):
		setValidation(k, ValidateDeployment, ValidateDeploymentUpdate)
	case AppsV1.WithKind("ReplicaSet"):
		setValidation(k, ValidateReplicaSet, ValidateReplicaSetUpdate)
		setFieldLabels(k, func(rs *ReplicaSet) map[string]string {
			return map[string]string{"status.replicas": strconv.Itoa(int(rs.Status.Replicas))}
		})
	case AppsV1.WithKind("StatefulSet"):
		setValidation(k, ValidateStatefulSet, ValidateStatefulSetUpdate)

	// batch/v1
	case BatchV1.WithKind("CronJob"):
		setValidation(k, ValidateCronJob, ValidateCronJobUpdate)
	case BatchV1.WithKind("Job"):
		setValidation(k, ValidateJob, ValidateJobUpdate)
		setFieldLabels(k, func(j *Job) map[string]string {
			return map[string]string{"status.successful": strconv.Itoa(int(j.Status.Succeeded))}
		})

	// autoscaling
	case AutoscalingV2.WithKind("HorizontalPodAutoscaler"):
		setValidation(k, ValidateHorizontalPodAutoscaler, ValidateHorizontalPodAutoscalerUpdate)
	case AutoscalingV1.WithKind("Scale"):
		setValidation(k, ValidateScale, nil)

	// coordination, discovery, policy, scheduling
	case CoordinationV1.WithKind("Lease"):
		setValidation(k, ValidateLease, ValidateLeaseUpdate)
	case DiscoveryV1.WithKind("EndpointSlice"):
		setValidation(k, ValidateEndpointSlice, ValidateEndpointSliceUpdate)
	case PolicyV1.WithKind("PodDisruptionBudget"):
		setValidation(k, ValidatePodDisruptionBudget, ValidatePodDisruptionBudgetUpdate)
	case SchedulingV1.WithKind("PriorityClass"):
		setValidation(k, ValidatePriorityClass, ValidatePriorityClassUpdate)

	// rbac.authorization.k8s.io/v1
	case RbacV1.WithKind("Role"):
		setValidation(k, ValidateRole, ValidateRoleUpdate)
	case RbacV1.WithKind("ClusterRole"):
		setValidation(k, ValidateClusterRole, ValidateClusterRoleUpdate)
	case RbacV1.WithKind("RoleBinding"):
		setValidation(k, ValidateRoleBinding, ValidateRoleBindingUpdate)
	case RbacV1.WithKind("ClusterRoleBinding"):
		setValidation(k, ValidateClusterRoleBinding, ValidateClusterRoleBindingUpdate)

	// storage.k8s.io/v1
	case StorageV1.WithKind("StorageClass"):
		setValidation(k, ValidateStorageClass, ValidateStorageClassUpdate)
	case StorageV1.WithKind("CSIDriver"):
		setValidation(k, ValidateCSIDriver, ValidateCSIDriverUpdate)
	case StorageV1.WithKind("CSINode"):
		setValidation(k, ValidateCSINode, ValidateCSINodeUpdate)
	case StorageV1.WithKind("VolumeAttachment"):
		setValidation(k, ValidateVolumeAttachment, ValidateVolumeAttachmentUpdate)
	case StorageV1.WithKind("CSIStorageCapacity"):
		setValidation(k, ValidateCSIStorageCapacity, ValidateCSIStorageCapacityUpdate)
	case StorageV1.WithKind("VolumeAttributesClass"):
		setValidation(k, ValidateVolumeAttributesClass, ValidateVolumeAttributesClassUpdate)

	// apiextensions.k8s.io/v1
	case ApiextensionsV1.WithKind("CustomResourceDefinition"):
		setValidation(k, ValidateCustomResourceDefinition, ValidateCustomResourceDefinitionUpdate)

	// reviews
	case AuthenticationV1.WithKind("TokenReview"):
		setValidation(k, ValidateTokenReview, nil)
	case AuthorizationV1.WithKind("SubjectAccessReview"):
		setValidation(k, ValidateSubjectAccessReview, nil)
	case AuthorizationV1.WithKind("SelfSubjectAccessReview"):
		setValidation(k, ValidateSelfSubjectAccessReview, nil)
	case AuthorizationV1.WithKind("LocalSubjectAccessReview"):
		setValidation(k, ValidateLocalSubjectAccessReview, nil)
	case AuthorizationV1.WithKind("SelfSubjectRulesReview"):
		setValidation(k, ValidateSelfSubjectRulesReview, nil)
	case AuthenticationV1.WithKind("TokenRequest"):
		setValidation(k, ValidateTokenRequest, nil)
	}
}

// ---- Shared controller checks ----

// validateIntOrPercent checks a count (non-negative) or a percentage.
func validateIntOrPercent(v *IntOrString, p *field.Path) field.ErrorList {
	if v == nil {
		return nil
	}
	if v.Type == String {
		if _, ok := parsePercent(v.StrVal); !ok {
			return field.ErrorList{field.Invalid(p, v.StrVal, regexMsg(percentErrMsg, percentFmt, "1%", "93%"))}
		}
		return nil
	}
	return validateNonnegative(int64(v.IntVal), p)
}

// notMoreThan100Percent reports a percentage above 100%.
func notMoreThan100Percent(v *IntOrString, p *field.Path) field.ErrorList {
	if v == nil || v.Type != String {
		return nil
	}
	if n, ok := parsePercent(v.StrVal); ok && n > 100 {
		return field.ErrorList{field.Invalid(p, v.StrVal, "must not be greater than 100%")}
	}
	return nil
}

// intOrPercentValue is the number of a count or percentage, or def if nil
// or malformed.
func intOrPercentValue(v *IntOrString, def int) int {
	if v == nil {
		return def
	}
	if v.Type == String {
		n, ok := parsePercent(v.StrVal)
		if !ok {
			return def
		}
		return n
	}
	return int(v.IntVal)
}

// validateSelectorAndTemplate checks a controller's required, non-empty
// selector and that it selects the template's labels.
func validateSelectorAndTemplate(sel *LabelSelector, t *PodTemplateSpec, p *field.Path, kind string) field.ErrorList {
	var errs field.ErrorList
	sp := p.Child("selector")
	switch {
	case sel == nil:
		errs = append(errs, field.Required(sp, ""))
	case selectorIsEmpty(sel):
		errs = append(errs, field.Invalid(sp, sel, "empty selector is invalid for "+kind))
	default:
		selErrs := ValidateLabelSelector(sel, sp)
		errs = append(errs, selErrs...)
		if len(selErrs) == 0 && !selectorMatches(sel, t.Labels) {
			errs = append(errs, field.Invalid(p.Child("template", "metadata", "labels"), t.Labels, "`selector` does not match template `labels`"))
		}
	}
	return errs
}

// ---- Deployment ----

// ValidateDeployment checks a deployment for creation.
func ValidateDeployment(d *Deployment) field.ErrorList {
	errs := validateMeta(&d.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateDeploymentSpec(&d.Spec, field.NewPath("spec"))...)
}

func validateDeploymentSpec(s *DeploymentSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.Replicas != nil {
		errs = append(errs, validateNonnegative(int64(*s.Replicas), p.Child("replicas"))...)
	}
	errs = append(errs, validateSelectorAndTemplate(s.Selector, &s.Template, p, "deployment")...)
	tp := p.Child("template")
	errs = append(errs, ValidatePodTemplateSpec(&s.Template, tp)...)
	errs = append(errs, validateRestartAlways(&s.Template.Spec, tp.Child("spec"), "ReplicaSet")...)

	st := p.Child("strategy")
	switch s.Strategy.Type {
	case RecreateDeploymentStrategyType:
		if s.Strategy.RollingUpdate != nil {
			errs = append(errs, field.Forbidden(st.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"))
		}
	case RollingUpdateDeploymentStrategyType, "":
		if ru := s.Strategy.RollingUpdate; ru != nil {
			rp := st.Child("rollingUpdate")
			errs = append(errs, validateIntOrPercent(ru.MaxUnavailable, rp.Child("maxUnavailable"))...)
			errs = append(errs, validateIntOrPercent(ru.MaxSurge, rp.Child("maxSurge"))...)
			if intOrPercentValue(ru.MaxUnavailable, 25) == 0 && intOrPercentValue(ru.MaxSurge, 25) == 0 {
				errs = append(errs, field.Invalid(rp.Child("maxUnavailable"), ru.MaxUnavailable, "may not be 0 when `maxSurge` is 0"))
			}
			errs = append(errs, notMoreThan100Percent(ru.MaxUnavailable, rp.Child("maxUnavailable"))...)
		}
	default:
		errs = append(errs, field.NotSupported(st, s.Strategy,
			[]DeploymentStrategyType{RecreateDeploymentStrategyType, RollingUpdateDeploymentStrategyType}))
	}
	errs = append(errs, validateNonnegative(int64(s.MinReadySeconds), p.Child("minReadySeconds"))...)
	if s.RevisionHistoryLimit != nil {
		errs = append(errs, validateNonnegative(int64(*s.RevisionHistoryLimit), p.Child("revisionHistoryLimit"))...)
	}
	if pd := s.ProgressDeadlineSeconds; pd != nil {
		errs = append(errs, validateNonnegative(int64(*pd), p.Child("progressDeadlineSeconds"))...)
		if *pd <= s.MinReadySeconds {
			errs = append(errs, field.Invalid(p.Child("progressDeadlineSeconds"), *pd, "must be greater than minReadySeconds"))
		}
	}
	return errs
}

// ValidateDeploymentUpdate checks a deployment update; the selector is
// immutable.
func ValidateDeploymentUpdate(d, old *Deployment) field.ErrorList {
	errs := validateMetaUpdate(&d.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateDeploymentSpec(&d.Spec, field.NewPath("spec"))...)
	return append(errs, validateImmutable(d.Spec.Selector, old.Spec.Selector, field.NewPath("spec", "selector"))...)
}

// ---- ReplicaSet ----

// ValidateReplicaSet checks a replica set for creation.
func ValidateReplicaSet(rs *ReplicaSet) field.ErrorList {
	errs := validateMeta(&rs.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateReplicaSetSpec(&rs.Spec, field.NewPath("spec"))...)
}

func validateReplicaSetSpec(s *ReplicaSetSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.Replicas != nil {
		errs = append(errs, validateNonnegative(int64(*s.Replicas), p.Child("replicas"))...)
	}
	errs = append(errs, validateNonnegative(int64(s.MinReadySeconds), p.Child("minReadySeconds"))...)
	// Kubernetes words the empty selector error for ReplicaSets this way too.
	errs = append(errs, validateSelectorAndTemplate(s.Selector, &s.Template, p, "deployment")...)
	tp := p.Child("template")
	errs = append(errs, ValidatePodTemplateSpec(&s.Template, tp)...)
	errs = append(errs, validateRestartAlways(&s.Template.Spec, tp.Child("spec"), "ReplicaSet")...)
	return errs
}

// ValidateReplicaSetUpdate checks a replica set update; the selector is
// immutable.
func ValidateReplicaSetUpdate(rs, old *ReplicaSet) field.ErrorList {
	errs := validateMetaUpdate(&rs.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateReplicaSetSpec(&rs.Spec, field.NewPath("spec"))...)
	return append(errs, validateImmutable(rs.Spec.Selector, old.Spec.Selector, field.NewPath("spec", "selector"))...)
}

// ---- DaemonSet ----

// ValidateDaemonSet checks a daemon set for creation.
func ValidateDaemonSet(ds *DaemonSet) field.ErrorList {
	errs := validateMeta(&ds.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateDaemonSetSpec(&ds.Spec, field.NewPath("spec"))...)
}

func validateDaemonSetSpec(s *DaemonSetSpec, p *field.Path) field.ErrorList {
	errs := validateSelectorAndTemplate(s.Selector, &s.Template, p, "daemonset")
	tp := p.Child("template")
	errs = append(errs, ValidatePodTemplateSpec(&s.Template, tp)...)
	errs = append(errs, validateRestartAlways(&s.Template.Spec, tp.Child("spec"), "DaemonSet")...)
	errs = append(errs, validateNonnegative(int64(s.MinReadySeconds), p.Child("minReadySeconds"))...)
	if s.RevisionHistoryLimit != nil {
		errs = append(errs, validateNonnegative(int64(*s.RevisionHistoryLimit), p.Child("revisionHistoryLimit"))...)
	}
	up := p.Child("updateStrategy")
	switch s.UpdateStrategy.Type {
	case OnDeleteDaemonSetStrategyType:
	case RollingUpdateDaemonSetStrategyType, "":
		ru := s.UpdateStrategy.RollingUpdate
		if ru == nil {
			break
		}
		rp := up.Child("rollingUpdate")
		errs = append(errs, validateIntOrPercent(ru.MaxUnavailable, rp.Child("maxUnavailable"))...)
		errs = append(errs, validateIntOrPercent(ru.MaxSurge, rp.Child("maxSurge"))...)
		errs = append(errs, notMoreThan100Percent(ru.MaxUnavailable, rp.Child("maxUnavailable"))...)
		errs = append(errs, notMoreThan100Percent(ru.MaxSurge, rp.Child("maxSurge"))...)
		unavailable := intOrPercentValue(ru.MaxUnavailable, 1) != 0
		surge := intOrPercentValue(ru.MaxSurge, 0) != 0
		switch {
		case unavailable && surge:
			errs = append(errs, field.Invalid(rp.Child("maxSurge"), ru.MaxSurge, "may not be set when maxUnavailable is non-zero"))
		case !unavailable && !surge:
			errs = append(errs, field.Required(rp.Child("maxUnavailable"), "cannot be 0 when maxSurge is 0"))
		}
	default:
		errs = append(errs, field.NotSupported(up, s.UpdateStrategy,
			[]DaemonSetUpdateStrategyType{RollingUpdateDaemonSetStrategyType, OnDeleteDaemonSetStrategyType}))
	}
	return errs
}

// ValidateDaemonSetUpdate checks a daemon set update; the selector is
// immutable.
func ValidateDaemonSetUpdate(ds, old *DaemonSet) field.ErrorList {
	errs := validateMetaUpdate(&ds.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateDaemonSetSpec(&ds.Spec, field.NewPath("spec"))...)
	return append(errs, validateImmutable(ds.Spec.Selector, old.Spec.Selector, field.NewPath("spec", "selector"))...)
}

// ---- StatefulSet ----

// ValidateStatefulSet checks a stateful set for creation. Its name is an
// RFC 1123 label, because pod hostnames are made from it.
func ValidateStatefulSet(ss *StatefulSet) field.ErrorList {
	errs := validateMeta(&ss.ObjectMeta, true, NameIsDNSLabel)
	return append(errs, validateStatefulSetSpec(&ss.Spec, field.NewPath("spec"))...)
}

func validateStatefulSetSpec(s *StatefulSetSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch s.PodManagementPolicy {
	case "", OrderedReadyPodManagement, ParallelPodManagement:
	default:
		errs = append(errs, field.Invalid(p.Child("podManagementPolicy"), string(s.PodManagementPolicy),
			fmt.Sprintf("must be '%s' or '%s'", OrderedReadyPodManagement, ParallelPodManagement)))
	}
	up := p.Child("updateStrategy")
	switch s.UpdateStrategy.Type {
	case OnDeleteStatefulSetStrategyType:
		if s.UpdateStrategy.RollingUpdate != nil {
			errs = append(errs, field.Invalid(up.Child("rollingUpdate"), s.UpdateStrategy.RollingUpdate,
				fmt.Sprintf("only allowed for updateStrategy '%s'", RollingUpdateStatefulSetStrategyType)))
		}
	case RollingUpdateStatefulSetStrategyType, "":
		if ru := s.UpdateStrategy.RollingUpdate; ru != nil {
			rp := up.Child("rollingUpdate")
			if ru.Partition != nil {
				errs = append(errs, validateNonnegative(int64(*ru.Partition), rp.Child("partition"))...)
			}
			if mu := ru.MaxUnavailable; mu != nil {
				errs = append(errs, validateIntOrPercent(mu, rp.Child("maxUnavailable"))...)
				if intOrPercentValue(mu, 1) == 0 {
					errs = append(errs, field.Invalid(rp.Child("maxUnavailable"), mu, isNotPositiveErrorMsg))
				}
				errs = append(errs, notMoreThan100Percent(mu, rp.Child("maxUnavailable"))...)
			}
		}
	default:
		errs = append(errs, field.Invalid(up, s.UpdateStrategy,
			fmt.Sprintf("must be '%s' or '%s'", RollingUpdateStatefulSetStrategyType, OnDeleteStatefulSetStrategyType)))
	}
	if rp := s.PersistentVolumeClaimRetentionPolicy; rp != nil {
		pp := p.Child("persistentVolumeClaimRetentionPolicy")
		valid := []PersistentVolumeClaimRetentionPolicyType{RetainPersistentVolumeClaimRetentionPolicyType, DeletePersistentVolumeClaimRetentionPolicyType}
		if rp.WhenDeleted != "" && !slices.Contains(valid, rp.WhenDeleted) {
			errs = append(errs, field.NotSupported(pp.Child("whenDeleted"), string(rp.WhenDeleted), valid))
		}
		if rp.WhenScaled != "" && !slices.Contains(valid, rp.WhenScaled) {
			errs = append(errs, field.NotSupported(pp.Child("whenScaled"), string(rp.WhenScaled), valid))
		}
	}
	if s.Replicas != nil {
		errs = append(errs, validateNonnegative(int64(*s.Replicas), p.Child("replicas"))...)
	}
	if s.Ordinals != nil {
		errs = append(errs, validateNonnegative(int64(s.Ordinals.Start), p.Child("ordinals.start"))...)
	}
	errs = append(errs, validateNonnegative(int64(s.MinReadySeconds), p.Child("minReadySeconds"))...)
	if s.RevisionHistoryLimit != nil {
		errs = append(errs, validateNonnegative(int64(*s.RevisionHistoryLimit), p.Child("revisionHistoryLimit"))...)
	}
	errs = append(errs, validateSelectorAndTemplate(s.Selector, &s.Template, p, "statefulset")...)
	tp := p.Child("template")
	// Each volume claim template becomes a volume of every pod; add them
	// so that the containers' mounts of them resolve.
	t := &s.Template
	if len(s.VolumeClaimTemplates) > 0 {
		t = s.Template.DeepCopy()
		for _, c := range s.VolumeClaimTemplates {
			if !slices.ContainsFunc(t.Spec.Volumes, func(v Volume) bool { return v.Name == c.Name }) {
				t.Spec.Volumes = append(t.Spec.Volumes, Volume{Name: c.Name, VolumeSource: VolumeSource{
					PersistentVolumeClaim: &PersistentVolumeClaimVolumeSource{ClaimName: c.Name}}})
			}
		}
	}
	errs = append(errs, ValidatePodTemplateSpec(t, tp)...)
	if rp := s.Template.Spec.RestartPolicy; rp != "" && rp != RestartPolicyAlways {
		errs = append(errs, field.NotSupported(tp.Child("spec", "restartPolicy"), string(rp), []RestartPolicy{RestartPolicyAlways}))
	}
	if s.Template.Spec.ActiveDeadlineSeconds != nil {
		errs = append(errs, field.Forbidden(tp.Child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in StatefulSet is not Supported"))
	}
	for i := range s.VolumeClaimTemplates {
		vp := p.Child("volumeClaimTemplates").Index(i)
		c := &s.VolumeClaimTemplates[i]
		errs = append(errs, ValidateLabels(c.Labels, vp.Child("metadata", "labels"))...)
		errs = append(errs, ValidateAnnotations(c.Annotations, vp.Child("metadata", "annotations"))...)
		if c.Name == "" {
			errs = append(errs, field.Required(vp.Child("metadata", "name"), ""))
		} else {
			errs = append(errs, invalidEach(vp.Child("metadata", "name"), c.Name, NameIsDNSLabel(c.Name, false))...)
		}
		errs = append(errs, validatePVCSpec(&c.Spec, vp.Child("spec"))...)
	}
	return errs
}

// statefulSetUpdateForbiddenMsg is Kubernetes' message for a change to an
// immutable StatefulSet field.
const statefulSetUpdateForbiddenMsg = "updates to statefulset spec for fields other than 'replicas', 'ordinals', " +
	"'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"

// ValidateStatefulSetUpdate checks a stateful set update: only replicas,
// ordinals, template, updateStrategy, revisionHistoryLimit,
// persistentVolumeClaimRetentionPolicy and minReadySeconds may change. The
// name is not re-validated, as in Kubernetes.
func ValidateStatefulSetUpdate(ss, old *StatefulSet) field.ErrorList {
	errs := validateMetaUpdate(&ss.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateStatefulSetSpec(&ss.Spec, field.NewPath("spec"))...)
	m := *ss.Spec.DeepCopy()
	m.Replicas = old.Spec.Replicas
	m.Ordinals = old.Spec.Ordinals
	m.Template = old.Spec.Template
	m.UpdateStrategy = old.Spec.UpdateStrategy
	m.RevisionHistoryLimit = old.Spec.RevisionHistoryLimit
	m.PersistentVolumeClaimRetentionPolicy = old.Spec.PersistentVolumeClaimRetentionPolicy
	m.MinReadySeconds = old.Spec.MinReadySeconds
	if !semanticEqual(m, old.Spec) {
		errs = append(errs, field.Forbidden(field.NewPath("spec"), statefulSetUpdateForbiddenMsg))
	}
	return errs
}

// ---- ControllerRevision ----

// ValidateControllerRevision checks a controller revision: data is
// required and revision non-negative.
func ValidateControllerRevision(r *ControllerRevision) field.ErrorList {
	errs := validateMeta(&r.ObjectMeta, true, NameIsDNSSubdomain)
	if r.Data == nil {
		errs = append(errs, field.Required(field.NewPath("data"), "data is mandatory"))
	}
	return append(errs, validateNonnegative(r.Revision, field.NewPath("revision"))...)
}

// ValidateControllerRevisionUpdate checks a controller revision update;
// data is immutable.
func ValidateControllerRevisionUpdate(r, old *ControllerRevision) field.ErrorList {
	errs := validateMetaUpdate(&r.ObjectMeta, &old.ObjectMeta)
	if r.Data == nil {
		errs = append(errs, field.Required(field.NewPath("data"), "data is mandatory"))
	}
	errs = append(errs, validateNonnegative(r.Revision, field.NewPath("revision"))...)
	if !bytes.Equal(r.Data, old.Data) {
		errs = append(errs, field.Invalid(field.NewPath("data"), string(r.Data), fieldImmutableErrMsg))
	}
	return errs
}

// ---- Job ----

const (
	maxParallelismForIndexedJob   = 100000
	maxPodFailurePolicyRules      = 20
	maxPodFailurePolicyExitCodes  = 255
	maxPodFailurePolicyConditions = 20
)

var (
	podFailurePolicyActions = []PodFailurePolicyAction{PodFailurePolicyActionCount, PodFailurePolicyActionFailIndex,
		PodFailurePolicyActionFailJob, PodFailurePolicyActionIgnore}
	conditionStatuses = []ConditionStatus{ConditionFalse, ConditionTrue, ConditionUnknown}
)

// ValidateJob checks a job for creation. A nil selector is accepted: the
// API server generates one from the job's UID, as Kubernetes does before
// it validates. A given selector must select the template's labels.
func ValidateJob(j *Job) field.ErrorList {
	errs := validateMeta(&j.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateJobSpecWithSelector(&j.Spec, field.NewPath("spec"))...)
}

func validateJobSpecWithSelector(s *JobSpec, p *field.Path) field.ErrorList {
	errs := validateJobSpec(s, p)
	if s.Selector != nil {
		if selectorIsEmpty(s.Selector) && (s.ManualSelector == nil || !*s.ManualSelector) {
			errs = append(errs, field.Invalid(p.Child("selector"), s.Selector, "empty selector is invalid for job"))
		}
		selErrs := ValidateLabelSelector(s.Selector, p.Child("selector"))
		errs = append(errs, selErrs...)
		if len(selErrs) == 0 && !selectorMatches(s.Selector, s.Template.Labels) {
			errs = append(errs, field.Invalid(p.Child("template", "metadata", "labels"), s.Template.Labels, "`selector` does not match template `labels`"))
		}
	}
	return errs
}

func validateJobSpec(s *JobSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	nonneg := func(v *int32, name string) {
		if v != nil {
			errs = append(errs, validateNonnegative(int64(*v), p.Child(name))...)
		}
	}
	nonneg(s.Parallelism, "parallelism")
	nonneg(s.Completions, "completions")
	nonneg(s.BackoffLimit, "backoffLimit")
	nonneg(s.TTLSecondsAfterFinished, "ttlSecondsAfterFinished")
	if s.ActiveDeadlineSeconds != nil {
		errs = append(errs, validatePositive(*s.ActiveDeadlineSeconds, p.Child("activeDeadlineSeconds"))...)
	}
	indexed := s.CompletionMode != nil && *s.CompletionMode == IndexedCompletion
	if s.BackoffLimitPerIndex != nil {
		nonneg(s.BackoffLimitPerIndex, "backoffLimitPerIndex")
		if !indexed {
			errs = append(errs, field.Invalid(p.Child("backoffLimitPerIndex"), *s.BackoffLimitPerIndex, "requires indexed completion mode"))
		}
	}
	if s.MaxFailedIndexes != nil {
		nonneg(s.MaxFailedIndexes, "maxFailedIndexes")
		if s.BackoffLimitPerIndex == nil {
			errs = append(errs, field.Required(p.Child("backoffLimitPerIndex"), "when maxFailedIndexes is specified"))
		}
		if s.Completions != nil && *s.MaxFailedIndexes > *s.Completions {
			errs = append(errs, field.Invalid(p.Child("maxFailedIndexes"), *s.MaxFailedIndexes, "must be less than or equal to completions"))
		}
	}
	if cm := s.CompletionMode; cm != nil {
		modes := []CompletionMode{NonIndexedCompletion, IndexedCompletion}
		if !slices.Contains(modes, *cm) {
			errs = append(errs, field.NotSupported(p.Child("completionMode"), string(*cm), modes))
		}
		if indexed {
			if s.Completions == nil {
				errs = append(errs, field.Required(p.Child("completions"), fmt.Sprintf("when completion mode is %s", IndexedCompletion)))
			}
			if s.Parallelism != nil && *s.Parallelism > maxParallelismForIndexedJob {
				errs = append(errs, field.Invalid(p.Child("parallelism"), *s.Parallelism,
					fmt.Sprintf("must be less than or equal to %d when completion mode is %s", maxParallelismForIndexedJob, IndexedCompletion)))
			}
		}
	}
	if s.PodFailurePolicy != nil {
		errs = append(errs, validatePodFailurePolicy(s, p.Child("podFailurePolicy"))...)
	}
	if s.SuccessPolicy != nil {
		errs = append(errs, validateSuccessPolicy(s, p.Child("successPolicy"))...)
	}
	if rp := s.PodReplacementPolicy; rp != nil {
		policies := []PodReplacementPolicy{PodReplacementFailed, PodReplacementTerminatingOrFailed}
		switch {
		case !slices.Contains(policies, *rp):
			errs = append(errs, field.NotSupported(p.Child("podReplacementPolicy"), string(*rp), policies))
		case s.PodFailurePolicy != nil && *rp != PodReplacementFailed:
			errs = append(errs, field.NotSupported(p.Child("podReplacementPolicy"), string(*rp), []PodReplacementPolicy{PodReplacementFailed}))
		}
	}
	if mb := s.ManagedBy; mb != nil {
		mp := p.Child("managedBy")
		if len(*mb) > 63 {
			errs = append(errs, field.TooLong(mp, *mb, 63))
		}
		errs = append(errs, validateDomainPrefixedPath(*mb, mp)...)
	}

	tp := p.Child("template")
	errs = append(errs, ValidatePodTemplateSpec(&s.Template, tp)...)
	rp := s.Template.Spec.RestartPolicy
	if rp == "" {
		rp = RestartPolicyAlways // what defaulting makes of it
	}
	switch {
	case rp != RestartPolicyOnFailure && rp != RestartPolicyNever:
		errs = append(errs, field.NotSupported(tp.Child("spec", "restartPolicy"), string(rp),
			[]RestartPolicy{RestartPolicyOnFailure, RestartPolicyNever}))
	case rp == RestartPolicyOnFailure && s.PodFailurePolicy != nil:
		errs = append(errs, field.Invalid(tp.Child("spec", "restartPolicy"), string(rp),
			fmt.Sprintf("only %q is supported when podFailurePolicy is specified", RestartPolicyNever)))
	}
	return errs
}

// validateDomainPrefixedPath checks a "domain/path" value such as
// kubernetes.io/job-controller.
func validateDomainPrefixedPath(v string, p *field.Path) field.ErrorList {
	domain, rest, ok := strings.Cut(v, "/")
	if !ok || rest == "" {
		return field.ErrorList{field.Invalid(p, v, "must be a domain-prefixed path (such as \"acme.io/foo\")")}
	}
	return validateDNS1123Subdomain(domain, p)
}

func validatePodFailurePolicy(s *JobSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	rules := s.PodFailurePolicy.Rules
	rp := p.Child("rules")
	if len(rules) > maxPodFailurePolicyRules {
		errs = append(errs, field.TooMany(rp, len(rules), maxPodFailurePolicyRules))
	}
	var containers []string
	for _, c := range s.Template.Spec.Containers {
		containers = append(containers, c.Name)
	}
	for _, c := range s.Template.Spec.InitContainers {
		containers = append(containers, c.Name)
	}
	for i, r := range rules {
		ip := rp.Index(i)
		ap := ip.Child("action")
		switch {
		case r.Action == "":
			errs = append(errs, field.Required(ap, fmt.Sprintf("valid values: %q", podFailurePolicyActions)))
		case !slices.Contains(podFailurePolicyActions, r.Action):
			errs = append(errs, field.NotSupported(ap, string(r.Action), podFailurePolicyActions))
		case r.Action == PodFailurePolicyActionFailIndex && s.BackoffLimitPerIndex == nil:
			errs = append(errs, field.Invalid(ap, string(r.Action), "requires the backoffLimitPerIndex to be set"))
		}
		if ec := r.OnExitCodes; ec != nil {
			ep := ip.Child("onExitCodes")
			ops := []PodFailurePolicyOnExitCodesOperator{PodFailurePolicyOnExitCodesOpIn, PodFailurePolicyOnExitCodesOpNotIn}
			switch {
			case ec.Operator == "":
				errs = append(errs, field.Required(ep.Child("operator"), fmt.Sprintf("valid values: %q", ops)))
			case !slices.Contains(ops, ec.Operator):
				errs = append(errs, field.NotSupported(ep.Child("operator"), string(ec.Operator), ops))
			}
			if ec.ContainerName != nil && !slices.Contains(containers, *ec.ContainerName) {
				errs = append(errs, field.Invalid(ep.Child("containerName"), *ec.ContainerName, "must be one of the container or initContainer names in the pod template"))
			}
			vp := ep.Child("values")
			switch {
			case len(ec.Values) == 0:
				errs = append(errs, field.Invalid(vp, ec.Values, "at least one value is required"))
			case len(ec.Values) > maxPodFailurePolicyExitCodes:
				errs = append(errs, field.TooMany(vp, len(ec.Values), maxPodFailurePolicyExitCodes))
			}
			for j, v := range ec.Values {
				switch {
				case ec.Operator == PodFailurePolicyOnExitCodesOpIn && v == 0:
					errs = append(errs, field.Invalid(vp.Index(j), v, "must not be 0 for the In operator"))
				case j > 0 && ec.Values[j-1] == v:
					errs = append(errs, field.Duplicate(vp.Index(j), v))
				case j > 0 && ec.Values[j-1] > v:
					errs = append(errs, field.Invalid(vp.Index(j), v, "must be ordered"))
				}
			}
		}
		cp := ip.Child("onPodConditions")
		if len(r.OnPodConditions) > maxPodFailurePolicyConditions {
			errs = append(errs, field.TooMany(cp, len(r.OnPodConditions), maxPodFailurePolicyConditions))
		}
		for j, c := range r.OnPodConditions {
			if c.Status != "" && !slices.Contains(conditionStatuses, c.Status) {
				errs = append(errs, field.NotSupported(cp.Index(j).Child("status"), string(c.Status), conditionStatuses))
			}
			errs = append(errs, validateQualifiedName(string(c.Type), cp.Index(j).Child("type"))...)
		}
		switch {
		case r.OnExitCodes != nil && len(r.OnPodConditions) > 0:
			errs = append(errs, field.Invalid(ip, field.OmitValue, "specifying both OnExitCodes and OnPodConditions is not supported"))
		case r.OnExitCodes == nil && len(r.OnPodConditions) == 0:
			errs = append(errs, field.Invalid(ip, field.OmitValue, "specifying one of OnExitCodes and OnPodConditions is required"))
		}
	}
	return errs
}

func validateSuccessPolicy(s *JobSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	rp := p.Child("rules")
	if s.CompletionMode == nil || *s.CompletionMode != IndexedCompletion {
		errs = append(errs, field.Invalid(p, field.OmitValue, "requires indexed completion mode"))
	}
	if len(s.SuccessPolicy.Rules) == 0 {
		errs = append(errs, field.Required(rp, "at least one rules must be specified when the successPolicy is specified"))
	}
	if len(s.SuccessPolicy.Rules) > 20 {
		errs = append(errs, field.TooMany(rp, len(s.SuccessPolicy.Rules), 20))
	}
	for i, r := range s.SuccessPolicy.Rules {
		ip := rp.Index(i)
		if r.SucceededIndexes == nil && r.SucceededCount == nil {
			errs = append(errs, field.Required(ip, "at least one of succeededCount or succeededIndexes must be specified"))
		}
		if r.SucceededCount != nil {
			if *r.SucceededCount < 0 {
				errs = append(errs, field.Invalid(ip.Child("succeededCount"), *r.SucceededCount, isNegativeErrorMsg))
			} else if s.Completions != nil && *r.SucceededCount > *s.Completions {
				errs = append(errs, field.Invalid(ip.Child("succeededCount"), *r.SucceededCount,
					fmt.Sprintf("must be less than or equal to %d (the number of specified completions)", *s.Completions)))
			}
		}
		if r.SucceededIndexes != nil {
			if msg := checkIndexList(*r.SucceededIndexes, s.Completions); msg != "" {
				errs = append(errs, field.Invalid(ip.Child("succeededIndexes"), *r.SucceededIndexes, msg))
			}
		}
	}
	return errs
}

// checkIndexList checks an ordered interval list such as "1,3-5,7", each
// index below completions.
func checkIndexList(s string, completions *int32) string {
	if s == "" {
		return "error parsing succeededIndexes: empty"
	}
	last := int64(-1)
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.ParseInt(lo, 10, 32)
		if err != nil || a < 0 {
			return fmt.Sprintf("error parsing succeededIndexes: cannot convert string to integer for index: %q", lo)
		}
		b := a
		if isRange {
			if b, err = strconv.ParseInt(hi, 10, 32); err != nil || b < 0 {
				return fmt.Sprintf("error parsing succeededIndexes: cannot convert string to integer for index: %q", hi)
			}
			if b < a {
				return fmt.Sprintf("error parsing succeededIndexes: %q is not a valid interval", part)
			}
		}
		if a <= last {
			return "error parsing succeededIndexes: non-increasing order, previous: " + strconv.FormatInt(last, 10) + ", current: " + strconv.FormatInt(a, 10)
		}
		if completions != nil && b >= int64(*completions) {
			return fmt.Sprintf("error parsing succeededIndexes: too large index: %q", strconv.FormatInt(b, 10))
		}
		last = b
	}
	return ""
}

// ValidateJobUpdate checks a job update. The selector, completionMode,
// podFailurePolicy, successPolicy, backoffLimitPerIndex and managedBy are
// immutable; completions may change only for Indexed jobs, together with
// parallelism. The pod template is immutable, except that while a job is
// suspended and has never started, its labels, annotations, node selector,
// node affinity, tolerations and scheduling gates may change.
func ValidateJobUpdate(j, old *Job) field.ErrorList {
	errs := validateMetaUpdate(&j.ObjectMeta, &old.ObjectMeta)
	spec := field.NewPath("spec")
	errs = append(errs, validateJobSpecWithSelector(&j.Spec, spec)...)
	errs = append(errs, validateImmutable(j.Spec.Selector, old.Spec.Selector, spec.Child("selector"))...)
	errs = append(errs, validateImmutable(j.Spec.CompletionMode, old.Spec.CompletionMode, spec.Child("completionMode"))...)
	errs = append(errs, validateImmutable(j.Spec.PodFailurePolicy, old.Spec.PodFailurePolicy, spec.Child("podFailurePolicy"))...)
	errs = append(errs, validateImmutable(j.Spec.SuccessPolicy, old.Spec.SuccessPolicy, spec.Child("successPolicy"))...)
	errs = append(errs, validateImmutable(j.Spec.BackoffLimitPerIndex, old.Spec.BackoffLimitPerIndex, spec.Child("backoffLimitPerIndex"))...)
	errs = append(errs, validateImmutable(j.Spec.ManagedBy, old.Spec.ManagedBy, spec.Child("managedBy"))...)

	indexed := j.Spec.CompletionMode != nil && *j.Spec.CompletionMode == IndexedCompletion
	if !indexed {
		errs = append(errs, validateImmutable(j.Spec.Completions, old.Spec.Completions, spec.Child("completions"))...)
	} else if c := j.Spec.Completions; c != nil && !semanticEqual(c, old.Spec.Completions) &&
		(j.Spec.Parallelism == nil || *c != *j.Spec.Parallelism) {
		errs = append(errs, field.Invalid(spec.Child("completions"), *c, "can only be modified in tandem with spec.parallelism"))
	}

	oldTemplate := old.Spec.Template.DeepCopy()
	suspended := old.Spec.Suspend != nil && *old.Spec.Suspend
	if suspended && old.Status.StartTime == nil {
		t := &j.Spec.Template
		oldTemplate.Labels = t.Labels
		oldTemplate.Annotations = t.Annotations
		oldTemplate.Spec.NodeSelector = t.Spec.NodeSelector
		oldTemplate.Spec.Tolerations = t.Spec.Tolerations
		oldTemplate.Spec.SchedulingGates = t.Spec.SchedulingGates
		var na *NodeAffinity
		if t.Spec.Affinity != nil {
			na = t.Spec.Affinity.NodeAffinity
		}
		if oldTemplate.Spec.Affinity == nil && na != nil {
			oldTemplate.Spec.Affinity = &Affinity{}
		}
		if oldTemplate.Spec.Affinity != nil {
			oldTemplate.Spec.Affinity.NodeAffinity = na
			if t.Spec.Affinity == nil && *oldTemplate.Spec.Affinity == (Affinity{}) {
				oldTemplate.Spec.Affinity = nil
			}
		}
	}
	if !semanticEqual(j.Spec.Template, *oldTemplate) {
		errs = append(errs, field.Invalid(spec.Child("template"), field.OmitValue, fieldImmutableErrMsg))
	}
	return errs
}

// ---- CronJob ----

var concurrencyPolicies = []ConcurrencyPolicy{AllowConcurrent, ForbidConcurrent, ReplaceConcurrent}

// ValidateCronJob checks a cron job for creation: a parseable schedule, a
// known time zone, and a name of at most 52 characters (the controller
// appends an 11-character suffix to make job names).
func ValidateCronJob(cj *CronJob) field.ErrorList {
	errs := validateMeta(&cj.ObjectMeta, true, NameIsDNSSubdomain)
	if len(cj.Name) > 52 {
		errs = append(errs, field.Invalid(metadataPath.Child("name"), cj.Name, "must be no more than 52 characters"))
	}
	return append(errs, validateCronJobSpec(&cj.Spec, nil, field.NewPath("spec"))...)
}

func validateCronJobSpec(s, old *CronJobSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	sp := p.Child("schedule")
	if s.Schedule == "" {
		errs = append(errs, field.Required(sp, ""))
	} else {
		allowTZ := old != nil && strings.Contains(old.Schedule, "TZ")
		if err := ParseCronSchedule(s.Schedule); err != nil {
			errs = append(errs, field.Invalid(sp, s.Schedule, err.Error()))
		}
		switch {
		case allowTZ && strings.Contains(s.Schedule, "TZ") && s.TimeZone != nil:
			errs = append(errs, field.Invalid(sp, s.Schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"))
		case !allowTZ && strings.Contains(s.Schedule, "TZ"):
			errs = append(errs, field.Invalid(sp, s.Schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"))
		}
	}
	if s.StartingDeadlineSeconds != nil {
		errs = append(errs, validateNonnegative(*s.StartingDeadlineSeconds, p.Child("startingDeadlineSeconds"))...)
	}
	if old == nil || !semanticEqual(s.TimeZone, old.TimeZone) {
		errs = append(errs, validateTimeZone(s.TimeZone, p.Child("timeZone"))...)
	}
	if cp := s.ConcurrencyPolicy; cp != "" && !slices.Contains(concurrencyPolicies, cp) {
		errs = append(errs, field.NotSupported(p.Child("concurrencyPolicy"), string(cp), concurrencyPolicies))
	}
	jp := p.Child("jobTemplate")
	errs = append(errs, ValidateLabels(s.JobTemplate.Labels, jp.Child("metadata", "labels"))...)
	errs = append(errs, ValidateAnnotations(s.JobTemplate.Annotations, jp.Child("metadata", "annotations"))...)
	errs = append(errs, validateJobSpec(&s.JobTemplate.Spec, jp.Child("spec"))...)
	if s.JobTemplate.Spec.Selector != nil {
		errs = append(errs, field.Invalid(jp.Child("spec", "selector"), s.JobTemplate.Spec.Selector, "`selector` will be auto-generated"))
	}
	if ms := s.JobTemplate.Spec.ManualSelector; ms != nil && *ms {
		errs = append(errs, field.NotSupported(jp.Child("spec", "manualSelector"), *ms, []string{"nil", "false"}))
	}
	if l := s.SuccessfulJobsHistoryLimit; l != nil {
		errs = append(errs, validateNonnegative(int64(*l), p.Child("successfulJobsHistoryLimit"))...)
	}
	if l := s.FailedJobsHistoryLimit; l != nil {
		errs = append(errs, validateNonnegative(int64(*l), p.Child("failedJobsHistoryLimit"))...)
	}
	return errs
}

func validateTimeZone(tz *string, p *field.Path) field.ErrorList {
	if tz == nil {
		return nil
	}
	if *tz == "" {
		return field.ErrorList{field.Invalid(p, *tz, "timeZone must be nil or non-empty string")}
	}
	for _, part := range strings.Split(*tz, "/") {
		if part == "." || part == ".." || strings.HasPrefix(part, "-") || !validTimeZonePart(part) {
			return field.ErrorList{field.Invalid(p, *tz, fmt.Sprintf("unknown time zone %s", *tz))}
		}
	}
	if strings.EqualFold(*tz, "Local") {
		return field.ErrorList{field.Invalid(p, *tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")}
	}
	if _, err := time.LoadLocation(*tz); err != nil {
		return field.ErrorList{field.Invalid(p, *tz, err.Error())}
	}
	return nil
}

// validTimeZonePart matches [A-Za-z.\-_0-9+]{1,14}.
func validTimeZonePart(s string) bool {
	if len(s) == 0 || len(s) > 14 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isLetterOrDigit(c) && !strings.ContainsRune(".-_+", rune(c)) {
			return false
		}
	}
	return true
}

// ValidateCronJobUpdate checks a cron job update. The 52-character name
// limit is not re-checked, so older cron jobs with longer names can still be
// updated and deleted.
func ValidateCronJobUpdate(cj, old *CronJob) field.ErrorList {
	errs := validateMetaUpdate(&cj.ObjectMeta, &old.ObjectMeta)
	return append(errs, validateCronJobSpec(&cj.Spec, &old.Spec, field.NewPath("spec"))...)
}

// cronField is one field of a standard cron schedule.
type cronField struct {
	name     string
	min, max int
	names    map[string]int
}

var cronFields = []cronField{
	{name: "minute", min: 0, max: 59},
	{name: "hour", min: 0, max: 23},
	{name: "day of month", min: 1, max: 31},
	{name: "month", min: 1, max: 12, names: map[string]int{
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
		"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}},
	{name: "day of week", min: 0, max: 6, names: map[string]int{
		"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}},
}

// ParseCronSchedule checks a CronJob schedule as the cron controller reads
// it: five fields (minute, hour, day of month, month, day of week), each a
// comma-separated list of "*" or "?", values, ranges "a-b", and steps
// "/n", with month and weekday names; or one of @yearly, @annually,
// @monthly, @weekly, @daily, @midnight, @hourly and "@every <duration>". A
// leading "TZ=<zone>" or "CRON_TZ=<zone>" is accepted here (ValidateCronJob
// then forbids it in favour of spec.timeZone).
func ParseCronSchedule(spec string) error {
	if spec == "" {
		return fmt.Errorf("empty spec string")
	}
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		i := strings.IndexByte(spec, ' ')
		if i < 0 {
			i = len(spec)
		}
		_, zone, _ := strings.Cut(spec[:i], "=")
		if _, err := time.LoadLocation(zone); err != nil {
			return fmt.Errorf("provided bad location %s: %v", zone, err)
		}
		spec = strings.TrimSpace(spec[i:])
	}
	if strings.HasPrefix(spec, "@") {
		switch spec {
		case "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly":
			return nil
		}
		if d, ok := strings.CutPrefix(spec, "@every "); ok {
			if _, err := time.ParseDuration(d); err != nil {
				return fmt.Errorf("failed to parse duration %s: %v", spec, err)
			}
			return nil
		}
		return fmt.Errorf("unrecognized descriptor: %s", spec)
	}
	fields := strings.Fields(spec)
	if len(fields) != len(cronFields) {
		return fmt.Errorf("expected exactly %d fields, found %d: %v", len(cronFields), len(fields), fields)
	}
	for i, f := range fields {
		for _, expr := range strings.Split(f, ",") {
			if err := cronFields[i].check(expr); err != nil {
				return err
			}
		}
	}
	return nil
}

func (cf cronField) check(expr string) error {
	rangePart, stepPart, hasStep := strings.Cut(expr, "/")
	if strings.Contains(stepPart, "/") {
		return fmt.Errorf("too many slashes: %s", expr)
	}
	lo, hi := cf.min, cf.max
	if rangePart != "*" && rangePart != "?" {
		a, b, isRange := strings.Cut(rangePart, "-")
		if strings.Contains(b, "-") {
			return fmt.Errorf("too many hyphens: %s", expr)
		}
		var err error
		if lo, err = cf.value(a); err != nil {
			return err
		}
		hi = lo
		if isRange {
			if hi, err = cf.value(b); err != nil {
				return err
			}
		} else if hasStep {
			hi = cf.max
		}
	}
	if hasStep {
		step, err := strconv.Atoi(stepPart)
		if err != nil {
			return fmt.Errorf("failed to parse int from %s: %v", stepPart, err)
		}
		if step <= 0 {
			return fmt.Errorf("step of range should be a positive number: %s", expr)
		}
	}
	switch {
	case lo < cf.min:
		return fmt.Errorf("beginning of range (%d) below minimum (%d): %s", lo, cf.min, expr)
	case hi > cf.max:
		return fmt.Errorf("end of range (%d) above maximum (%d): %s", hi, cf.max, expr)
	case lo > hi:
		return fmt.Errorf("beginning of range (%d) beyond end of range (%d): %s", lo, hi, expr)
	}
	return nil
}

func (cf cronField) value(s string) (int, error) {
	if n, ok := cf.names[strings.ToLower(s)]; ok {
		return n, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("failed to parse int from %s: %v", s, err)
	}
	if n < 0 {
		return 0, fmt.Errorf("negative number (%d) not allowed: %s", n, s)
	}
	return n, nil
}

// ---- HorizontalPodAutoscaler, Scale ----

// ValidateHorizontalPodAutoscaler checks an autoscaler: minReplicas >= 1,
// maxReplicas >= max(1, minReplicas), a scale target with kind and name,
// and metrics whose source matches their type and whose targets are set
// and positive.
func ValidateHorizontalPodAutoscaler(h *HorizontalPodAutoscaler) field.ErrorList {
	errs := validateMeta(&h.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateHPASpec(&h.Spec, field.NewPath("spec"))...)
}

// ValidateHorizontalPodAutoscalerUpdate checks an autoscaler update.
func ValidateHorizontalPodAutoscalerUpdate(h, old *HorizontalPodAutoscaler) field.ErrorList {
	errs := validateMetaUpdate(&h.ObjectMeta, &old.ObjectMeta)
	return append(errs, validateHPASpec(&h.Spec, field.NewPath("spec"))...)
}

func validateHPASpec(s *HorizontalPodAutoscalerSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.MinReplicas != nil && *s.MinReplicas < 1 {
		errs = append(errs, field.Invalid(p.Child("minReplicas"), *s.MinReplicas, "must be greater than or equal to 1"))
	}
	if s.MaxReplicas < 1 {
		errs = append(errs, field.Invalid(p.Child("maxReplicas"), s.MaxReplicas, "must be greater than 0"))
	}
	if s.MinReplicas != nil && s.MaxReplicas < *s.MinReplicas {
		errs = append(errs, field.Invalid(p.Child("maxReplicas"), s.MaxReplicas, "must be greater than or equal to `minReplicas`"))
	}
	if refErrs := validateCrossVersionObjectReference(s.ScaleTargetRef, p.Child("scaleTargetRef")); len(refErrs) > 0 {
		errs = append(errs, refErrs...)
	} else {
		for i := range s.Metrics {
			errs = append(errs, validateMetricSpec(&s.Metrics[i], p.Child("metrics").Index(i))...)
		}
	}
	if b := s.Behavior; b != nil {
		errs = append(errs, validateScalingRules(b.ScaleUp, p.Child("behavior", "scaleUp"))...)
		errs = append(errs, validateScalingRules(b.ScaleDown, p.Child("behavior", "scaleDown"))...)
	}
	return errs
}

func validateCrossVersionObjectReference(r CrossVersionObjectReference, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if r.Kind == "" {
		errs = append(errs, field.Required(p.Child("kind"), ""))
	} else {
		errs = append(errs, invalidEach(p.Child("kind"), r.Kind, NameIsPathSegment(r.Kind, false))...)
	}
	if r.Name == "" {
		errs = append(errs, field.Required(p.Child("name"), ""))
	} else {
		errs = append(errs, invalidEach(p.Child("name"), r.Name, NameIsPathSegment(r.Name, false))...)
	}
	return errs
}

var metricSourceTypes = []MetricSourceType{ContainerResourceMetricSourceType, ExternalMetricSourceType,
	ObjectMetricSourceType, PodsMetricSourceType, ResourceMetricSourceType}

func validateMetricSpec(m *MetricSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if m.Type == "" {
		errs = append(errs, field.Required(p.Child("type"), "must specify a metric source type"))
	} else if !slices.Contains(metricSourceTypes, m.Type) {
		errs = append(errs, field.NotSupported(p.Child("type"), string(m.Type), metricSourceTypes))
	}
	present := setFields(m)
	if len(present) == 1 {
		switch {
		case m.Object != nil:
			op := p.Child("object")
			errs = append(errs, validateCrossVersionObjectReference(m.Object.DescribedObject, op.Child("describedObject"))...)
			errs = append(errs, validateMetricIdentifier(m.Object.Metric, op.Child("metric"))...)
			errs = append(errs, validateMetricTarget(m.Object.Target, op.Child("target"))...)
			if m.Object.Target.Value == nil && m.Object.Target.AverageValue == nil {
				errs = append(errs, field.Required(op.Child("target", "averageValue"), "must set either a target value or averageValue"))
			}
		case m.Pods != nil:
			pp := p.Child("pods")
			errs = append(errs, validateMetricIdentifier(m.Pods.Metric, pp.Child("metric"))...)
			errs = append(errs, validateMetricTarget(m.Pods.Target, pp.Child("target"))...)
			if m.Pods.Target.AverageValue == nil {
				errs = append(errs, field.Required(pp.Child("target", "averageValue"), "must specify a positive target averageValue"))
			}
		case m.Resource != nil:
			errs = append(errs, validateResourceMetric(m.Resource.Name, m.Resource.Target, p.Child("resource"))...)
		case m.ContainerResource != nil:
			cp := p.Child("containerResource")
			errs = append(errs, validateResourceMetric(m.ContainerResource.Name, m.ContainerResource.Target, cp)...)
			if m.ContainerResource.Container == "" {
				errs = append(errs, field.Required(cp.Child("container"), "must specify a container"))
			} else {
				errs = append(errs, validateDNS1123Label(m.ContainerResource.Container, cp.Child("container"))...)
			}
		case m.External != nil:
			ep := p.Child("external")
			errs = append(errs, validateMetricIdentifier(m.External.Metric, ep.Child("metric"))...)
			errs = append(errs, validateMetricTarget(m.External.Target, ep.Child("target"))...)
			t := m.External.Target
			switch {
			case t.Value == nil && t.AverageValue == nil:
				errs = append(errs, field.Required(ep.Child("target", "averageValue"), "must set either a target value for metric or a per-pod target"))
			case t.Value != nil && t.AverageValue != nil:
				errs = append(errs, field.Forbidden(ep.Child("target", "value"), "may not set both a target value for metric and a per-pod target"))
			}
		}
	}
	expected := map[MetricSourceType]string{ObjectMetricSourceType: "object", PodsMetricSourceType: "pods",
		ResourceMetricSourceType: "resource", ContainerResourceMetricSourceType: "containerResource", ExternalMetricSourceType: "external"}[m.Type]
	if expected != "" && !slices.Contains(present, expected) {
		errs = append(errs, field.Required(p.Child(expected), "must populate information for the given metric source"))
	}
	if len(present) > 1 || len(present) == 1 && expected != "" && present[0] != expected {
		for _, name := range present {
			if name != expected {
				errs = append(errs, field.Forbidden(p.Child(name), "must populate the given metric source only"))
			}
		}
	}
	return errs
}

func validateResourceMetric(name ResourceName, t MetricTarget, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if name == "" {
		errs = append(errs, field.Required(p.Child("name"), "must specify a resource name"))
	} else {
		errs = append(errs, validateContainerResourceName(name, p.Child("name"))...)
	}
	errs = append(errs, validateMetricTarget(t, p.Child("target"))...)
	switch {
	case t.AverageUtilization == nil && t.AverageValue == nil:
		errs = append(errs, field.Required(p.Child("target", "averageUtilization"), "must set either a target raw value or a target utilization"))
	case t.AverageUtilization != nil && t.AverageValue != nil:
		errs = append(errs, field.Forbidden(p.Child("target", "averageValue"), "may not set both a target raw value and a target utilization"))
	}
	return errs
}

func validateMetricIdentifier(id MetricIdentifier, p *field.Path) field.ErrorList {
	if id.Name == "" {
		return field.ErrorList{field.Required(p.Child("name"), "must specify a metric name")}
	}
	errs := invalidEach(p.Child("name"), id.Name, NameIsPathSegment(id.Name, false))
	return append(errs, ValidateLabelSelector(id.Selector, p.Child("selector"))...)
}

func validateMetricTarget(t MetricTarget, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch t.Type {
	case "":
		errs = append(errs, field.Required(p.Child("type"), "must specify a metric target type"))
	case UtilizationMetricType, ValueMetricType, AverageValueMetricType:
	default:
		errs = append(errs, field.Invalid(p.Child("type"), string(t.Type), "must be either Utilization, Value, or AverageValue"))
	}
	if t.Value != nil && t.Value.Sign() != 1 {
		errs = append(errs, field.Invalid(p.Child("value"), t.Value.String(), "must be positive"))
	}
	if t.AverageValue != nil && t.AverageValue.Sign() != 1 {
		errs = append(errs, field.Invalid(p.Child("averageValue"), t.AverageValue.String(), "must be positive"))
	}
	if t.AverageUtilization != nil && *t.AverageUtilization < 1 {
		errs = append(errs, field.Invalid(p.Child("averageUtilization"), *t.AverageUtilization, "must be greater than 0"))
	}
	return errs
}

func validateScalingRules(r *HPAScalingRules, p *field.Path) field.ErrorList {
	if r == nil {
		return nil
	}
	var errs field.ErrorList
	if w := r.StabilizationWindowSeconds; w != nil {
		if *w < 0 {
			errs = append(errs, field.Invalid(p.Child("stabilizationWindowSeconds"), *w, "must be greater than or equal to zero"))
		} else if *w > 3600 {
			errs = append(errs, field.Invalid(p.Child("stabilizationWindowSeconds"), *w, "must be less than or equal to 3600"))
		}
	}
	selects := []ScalingPolicySelect{DisabledPolicySelect, MaxChangePolicySelect, MinChangePolicySelect}
	if sel := r.SelectPolicy; sel != nil && !slices.Contains(selects, *sel) {
		errs = append(errs, field.NotSupported(p.Child("selectPolicy"), string(*sel), selects))
	}
	for i, pol := range r.Policies {
		pp := p.Child("policies").Index(i)
		types := []HPAScalingPolicyType{PercentScalingPolicy, PodsScalingPolicy}
		if !slices.Contains(types, pol.Type) {
			errs = append(errs, field.NotSupported(pp.Child("type"), string(pol.Type), types))
		}
		if pol.Value <= 0 {
			errs = append(errs, field.Invalid(pp.Child("value"), pol.Value, isNotPositiveErrorMsg))
		}
		if pol.PeriodSeconds <= 0 {
			errs = append(errs, field.Invalid(pp.Child("periodSeconds"), pol.PeriodSeconds, isNotPositiveErrorMsg))
		} else if pol.PeriodSeconds > 1800 {
			errs = append(errs, field.Invalid(pp.Child("periodSeconds"), pol.PeriodSeconds, "must be less than or equal to 1800"))
		}
	}
	if t := r.Tolerance; t != nil && t.Sign() < 0 {
		errs = append(errs, field.Invalid(p.Child("tolerance"), t.String(), isNegativeErrorMsg))
	}
	return errs
}

// ValidateScale checks a scale subresource request: replicas >= 0.
func ValidateScale(s *Scale) field.ErrorList {
	errs := validateMeta(&s.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateNonnegative(int64(s.Spec.Replicas), field.NewPath("spec", "replicas"))...)
}

// ---- Lease ----

// ValidateLease checks a lease: positive duration, non-negative
// transitions, and a known coordination strategy.
func ValidateLease(l *Lease) field.ErrorList {
	errs := validateMeta(&l.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateLeaseSpec(&l.Spec, field.NewPath("spec"))...)
}

func validateLeaseSpec(s *LeaseSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if d := s.LeaseDurationSeconds; d != nil && *d <= 0 {
		errs = append(errs, field.Invalid(p.Child("leaseDurationSeconds"), *d, "must be greater than 0"))
	}
	if t := s.LeaseTransitions; t != nil && *t < 0 {
		errs = append(errs, field.Invalid(p.Child("leaseTransitions"), *t, isNegativeErrorMsg))
	}
	if st := s.Strategy; st != nil && *st != OldestEmulationVersion {
		errs = append(errs, field.NotSupported(p.Child("strategy"), string(*st), []CoordinatedLeaseStrategy{OldestEmulationVersion}))
	}
	if s.PreferredHolder != nil && *s.PreferredHolder != "" && s.Strategy == nil {
		errs = append(errs, field.Forbidden(p.Child("preferredHolder"), "may only be specified if `strategy` is defined"))
	}
	return errs
}

// ValidateLeaseUpdate checks a lease update.
func ValidateLeaseUpdate(l, old *Lease) field.ErrorList {
	errs := validateMetaUpdate(&l.ObjectMeta, &old.ObjectMeta)
	return append(errs, validateLeaseSpec(&l.Spec, field.NewPath("spec"))...)
}

// ---- EndpointSlice ----

const (
	maxEndpointsPerSlice    = 1000
	maxAddressesPerEndpoint = 100
	maxPortsPerSlice        = 20000
)

var addressTypes = []AddressType{AddressTypeFQDN, AddressTypeIPv4, AddressTypeIPv6}

// ValidateEndpointSlice checks an endpoint slice: a known addressType, at
// most 1000 endpoints whose addresses match that type, and valid ports.
func ValidateEndpointSlice(s *EndpointSlice) field.ErrorList {
	errs := validateMeta(&s.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateEndpointSliceFields(s)...)
}

func validateEndpointSliceFields(s *EndpointSlice) field.ErrorList {
	var errs field.ErrorList
	ap := field.NewPath("addressType")
	if s.AddressType == "" {
		errs = append(errs, field.Required(ap, ""))
	} else if !slices.Contains(addressTypes, s.AddressType) {
		errs = append(errs, field.NotSupported(ap, string(s.AddressType), addressTypes))
	}
	ep := field.NewPath("endpoints")
	if len(s.Endpoints) > maxEndpointsPerSlice {
		errs = append(errs, field.TooMany(ep, len(s.Endpoints), maxEndpointsPerSlice))
	}
	for i := range s.Endpoints {
		e := &s.Endpoints[i]
		ip := ep.Index(i)
		addrPath := ip.Child("addresses")
		if len(e.Addresses) == 0 {
			errs = append(errs, field.Required(addrPath, "must contain at least 1 address"))
		} else if len(e.Addresses) > maxAddressesPerEndpoint {
			errs = append(errs, field.TooMany(addrPath, len(e.Addresses), maxAddressesPerEndpoint))
		}
		for j, a := range e.Addresses {
			aj := addrPath.Index(j)
			switch s.AddressType {
			case AddressTypeIPv4, AddressTypeIPv6:
				addr, ok := parseIP(a)
				if !ok || addr.Is4() != (s.AddressType == AddressTypeIPv4) {
					family := "IPv4"
					if s.AddressType == AddressTypeIPv6 {
						family = "IPv6"
					}
					errs = append(errs, field.Invalid(aj, a, "must be a valid "+family+" address"))
				} else {
					errs = append(errs, validateNonSpecialIP(a, aj)...)
				}
			case AddressTypeFQDN:
				errs = append(errs, validateFQDN(a, aj)...)
			}
		}
		if e.NodeName != nil {
			errs = append(errs, invalidEach(ip.Child("nodeName"), *e.NodeName, NameIsDNSSubdomain(*e.NodeName, false))...)
		}
		if e.Hostname != nil {
			errs = append(errs, validateDNS1123Label(*e.Hostname, ip.Child("hostname"))...)
		}
		tp := ip.Child("deprecatedTopology")
		if len(e.DeprecatedTopology) > 16 {
			errs = append(errs, field.TooMany(tp, len(e.DeprecatedTopology), 16))
		}
		errs = append(errs, ValidateLabels(e.DeprecatedTopology, tp)...)
		if h := e.Hints; h != nil {
			hp := ip.Child("hints")
			if len(h.ForZones) > 8 {
				errs = append(errs, field.TooMany(hp.Child("forZones"), len(h.ForZones), 8))
			}
			for j, z := range h.ForZones {
				errs = append(errs, invalidEach(hp.Child("forZones").Index(j).Child("name"), z.Name, labels.ValidateLabelValue(z.Name))...)
			}
		}
	}
	pp := field.NewPath("ports")
	if len(s.Ports) > maxPortsPerSlice {
		errs = append(errs, field.TooMany(pp, len(s.Ports), maxPortsPerSlice))
	}
	names := map[string]bool{}
	for i, port := range s.Ports {
		ip := pp.Index(i)
		name := ""
		if port.Name != nil {
			name = *port.Name
		}
		if name != "" {
			errs = append(errs, validateDNS1123Label(name, ip.Child("name"))...)
		}
		if names[name] {
			errs = append(errs, field.Duplicate(ip.Child("name"), name))
		}
		names[name] = true
		if port.Protocol != nil && !slices.Contains(supportedPortProtocols, *port.Protocol) {
			errs = append(errs, field.NotSupported(ip.Child("protocol"), string(*port.Protocol), supportedPortProtocols))
		}
		if port.Port != nil {
			errs = append(errs, invalidEach(ip.Child("port"), *port.Port, isValidPortNum(int(*port.Port)))...)
		}
		if port.AppProtocol != nil {
			errs = append(errs, validateQualifiedName(*port.AppProtocol, ip.Child("appProtocol"))...)
		}
	}
	return errs
}

// validateFQDN checks a fully qualified domain name: at least two labels.
func validateFQDN(name string, p *field.Path) field.ErrorList {
	name = strings.TrimSuffix(name, ".")
	if errs := validateDNS1123Subdomain(name, p); len(errs) > 0 {
		return errs
	}
	if !strings.Contains(name, ".") {
		return field.ErrorList{field.Invalid(p, name, "should be a domain with at least two segments separated by dots")}
	}
	return nil
}

// ValidateEndpointSliceUpdate checks an endpoint slice update; addressType
// is immutable.
func ValidateEndpointSliceUpdate(s, old *EndpointSlice) field.ErrorList {
	errs := validateMetaUpdate(&s.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateEndpointSliceFields(s)...)
	return append(errs, validateImmutable(string(s.AddressType), string(old.AddressType), field.NewPath("addressType"))...)
}

// ---- PodDisruptionBudget ----

// ValidatePodDisruptionBudget checks a budget: at most one of minAvailable
// and maxUnavailable, each a non-negative count or a percentage up to 100%.
func ValidatePodDisruptionBudget(b *PodDisruptionBudget) field.ErrorList {
	errs := validateMeta(&b.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validatePDBSpec(&b.Spec, field.NewPath("spec"))...)
}

func validatePDBSpec(s *PodDisruptionBudgetSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.MinAvailable != nil && s.MaxUnavailable != nil {
		errs = append(errs, field.Invalid(p, s, "minAvailable and maxUnavailable cannot be both set"))
	}
	errs = append(errs, validateIntOrPercent(s.MinAvailable, p.Child("minAvailable"))...)
	errs = append(errs, notMoreThan100Percent(s.MinAvailable, p.Child("minAvailable"))...)
	errs = append(errs, validateIntOrPercent(s.MaxUnavailable, p.Child("maxUnavailable"))...)
	errs = append(errs, notMoreThan100Percent(s.MaxUnavailable, p.Child("maxUnavailable"))...)
	errs = append(errs, ValidateLabelSelector(s.Selector, p.Child("selector"))...)
	if pol := s.UnhealthyPodEvictionPolicy; pol != nil {
		valid := []UnhealthyPodEvictionPolicyType{AlwaysAllow, IfHealthyBudget}
		if !slices.Contains(valid, *pol) {
			errs = append(errs, field.NotSupported(p.Child("unhealthyPodEvictionPolicy"), string(*pol), valid))
		}
	}
	return errs
}

// ValidatePodDisruptionBudgetUpdate checks a budget update; the spec may change.
func ValidatePodDisruptionBudgetUpdate(b, old *PodDisruptionBudget) field.ErrorList {
	errs := validateMetaUpdate(&b.ObjectMeta, &old.ObjectMeta)
	return append(errs, validatePDBSpec(&b.Spec, field.NewPath("spec"))...)
}

// ---- PriorityClass ----

// systemPriorityClasses are the classes whose names may start with "system-".
var systemPriorityClasses = map[string]int32{
	SystemClusterCritical: SystemCriticalPriority,
	SystemNodeCritical:    SystemCriticalPriority + 1000,
}

// ValidatePriorityClass checks a priority class: names with the "system-"
// prefix are reserved for the built-in system classes, and other classes
// may not exceed 1e9.
func ValidatePriorityClass(pc *PriorityClass) field.ErrorList {
	errs := validateMeta(&pc.ObjectMeta, false, NameIsDNSSubdomain)
	if strings.HasPrefix(pc.Name, SystemPriorityClassPrefix) {
		want, known := systemPriorityClasses[pc.Name]
		var why string
		switch {
		case !known:
			why = fmt.Sprintf("%v is not a known system priority class", pc.Name)
		case pc.Value != want:
			why = fmt.Sprintf("value of %v PriorityClass must be %v", pc.Name, want)
		case pc.GlobalDefault:
			why = fmt.Sprintf("globalDefault of %v PriorityClass must be false", pc.Name)
		}
		if why != "" {
			errs = append(errs, field.Forbidden(metadataPath.Child("name"),
				"priority class names with '"+SystemPriorityClassPrefix+"' prefix are reserved for system use only. error: "+why))
		}
	} else if pc.Value > HighestUserDefinablePriority {
		errs = append(errs, field.Forbidden(field.NewPath("value"),
			fmt.Sprintf("maximum allowed value of a user defined priority is %v", HighestUserDefinablePriority)))
	}
	if pp := pc.PreemptionPolicy; pp != nil && *pp != PreemptLowerPriority && *pp != PreemptNever {
		errs = append(errs, field.NotSupported(field.NewPath("preemptionPolicy"), string(*pp), []PreemptionPolicy{PreemptLowerPriority, PreemptNever}))
	}
	return errs
}

// ValidatePriorityClassUpdate checks a priority class update: value and
// preemptionPolicy are immutable.
func ValidatePriorityClassUpdate(pc, old *PriorityClass) field.ErrorList {
	errs := validateMetaUpdate(&pc.ObjectMeta, &old.ObjectMeta)
	if pc.Value != old.Value {
		errs = append(errs, field.Forbidden(field.NewPath("value"), "may not be changed in an update."))
	}
	return append(errs, validateImmutable(pc.PreemptionPolicy, old.PreemptionPolicy, field.NewPath("preemptionPolicy"))...)
}

// ---- RBAC ----

const rbacGroup = "rbac.authorization.k8s.io"

func validatePolicyRules(rules []PolicyRule, namespaced bool, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, r := range rules {
		ip := p.Index(i)
		if len(r.Verbs) == 0 {
			errs = append(errs, field.Required(ip.Child("verbs"), "verbs must contain at least one value"))
		}
		if len(r.NonResourceURLs) > 0 {
			if namespaced {
				errs = append(errs, field.Invalid(ip.Child("nonResourceURLs"), r.NonResourceURLs, "namespaced rules cannot apply to non-resource URLs"))
			}
			if len(r.APIGroups) > 0 || len(r.Resources) > 0 || len(r.ResourceNames) > 0 {
				errs = append(errs, field.Invalid(ip.Child("nonResourceURLs"), r.NonResourceURLs, "rules cannot apply to both regular resources and non-resource URLs"))
			}
			continue
		}
		if len(r.APIGroups) == 0 {
			errs = append(errs, field.Required(ip.Child("apiGroups"), "resource rules must supply at least one api group"))
		}
		if len(r.Resources) == 0 {
			errs = append(errs, field.Required(ip.Child("resources"), "resource rules must supply at least one resource"))
		}
	}
	return errs
}

// ValidateRole checks a role: its name is a path segment and each rule
// has verbs, and API groups and resources (roles cannot name non-resource
// URLs).
func ValidateRole(r *Role) field.ErrorList {
	errs := validateMeta(&r.ObjectMeta, true, NameIsPathSegment)
	return append(errs, validatePolicyRules(r.Rules, true, field.NewPath("rules"))...)
}

// ValidateRoleUpdate checks a role update.
func ValidateRoleUpdate(r, old *Role) field.ErrorList {
	errs := validateMetaUpdate(&r.ObjectMeta, &old.ObjectMeta)
	return append(errs, validatePolicyRules(r.Rules, true, field.NewPath("rules"))...)
}

// ValidateClusterRole checks a cluster role, including its aggregation rule.
func ValidateClusterRole(r *ClusterRole) field.ErrorList {
	errs := validateMeta(&r.ObjectMeta, false, NameIsPathSegment)
	return append(errs, validateClusterRoleFields(r)...)
}

func validateClusterRoleFields(r *ClusterRole) field.ErrorList {
	errs := validatePolicyRules(r.Rules, false, field.NewPath("rules"))
	if ar := r.AggregationRule; ar != nil {
		sp := field.NewPath("aggregationRule", "clusterRoleSelectors")
		if len(ar.ClusterRoleSelectors) == 0 {
			errs = append(errs, field.Required(sp, "at least one clusterRoleSelector required if aggregationRule is non-nil"))
		}
		for i := range ar.ClusterRoleSelectors {
			errs = append(errs, ValidateLabelSelector(&ar.ClusterRoleSelectors[i], sp.Index(i))...)
		}
	}
	return errs
}

// ValidateClusterRoleUpdate checks a cluster role update.
func ValidateClusterRoleUpdate(r, old *ClusterRole) field.ErrorList {
	errs := validateMetaUpdate(&r.ObjectMeta, &old.ObjectMeta)
	return append(errs, validateClusterRoleFields(r)...)
}

func validateRoleRef(ref RoleRef, kinds []string) field.ErrorList {
	var errs field.ErrorList
	p := field.NewPath("roleRef")
	if ref.APIGroup != rbacGroup {
		errs = append(errs, field.NotSupported(p.Child("apiGroup"), ref.APIGroup, []string{rbacGroup}))
	}
	if !slices.Contains(kinds, ref.Kind) {
		errs = append(errs, field.NotSupported(p.Child("kind"), ref.Kind, kinds))
	}
	if ref.Name == "" {
		errs = append(errs, field.Required(p.Child("name"), ""))
	} else {
		errs = append(errs, invalidEach(p.Child("name"), ref.Name, NameIsPathSegment(ref.Name, false))...)
	}
	return errs
}

func validateSubjects(subjects []Subject, namespaced bool) field.ErrorList {
	var errs field.ErrorList
	for i, s := range subjects {
		sp := field.NewPath("subjects").Index(i)
		if s.Name == "" {
			errs = append(errs, field.Required(sp.Child("name"), ""))
		}
		switch s.Kind {
		case SubjectKindServiceAccount:
			if s.Name != "" {
				errs = append(errs, invalidEach(sp.Child("name"), s.Name, NameIsDNSSubdomain(s.Name, false))...)
			}
			if s.APIGroup != "" {
				errs = append(errs, field.NotSupported(sp.Child("apiGroup"), s.APIGroup, []string{""}))
			}
			if !namespaced && s.Namespace == "" {
				errs = append(errs, field.Required(sp.Child("namespace"), ""))
			}
		case SubjectKindUser, SubjectKindGroup:
			// An empty apiGroup is what defaulting fills with the RBAC group.
			if s.APIGroup != rbacGroup && s.APIGroup != "" {
				errs = append(errs, field.NotSupported(sp.Child("apiGroup"), s.APIGroup, []string{rbacGroup}))
			}
		default:
			errs = append(errs, field.NotSupported(sp.Child("kind"), s.Kind,
				[]string{SubjectKindServiceAccount, SubjectKindUser, SubjectKindGroup}))
		}
	}
	return errs
}

// ValidateRoleBinding checks a role binding: a Role or ClusterRole in the
// RBAC group, and User, Group or ServiceAccount subjects.
func ValidateRoleBinding(b *RoleBinding) field.ErrorList {
	errs := validateMeta(&b.ObjectMeta, true, NameIsPathSegment)
	errs = append(errs, validateRoleRef(b.RoleRef, []string{"Role", "ClusterRole"})...)
	return append(errs, validateSubjects(b.Subjects, true)...)
}

// ValidateRoleBindingUpdate checks a role binding update; roleRef is immutable.
func ValidateRoleBindingUpdate(b, old *RoleBinding) field.ErrorList {
	errs := validateMetaUpdate(&b.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateRoleRef(b.RoleRef, []string{"Role", "ClusterRole"})...)
	errs = append(errs, validateSubjects(b.Subjects, true)...)
	if b.RoleRef != old.RoleRef {
		errs = append(errs, field.Invalid(field.NewPath("roleRef"), b.RoleRef, "cannot change roleRef"))
	}
	return errs
}

// ValidateClusterRoleBinding checks a cluster role binding: a ClusterRole,
// and service account subjects with a namespace.
func ValidateClusterRoleBinding(b *ClusterRoleBinding) field.ErrorList {
	errs := validateMeta(&b.ObjectMeta, false, NameIsPathSegment)
	errs = append(errs, validateRoleRef(b.RoleRef, []string{"ClusterRole"})...)
	return append(errs, validateSubjects(b.Subjects, false)...)
}

// ValidateClusterRoleBindingUpdate checks a cluster role binding update;
// roleRef is immutable.
func ValidateClusterRoleBindingUpdate(b, old *ClusterRoleBinding) field.ErrorList {
	errs := validateMetaUpdate(&b.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateRoleRef(b.RoleRef, []string{"ClusterRole"})...)
	errs = append(errs, validateSubjects(b.Subjects, false)...)
	if b.RoleRef != old.RoleRef {
		errs = append(errs, field.Invalid(field.NewPath("roleRef"), b.RoleRef, "cannot change roleRef"))
	}
	return errs
}

// ---- Storage ----

const (
	maxProvisionerParameterSize = 256 << 10
	maxProvisionerParameterLen  = 512
)

// validateCSIDriverName checks a CSI driver name: at most 63 characters of
// an RFC 1123 subdomain, in any case.
func validateCSIDriverName(name string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if name == "" {
		return field.ErrorList{field.Required(p, "")}
	}
	if len(name) > 63 {
		errs = append(errs, field.TooLong(p, name, 63))
	}
	return append(errs, invalidEach(p, name, labels.IsDNS1123Subdomain(strings.ToLower(name)))...)
}

// ValidateStorageClass checks a storage class: a provisioner (a qualified
// name), parameters within limits, and known reclaim and binding modes.
func ValidateStorageClass(sc *StorageClass) field.ErrorList {
	errs := validateMeta(&sc.ObjectMeta, false, NameIsDNSSubdomain)
	return append(errs, validateStorageClassFields(sc)...)
}

func validateStorageClassFields(sc *StorageClass) field.ErrorList {
	var errs field.ErrorList
	pp := field.NewPath("provisioner")
	if sc.Provisioner == "" {
		errs = append(errs, field.Required(pp, ""))
	} else {
		errs = append(errs, invalidEach(pp, sc.Provisioner, labels.ValidateQualifiedName(strings.ToLower(sc.Provisioner)))...)
	}
	params := field.NewPath("parameters")
	if len(sc.Parameters) > maxProvisionerParameterLen {
		errs = append(errs, field.TooLong(params, "", maxProvisionerParameterLen))
	}
	total := 0
	for _, k := range sortedKeys(sc.Parameters) {
		if k == "" {
			errs = append(errs, field.Invalid(params, k, "field can not be empty."))
		}
		total += len(k) + len(sc.Parameters[k])
	}
	if total > maxProvisionerParameterSize {
		errs = append(errs, field.TooLong(params, "", maxProvisionerParameterSize))
	}
	if rp := sc.ReclaimPolicy; rp != nil {
		valid := []PersistentVolumeReclaimPolicy{PersistentVolumeReclaimDelete, PersistentVolumeReclaimRetain}
		if !slices.Contains(valid, *rp) {
			errs = append(errs, field.NotSupported(field.NewPath("reclaimPolicy"), string(*rp), valid))
		}
	}
	if m := sc.VolumeBindingMode; m != nil {
		valid := []VolumeBindingMode{VolumeBindingImmediate, VolumeBindingWaitForFirstConsumer}
		if !slices.Contains(valid, *m) {
			errs = append(errs, field.NotSupported(field.NewPath("volumeBindingMode"), string(*m), valid))
		}
	}
	tp := field.NewPath("allowedTopologies")
	for i, t := range sc.AllowedTopologies {
		ip := tp.Index(i)
		if len(t.MatchLabelExpressions) == 0 {
			errs = append(errs, field.Required(ip.Child("matchLabelExpressions"), "must contain at least one key-value pair"))
		}
		for j, r := range t.MatchLabelExpressions {
			rp := ip.Child("matchLabelExpressions").Index(j)
			errs = append(errs, validateQualifiedName(r.Key, rp.Child("key"))...)
			if len(r.Values) == 0 {
				errs = append(errs, field.Required(rp.Child("values"), "must specify as least one value"))
			}
			for k, v := range r.Values {
				errs = append(errs, invalidEach(rp.Child("values").Index(k), v, labels.ValidateLabelValue(v))...)
			}
		}
	}
	return errs
}

// ValidateStorageClassUpdate checks a storage class update: provisioner,
// parameters, reclaimPolicy and volumeBindingMode are immutable.
func ValidateStorageClassUpdate(sc, old *StorageClass) field.ErrorList {
	errs := validateMetaUpdate(&sc.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateStorageClassFields(sc)...)
	if !semanticEqual(sc.Parameters, old.Parameters) {
		errs = append(errs, field.Forbidden(field.NewPath("parameters"), "updates to parameters are forbidden."))
	}
	if sc.Provisioner != old.Provisioner {
		errs = append(errs, field.Forbidden(field.NewPath("provisioner"), "updates to provisioner are forbidden."))
	}
	if !semanticEqual(reclaimOrDelete(sc.ReclaimPolicy), reclaimOrDelete(old.ReclaimPolicy)) {
		errs = append(errs, field.Forbidden(field.NewPath("reclaimPolicy"), "updates to reclaimPolicy are forbidden."))
	}
	return append(errs, validateImmutable(sc.VolumeBindingMode, old.VolumeBindingMode, field.NewPath("volumeBindingMode"))...)
}

func reclaimOrDelete(p *PersistentVolumeReclaimPolicy) PersistentVolumeReclaimPolicy {
	if p == nil {
		return PersistentVolumeReclaimDelete
	}
	return *p
}

// ValidateCSIDriver checks a CSI driver object; its name is the driver name.
func ValidateCSIDriver(d *CSIDriver) field.ErrorList {
	errs := validateMeta(&d.ObjectMeta, false, func(name string, prefix bool) []string {
		var msgs []string
		if len(name) > 63 {
			msgs = append(msgs, maxLenMsg(63))
		}
		return append(msgs, NameIsDNSSubdomain(strings.ToLower(name), prefix)...)
	})
	return append(errs, validateCSIDriverSpec(&d.Spec, field.NewPath("spec"))...)
}

func validateCSIDriverSpec(s *CSIDriverSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	modes := []VolumeLifecycleMode{VolumeLifecycleEphemeral, VolumeLifecyclePersistent}
	for i, m := range s.VolumeLifecycleModes {
		if !slices.Contains(modes, m) {
			errs = append(errs, field.NotSupported(p.Child("volumeLifecycleModes").Index(i), string(m), modes))
		}
	}
	if pol := s.FSGroupPolicy; pol != nil {
		valid := []FSGroupPolicy{FileFSGroupPolicy, NoneFSGroupPolicy, ReadWriteOnceWithFSTypeFSGroupPolicy}
		if !slices.Contains(valid, *pol) {
			errs = append(errs, field.NotSupported(p.Child("fsGroupPolicy"), string(*pol), valid))
		}
	}
	audiences := map[string]bool{}
	for i, tr := range s.TokenRequests {
		ip := p.Child("tokenRequests").Index(i)
		if audiences[tr.Audience] {
			errs = append(errs, field.Duplicate(ip.Child("audience"), tr.Audience))
		}
		audiences[tr.Audience] = true
		if e := tr.ExpirationSeconds; e != nil {
			if *e < 600 {
				errs = append(errs, field.Invalid(ip.Child("expirationSeconds"), *e, "may not specify a duration less than 10 minutes"))
			} else if *e > 1<<32 {
				errs = append(errs, field.Invalid(ip.Child("expirationSeconds"), *e, "may not specify a duration larger than 2^32 seconds"))
			}
		}
	}
	if u := s.NodeAllocatableUpdatePeriodSeconds; u != nil && *u < 10 {
		errs = append(errs, field.Invalid(p.Child("nodeAllocatableUpdatePeriodSeconds"), *u, "must be greater than or equal to 10 seconds"))
	}
	return errs
}

// ValidateCSIDriverUpdate checks a CSI driver update: attachRequired,
// fsGroupPolicy and volumeLifecycleModes are immutable.
func ValidateCSIDriverUpdate(d, old *CSIDriver) field.ErrorList {
	errs := validateMetaUpdate(&d.ObjectMeta, &old.ObjectMeta)
	spec := field.NewPath("spec")
	errs = append(errs, validateCSIDriverSpec(&d.Spec, spec)...)
	errs = append(errs, validateImmutable(d.Spec.AttachRequired, old.Spec.AttachRequired, spec.Child("attachRequired"))...)
	errs = append(errs, validateImmutable(d.Spec.FSGroupPolicy, old.Spec.FSGroupPolicy, spec.Child("fsGroupPolicy"))...)
	return append(errs, validateImmutable(d.Spec.VolumeLifecycleModes, old.Spec.VolumeLifecycleModes, spec.Child("volumeLifecycleModes"))...)
}

// ValidateCSINode checks a CSINode: unique, valid driver names, node IDs
// and topology keys.
func ValidateCSINode(n *CSINode) field.ErrorList {
	errs := validateMeta(&n.ObjectMeta, false, NameIsDNSSubdomain)
	return append(errs, validateCSINodeSpec(&n.Spec, field.NewPath("spec"))...)
}

func validateCSINodeSpec(s *CSINodeSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	names := map[string]bool{}
	for i, d := range s.Drivers {
		dp := p.Child("drivers").Index(i)
		errs = append(errs, validateCSIDriverName(d.Name, dp.Child("name"))...)
		if names[d.Name] {
			errs = append(errs, field.Duplicate(dp.Child("name"), d.Name))
		}
		names[d.Name] = true
		switch {
		case d.NodeID == "":
			errs = append(errs, field.Required(dp.Child("nodeID"), "nodeID cannot be empty"))
		case len(d.NodeID) > 192:
			errs = append(errs, field.TooLong(dp.Child("nodeID"), d.NodeID, 192))
		}
		keys := map[string]bool{}
		for j, k := range d.TopologyKeys {
			kp := dp.Child("topologyKeys").Index(j)
			if k == "" {
				errs = append(errs, field.Required(kp, ""))
				continue
			}
			if keys[k] {
				errs = append(errs, field.Duplicate(kp, k))
			}
			keys[k] = true
			errs = append(errs, validateQualifiedName(k, kp)...)
		}
		if a := d.Allocatable; a != nil && a.Count != nil && *a.Count < 0 {
			errs = append(errs, field.Invalid(dp.Child("allocatable", "count"), *a.Count, isNegativeErrorMsg))
		}
	}
	return errs
}

// ValidateCSINodeUpdate checks a CSINode update: a driver that stays keeps
// its nodeID and topology keys.
func ValidateCSINodeUpdate(n, old *CSINode) field.ErrorList {
	errs := validateMetaUpdate(&n.ObjectMeta, &old.ObjectMeta)
	spec := field.NewPath("spec")
	errs = append(errs, validateCSINodeSpec(&n.Spec, spec)...)
	for i, d := range n.Spec.Drivers {
		for _, od := range old.Spec.Drivers {
			if od.Name != d.Name {
				continue
			}
			dp := spec.Child("drivers").Index(i)
			errs = append(errs, validateImmutable(d.NodeID, od.NodeID, dp.Child("nodeID"))...)
			errs = append(errs, validateImmutable(d.TopologyKeys, od.TopologyKeys, dp.Child("topologyKeys"))...)
		}
	}
	return errs
}

// ValidateVolumeAttachment checks a volume attachment: attacher, exactly
// one source and a node name.
func ValidateVolumeAttachment(va *VolumeAttachment) field.ErrorList {
	errs := validateMeta(&va.ObjectMeta, false, NameIsDNSSubdomain)
	return append(errs, validateVolumeAttachmentSpec(&va.Spec, field.NewPath("spec"))...)
}

func validateVolumeAttachmentSpec(s *VolumeAttachmentSpec, p *field.Path) field.ErrorList {
	errs := validateCSIDriverName(s.Attacher, p.Child("attacher"))
	sp := p.Child("source")
	switch {
	case s.Source.PersistentVolumeName == nil && s.Source.InlineVolumeSpec == nil:
		errs = append(errs, field.Required(sp, "must specify exactly one of inlineVolumeSpec and persistentVolumeName"))
	case s.Source.PersistentVolumeName != nil && s.Source.InlineVolumeSpec != nil:
		errs = append(errs, field.Forbidden(sp, "must specify exactly one of inlineVolumeSpec and persistentVolumeName"))
	case s.Source.PersistentVolumeName != nil && *s.Source.PersistentVolumeName == "":
		errs = append(errs, field.Required(sp.Child("persistentVolumeName"), "must specify non empty persistentVolumeName"))
	}
	if s.NodeName == "" {
		errs = append(errs, field.Required(p.Child("nodeName"), ""))
	} else {
		errs = append(errs, invalidEach(p.Child("nodeName"), s.NodeName, NameIsDNSSubdomain(s.NodeName, false))...)
	}
	return errs
}

// ValidateVolumeAttachmentUpdate checks a volume attachment update; the
// spec is immutable.
func ValidateVolumeAttachmentUpdate(va, old *VolumeAttachment) field.ErrorList {
	errs := validateMetaUpdate(&va.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateVolumeAttachmentSpec(&va.Spec, field.NewPath("spec"))...)
	if !semanticEqual(va.Spec, old.Spec) {
		errs = append(errs, field.Invalid(field.NewPath("spec"), field.OmitValue, fieldImmutableErrMsg))
	}
	return errs
}

// ---- CustomResourceDefinition ----

var (
	resourceScopes     = []ResourceScope{ClusterScoped, NamespaceScoped}
	schemaTypes        = []string{"array", "boolean", "integer", "number", "object", "string"}
	printerColumnTypes = []string{"boolean", "date", "integer", "number", "string"}
)

// ValidateCustomResourceDefinition checks a CRD: its name is
// <spec.names.plural>.<spec.group>, the group has a dot, the names are RFC
// 1035 labels (kinds in any case), the scope is known, versions are unique
// with exactly one storage version, and each schema is an object at the
// root with typed properties. The full structural-schema rules are not
// checked; the API server validates custom objects against the schema.
func ValidateCustomResourceDefinition(crd *CustomResourceDefinition) field.ErrorList {
	errs := validateMeta(&crd.ObjectMeta, false, func(name string, prefix bool) []string {
		msgs := NameIsDNSSubdomain(name, prefix)
		if name != crd.Spec.Names.Plural+"."+crd.Spec.Group {
			msgs = append(msgs, `must be spec.names.plural+"."+spec.group`)
		}
		return msgs
	})
	return append(errs, validateCRDSpec(&crd.Spec, field.NewPath("spec"))...)
}

func validateCRDSpec(s *CustomResourceDefinitionSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	gp := p.Child("group")
	switch {
	case s.Group == "":
		errs = append(errs, field.Required(gp, ""))
	case len(labels.IsDNS1123Subdomain(s.Group)) > 0:
		errs = append(errs, field.Invalid(gp, s.Group, strings.Join(labels.IsDNS1123Subdomain(s.Group), ",")))
	case !strings.Contains(s.Group, "."):
		errs = append(errs, field.Invalid(gp, s.Group, "should be a domain with at least one dot"))
	}
	if s.Scope == "" {
		errs = append(errs, field.Required(p.Child("scope"), ""))
	} else if !slices.Contains(resourceScopes, s.Scope) {
		errs = append(errs, field.NotSupported(p.Child("scope"), string(s.Scope), resourceScopes))
	}

	vp := p.Child("versions")
	storage := 0
	seen := map[string]bool{}
	unique := true
	for i := range s.Versions {
		v := &s.Versions[i]
		ip := vp.Index(i)
		if v.Storage {
			storage++
		}
		if seen[v.Name] {
			unique = false
		}
		seen[v.Name] = true
		if msgs := isDNS1035Label(v.Name); len(msgs) > 0 {
			errs = append(errs, field.Invalid(ip.Child("name"), v.Name, strings.Join(msgs, ",")))
		}
		if v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
			errs = append(errs, field.Required(ip.Child("schema", "openAPIV3Schema"), "schemas are required"))
		} else {
			errs = append(errs, validateCRDSchemaRoot(v.Schema.OpenAPIV3Schema, ip.Child("schema", "openAPIV3Schema"))...)
		}
		if sr := v.Subresources; sr != nil && sr.Scale != nil {
			sp := ip.Child("subresources", "scale")
			if !strings.HasPrefix(sr.Scale.SpecReplicasPath, ".spec.") {
				errs = append(errs, field.Invalid(sp.Child("specReplicasPath"), sr.Scale.SpecReplicasPath, "should be a json path under .spec"))
			}
			if !strings.HasPrefix(sr.Scale.StatusReplicasPath, ".status.") {
				errs = append(errs, field.Invalid(sp.Child("statusReplicasPath"), sr.Scale.StatusReplicasPath, "should be a json path under .status"))
			}
		}
		for j, c := range v.AdditionalPrinterColumns {
			cp := ip.Child("additionalPrinterColumns").Index(j)
			if c.Name == "" {
				errs = append(errs, field.Required(cp.Child("name"), ""))
			}
			if c.Type == "" {
				errs = append(errs, field.Required(cp.Child("type"), ""))
			} else if !slices.Contains(printerColumnTypes, c.Type) {
				errs = append(errs, field.NotSupported(cp.Child("type"), c.Type, printerColumnTypes))
			}
			if c.JSONPath == "" {
				errs = append(errs, field.Required(cp.Child("jsonPath"), ""))
			}
		}
	}
	if len(s.Versions) == 0 {
		errs = append(errs, field.Required(vp, "must have exactly one version marked as storage version"))
	} else {
		if !unique {
			errs = append(errs, field.Invalid(vp, field.OmitValue, "must contain unique version names"))
		}
		if storage != 1 {
			errs = append(errs, field.Invalid(vp, field.OmitValue, "must have exactly one version marked as storage version"))
		}
	}
	errs = append(errs, validateCRDNames(&s.Names, p.Child("names"))...)
	if c := s.Conversion; c != nil {
		cp := p.Child("conversion")
		switch c.Strategy {
		case NoneConverter:
			if c.Webhook != nil {
				errs = append(errs, field.Forbidden(cp.Child("webhook"), "should not be set when strategy is not set to Webhook"))
			}
		case WebhookConverter:
			if c.Webhook == nil || c.Webhook.ClientConfig == nil {
				errs = append(errs, field.Required(cp.Child("webhook", "clientConfig"), "required when strategy is set to Webhook"))
			} else if cc := c.Webhook.ClientConfig; (cc.URL == nil) == (cc.Service == nil) {
				errs = append(errs, field.Required(cp.Child("webhook", "clientConfig"), "exactly one of url or service is required"))
			}
			if c.Webhook != nil && len(c.Webhook.ConversionReviewVersions) == 0 {
				errs = append(errs, field.Required(cp.Child("webhook", "conversionReviewVersions"), "must include at least one of v1, v1beta1"))
			}
		case "":
			errs = append(errs, field.Required(cp.Child("strategy"), ""))
		default:
			errs = append(errs, field.NotSupported(cp.Child("strategy"), string(c.Strategy), []ConversionStrategyType{NoneConverter, WebhookConverter}))
		}
	}
	return errs
}

func validateCRDNames(n *CustomResourceDefinitionNames, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if n.Plural == "" {
		errs = append(errs, field.Required(p.Child("plural"), ""))
	} else if msgs := isDNS1035Label(n.Plural); len(msgs) > 0 {
		errs = append(errs, field.Invalid(p.Child("plural"), n.Plural, strings.Join(msgs, ",")))
	}
	if n.Singular != "" {
		if msgs := isDNS1035Label(n.Singular); len(msgs) > 0 {
			errs = append(errs, field.Invalid(p.Child("singular"), n.Singular, strings.Join(msgs, ",")))
		}
	}
	if n.Kind == "" {
		errs = append(errs, field.Required(p.Child("kind"), ""))
	} else if msgs := isDNS1035Label(strings.ToLower(n.Kind)); len(msgs) > 0 {
		errs = append(errs, field.Invalid(p.Child("kind"), n.Kind, "may have mixed case, but should otherwise match: "+strings.Join(msgs, ",")))
	}
	if n.ListKind != "" {
		if msgs := isDNS1035Label(strings.ToLower(n.ListKind)); len(msgs) > 0 {
			errs = append(errs, field.Invalid(p.Child("listKind"), n.ListKind, "may have mixed case, but should otherwise match: "+strings.Join(msgs, ",")))
		}
		if n.Kind != "" && n.Kind == n.ListKind {
			errs = append(errs, field.Invalid(p.Child("listKind"), n.ListKind, "kind and listKind may not be the same"))
		}
	}
	for i, s := range n.ShortNames {
		if msgs := isDNS1035Label(s); len(msgs) > 0 {
			errs = append(errs, field.Invalid(p.Child("shortNames").Index(i), s, strings.Join(msgs, ",")))
		}
	}
	for i, c := range n.Categories {
		if msgs := isDNS1035Label(c); len(msgs) > 0 {
			errs = append(errs, field.Invalid(p.Child("categories").Index(i), c, strings.Join(msgs, ",")))
		}
	}
	return errs
}

// validateCRDSchemaRoot checks the root of a version schema: type object,
// and a type on every property below it.
func validateCRDSchemaRoot(s *JSONSchemaProps, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch s.Type {
	case "":
		errs = append(errs, field.Required(p.Child("type"), "must not be empty at the root"))
	case "object":
	default:
		errs = append(errs, field.Invalid(p.Child("type"), s.Type, "must be object at the root"))
	}
	return append(errs, validateCRDSchemaChildren(s, p, 0)...)
}

// maxSchemaDepth bounds the recursion over a schema.
const maxSchemaDepth = 64

func validateCRDSchemaChildren(s *JSONSchemaProps, p *field.Path, depth int) field.ErrorList {
	if depth > maxSchemaDepth {
		return field.ErrorList{field.Forbidden(p, fmt.Sprintf("must not be nested more than %d levels deep", maxSchemaDepth))}
	}
	var errs field.ErrorList
	for _, name := range sortedKeys(s.Properties) {
		prop := s.Properties[name]
		errs = append(errs, validateCRDSchemaNode(&prop, p.Child("properties").Key(name), depth+1)...)
	}
	if s.Items != nil && s.Items.Schema != nil {
		errs = append(errs, validateCRDSchemaNode(s.Items.Schema, p.Child("items"), depth+1)...)
	}
	if s.Type == "array" && (s.Items == nil || s.Items.Schema == nil && len(s.Items.JSONSchemas) == 0) {
		errs = append(errs, field.Required(p.Child("items"), "must be specified"))
	}
	if ap := s.AdditionalProperties; ap != nil && ap.Schema != nil {
		errs = append(errs, validateCRDSchemaNode(ap.Schema, p.Child("additionalProperties"), depth+1)...)
	}
	return errs
}

func validateCRDSchemaNode(s *JSONSchemaProps, p *field.Path, depth int) field.ErrorList {
	var errs field.ErrorList
	preserve := s.XPreserveUnknownFields != nil && *s.XPreserveUnknownFields
	switch {
	case s.Type == "" && !s.XIntOrString && !preserve:
		errs = append(errs, field.Required(p.Child("type"), "must not be empty for specified object fields"))
	case s.Type != "" && !slices.Contains(schemaTypes, s.Type):
		errs = append(errs, field.NotSupported(p.Child("type"), s.Type, schemaTypes))
	}
	return append(errs, validateCRDSchemaChildren(s, p, depth)...)
}

// ValidateCustomResourceDefinitionUpdate checks a CRD update; once the
// CRD is established its scope may not change.
func ValidateCustomResourceDefinitionUpdate(crd, old *CustomResourceDefinition) field.ErrorList {
	errs := validateMetaUpdate(&crd.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateCRDSpec(&crd.Spec, field.NewPath("spec"))...)
	if crd.Name != crd.Spec.Names.Plural+"."+crd.Spec.Group {
		errs = append(errs, field.Invalid(metadataPath.Child("name"), crd.Name, `must be spec.names.plural+"."+spec.group`))
	}
	established := slices.ContainsFunc(old.Status.Conditions, func(c CustomResourceDefinitionCondition) bool {
		return c.Type == CRDEstablished && c.Status == ConditionTrue
	})
	if established {
		errs = append(errs, validateImmutable(string(crd.Spec.Scope), string(old.Spec.Scope), field.NewPath("spec", "scope"))...)
	}
	return errs
}

// ---- Reviews ----

// ValidateTokenReview checks a token review: the token is required.
func ValidateTokenReview(r *TokenReview) field.ErrorList {
	if r.Spec.Token == "" {
		return field.ErrorList{field.Required(field.NewPath("spec", "token"), "")}
	}
	return nil
}

func validateAttributes(res *ResourceAttributes, nonRes *NonResourceAttributes, p *field.Path) field.ErrorList {
	switch {
	case res != nil && nonRes != nil:
		return field.ErrorList{field.Invalid(p.Child("nonResourceAttributes"), nonRes, "cannot be specified in combination with resourceAttributes")}
	case res == nil && nonRes == nil:
		return field.ErrorList{field.Invalid(p.Child("resourceAttributes"), nonRes, "exactly one of nonResourceAttributes or resourceAttributes must be specified")}
	}
	return nil
}

// ValidateSubjectAccessReview checks a subject access review: exactly one
// of resource and non-resource attributes, and a user or group.
func ValidateSubjectAccessReview(r *SubjectAccessReview) field.ErrorList {
	spec := field.NewPath("spec")
	errs := validateAttributes(r.Spec.ResourceAttributes, r.Spec.NonResourceAttributes, spec)
	if r.Spec.User == "" && len(r.Spec.Groups) == 0 {
		errs = append(errs, field.Invalid(spec.Child("user"), r.Spec.User, "at least one of user or group must be specified"))
	}
	return errs
}

// ValidateSelfSubjectAccessReview checks a self subject access review:
// exactly one of resource and non-resource attributes.
func ValidateSelfSubjectAccessReview(r *SelfSubjectAccessReview) field.ErrorList {
	return validateAttributes(r.Spec.ResourceAttributes, r.Spec.NonResourceAttributes, field.NewPath("spec"))
}

// ValidateLocalSubjectAccessReview checks a local subject access review:
// resource attributes in the review's own namespace, and a user or group.
func ValidateLocalSubjectAccessReview(r *LocalSubjectAccessReview) field.ErrorList {
	spec := field.NewPath("spec")
	var errs field.ErrorList
	if r.Spec.ResourceAttributes == nil {
		errs = append(errs, field.Required(spec.Child("resourceAttributes"), ""))
	} else if r.Spec.ResourceAttributes.Namespace != r.Namespace {
		errs = append(errs, field.Invalid(spec.Child("resourceAttributes", "namespace"), r.Spec.ResourceAttributes.Namespace, "must match metadata.namespace"))
	}
	if r.Spec.NonResourceAttributes != nil {
		errs = append(errs, field.Invalid(spec.Child("nonResourceAttributes"), r.Spec.NonResourceAttributes, "disallowed on this kind of request"))
	}
	if r.Spec.User == "" && len(r.Spec.Groups) == 0 {
		errs = append(errs, field.Invalid(spec.Child("user"), r.Spec.User, "at least one of user or group must be specified"))
	}
	return errs
}

// ---- Other storage kinds ----

// ValidateCSIStorageCapacity checks a CSIStorageCapacity: a storage class
// name and non-negative capacities.
func ValidateCSIStorageCapacity(c *CSIStorageCapacity) field.ErrorList {
	errs := validateMeta(&c.ObjectMeta, true, NameIsDNSSubdomain)
	return append(errs, validateCSIStorageCapacityFields(c)...)
}

func validateCSIStorageCapacityFields(c *CSIStorageCapacity) field.ErrorList {
	errs := ValidateLabelSelector(c.NodeTopology, field.NewPath("nodeTopology"))
	sp := field.NewPath("storageClassName")
	if c.StorageClassName == "" {
		errs = append(errs, field.Required(sp, ""))
	} else {
		errs = append(errs, invalidEach(sp, c.StorageClassName, NameIsDNSSubdomain(c.StorageClassName, false))...)
	}
	if c.Capacity != nil && c.Capacity.Sign() < 0 {
		errs = append(errs, field.Invalid(field.NewPath("capacity"), c.Capacity.String(), isNegativeErrorMsg))
	}
	if c.MaximumVolumeSize != nil && c.MaximumVolumeSize.Sign() < 0 {
		errs = append(errs, field.Invalid(field.NewPath("maximumVolumeSize"), c.MaximumVolumeSize.String(), isNegativeErrorMsg))
	}
	return errs
}

// ValidateCSIStorageCapacityUpdate checks a CSIStorageCapacity update;
// storageClassName and nodeTopology are immutable.
func ValidateCSIStorageCapacityUpdate(c, old *CSIStorageCapacity) field.ErrorList {
	errs := validateMetaUpdate(&c.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateCSIStorageCapacityFields(c)...)
	errs = append(errs, validateImmutable(c.StorageClassName, old.StorageClassName, field.NewPath("storageClassName"))...)
	return append(errs, validateImmutable(c.NodeTopology, old.NodeTopology, field.NewPath("nodeTopology"))...)
}

// ValidateVolumeAttributesClass checks a VolumeAttributesClass: a driver
// name and parameters within the provisioner limits.
func ValidateVolumeAttributesClass(c *VolumeAttributesClass) field.ErrorList {
	errs := validateMeta(&c.ObjectMeta, false, NameIsDNSSubdomain)
	return append(errs, validateVolumeAttributesClassFields(c)...)
}

func validateVolumeAttributesClassFields(c *VolumeAttributesClass) field.ErrorList {
	errs := validateCSIDriverName(c.DriverName, field.NewPath("driverName"))
	params := field.NewPath("parameters")
	if len(c.Parameters) > maxProvisionerParameterLen {
		errs = append(errs, field.TooLong(params, "", maxProvisionerParameterLen))
	}
	total := 0
	for _, k := range sortedKeys(c.Parameters) {
		if k == "" {
			errs = append(errs, field.Invalid(params, k, "field can not be empty."))
		}
		total += len(k) + len(c.Parameters[k])
	}
	if total > maxProvisionerParameterSize {
		errs = append(errs, field.TooLong(params, "", maxProvisionerParameterSize))
	}
	return errs
}

// ValidateVolumeAttributesClassUpdate checks a VolumeAttributesClass
// update; driverName and parameters are immutable.
func ValidateVolumeAttributesClassUpdate(c, old *VolumeAttributesClass) field.ErrorList {
	errs := validateMetaUpdate(&c.ObjectMeta, &old.ObjectMeta)
	errs = append(errs, validateVolumeAttributesClassFields(c)...)
	errs = append(errs, validateImmutable(c.DriverName, old.DriverName, field.NewPath("driverName"))...)
	return append(errs, validateImmutable(c.Parameters, old.Parameters, field.NewPath("parameters"))...)
}

// ---- More reviews ----

// ValidateSelfSubjectRulesReview checks a rules review: the namespace is
// required.
func ValidateSelfSubjectRulesReview(r *SelfSubjectRulesReview) field.ErrorList {
	if r.Spec.Namespace == "" {
		return field.ErrorList{field.Required(field.NewPath("spec", "namespace"), "")}
	}
	return invalidEach(field.NewPath("spec", "namespace"), r.Spec.Namespace, NameIsDNSLabel(r.Spec.Namespace, false))
}

// ValidateTokenRequest checks a service account token request: an
// expiration of at least 10 minutes and at most 2^32 seconds, and a bound
// object that is a Pod, Secret or Node.
func ValidateTokenRequest(r *TokenRequest) field.ErrorList {
	var errs field.ErrorList
	spec := field.NewPath("spec")
	if e := r.Spec.ExpirationSeconds; e != nil {
		if *e < 600 {
			errs = append(errs, field.Invalid(spec.Child("expirationSeconds"), *e, "may not specify a duration less than 10 minutes"))
		}
		if *e > 1<<32 {
			errs = append(errs, field.Invalid(spec.Child("expirationSeconds"), *e, "may not specify a duration larger than 2^32 seconds"))
		}
	}
	if ref := r.Spec.BoundObjectRef; ref != nil {
		kinds := []string{"Pod", "Secret", "Node"}
		if !slices.Contains(kinds, ref.Kind) {
			errs = append(errs, field.NotSupported(spec.Child("boundObjectRef", "kind"), ref.Kind, kinds))
		}
		if ref.Name == "" {
			errs = append(errs, field.Required(spec.Child("boundObjectRef", "name"), ""))
		}
	}
	return errs
}
