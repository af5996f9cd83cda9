package client

import (
	"net/http"
)

// metadataAccept asks for PartialObjectMetadata (single objects and watch
// events) and PartialObjectMetadataList (lists), falling back to the full
// object from servers that serve neither.
const metadataAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1," +
	"application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json"

// MetadataOnly returns a client that shares c's server, credentials and
// rate limit, but whose reads (get, list and watch) ask the server for the
// objects' metadata only. Use it with DynamicScoped: the objects decode as
// Unstructured values of kind PartialObjectMetadata that hold only
// "metadata". Writes go unchanged. It suits controllers that look only at
// metadata (the garbage collector), and it keeps their caches small.
func MetadataOnly(c *Client) *Client {
	cp := *c
	hc := *c.http
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	hc.Transport = metadataTransport{next: next}
	cp.http = &hc
	return &cp
}

// metadataTransport rewrites the Accept header of GET requests that ask for
// plain JSON.
type metadataTransport struct{ next http.RoundTripper }

func (t metadataTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || req.Header.Get("Accept") != "application/json" {
		return t.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.Header.Set("Accept", metadataAccept)
	return t.next.RoundTrip(r)
}
