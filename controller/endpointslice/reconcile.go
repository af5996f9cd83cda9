package endpointslice

import (
	"maps"
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// ManagedBy is the value of apiobj.EndpointSliceManagedByLabel on the
// slices this controller manages.
const ManagedBy = "endpointslice-controller.k8s.io"

// HeadlessLabel marks the slices of a headless Service.
const HeadlessLabel = "service.kubernetes.io/headless"

// changes are the writes that bring a Service's slices to the desired state.
type changes struct {
	create, update, delete []*apiobj.EndpointSlice
}

// sliceLabels returns the labels the slices of svc carry.
func sliceLabels(svc *apiobj.Service) map[string]string {
	out := maps.Clone(svc.Labels)
	if out == nil {
		out = map[string]string{}
	}
	delete(out, HeadlessLabel)
	if svc.Spec.ClusterIP == apiobj.ClusterIPNone {
		out[HeadlessLabel] = ""
	}
	out[apiobj.EndpointSliceServiceNameLabel] = svc.Name
	out[apiobj.EndpointSliceManagedByLabel] = ManagedBy
	return out
}

func ownerRef(svc *apiobj.Service) apiobj.OwnerReference {
	return apiobj.NewControllerRef(svc, apiobj.CoreV1.WithKind("Service"))
}

// metaCurrent reports whether s carries the labels and owner reference
// of svc's slices.
func metaCurrent(svc *apiobj.Service, s *apiobj.EndpointSlice, labels map[string]string) bool {
	if !maps.Equal(s.Labels, labels) {
		return false
	}
	ref := apiobj.ControllerRef(s)
	return ref != nil && ref.UID == svc.UID && ref.Kind == "Service" && ref.Name == svc.Name
}

func newSlice(svc *apiobj.Service, at apiobj.AddressType, ports []apiobj.EndpointSlicePort, labels map[string]string) *apiobj.EndpointSlice {
	return &apiobj.EndpointSlice{
		ObjectMeta: apiobj.ObjectMeta{
			GenerateName:    svc.Name + "-",
			Namespace:       svc.Namespace,
			Labels:          maps.Clone(labels),
			OwnerReferences: []apiobj.OwnerReference{ownerRef(svc)},
		},
		AddressType: at,
		Endpoints:   []apiobj.Endpoint{},
		Ports:       ports,
	}
}

// slot is an existing slice and the endpoints it will hold.
type slot struct {
	slice   *apiobj.EndpointSlice // as read; shared, never mutated
	eps     []apiobj.Endpoint
	changed bool
}

// plan computes the changes that turn existing (svc's slices, read from the
// server) into groups, moving as few endpoints as possible. It does not
// mutate its arguments.
func plan(svc *apiobj.Service, existing []*apiobj.EndpointSlice, groups []*group, maxPerSlice int) changes {
	labels := sliceLabels(svc)
	existing = slices.Clone(existing)
	slices.SortFunc(existing, func(a, b *apiobj.EndpointSlice) int { return strings.Compare(a.Name, b.Name) })
	byKey := map[string][]*apiobj.EndpointSlice{}
	for _, s := range existing {
		k := groupKey(s.AddressType, s.Ports)
		byKey[k] = append(byKey[k], s)
	}

	var ch changes
	if len(groups) == 0 {
		return placeholder(svc, existing, labels)
	}
	wanted := map[string]bool{}
	for _, g := range groups {
		wanted[g.key()] = true
		ch.add(planGroup(svc, byKey[g.key()], g, maxPerSlice, labels))
	}
	for _, s := range existing {
		if !wanted[groupKey(s.AddressType, s.Ports)] {
			ch.delete = append(ch.delete, s)
		}
	}
	return ch
}

func (c *changes) add(o changes) {
	c.create = append(c.create, o.create...)
	c.update = append(c.update, o.update...)
	c.delete = append(c.delete, o.delete...)
}

// planGroup places the endpoints of g into the slices that hold its address
// type and ports.
func planGroup(svc *apiobj.Service, existing []*apiobj.EndpointSlice, g *group, maxPerSlice int, labels map[string]string) changes {
	want := make(map[string]*apiobj.Endpoint, len(g.endpoints))
	for i := range g.endpoints {
		want[endpointKey(&g.endpoints[i])] = &g.endpoints[i]
	}
	placed := map[string]bool{}
	slots := make([]*slot, 0, len(existing))
	for _, s := range existing {
		sl := &slot{slice: s}
		for i := range s.Endpoints {
			ep := &s.Endpoints[i]
			k := endpointKey(ep)
			d, ok := want[k]
			if !ok || placed[k] || len(sl.eps) >= maxPerSlice {
				sl.changed = true
				continue
			}
			placed[k] = true
			if !endpointEqual(ep, d) {
				sl.changed = true
			}
			sl.eps = append(sl.eps, *d)
		}
		slots = append(slots, sl)
	}
	var rest []apiobj.Endpoint
	for _, ep := range g.endpoints {
		if !placed[endpointKey(&ep)] {
			rest = append(rest, ep)
		}
	}
	// Fill slices that are written anyway first, then the others.
	for _, pass := range []bool{true, false} {
		for _, sl := range slots {
			if sl.changed != pass || len(rest) == 0 {
				continue
			}
			n := min(maxPerSlice-len(sl.eps), len(rest))
			if n <= 0 {
				continue
			}
			sl.eps = append(sl.eps, rest[:n]...)
			rest = rest[n:]
			sl.changed = true
		}
	}

	var ch changes
	for _, sl := range slots {
		switch {
		case len(sl.eps) == 0:
			ch.delete = append(ch.delete, sl.slice)
		case sl.changed || !metaCurrent(svc, sl.slice, labels):
			out := sl.slice.DeepCopy()
			out.Endpoints = sl.eps
			out.Labels = maps.Clone(labels)
			setOwner(out, svc)
			ch.update = append(ch.update, out)
		}
	}
	for len(rest) > 0 {
		n := min(maxPerSlice, len(rest))
		s := newSlice(svc, g.addressType, g.ports, labels)
		s.Endpoints = slices.Clone(rest[:n])
		rest = rest[n:]
		ch.create = append(ch.create, s)
	}
	return ch
}

// placeholder keeps one empty slice for a Service without endpoints, so
// that consumers can tell "no endpoints" from "not processed yet".
func placeholder(svc *apiobj.Service, existing []*apiobj.EndpointSlice, labels map[string]string) changes {
	at := addressTypes(svc)[0]
	keep := -1
	for i, s := range existing {
		if s.AddressType != at {
			continue
		}
		if keep < 0 || (len(s.Endpoints) == 0 && len(s.Ports) == 0 && len(existing[keep].Endpoints)+len(existing[keep].Ports) > 0) {
			keep = i
		}
	}
	var ch changes
	for i, s := range existing {
		if i != keep {
			ch.delete = append(ch.delete, s)
		}
	}
	if keep < 0 {
		ch.create = append(ch.create, newSlice(svc, at, nil, labels))
		return ch
	}
	s := existing[keep]
	if len(s.Endpoints) > 0 || len(s.Ports) > 0 || !metaCurrent(svc, s, labels) {
		out := s.DeepCopy()
		out.Endpoints, out.Ports = []apiobj.Endpoint{}, nil
		out.Labels = maps.Clone(labels)
		setOwner(out, svc)
		ch.update = append(ch.update, out)
	}
	return ch
}

// setOwner makes svc the controller of s, replacing any other controller
// reference.
func setOwner(s *apiobj.EndpointSlice, svc *apiobj.Service) {
	refs := slices.DeleteFunc(slices.Clone(s.OwnerReferences), func(r apiobj.OwnerReference) bool {
		return r.Controller != nil && *r.Controller
	})
	s.OwnerReferences = append(refs, ownerRef(svc))
}
