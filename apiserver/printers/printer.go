package printers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// CRDLookup finds the definition and version that serve a custom kind.
// *registry.Registry implements it.
type CRDLookup interface {
	CustomResourceDefinition(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool)
}

// CRDLookupFunc adapts a function to CRDLookup.
type CRDLookupFunc func(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool)

// CustomResourceDefinition implements CRDLookup.
func (f CRDLookupFunc) CustomResourceDefinition(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool) {
	return f(gvk)
}

// Config configures a Printer. The zero Config prints built-in kinds only.
type Config struct {
	// Scheme resolves the kinds of objects whose apiVersion and kind are
	// empty (for IncludeObject), the item kind of empty custom lists, and
	// prints Unstructured objects of built-in kinds with their built-in
	// columns. nil means apiobj.NewScheme().
	Scheme *apiobj.Scheme
	// CRDs supplies the additionalPrinterColumns of custom kinds. It is
	// asked on every call, so definitions that change are picked up at once.
	// nil prints every custom kind with NAME and AGE.
	CRDs CRDLookup
}

// Printer converts objects to Tables. It holds no mutable state and is safe
// for concurrent use. Objects passed to it are never modified.
type Printer struct {
	scheme *apiobj.Scheme
	crds   CRDLookup
}

var defaultScheme = sync.OnceValue(apiobj.NewScheme)

// New returns a Printer.
func New(cfg Config) *Printer {
	p := &Printer{scheme: cfg.Scheme, crds: cfg.CRDs}
	if p.scheme == nil {
		p.scheme = defaultScheme()
	}
	return p
}

// ToTable converts obj with a Printer for built-in kinds only (New(Config{})).
func ToTable(obj apiobj.Typed, opts TableOptions) (*Table, error) {
	return New(Config{}).ToTable(obj, opts)
}

// converter prints one kind: its columns, and the cells of one object.
type converter struct {
	columns []TableColumnDefinition
	cells   func(obj apiobj.Object, now time.Time) ([]any, []TableRowCondition, error)
}

// ToTable converts obj, a single object or a list (typed or Unstructured),
// into a Table with the columns kubectl shows for its kind against
// Kubernetes: built-in kinds have their own columns (wide columns carry
// priority 1 and are always filled), custom kinds the additionalPrinterColumns
// of their definition (or AGE without any), and other kinds NAME and AGE.
// Lists copy resourceVersion, continue and remainingItemCount. Rows carry
// the objects as opts.IncludeObject says. The error wraps
// errdefs.ErrBadRequest when obj is neither an object nor a list.
func (p *Printer) ToTable(obj apiobj.Typed, opts TableOptions) (*Table, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	t := &Table{
		TypeMeta: apiobj.TypeMeta{APIVersion: GroupVersion.String(), Kind: "Table"},
		Rows:     []TableRow{},
	}
	var items []apiobj.Object
	var conv *converter
	switch o := obj.(type) {
	case apiobj.ListObject:
		t.ResourceVersion = o.GetResourceVersion()
		t.Continue = o.GetContinue()
		t.RemainingItemCount = o.GetRemainingItemCount()
		items = o.GetItems()
		conv = p.converterForList(o, items)
	case apiobj.Object:
		t.ResourceVersion = o.GetResourceVersion()
		items = []apiobj.Object{o}
		conv = p.converterFor(o)
	default:
		return nil, fmt.Errorf("printers: cannot print %T as a table: %w", obj, errdefs.ErrBadRequest)
	}
	if !opts.NoHeaders {
		t.ColumnDefinitions = conv.columns
	}
	for _, it := range items {
		cells, conds, err := conv.cells(it, now)
		if err != nil {
			return nil, err
		}
		row := TableRow{Cells: cells, Conditions: conds}
		if row.Object, err = p.embed(it, opts.IncludeObject); err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// converterFor picks the converter of one object.
func (p *Printer) converterFor(obj apiobj.Object) *converter {
	if c, ok := builtins()[reflect.TypeOf(obj)]; ok {
		return c
	}
	if _, ok := obj.(*apiobj.Unstructured); ok {
		return p.converterForGVK(obj.GroupVersionKind())
	}
	return defaultConverter
}

// converterForList picks the converter of a list's items.
func (p *Printer) converterForList(list apiobj.ListObject, items []apiobj.Object) *converter {
	if len(items) > 0 {
		return p.converterFor(items[0])
	}
	if _, ok := list.(*apiobj.UnstructuredList); !ok {
		t := itemType(list)
		if c, ok := builtins()[t]; ok {
			return c
		}
		return defaultConverter
	}
	gvk := list.GroupVersionKind()
	if k, ok := p.scheme.KindForList(gvk); ok {
		return p.converterForGVK(k.GroupVersionKind)
	}
	gvk.Kind = strings.TrimSuffix(gvk.Kind, "List")
	return p.converterForGVK(gvk)
}

// itemType returns the pointer type of a typed list's items, or nil.
func itemType(list apiobj.ListObject) reflect.Type {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f, ok := v.Elem().Type().FieldByName("Items")
	if !ok || f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() != reflect.Struct {
		return nil
	}
	return reflect.PointerTo(f.Type.Elem())
}

// converterForGVK prints Unstructured objects of kind gvk: with the typed
// columns of a built-in kind, or the columns of a custom kind.
func (p *Printer) converterForGVK(gvk apiobj.GroupVersionKind) *converter {
	if k, ok := p.scheme.Kind(gvk); ok && k.New != nil {
		typed, ok := builtins()[reflect.TypeOf(k.New())]
		if !ok {
			return defaultConverter
		}
		return &converter{columns: typed.columns, cells: func(obj apiobj.Object, now time.Time) ([]any, []TableRowCondition, error) {
			o, err := p.scheme.New(gvk)
			if err != nil {
				return nil, nil, err
			}
			b, err := json.Marshal(obj)
			if err != nil {
				return nil, nil, err
			}
			if err := json.Unmarshal(b, o); err != nil {
				return nil, nil, fmt.Errorf("printers: decoding %v: %w", gvk, err)
			}
			return typed.cells(o, now)
		}}
	}
	if p.crds != nil {
		if crd, v, ok := p.crds.CustomResourceDefinition(gvk); ok {
			return crdConverter(crd, v)
		}
	}
	return defaultConverter
}

// metadataOf returns a copy of obj's metadata.
func metadataOf(obj apiobj.Object) (*apiobj.ObjectMeta, error) {
	if m, ok := obj.(interface{ GetObjectMeta() *apiobj.ObjectMeta }); ok {
		return m.GetObjectMeta().DeepCopy(), nil
	}
	var raw any = map[string]any{}
	if u, ok := obj.(*apiobj.Unstructured); ok {
		if md, ok := u.Object["metadata"]; ok {
			raw = md
		}
	} else {
		b, err := json.Marshal(obj)
		if err != nil {
			return nil, err
		}
		var probe struct {
			Metadata json.RawMessage `json:"metadata"`
		}
		if err := json.Unmarshal(b, &probe); err != nil {
			return nil, err
		}
		raw = probe.Metadata
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	m := &apiobj.ObjectMeta{}
	if len(b) > 0 && string(b) != "null" {
		if err := json.Unmarshal(b, m); err != nil {
			return nil, fmt.Errorf("printers: decoding metadata: %w", err)
		}
	}
	return m, nil
}

// embed encodes what a row's Object holds.
func (p *Printer) embed(obj apiobj.Object, policy IncludeObjectPolicy) (apiobj.RawJSON, error) {
	switch policy {
	case IncludeNone:
		return nil, nil
	case IncludeObject:
		b, err := json.Marshal(obj)
		if err != nil {
			return nil, err
		}
		if !obj.GroupVersionKind().Empty() {
			return b, nil
		}
		gvk, kerr := p.scheme.ObjectKind(obj)
		if kerr != nil || !bytes.HasPrefix(b, []byte("{")) {
			return b, nil // a kind the scheme does not know is sent as it is
		}
		apiVersion, kind := gvk.ToAPIVersionAndKind()
		head, _ := json.Marshal(map[string]string{"apiVersion": apiVersion, "kind": kind})
		if len(b) == 2 { // "{}"
			return head, nil
		}
		return append(append(head[:len(head)-1:len(head)-1], ','), b[1:]...), nil
	default:
		pm, err := NewPartialObjectMetadata(obj)
		if err != nil {
			return nil, err
		}
		return json.Marshal(pm)
	}
}

var (
	colName = TableColumnDefinition{Name: "Name", Type: "string", Format: "name",
		Description: "Name is unique within a namespace (or the cluster, for cluster-scoped kinds)."}
	colAge = TableColumnDefinition{Name: "Age", Type: "string",
		Description: "The time since the server created the object (metadata.creationTimestamp)."}
	colCreatedAt = TableColumnDefinition{Name: "Created At", Type: "date",
		Description: "The time the server created the object (metadata.creationTimestamp)."}
)

// defaultConverter prints NAME and AGE.
var defaultConverter = &converter{
	columns: []TableColumnDefinition{colName, colAge},
	cells: func(obj apiobj.Object, now time.Time) ([]any, []TableRowCondition, error) {
		return []any{obj.GetName(), age(obj.GetCreationTimestamp(), now)}, nil, nil
	},
}
