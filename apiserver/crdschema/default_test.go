package crdschema

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDefault(t *testing.T) {
	t.Parallel()
	const schema = `{"type":"object","properties":{
		"metadata":{"type":"object"},
		"spec":{"type":"object","properties":{
			"replicas":{"type":"integer","default":1},
			"mode":{"type":"string","default":"fast"},
			"nullable":{"type":"string","nullable":true,"default":"d"},
			"strategy":{"type":"object","properties":{"type":{"type":"string","default":"Rolling"}}},
			"policy":{"type":"object","default":{},"properties":{"limit":{"type":"integer","default":5}}},
			"template":{"type":"object","default":{"labels":{"a":"b"}},"properties":{
				"labels":{"type":"object","additionalProperties":{"type":"string"}},
				"port":{"type":"integer","default":80}}},
			"ports":{"type":"array","items":{"type":"object","properties":{
				"protocol":{"type":"string","default":"TCP"},"port":{"type":"integer"}}}},
			"extra":{"type":"object","additionalProperties":{"type":"object","properties":{"on":{"type":"boolean","default":true}}}},
			"counts":{"type":"object","additionalProperties":{"type":"integer","default":0}},
			"names":{"type":"object","additionalProperties":{"type":"string"}},
			"anything":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"d":{"type":"string","default":"x"}}}}},
		"status":{"type":"object","properties":{"phase":{"type":"string","default":"Pending"}}}}}`
	tests := []struct {
		name string
		obj  string
		want string
	}{
		{name: "absent property gets its default",
			obj:  `{"spec":{"policy":{"limit":2}}}`,
			want: `{"spec":{"replicas":1,"mode":"fast","nullable":"d","policy":{"limit":2},"template":{"labels":{"a":"b"},"port":80}}}`},
		{name: "present value is kept",
			obj:  `{"spec":{"replicas":3,"mode":"slow","nullable":"n","policy":{},"template":{}}}`,
			want: `{"spec":{"replicas":3,"mode":"slow","nullable":"n","policy":{"limit":5},"template":{"port":80}}}`},
		{name: "nested default applies inside a present object",
			obj:  `{"spec":{"strategy":{},"policy":{},"template":{}}}`,
			want: `{"spec":{"replicas":1,"mode":"fast","nullable":"d","strategy":{"type":"Rolling"},"policy":{"limit":5},"template":{"port":80}}}`},
		{name: "absent parent without default is not created",
			obj:  `{}`,
			want: `{}`},
		{name: "parent with default {} is created and defaulted",
			obj:  `{"spec":{}}`,
			want: `{"spec":{"replicas":1,"mode":"fast","nullable":"d","policy":{"limit":5},"template":{"labels":{"a":"b"},"port":80}}}`},
		{name: "null of a non-nullable field is replaced by its default",
			obj:  `{"spec":{"replicas":null,"policy":{},"template":{}}}`,
			want: `{"spec":{"replicas":1,"mode":"fast","nullable":"d","policy":{"limit":5},"template":{"port":80}}}`},
		{name: "null of a non-nullable field without default is removed",
			obj:  `{"spec":{"strategy":null,"policy":{},"template":{}}}`,
			want: `{"spec":{"replicas":1,"mode":"fast","nullable":"d","policy":{"limit":5},"template":{"port":80}}}`},
		{name: "null of a nullable field stays",
			obj:  `{"spec":{"nullable":null,"policy":{},"template":{}}}`,
			want: `{"spec":{"replicas":1,"mode":"fast","nullable":null,"policy":{"limit":5},"template":{"port":80}}}`},
		{name: "list items are defaulted",
			obj:  `{"spec":{"policy":{},"template":{},"ports":[{"port":1},{"port":2,"protocol":"UDP"}]}}`,
			want: `{"spec":{"replicas":1,"mode":"fast","nullable":"d","policy":{"limit":5},"template":{"port":80},"ports":[{"port":1,"protocol":"TCP"},{"port":2,"protocol":"UDP"}]}}`},
		{name: "map values are defaulted",
			obj:  `{"spec":{"policy":{},"template":{},"extra":{"a":{},"b":{"on":false}},"counts":{"x":null,"y":2},"names":{"n":null}}}`,
			want: `{"spec":{"replicas":1,"mode":"fast","nullable":"d","policy":{"limit":5},"template":{"port":80},"extra":{"a":{"on":true},"b":{"on":false}},"counts":{"x":0,"y":2},"names":{}}}`},
		{name: "preserve-unknown-fields object still gets defaults of its properties",
			obj:  `{"spec":{"policy":{},"template":{},"anything":{"u":1}}}`,
			want: `{"spec":{"replicas":1,"mode":"fast","nullable":"d","policy":{"limit":5},"template":{"port":80},"anything":{"u":1,"d":"x"}}}`},
		{name: "wrong type is left for validation",
			obj:  `{"spec":"nope","status":[]}`,
			want: `{"spec":"nope","status":[]}`},
		{name: "metadata is left alone",
			obj:  `{"metadata":{"name":"a"},"status":{}}`,
			want: `{"metadata":{"name":"a"},"status":{"phase":"Pending"}}`},
	}
	s := compile(t, schema)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj := object(t, tt.obj)
			s.Default(obj)
			assert.Equal(t, object(t, tt.want), obj)
			s.Default(obj)
			assert.Equal(t, object(t, tt.want), obj, "Default must be idempotent")
		})
	}
}

func TestDefaultCopiesValues(t *testing.T) {
	t.Parallel()
	s := compile(t, `{"type":"object","properties":{"spec":{"type":"object","properties":{
		"labels":{"type":"object","additionalProperties":{"type":"string"},"default":{"a":"b"}}}}}}`)
	first := object(t, `{"spec":{}}`)
	s.Default(first)
	first["spec"].(map[string]any)["labels"].(map[string]any)["a"] = "changed"
	second := object(t, `{"spec":{}}`)
	s.Default(second)
	assert.Equal(t, "b", second["spec"].(map[string]any)["labels"].(map[string]any)["a"])
}
