package crdschema

import (
	"slices"
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
)

// fuzzSchema uses every keyword the package evaluates.
const fuzzSchema = `{"type":"object","properties":{
	"metadata":{"type":"object","properties":{"name":{"type":"string","maxLength":30}}},
	"spec":{"type":"object","required":["cronSpec"],"minProperties":1,"maxProperties":20,"properties":{
		"cronSpec":{"type":"string","pattern":"^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$"},
		"replicas":{"type":"integer","minimum":1,"maximum":10,"default":1},
		"ratio":{"type":"number","minimum":0,"exclusiveMinimum":true,"maximum":1,"exclusiveMaximum":true,"multipleOf":0.05},
		"mode":{"type":"string","enum":["fast","slow"],"default":"fast"},
		"note":{"type":"string","nullable":true,"minLength":1,"maxLength":8},
		"email":{"type":"string","format":"email"},
		"when":{"type":"string","format":"date-time"},
		"addr":{"type":"string","format":"ipv4"},
		"port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer","minimum":1},{"type":"string","pattern":"^[a-z]+$"}]},
		"tags":{"type":"array","x-kubernetes-list-type":"set","maxItems":5,"items":{"type":"string","maxLength":20}},
		"nums":{"type":"array","uniqueItems":true,"minItems":1,"items":{"type":"number"}},
		"ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name","protocol"],
			"items":{"type":"object","required":["name"],"properties":{
				"name":{"type":"string"},"protocol":{"type":"string","default":"TCP"},"port":{"type":"integer","format":"int32"}}}},
		"extra":{"type":"object","additionalProperties":{"type":"string","default":"none"}},
		"groups":{"type":"object","additionalProperties":{"type":"object","default":{},"properties":{"on":{"type":"boolean","default":true}}}},
		"policy":{"type":"object","default":{},"properties":{"limit":{"type":"integer","default":5}},
			"oneOf":[{"properties":{"limit":{"maximum":10}}},{"properties":{"limit":{"minimum":100}}}],
			"not":{"properties":{"limit":{"enum":[7]}}}},
		"anything":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"known":{"type":"string"}}},
		"template":{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true},
		"closed":{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false,
			"allOf":[{"required":["a"]}]}},
		"x-kubernetes-validations":[{"rule":"self.replicas <= 10"}]},
	"status":{"type":"object","properties":{"replicas":{"type":"integer"}}}}}`

// FuzzSchema checks that an arbitrary JSON object never makes the schema
// functions panic, that validation is deterministic and leaves the object
// alone, that an unchanged object only fails for missing required fields on
// update, and that pruning and defaulting are idempotent.
func FuzzSchema(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"a"},"spec":{"cronSpec":"* * * * */5","replicas":3}}`,
		`{"spec":{"cronSpec":1,"replicas":"x","ratio":0.5,"mode":"x","note":null,"email":"a@b.c","when":"2024-01-01T00:00:00Z","addr":"::1"}}`,
		`{"spec":{"port":true,"tags":["a","a"],"nums":[1,1.0],"ports":[{"name":"a"},{"name":"a","protocol":"TCP"},3]}}`,
		`{"spec":{"extra":{"a":null,"b":1},"groups":{"g":null,"h":{"on":"x","z":1}},"policy":{"limit":7}}}`,
		`{"spec":{"anything":{"known":1,"u":[{}]},"template":{"metadata":{"name":"Bad"},"x":1},"closed":{"b":1}}}`,
		`{"metadata":[],"spec":[],"status":{"replicas":1.5},"extra":{"deep":{"deeper":[null]}}}`,
		`{"spec":{"cronSpec":"* * * * *","replicas":1e300,"ratio":-0,"nums":[],"tags":null}}`,
	} {
		f.Add([]byte(seed))
	}
	s, err := Compile(props(f, fuzzSchema))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		u := &apiobj.Unstructured{}
		if err := u.UnmarshalJSON(data); err != nil {
			return
		}
		obj := u.Object
		orig := apiobj.DeepCopyJSONValue(obj).(map[string]any)

		errs1 := errStrings(s.Validate(obj))
		if !jsonEqual(obj, orig) {
			t.Fatalf("Validate modified the object")
		}
		if errs2 := errStrings(s.Validate(obj)); !slices.Equal(errs1, errs2) {
			t.Fatalf("Validate is not deterministic:\n%v\n%v", errs1, errs2)
		}
		for _, e := range s.ValidateUpdate(obj, orig) {
			if e.Type != field.ErrorTypeRequired {
				t.Fatalf("an unchanged object failed with %v", e)
			}
		}

		s.Prune(obj)
		if again := s.Prune(obj); len(again) > 0 {
			t.Fatalf("Prune is not idempotent: %v", again)
		}
		s.Default(obj)
		defaulted := apiobj.DeepCopyJSONValue(obj)
		s.Default(obj)
		if !jsonEqual(obj, defaulted) {
			t.Fatalf("Default is not idempotent")
		}
		if pruned := s.Prune(obj); len(pruned) > 0 {
			t.Fatalf("defaults brought in unknown fields: %v", pruned)
		}
		_ = s.Validate(obj)
	})
}
