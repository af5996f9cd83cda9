package crdschema

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPrune(t *testing.T) {
	t.Parallel()
	const schema = `{"type":"object","properties":{
		"spec":{"type":"object","properties":{
			"image":{"type":"string"},
			"ports":{"type":"array","items":{"type":"object","properties":{"port":{"type":"integer"}}}},
			"labels":{"type":"object","additionalProperties":{"type":"string"}},
			"groups":{"type":"object","additionalProperties":{"type":"object","properties":{"a":{"type":"string"}}}},
			"free":{"type":"object","additionalProperties":true},
			"anything":{"type":"object","x-kubernetes-preserve-unknown-fields":true,
				"properties":{"strict":{"type":"object","properties":{"a":{"type":"string"}}}}},
			"port":{"x-kubernetes-int-or-string":true},
			"template":{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object","properties":{"a":{"type":"string"}}}}},
			"junctor":{"type":"object","properties":{"a":{"type":"string"}},"anyOf":[{"properties":{"a":{"minLength":1}}}]},
			"opaque":{"type":"object"}}},
		"status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}`
	tests := []struct {
		name   string
		obj    string
		want   string
		pruned []string
	}{
		{name: "nothing unknown",
			obj:  `{"apiVersion":"x/v1","kind":"K","metadata":{"name":"a"},"spec":{"image":"i","ports":[{"port":1}],"labels":{"a":"b"}}}`,
			want: `{"apiVersion":"x/v1","kind":"K","metadata":{"name":"a"},"spec":{"image":"i","ports":[{"port":1}],"labels":{"a":"b"}}}`},
		{name: "unknown root and spec fields",
			obj:    `{"apiVersion":"x/v1","kind":"K","foo":1,"spec":{"image":"i","color":"blue","zz":{}}}`,
			want:   `{"apiVersion":"x/v1","kind":"K","spec":{"image":"i"}}`,
			pruned: []string{"foo", "spec.color", "spec.zz"}},
		{name: "unknown fields in list items",
			obj:    `{"spec":{"ports":[{"port":1,"name":"a"},{"port":2},{"x":1}]}}`,
			want:   `{"spec":{"ports":[{"port":1},{"port":2},{}]}}`,
			pruned: []string{"spec.ports[0].name", "spec.ports[2].x"}},
		{name: "additionalProperties schema prunes inside values",
			obj:    `{"spec":{"groups":{"g1":{"a":"x","b":"y"}}}}`,
			want:   `{"spec":{"groups":{"g1":{"a":"x"}}}}`,
			pruned: []string{"spec.groups.g1.b"}},
		{name: "additionalProperties true keeps everything",
			obj:  `{"spec":{"free":{"a":{"deep":[1]}}}}`,
			want: `{"spec":{"free":{"a":{"deep":[1]}}}}`},
		{name: "preserve-unknown-fields keeps unknown but prunes inside known",
			obj:    `{"spec":{"anything":{"u":{"v":1},"strict":{"a":"x","b":"y"}}},"status":{"anything":true}}`,
			want:   `{"spec":{"anything":{"u":{"v":1},"strict":{"a":"x"}}},"status":{"anything":true}}`,
			pruned: []string{"spec.anything.strict.b"}},
		{name: "int-or-string keeps its scalar",
			obj:  `{"spec":{"port":"http"}}`,
			want: `{"spec":{"port":"http"}}`},
		{name: "embedded resource keeps apiVersion kind and ObjectMeta",
			obj:    `{"spec":{"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"},"bogus":1},"spec":{"a":"x","b":"y"},"other":1}}}`,
			want:   `{"spec":{"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"}},"spec":{"a":"x"}}}}`,
			pruned: []string{"spec.template.metadata.bogus", "spec.template.other", "spec.template.spec.b"}},
		{name: "root metadata keeps only ObjectMeta fields",
			obj:    `{"metadata":{"name":"a","namespace":"n","annotations":{"x":"y"},"resourceVersion":"3","extra":true}}`,
			want:   `{"metadata":{"name":"a","namespace":"n","annotations":{"x":"y"},"resourceVersion":"3"}}`,
			pruned: []string{"metadata.extra"}},
		{name: "junctors do not keep fields",
			obj:    `{"spec":{"junctor":{"a":"x","b":"y"}}}`,
			want:   `{"spec":{"junctor":{"a":"x"}}}`,
			pruned: []string{"spec.junctor.b"}},
		{name: "object without properties keeps nothing",
			obj:    `{"spec":{"opaque":{"a":1,"b":2}}}`,
			want:   `{"spec":{"opaque":{}}}`,
			pruned: []string{"spec.opaque.a", "spec.opaque.b"}},
	}
	s := compile(t, schema)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj := object(t, tt.obj)
			assert.Equal(t, tt.pruned, s.Prune(obj))
			assert.Equal(t, object(t, tt.want), obj)
			assert.Empty(t, s.Prune(obj), "Prune must be idempotent")
		})
	}
}
