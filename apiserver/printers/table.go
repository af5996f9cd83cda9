package printers

import (
	"fmt"
	"net/url"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// GroupVersion is meta.k8s.io/v1, the group version of Table and
// PartialObjectMetadata.
var GroupVersion = apiobj.GroupVersion{Group: "meta.k8s.io", Version: "v1"}

// Table is a meta.k8s.io/v1 Table: the columns and rows kubectl prints for
// objects of one kind.
type Table struct {
	apiobj.TypeMeta `json:",inline"`
	// ListMeta carries the list's resourceVersion, continue token and
	// remaining item count when the table was made from a list.
	apiobj.ListMeta `json:"metadata"`
	// ColumnDefinitions is nil when TableOptions.NoHeaders is set.
	ColumnDefinitions []TableColumnDefinition `json:"columnDefinitions"`
	Rows              []TableRow              `json:"rows"`
}

// TableColumnDefinition describes one column.
type TableColumnDefinition struct {
	// Name is the human-readable header ("Restarts"); kubectl upper-cases it.
	Name string `json:"name"`
	// Type is an OpenAPI type: string, integer, number, boolean, or date.
	Type string `json:"type"`
	// Format is an OpenAPI format; "name" marks the column that holds the
	// object's name.
	Format      string `json:"format"`
	Description string `json:"description"`
	// Priority 0 columns are always shown; kubectl shows higher ones only
	// with -o wide.
	Priority int32 `json:"priority"`
}

// TableRow is one object. Cells hold JSON scalars (string, int64, float64,
// bool) or nil, one per column.
type TableRow struct {
	Cells      []any               `json:"cells"`
	Conditions []TableRowCondition `json:"conditions,omitempty"`
	// Object is the object the row is about, encoded as JSON: the object
	// itself, its PartialObjectMetadata, or nothing, as TableOptions ask.
	Object apiobj.RawJSON `json:"object,omitempty"`
}

// RowConditionType names a row condition.
type RowConditionType string

// RowCompleted marks a row whose object finished its work (a pod that
// Succeeded or Failed); kubectl may hide such rows.
const RowCompleted RowConditionType = "Completed"

// TableRowCondition is a condition of a row.
type TableRowCondition struct {
	Type    RowConditionType       `json:"type"`
	Status  apiobj.ConditionStatus `json:"status"`
	Reason  string                 `json:"reason,omitempty"`
	Message string                 `json:"message,omitempty"`
}

// IncludeObjectPolicy says what a row's Object holds.
type IncludeObjectPolicy string

// Policies, as the includeObject query parameter names them.
const (
	IncludeNone     IncludeObjectPolicy = "None"
	IncludeMetadata IncludeObjectPolicy = "Metadata"
	IncludeObject   IncludeObjectPolicy = "Object"
)

// TableOptions shape a Table.
type TableOptions struct {
	// NoHeaders leaves out the column definitions (watch events after the
	// first one).
	NoHeaders bool
	// IncludeObject says what each row's Object holds; "" means Metadata,
	// the Kubernetes default.
	IncludeObject IncludeObjectPolicy
	// Now is the time ages are measured against; the zero value means
	// time.Now().
	Now time.Time
}

// ParseTableOptions reads the includeObject query parameter. An unknown
// policy is an error wrapping errdefs.ErrBadRequest (a 400).
func ParseTableOptions(q url.Values) (TableOptions, error) {
	var o TableOptions
	switch p := IncludeObjectPolicy(q.Get("includeObject")); p {
	case "", IncludeNone, IncludeMetadata, IncludeObject:
		o.IncludeObject = p
	default:
		return o, apiobj.NewBadRequest(fmt.Sprintf("includeObject: unsupported value %q, want %q, %q or %q",
			p, IncludeNone, IncludeMetadata, IncludeObject))
	}
	return o, nil
}

// PartialObjectMetadata is an object reduced to its metadata
// (meta.k8s.io/v1), as rows carry it and as the API answers
// "as=PartialObjectMetadata" requests.
type PartialObjectMetadata struct {
	apiobj.TypeMeta   `json:",inline"`
	apiobj.ObjectMeta `json:"metadata,omitempty"`
}

// PartialObjectMetadataList is a list of PartialObjectMetadata.
type PartialObjectMetadataList struct {
	apiobj.TypeMeta `json:",inline"`
	apiobj.ListMeta `json:"metadata,omitempty"`
	Items           []PartialObjectMetadata `json:"items"`
}

// NewPartialObjectMetadata returns obj's metadata as a PartialObjectMetadata.
// Typed objects share nothing with the result; Unstructured ones are
// decoded through JSON.
func NewPartialObjectMetadata(obj apiobj.Object) (*PartialObjectMetadata, error) {
	p := &PartialObjectMetadata{TypeMeta: apiobj.TypeMeta{APIVersion: GroupVersion.String(), Kind: "PartialObjectMetadata"}}
	m, err := metadataOf(obj)
	if err != nil {
		return nil, err
	}
	p.ObjectMeta = *m
	return p, nil
}

// NewPartialObjectMetadataList reduces every item of list to its metadata.
func NewPartialObjectMetadataList(list apiobj.ListObject) (*PartialObjectMetadataList, error) {
	out := &PartialObjectMetadataList{
		TypeMeta: apiobj.TypeMeta{APIVersion: GroupVersion.String(), Kind: "PartialObjectMetadataList"},
		ListMeta: apiobj.ListMeta{
			ResourceVersion:    list.GetResourceVersion(),
			Continue:           list.GetContinue(),
			RemainingItemCount: list.GetRemainingItemCount(),
		},
		Items: []PartialObjectMetadata{},
	}
	for _, it := range list.GetItems() {
		p, err := NewPartialObjectMetadata(it)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, *p)
	}
	return out, nil
}
