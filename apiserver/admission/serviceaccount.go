package admission

import (
	"context"
	"errors"

	"github.com/orcaproj/orca/apiobj"
)

// DefaultServiceAccountName is the service account of pods that name none.
const DefaultServiceAccountName = "default"

// MirrorPodAnnotation marks a mirror pod: the API copy of a static pod that
// a node agent runs from a file.
const MirrorPodAnnotation = "kubernetes.io/config.mirror"

type serviceAccount struct{}

var _ Mutator = serviceAccount{}

// ServiceAccount defaults the service account of pods being created, as
// Kubernetes' plugin of the same name does: spec.serviceAccountName (and its
// deprecated alias spec.serviceAccount, which the wire form carries too)
// becomes "default" when neither names one, and the alias wins when only it
// is set. Mirror pods get none, and a mirror pod that names one is refused
// with 403.
//
// It does not check that the service account exists, and it does not mount
// a service-account token: tokens come with service-account token issuance.
func ServiceAccount() Mutator { return serviceAccount{} }

// Admit implements Mutator.
func (serviceAccount) Admit(_ context.Context, a *Attributes) error {
	if a.Operation != Create || !isResource(a, "", "pods") {
		return nil
	}
	pod, ok := a.Object.(*apiobj.Pod)
	if !ok {
		return wrongType(a, a.Object)
	}
	name := pod.Spec.ServiceAccountName
	if name == "" {
		name = pod.Spec.DeprecatedServiceAccount // the wire alias is honoured
	}
	if _, mirror := pod.Annotations[MirrorPodAnnotation]; mirror {
		if name != "" {
			return forbidden(a, errors.New("a mirror pod may not reference service accounts"))
		}
		return nil
	}
	if name == "" {
		name = DefaultServiceAccountName
	}
	pod.Spec.ServiceAccountName = name
	pod.Spec.DeprecatedServiceAccount = name // kept in step, as Kubernetes does
	return nil
}
