package apiserver

import (
	"encoding/json"
	"reflect"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/printers"
)

// partialMeta is meta.k8s.io PartialObjectMetadata.
type partialMeta struct {
	Kind       string          `json:"kind"`
	APIVersion string          `json:"apiVersion"`
	Metadata   json.RawMessage `json:"metadata"`
}

type partialMetaList struct {
	Kind       string          `json:"kind"`
	APIVersion string          `json:"apiVersion"`
	Metadata   apiobj.ListMeta `json:"metadata"`
	Items      []partialMeta   `json:"items"`
}

// metadataJSON returns the JSON of obj's metadata.
func metadataJSON(obj apiobj.Object) (json.RawMessage, error) {
	if u, ok := obj.(*apiobj.Unstructured); ok {
		return json.Marshal(u.Object["metadata"])
	}
	v := reflect.ValueOf(obj)
	if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
		if f := v.Elem().FieldByName("ObjectMeta"); f.IsValid() {
			return json.Marshal(f.Addr().Interface())
		}
	}
	return json.Marshal(map[string]any{"name": obj.GetName()})
}

func toPartial(obj apiobj.Object, version string) (partialMeta, error) {
	m, err := metadataJSON(obj)
	return partialMeta{Kind: "PartialObjectMetadata", APIVersion: "meta.k8s.io/" + version, Metadata: m}, err
}

func toPartialList(items []apiobj.Object, meta apiobj.ListMeta, version string) (*partialMetaList, error) {
	out := &partialMetaList{Kind: "PartialObjectMetadataList", APIVersion: "meta.k8s.io/" + version, Metadata: meta,
		Items: make([]partialMeta, 0, len(items))}
	for _, it := range items {
		p, err := toPartial(it, version)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, p)
	}
	return out, nil
}

// buildTable prints src (an object or a list) as a Table.
func (s *Server) buildTable(src apiobj.Typed, f outFormat, opts printers.TableOptions) (*printers.Table, error) {
	t, err := s.cfg.TablePrinter.ToTable(src, opts)
	if err != nil {
		return nil, err
	}
	t.Kind, t.APIVersion = "Table", "meta.k8s.io/"+f.metaVersion
	return t, nil
}
