// Package apiobj is orca's object model: the Kubernetes-compatible meta
// types and every built-in kind, Unstructured for custom kinds, the Scheme,
// the JSON/YAML codec, defaulting, validation and DeepCopy.
//
// Objects encode to the JSON Kubernetes uses (apiVersion, kind, metadata,
// spec, status, with the same field names), so a manifest written for
// Kubernetes decodes into these types and encodes back unchanged.
//
// # Kinds and the Scheme
//
// Every kind embeds TypeMeta and ObjectMeta and implements Object; every list
// implements ListObject. A Scheme maps kinds to Go types and REST resources.
// It is a value: NewScheme returns a fresh one with the built-in kinds, and
// programs register their own with AddKind. A kind without a Go type is
// handled as Unstructured, exactly like the built-in ones by every generic
// part of orca.
//
// # Codec
//
// Codec decodes JSON and YAML (multi-document too) by apiVersion and kind,
// case-sensitively and with exact integers. Strict decoding reports unknown
// and duplicate fields the way Kubernetes does. Encoding is deterministic.
//
// # Sharing
//
// Objects that come from a cache or an informer are shared. Never mutate them;
// DeepCopy first. DeepCopy methods are generated (see internal/deepcopygen)
// and never go through JSON.
//
// # Subpackages
//
// resource holds Quantity; labels and fields hold selectors; field holds
// validation error paths.
package apiobj
