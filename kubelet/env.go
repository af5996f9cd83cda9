package kubelet

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
)

// envSource resolves container environments for one pod, reading each
// ConfigMap and Secret once per sync.
type envSource struct {
	k          *Kubelet
	pod        *apiobj.Pod
	podIP      string
	configMaps map[string]*apiobj.ConfigMap // nil value: not found
	secrets    map[string]*apiobj.Secret
}

func (e *envSource) configMap(ctx context.Context, name string) (*apiobj.ConfigMap, error) {
	if cm, ok := e.configMaps[name]; ok {
		return cm, nil
	}
	cm, err := client.For[*apiobj.ConfigMap](e.k.cfg.Client).Namespace(e.pod.Namespace).Get(ctx, name)
	if err = client.IgnoreNotFound(err); err != nil {
		return nil, err
	}
	if e.configMaps == nil {
		e.configMaps = map[string]*apiobj.ConfigMap{}
	}
	e.configMaps[name] = cm
	return cm, nil
}

func (e *envSource) secret(ctx context.Context, name string) (*apiobj.Secret, error) {
	if s, ok := e.secrets[name]; ok {
		return s, nil
	}
	s, err := client.For[*apiobj.Secret](e.k.cfg.Client).Namespace(e.pod.Namespace).Get(ctx, name)
	if err = client.IgnoreNotFound(err); err != nil {
		return nil, err
	}
	if e.secrets == nil {
		e.secrets = map[string]*apiobj.Secret{}
	}
	e.secrets[name] = s
	return s, nil
}

// resolve returns the environment of c: envFrom, then env, with $(VAR)
// references to earlier variables expanded as Kubernetes does.
func (e *envSource) resolve(ctx context.Context, c *apiobj.Container) ([]*runtimev1.KeyValue, error) {
	vars := map[string]string{}
	var order []string
	set := func(k, v string) {
		if _, ok := vars[k]; !ok {
			order = append(order, k)
		}
		vars[k] = v
	}
	for _, from := range c.EnvFrom {
		switch {
		case from.ConfigMapRef != nil:
			cm, err := e.configMap(ctx, from.ConfigMapRef.Name)
			if err != nil {
				return nil, err
			}
			if cm == nil {
				if optional(from.ConfigMapRef.Optional) {
					continue
				}
				return nil, fmt.Errorf("configmap %q not found", from.ConfigMapRef.Name)
			}
			for _, k := range slices.Sorted(maps.Keys(cm.Data)) {
				set(from.Prefix+k, cm.Data[k])
			}
		case from.SecretRef != nil:
			s, err := e.secret(ctx, from.SecretRef.Name)
			if err != nil {
				return nil, err
			}
			if s == nil {
				if optional(from.SecretRef.Optional) {
					continue
				}
				return nil, fmt.Errorf("secret %q not found", from.SecretRef.Name)
			}
			for _, k := range slices.Sorted(maps.Keys(s.Data)) {
				set(from.Prefix+k, string(s.Data[k]))
			}
		}
	}
	for _, ev := range c.Env {
		if ev.ValueFrom == nil {
			set(ev.Name, expand(ev.Value, vars))
			continue
		}
		v, ok, err := e.valueFrom(ctx, ev.ValueFrom)
		if err != nil {
			return nil, fmt.Errorf("env %s: %w", ev.Name, err)
		}
		if ok {
			set(ev.Name, v)
		}
	}
	out := make([]*runtimev1.KeyValue, 0, len(order))
	for _, k := range order {
		out = append(out, &runtimev1.KeyValue{Key: k, Value: []byte(vars[k])})
	}
	return out, nil
}

func optional(b *bool) bool { return b != nil && *b }

// valueFrom resolves one env source; ok is false for a missing optional key.
func (e *envSource) valueFrom(ctx context.Context, src *apiobj.EnvVarSource) (v string, ok bool, err error) {
	switch {
	case src.FieldRef != nil:
		v, err := e.field(src.FieldRef.FieldPath)
		return v, err == nil, err
	case src.ConfigMapKeyRef != nil:
		ref := src.ConfigMapKeyRef
		cm, err := e.configMap(ctx, ref.Name)
		if err != nil {
			return "", false, err
		}
		if cm != nil {
			if v, ok := cm.Data[ref.Key]; ok {
				return v, true, nil
			}
		}
		if optional(ref.Optional) {
			return "", false, nil
		}
		return "", false, fmt.Errorf("key %q of configmap %q not found", ref.Key, ref.Name)
	case src.SecretKeyRef != nil:
		ref := src.SecretKeyRef
		s, err := e.secret(ctx, ref.Name)
		if err != nil {
			return "", false, err
		}
		if s != nil {
			if v, ok := s.Data[ref.Key]; ok {
				return string(v), true, nil
			}
		}
		if optional(ref.Optional) {
			return "", false, nil
		}
		return "", false, fmt.Errorf("key %q of secret %q not found", ref.Key, ref.Name)
	}
	return "", false, fmt.Errorf("unsupported env source (resourceFieldRef and fileKeyRef are not supported yet)")
}

// field resolves a downward API field path.
func (e *envSource) field(path string) (string, error) {
	p := e.pod
	switch path {
	case "metadata.name":
		return p.Name, nil
	case "metadata.namespace":
		return p.Namespace, nil
	case "metadata.uid":
		return string(p.UID), nil
	case "metadata.labels":
		return formatMap(p.Labels), nil
	case "metadata.annotations":
		return formatMap(p.Annotations), nil
	case "spec.nodeName":
		return p.Spec.NodeName, nil
	case "spec.serviceAccountName":
		return p.Spec.ServiceAccountName, nil
	case "status.podIP":
		return e.podIP, nil
	case "status.podIPs":
		return e.podIP, nil
	case "status.hostIP", "status.hostIPs":
		return e.k.cfg.NodeIP, nil
	}
	for _, prefix := range []string{"metadata.labels['", "metadata.annotations['"} {
		if strings.HasPrefix(path, prefix) && strings.HasSuffix(path, "']") {
			key := path[len(prefix) : len(path)-2]
			if prefix == "metadata.labels['" {
				return p.Labels[key], nil
			}
			return p.Annotations[key], nil
		}
	}
	return "", fmt.Errorf("unsupported fieldRef %q", path)
}

// formatMap writes m as the downward API does: key="value" lines, sorted.
func formatMap(m map[string]string) string {
	var b strings.Builder
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s=%q", k, m[k])
	}
	return b.String()
}

// expand replaces $(VAR) with the value of VAR when it is defined, and $$
// with $, leaving other text alone.
func expand(s string, vars map[string]string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '$':
			b.WriteByte('$')
			i++
			continue
		case '(':
			if j := strings.IndexByte(s[i+2:], ')'); j >= 0 {
				name := s[i+2 : i+2+j]
				if v, ok := vars[name]; ok {
					b.WriteString(v)
				} else {
					b.WriteString(s[i : i+3+j])
				}
				i += 2 + j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func expandAll(in []string, envs []*runtimev1.KeyValue) []string {
	if in == nil {
		return nil
	}
	vars := make(map[string]string, len(envs))
	for _, kv := range envs {
		vars[kv.Key] = string(kv.Value)
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = expand(s, vars)
	}
	return out
}
