package endpointslice

import (
	"context"
	"fmt"
	"net/netip"
	"reflect"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
)

// APIServerServiceName is the Service in the default namespace that fronts
// the API server.
const APIServerServiceName = "kubernetes"

// EnsureAPIServerEndpoints makes the Endpoints and the EndpointSlice
// default/kubernetes point at the API server at ip:port (port name
// "https"), creating or updating them; it writes nothing when they already
// do. The slice is named kubernetes and carries only the service-name
// label, as Kubernetes' API server writes it, so the controller leaves it
// alone. It is safe to call repeatedly and concurrently with the
// controllers; a conflicting concurrent write is reported as an error.
func EnsureAPIServerEndpoints(ctx context.Context, c *client.Client, ip string, port int32) error {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return fmt.Errorf("endpointslice: API server address %q: %w", ip, errdefs.ErrInvalid)
	}
	if port <= 0 || port > 65535 {
		return fmt.Errorf("endpointslice: API server port %d: %w", port, errdefs.ErrInvalid)
	}
	ip = addr.Unmap().String()
	if err := ensureAPIEndpoints(ctx, c, ip, port); err != nil {
		return err
	}
	return ensureAPISlice(ctx, c, addressTypeOf(addr), ip, port)
}

func ensureAPIEndpoints(ctx context.Context, c *client.Client, ip string, port int32) error {
	eps := client.For[*apiobj.Endpoints](c).Namespace(apiobj.NamespaceDefault)
	want := []apiobj.EndpointSubset{{
		Addresses: []apiobj.EndpointAddress{{IP: ip}},
		Ports:     []apiobj.EndpointPort{{Name: "https", Port: port, Protocol: apiobj.ProtocolTCP}},
	}}
	cur, err := eps.Get(ctx, APIServerServiceName)
	if errdefs.IsNotFound(err) {
		_, err = eps.Create(ctx, &apiobj.Endpoints{ObjectMeta: apiobj.ObjectMeta{Name: APIServerServiceName}, Subsets: want})
		return err
	}
	if err != nil {
		return err
	}
	if reflect.DeepEqual(cur.Subsets, want) {
		return nil
	}
	out := cur.DeepCopy()
	out.Subsets = want
	_, err = eps.Update(ctx, out)
	return err
}

func ensureAPISlice(ctx context.Context, c *client.Client, at apiobj.AddressType, ip string, port int32) error {
	res := client.For[*apiobj.EndpointSlice](c).Namespace(apiobj.NamespaceDefault)
	want := &apiobj.EndpointSlice{
		ObjectMeta: apiobj.ObjectMeta{
			Name:   APIServerServiceName,
			Labels: map[string]string{apiobj.EndpointSliceServiceNameLabel: APIServerServiceName},
		},
		AddressType: at,
		Endpoints: []apiobj.Endpoint{{
			Addresses:  []string{ip},
			Conditions: apiobj.EndpointConditions{Ready: apiobj.Bool(true)},
		}},
		Ports: []apiobj.EndpointSlicePort{{
			Name: apiobj.Ptr("https"), Protocol: apiobj.Ptr(apiobj.ProtocolTCP), Port: apiobj.Ptr(port),
		}},
	}
	cur, err := res.Get(ctx, APIServerServiceName)
	if err == nil && cur.AddressType != at {
		// The address type is immutable: replace the slice.
		if err := res.Delete(ctx, APIServerServiceName); client.IgnoreNotFound(err) != nil {
			return err
		}
		err = fmt.Errorf("replaced: %w", errdefs.ErrNotFound)
	}
	if errdefs.IsNotFound(err) {
		_, err = res.Create(ctx, want)
		return err
	}
	if err != nil {
		return err
	}
	if cur.Labels[apiobj.EndpointSliceServiceNameLabel] == APIServerServiceName &&
		groupKey(cur.AddressType, cur.Ports) == groupKey(at, want.Ports) &&
		len(cur.Endpoints) == 1 && endpointEqual(&cur.Endpoints[0], &want.Endpoints[0]) {
		return nil
	}
	out := cur.DeepCopy()
	if out.Labels == nil {
		out.Labels = map[string]string{}
	}
	out.Labels[apiobj.EndpointSliceServiceNameLabel] = APIServerServiceName
	out.Endpoints, out.Ports = want.Endpoints, want.Ports
	_, err = res.Update(ctx, out)
	return err
}
