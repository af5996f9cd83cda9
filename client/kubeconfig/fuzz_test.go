package kubeconfig

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzParse: whatever parses, marshals and parses back to the same Config,
// and nothing panics, RESTConfig included.
func FuzzParse(f *testing.F) {
	f.Add([]byte(kubectlStyle))
	f.Add([]byte("apiVersion: v1\nkind: Config\nclusters: []\n"))
	f.Add([]byte(`{"clusters":[{"name":"c","cluster":{"server":"h:1","certificate-authority-data":"AAAA"}}],"current-context":"x"}`))
	f.Add([]byte("users:\n- name: u\n  user:\n    exec: {command: x}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			return
		}
		restConfigNoFiles(c)
		out, err := c.Marshal()
		if err != nil {
			return // raw exec or auth-provider JSON that is not valid YAML content
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parsing our own output: %v\n%s", err, out)
		}
		want := *c
		if want.APIVersion == "" {
			want.APIVersion = "v1"
		}
		if want.Kind == "" {
			want.Kind = "Config"
		}
		if diff := cmp.Diff(&want, back, cmpopts.IgnoreUnexported(Config{}), rawJSONEqual, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// rawJSONEqual compares kept plugin settings as JSON values: YAML
// re-encoding may reorder keys or change spacing.
var rawJSONEqual = cmp.FilterPath(
	func(p cmp.Path) bool { return p.Last().Type() == reflect.TypeFor[json.RawMessage]() },
	cmp.FilterValues(func(a, b json.RawMessage) bool { return len(a) > 0 || len(b) > 0 }, cmp.Comparer(func(a, b json.RawMessage) bool {
		var x, y any
		if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
			return false
		}
		return cmp.Equal(x, y)
	})))

// restConfigNoFiles runs RESTConfig on a copy of c without file paths: a
// fuzzed path could name /dev/zero.
func restConfigNoFiles(c *Config) {
	cp := *c
	cp.Clusters = append([]NamedCluster(nil), c.Clusters...)
	cp.Users = append([]NamedUser(nil), c.Users...)
	for i := range cp.Clusters {
		cp.Clusters[i].Cluster.CertificateAuthority = ""
	}
	for i := range cp.Users {
		u := &cp.Users[i].User
		u.ClientCertificate, u.ClientKey, u.TokenFile = "", "", ""
	}
	_, _ = cp.RESTConfig("")
}
