// Package fields holds field sets and field selectors with the syntax and
// semantics of Kubernetes' fieldSelector query parameter.
//
// A field selector is a conjunction of terms "field=value", "field==value"
// or "field!=value" joined by ",": for example
// "spec.nodeName=node-1,status.phase!=Succeeded". ParseSelector reads one.
// Values may hold ",", "=" and "\" when escaped with a backslash ("\,", "\=",
// "\\"); EscapeValue produces that form. Any other backslash sequence, "\!"
// included, is an error, as in Kubernetes. Field names are taken literally and
// are not validated here: which fields a kind supports is decided in apiobj.
//
// A Selector matches Fields, a read-only view of an object's selectable
// fields. A field absent from Fields reads as "", so "f=" matches an object
// without f and "f!=" does not.
//
// RequiresExactMatch lets a caller find a required value, such as the node in
// "spec.nodeName=node-1", and serve it from an index instead of a scan.
//
// Selectors are immutable values, safe for concurrent use. The package imports
// nothing from orca; apiobj imports it.
package fields
