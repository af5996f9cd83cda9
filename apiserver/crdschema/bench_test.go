package crdschema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/orcaproj/orca/apiobj"
)

// BenchmarkValidateCronTab1000Tags prunes, defaults and validates a CronTab
// with a 1,000-item set list against the CronTab definition.
func BenchmarkValidateCronTab1000Tags(b *testing.B) {
	crd := loadCRDFile(b, "../../apiobj/testdata/manifests/crd.yaml")
	spec := crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"]
	tagsSchema := spec.Properties["tags"]
	tagsSchema.XListType = new("set")
	spec.Properties["tags"] = tagsSchema
	s, err := New(crd, "v1")
	if err != nil {
		b.Fatal(err)
	}
	tags := make([]string, 1000)
	for i := range tags {
		tags[i] = fmt.Sprintf("%q", fmt.Sprintf("tag-%d", i))
	}
	obj := object(b, `{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"c"},
		"spec":{"cronSpec":"* * * * */5","image":"img","tags":[`+strings.Join(tags, ",")+`],"unknown":1}}`)
	b.ReportAllocs()
	for b.Loop() {
		o := apiobj.DeepCopyJSONValue(obj).(map[string]any)
		s.Prune(o)
		s.Default(o)
		if errs := s.Validate(o); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
