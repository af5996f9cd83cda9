package printers

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// defaultCRDColumns is what a custom kind without additionalPrinterColumns
// prints besides its name, as in Kubernetes.
var defaultCRDColumns = []apiobj.CustomResourceColumnDefinition{{
	Name:        "Age",
	Type:        "date",
	Description: colAge.Description,
	JSONPath:    ".metadata.creationTimestamp",
}}

// CRDColumns returns the table columns of a custom kind served at version v:
// NAME, then v's additionalPrinterColumns (or AGE when it has none).
func CRDColumns(v *apiobj.CustomResourceDefinitionVersion) []TableColumnDefinition {
	cols := []TableColumnDefinition{colName}
	for _, c := range crdColumnsOf(v) {
		cols = append(cols, TableColumnDefinition{Name: c.Name, Type: c.Type, Format: c.Format,
			Description: c.Description, Priority: c.Priority})
	}
	return cols
}

func crdColumnsOf(v *apiobj.CustomResourceDefinitionVersion) []apiobj.CustomResourceColumnDefinition {
	if v == nil || len(v.AdditionalPrinterColumns) == 0 {
		return defaultCRDColumns
	}
	return v.AdditionalPrinterColumns
}

// crdConverter prints objects of a custom kind by the columns of its
// definition. A column whose JSONPath does not parse, or selects nothing,
// gets a nil cell, which kubectl prints empty.
func crdConverter(_ *apiobj.CustomResourceDefinition, v *apiobj.CustomResourceDefinitionVersion) *converter {
	defs := crdColumnsOf(v)
	paths := make([]*JSONPath, len(defs))
	for i, d := range defs {
		paths[i], _ = ParseJSONPath(d.JSONPath)
	}
	return &converter{columns: CRDColumns(v), cells: func(obj apiobj.Object, now time.Time) ([]any, []TableRowCondition, error) {
		content, err := contentOf(obj)
		if err != nil {
			return nil, nil, err
		}
		cells := make([]any, 0, 1+len(defs))
		cells = append(cells, obj.GetName())
		for i, d := range defs {
			var cell any
			if paths[i] != nil {
				if found := paths[i].Find(content); len(found) > 0 {
					cell = crdCell(d.Type, found[0], now)
				}
			}
			cells = append(cells, cell)
		}
		return cells, nil, nil
	}}
}

// contentOf returns obj as a JSON-decoded map.
func contentOf(obj apiobj.Object) (map[string]any, error) {
	if u, ok := obj.(*apiobj.Unstructured); ok {
		return u.Object, nil
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	u := &apiobj.Unstructured{}
	if err := u.UnmarshalJSON(b); err != nil {
		return nil, fmt.Errorf("printers: %w", err)
	}
	return u.Object, nil
}

// crdCell converts a JSON value to the cell of a column of type typ, as
// Kubernetes does: a string column prints any value (objects and arrays as
// JSON), typed columns keep only values of their type, and date columns
// turn RFC 3339 timestamps into ages.
func crdCell(typ string, v any, now time.Time) any {
	if v == nil {
		return nil
	}
	switch typ {
	case "string":
		switch t := v.(type) {
		case string:
			return t
		case map[string]any, []any:
			b, err := json.Marshal(t)
			if err != nil {
				return nil
			}
			return string(b)
		default:
			return fmt.Sprint(t)
		}
	case "integer":
		switch t := v.(type) {
		case int64:
			return t
		case float64:
			return int64(t)
		}
	case "number":
		switch t := v.(type) {
		case int64:
			return float64(t)
		case float64:
			return t
		}
	case "boolean":
		if b, ok := v.(bool); ok {
			return b
		}
	case "date":
		if s, ok := v.(string); ok {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return "<invalid>"
			}
			return since(t, now)
		}
	}
	return nil
}
