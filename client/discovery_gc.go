package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// APIResource is one resource (never a subresource) that a server serves,
// as its discovery documents describe it.
type APIResource struct {
	apiobj.GroupVersionResource
	// Kind is the kind of the resource's objects.
	Kind       string
	Namespaced bool
	Verbs      []string
	// Preferred is true when Version is its group's preferred version: the
	// one to use when each object should be seen once.
	Preferred bool
}

// GroupVersionKind returns the kind of the resource's objects.
func (r APIResource) GroupVersionKind() apiobj.GroupVersionKind {
	return apiobj.GroupVersionKind{Group: r.Group, Version: r.Version, Kind: r.Kind}
}

// Supports reports whether the resource supports every one of verbs.
func (r APIResource) Supports(verbs ...string) bool {
	for _, v := range verbs {
		if !slices.Contains(r.Verbs, v) {
			return false
		}
	}
	return true
}

// DiscoveryError reports the group versions whose resources could not be
// read. ServerResources returns it together with what it did read.
type DiscoveryError struct {
	// Failed maps "group/version" ("v1" for the core group) to its error.
	Failed map[string]error
}

func (e *DiscoveryError) Error() string {
	keys := make([]string, 0, len(e.Failed))
	for k := range e.Failed {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %v", k, e.Failed[k]))
	}
	return "client: discovery failed for " + strings.Join(parts, "; ")
}

// Unwrap returns the errors of the failed group versions.
func (e *DiscoveryError) Unwrap() []error {
	out := make([]error, 0, len(e.Failed))
	for _, err := range e.Failed {
		out = append(out, err)
	}
	return out
}

// ServerResources reads the server's discovery documents (/api, /apis and
// each group version) and returns every resource in every served version,
// custom kinds included, sorted by group, version and resource. When some
// group versions cannot be read, it returns the others together with a
// *DiscoveryError; when the group lists themselves cannot be read, it
// returns only an error.
func ServerResources(ctx context.Context, c *Client) ([]APIResource, error) {
	var core struct {
		Versions []string `json:"versions"`
	}
	if err := getJSON(ctx, c, "/api", &core); err != nil {
		return nil, err
	}
	var groups struct {
		Groups []struct {
			Name     string `json:"name"`
			Versions []struct {
				Version string `json:"version"`
			} `json:"versions"`
			PreferredVersion struct {
				Version string `json:"version"`
			} `json:"preferredVersion"`
		} `json:"groups"`
	}
	if err := getJSON(ctx, c, "/apis", &groups); err != nil {
		return nil, err
	}
	type gv struct {
		group, version string
		preferred      bool
	}
	var gvs []gv
	for i, v := range core.Versions {
		gvs = append(gvs, gv{version: v, preferred: i == 0})
	}
	for _, g := range groups.Groups {
		pref := g.PreferredVersion.Version
		if pref == "" && len(g.Versions) > 0 {
			pref = g.Versions[0].Version
		}
		for _, v := range g.Versions {
			gvs = append(gvs, gv{group: g.Name, version: v.Version, preferred: v.Version == pref})
		}
	}
	var out []APIResource
	var failed map[string]error
	for _, x := range gvs {
		path := "/apis/" + x.group + "/" + x.version
		name := x.group + "/" + x.version
		if x.group == "" {
			path, name = "/api/"+x.version, x.version
		}
		var list struct {
			Resources []struct {
				Name       string   `json:"name"`
				Namespaced bool     `json:"namespaced"`
				Kind       string   `json:"kind"`
				Verbs      []string `json:"verbs"`
			} `json:"resources"`
		}
		if err := getJSON(ctx, c, path, &list); err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			if failed == nil {
				failed = map[string]error{}
			}
			failed[name] = err
			continue
		}
		for _, r := range list.Resources {
			if strings.Contains(r.Name, "/") {
				continue
			}
			out = append(out, APIResource{
				GroupVersionResource: apiobj.GroupVersionResource{Group: x.group, Version: x.version, Resource: r.Name},
				Kind:                 r.Kind, Namespaced: r.Namespaced, Verbs: r.Verbs, Preferred: x.preferred,
			})
		}
	}
	slices.SortFunc(out, func(a, b APIResource) int {
		return strings.Compare(a.Group+"\x00"+a.Version+"\x00"+a.Resource, b.Group+"\x00"+b.Version+"\x00"+b.Resource)
	})
	if failed != nil {
		return out, &DiscoveryError{Failed: failed}
	}
	return out, nil
}

func getJSON(ctx context.Context, c *Client, path string, into any) error {
	resp, err := c.Do(ctx, Request{Method: http.MethodGet, Path: path, Query: url.Values{}})
	if err != nil {
		return err
	}
	b, err := readBody(resp)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, into); err != nil {
		return fmt.Errorf("client: decoding %s: %w", path, err)
	}
	return nil
}
