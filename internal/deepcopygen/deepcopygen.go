// Package deepcopygen writes DeepCopy methods for the API types of one Go
// package, so that copying an object never goes through JSON.
//
// It reads the package's source with go/ast (no type checker) and, for every
// exported struct type, writes DeepCopyInto and DeepCopy; for kinds (structs
// that embed TypeMeta and ObjectMeta) also DeepCopyObject; and for list kinds
// (TypeMeta, ListMeta and an Items slice) DeepCopyList, GetItems and SetItems.
// Named map and slice types get DeepCopyInto and DeepCopy too.
//
// A type that declares its own DeepCopyInto is used as it is. A type whose
// doc comment has the line "orca:nodeepcopy" is skipped. Fields of types from
// other packages are copied according to a small table (time.Time by value,
// resource.Quantity through its DeepCopy method); any other foreign or
// interface-typed field is an error, so nothing is silently shared.
//
// The generated file is checked in; a test in the target package regenerates
// it in memory and fails when the checked-in copy is stale.
package deepcopygen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// External says how a type from another package is copied.
type External int

const (
	// Shallow types are immutable values, copied by assignment.
	Shallow External = iota
	// ValueDeepCopy types have a value-receiver DeepCopy() T method.
	ValueDeepCopy
)

// DefaultExternals is the table used by Generate.
var DefaultExternals = map[string]External{
	"time.Time":         Shallow,
	"time.Duration":     Shallow,
	"resource.Quantity": ValueDeepCopy,
}

// Config says what to generate.
type Config struct {
	// Dir is the package directory.
	Dir string
	// Output is the file name to write inside Dir; it is ignored when reading.
	Output string
	// Externals overrides DefaultExternals when non-nil.
	Externals map[string]External
	// ObjectInterface and ListInterface name the interfaces the kind methods
	// return; defaults "Object" and "ListObject".
	ObjectInterface, ListInterface string
}

type typeInfo struct {
	name   string
	expr   ast.Expr
	manual map[string]bool // methods declared by hand
	skip   bool
}

type generator struct {
	cfg     Config
	pkg     string
	types   map[string]*typeInfo
	imports map[string]string // local package name -> import path used by fields
	used    map[string]bool   // imports the generated file needs
	deep    map[string]bool   // memo of needsDeep for named types
	buf     bytes.Buffer
}

// Generate returns the formatted source of the generated file.
func Generate(cfg Config) ([]byte, error) {
	if cfg.Output == "" {
		cfg.Output = "zz_generated_deepcopy.go"
	}
	if cfg.Externals == nil {
		cfg.Externals = DefaultExternals
	}
	if cfg.ObjectInterface == "" {
		cfg.ObjectInterface = "Object"
	}
	if cfg.ListInterface == "" {
		cfg.ListInterface = "ListObject"
	}
	g := &generator{cfg: cfg, types: map[string]*typeInfo{}, imports: map[string]string{}, used: map[string]bool{}, deep: map[string]bool{}}
	if err := g.load(); err != nil {
		return nil, err
	}
	return g.generate()
}

func (g *generator) load() error {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(g.cfg.Dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == g.cfg.Output {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(g.cfg.Dir, n), nil, parser.ParseComments)
		if err != nil {
			return err
		}
		g.pkg = f.Name.Name
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			name := path[strings.LastIndex(path, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			g.imports[name] = path
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.TYPE {
					continue
				}
				for _, s := range d.Specs {
					ts := s.(*ast.TypeSpec)
					if ts.TypeParams != nil || ts.Assign.IsValid() {
						continue
					}
					ti := g.info(ts.Name.Name)
					ti.expr = ts.Type
					doc := ts.Doc
					if doc == nil && len(d.Specs) == 1 {
						doc = d.Doc
					}
					if doc != nil && strings.Contains(doc.Text(), "orca:nodeepcopy") {
						ti.skip = true
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 {
					continue
				}
				t := d.Recv.List[0].Type
				if s, ok := t.(*ast.StarExpr); ok {
					t = s.X
				}
				if id, ok := t.(*ast.Ident); ok {
					g.info(id.Name).manual[d.Name.Name] = true
				}
			}
		}
	}
	return nil
}

func (g *generator) info(name string) *typeInfo {
	ti := g.types[name]
	if ti == nil {
		ti = &typeInfo{name: name, manual: map[string]bool{}}
		g.types[name] = ti
	}
	return ti
}

func (g *generator) printf(format string, args ...any) { fmt.Fprintf(&g.buf, format, args...) }

func (g *generator) generate() ([]byte, error) {
	var names []string
	for n, ti := range g.types {
		if ti.expr == nil || ti.skip || !ast.IsExported(n) {
			continue
		}
		switch ti.expr.(type) {
		case *ast.StructType, *ast.MapType, *ast.ArrayType:
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		if err := g.genType(g.types[n]); err != nil {
			return nil, fmt.Errorf("type %s: %w", n, err)
		}
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "// Code generated by internal/deepcopygen. DO NOT EDIT.\n\npackage %s\n\n", g.pkg)
	if len(g.used) > 0 {
		var paths []string
		for name := range g.used {
			paths = append(paths, fmt.Sprintf("%s %q", name, g.imports[name]))
		}
		sort.Strings(paths)
		out.WriteString("import (\n" + strings.Join(paths, "\n") + "\n)\n\n")
	}
	out.Write(g.buf.Bytes())
	src, err := format.Source(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting generated code: %w\n%s", err, out.Bytes())
	}
	return src, nil
}

func (g *generator) genType(ti *typeInfo) error {
	n := ti.name
	switch t := ti.expr.(type) {
	case *ast.StructType:
		if !ti.manual["DeepCopyInto"] {
			g.printf("// DeepCopyInto copies in into out; out shares no mutable state with in.\n")
			g.printf("func (in *%s) DeepCopyInto(out *%s) {\n*out = *in\n", n, n)
			for _, f := range t.Fields.List {
				deep, err := g.needsDeep(f.Type)
				if err != nil {
					return err
				}
				if !deep {
					continue
				}
				names := fieldNames(f)
				for _, fn := range names {
					code, err := g.emit(f.Type, "in."+fn, "out."+fn)
					if err != nil {
						return fmt.Errorf("field %s: %w", fn, err)
					}
					g.printf("%s\n", code)
				}
			}
			g.printf("}\n\n")
		}
		if !ti.manual["DeepCopy"] {
			g.printf("// DeepCopy returns a deep copy of in, or nil.\n")
			g.printf("func (in *%s) DeepCopy() *%s {\nif in == nil {\nreturn nil\n}\nout := new(%s)\nin.DeepCopyInto(out)\nreturn out\n}\n\n", n, n, n)
		}
		if isKind(t) && !ti.manual["DeepCopyObject"] {
			g.printf("// DeepCopyObject implements %s.\n", g.cfg.ObjectInterface)
			g.printf("func (in *%s) DeepCopyObject() %s {\nif c := in.DeepCopy(); c != nil {\nreturn c\n}\nreturn nil\n}\n\n", n, g.cfg.ObjectInterface)
		}
		if item, ok := listItem(t); ok {
			if !ti.manual["DeepCopyList"] {
				g.printf("// DeepCopyList implements %s.\n", g.cfg.ListInterface)
				g.printf("func (in *%s) DeepCopyList() %s {\nif c := in.DeepCopy(); c != nil {\nreturn c\n}\nreturn nil\n}\n\n", n, g.cfg.ListInterface)
			}
			if !ti.manual["GetItems"] {
				g.printf("// GetItems implements %s; the items alias the list.\n", g.cfg.ListInterface)
				g.printf("func (in *%s) GetItems() []%s {\nout := make([]%s, len(in.Items))\nfor i := range in.Items {\nout[i] = &in.Items[i]\n}\nreturn out\n}\n\n", n, g.cfg.ObjectInterface, g.cfg.ObjectInterface)
			}
			if !ti.manual["SetItems"] {
				g.printf("// SetItems implements %s.\n", g.cfg.ListInterface)
				g.printf("func (in *%s) SetItems(objs []%s) error {\nitems := make([]%s, len(objs))\nfor i, o := range objs {\np, ok := o.(*%s)\nif !ok {\nreturn fmt.Errorf(\"item %%d is %%T, not *%s\", i, o)\n}\nitems[i] = *p\n}\nin.Items = items\nreturn nil\n}\n\n", n, g.cfg.ObjectInterface, item, item, item)
				g.used["fmt"] = true
				g.imports["fmt"] = "fmt"
			}
		}
	case *ast.MapType, *ast.ArrayType:
		if !ti.manual["DeepCopyInto"] {
			body, err := g.emit(t, "in", "*out")
			if err != nil {
				return err
			}
			g.printf("// DeepCopyInto copies in into out; out shares no mutable state with in.\n")
			g.printf("func (in %s) DeepCopyInto(out *%s) {\n%s\n}\n\n", n, n, body)
		}
		if !ti.manual["DeepCopy"] {
			g.printf("// DeepCopy returns a deep copy of in, or nil.\n")
			g.printf("func (in %s) DeepCopy() %s {\nif in == nil {\nreturn nil\n}\nout := new(%s)\nin.DeepCopyInto(out)\nreturn *out\n}\n\n", n, n, n)
		}
	}
	return nil
}

func fieldNames(f *ast.Field) []string {
	if len(f.Names) > 0 {
		var out []string
		for _, n := range f.Names {
			out = append(out, n.Name)
		}
		return out
	}
	switch t := f.Type.(type) {
	case *ast.Ident:
		return []string{t.Name}
	case *ast.StarExpr:
		if id, ok := t.X.(*ast.Ident); ok {
			return []string{id.Name}
		}
		if se, ok := t.X.(*ast.SelectorExpr); ok {
			return []string{se.Sel.Name}
		}
	case *ast.SelectorExpr:
		return []string{t.Sel.Name}
	}
	return nil
}

func embeds(t *ast.StructType, name string) bool {
	for _, f := range t.Fields.List {
		if len(f.Names) == 0 {
			if id, ok := f.Type.(*ast.Ident); ok && id.Name == name {
				return true
			}
		}
	}
	return false
}

func isKind(t *ast.StructType) bool { return embeds(t, "TypeMeta") && embeds(t, "ObjectMeta") }

func listItem(t *ast.StructType) (string, bool) {
	if !embeds(t, "TypeMeta") || !embeds(t, "ListMeta") {
		return "", false
	}
	for _, f := range t.Fields.List {
		if len(f.Names) == 1 && f.Names[0].Name == "Items" {
			if at, ok := f.Type.(*ast.ArrayType); ok && at.Len == nil {
				if id, ok := at.Elt.(*ast.Ident); ok {
					return id.Name, true
				}
			}
		}
	}
	return "", false
}

var basic = map[string]bool{
	"bool": true, "string": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"byte": true, "rune": true, "float32": true, "float64": true, "complex64": true, "complex128": true,
}

// needsDeep reports whether a value of type t holds mutable shared state that
// assignment would alias.
func (g *generator) needsDeep(t ast.Expr) (bool, error) {
	switch t := t.(type) {
	case *ast.Ident:
		if basic[t.Name] {
			return false, nil
		}
		if d, ok := g.deep[t.Name]; ok {
			return d, nil
		}
		ti := g.types[t.Name]
		if ti == nil || ti.expr == nil {
			return false, fmt.Errorf("unknown type %s", t.Name)
		}
		var d bool
		if ti.manual["DeepCopyInto"] {
			d = true
		} else {
			var err error
			d, err = g.needsDeep(ti.expr)
			if err != nil {
				return false, err
			}
		}
		g.deep[t.Name] = d
		return d, nil
	case *ast.StructType:
		for _, f := range t.Fields.List {
			d, err := g.needsDeep(f.Type)
			if err != nil || d {
				return d, err
			}
		}
		return false, nil
	case *ast.StarExpr, *ast.ArrayType, *ast.MapType:
		if at, ok := t.(*ast.ArrayType); ok && at.Len != nil {
			return g.needsDeep(at.Elt)
		}
		return true, nil
	case *ast.SelectorExpr:
		kind, err := g.external(t)
		return kind != Shallow, err
	case *ast.InterfaceType, *ast.FuncType, *ast.ChanType:
		return false, fmt.Errorf("field type %T cannot be deep-copied; give the type a DeepCopyInto by hand or mark it orca:nodeepcopy", t)
	}
	return false, fmt.Errorf("unsupported type expression %T", t)
}

func (g *generator) external(t *ast.SelectorExpr) (External, error) {
	pkg, ok := t.X.(*ast.Ident)
	if !ok {
		return 0, fmt.Errorf("unsupported selector")
	}
	name := pkg.Name + "." + t.Sel.Name
	kind, ok := g.cfg.Externals[name]
	if !ok {
		return 0, fmt.Errorf("no copy rule for foreign type %s", name)
	}
	if kind != Shallow {
		g.used[pkg.Name] = true
	}
	return kind, nil
}

func typeString(t ast.Expr) string {
	var b bytes.Buffer
	_ = format.Node(&b, token.NewFileSet(), t)
	return b.String()
}

// emit returns statements that set dst to a deep copy of src, both of type t.
// src and dst are addressable expressions.
func (g *generator) emit(t ast.Expr, src, dst string) (string, error) {
	deep, err := g.needsDeep(t)
	if err != nil {
		return "", err
	}
	if !deep {
		return dst + " = " + src, nil
	}
	switch t := t.(type) {
	case *ast.Ident:
		ti := g.types[t.Name]
		if _, isStruct := ti.expr.(*ast.StructType); isStruct || ti.manual["DeepCopyInto"] {
			return paren(src) + ".DeepCopyInto(&" + dst + ")", nil
		}
		return g.emitContainer(ti.expr, t.Name, src, dst)
	case *ast.SelectorExpr:
		return dst + " = " + paren(src) + ".DeepCopy()", nil
	case *ast.StarExpr:
		inner, err := g.emit(t.X, "**in", "**out")
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("if %s != nil {\nin, out := &%s, &%s\n*out = new(%s)\n%s\n}", src, src, dst, typeString(t.X), inner), nil
	case *ast.ArrayType:
		if t.Len != nil {
			return "", fmt.Errorf("arrays with mutable elements are not supported")
		}
		return g.emitContainer(t, typeString(t), src, dst)
	case *ast.MapType:
		return g.emitContainer(t, typeString(t), src, dst)
	case *ast.StructType:
		return "", fmt.Errorf("anonymous struct types are not supported")
	}
	return "", fmt.Errorf("unsupported type %T", t)
}

// emitContainer copies a slice or map whose type is spelled typeName.
func (g *generator) emitContainer(t ast.Expr, typeName, src, dst string) (string, error) {
	switch t := t.(type) {
	case *ast.ArrayType:
		elemDeep, err := g.needsDeep(t.Elt)
		if err != nil {
			return "", err
		}
		body := "copy(*out, *in)"
		if elemDeep {
			inner, err := g.emit(t.Elt, "(*in)[i]", "(*out)[i]")
			if err != nil {
				return "", err
			}
			body = "for i := range *in {\n" + inner + "\n}"
		}
		return fmt.Sprintf("if %s != nil {\nin, out := &%s, %s\n*out = make(%s, len(*in))\n%s\n} else {\n%s = nil\n}", src, src, addr(dst), typeName, body, dst), nil
	case *ast.MapType:
		valDeep, err := g.needsDeep(t.Value)
		if err != nil {
			return "", err
		}
		body := "(*out)[key] = val"
		if valDeep {
			inner, err := g.emit(t.Value, "val", "outVal")
			if err != nil {
				return "", err
			}
			body = fmt.Sprintf("var outVal %s\n%s\n(*out)[key] = outVal", typeString(t.Value), inner)
		}
		return fmt.Sprintf("if %s != nil {\nin, out := &%s, %s\n*out = make(%s, len(*in))\nfor key, val := range *in {\n%s\n}\n} else {\n%s = nil\n}", src, src, addr(dst), typeName, body, dst), nil
	}
	return "", fmt.Errorf("unsupported container %T", t)
}

func paren(e string) string {
	if strings.HasPrefix(e, "*") {
		return "(" + e + ")"
	}
	return e
}

func addr(dst string) string {
	if strings.HasPrefix(dst, "*") && !strings.HasPrefix(dst, "**") {
		return dst[1:]
	}
	return "&" + dst
}
