// Package crdschema evaluates the openAPIV3Schema of a
// CustomResourceDefinition version against custom objects, as
// kube-apiserver does for apiextensions.k8s.io/v1 definitions.
//
// New (or Compile) turns a version's schema into an immutable Schema. The
// API server then handles every custom object written in three steps:
//
//   - Prune removes the fields the schema does not specify (unless
//     x-kubernetes-preserve-unknown-fields keeps them) and returns their
//     paths, for fieldValidation=Warn warnings or Strict rejections;
//   - Default sets the schema's default values;
//   - Validate (ValidateUpdate for updates, with validation ratcheting)
//     returns field errors with Kubernetes' paths and messages, ready for a
//     422 Invalid Status.
//
// Validation covers type (integers are also numbers, integral floats are
// integers), properties, required, items, additionalProperties, enum,
// minimum, maximum and their exclusive forms, multipleOf, minLength and
// maxLength (in characters), pattern (Go regular expressions), format (the
// string formats Kubernetes checks), minItems, maxItems, uniqueItems,
// minProperties, maxProperties, nullable, allOf, anyOf, oneOf, not,
// x-kubernetes-int-or-string, x-kubernetes-embedded-resource and
// x-kubernetes-list-type set and map. The object's apiVersion and kind, and
// its metadata beyond being an object, are left to the API server's
// metadata validation. x-kubernetes-validations are CEL rules, which orca
// does not evaluate: Schema.UnevaluatedRules lists them so the caller can
// say so, and Validate never reports them as passed or failed.
//
// ValidateStructural and ValidateDefinition check a definition's schemas
// when the definition is written: the structural-schema rules Kubernetes
// demands, that every default prunes to itself and validates, and that this
// package can evaluate the schema (a pattern Go's regexp cannot compile,
// such as one with lookahead, is rejected there rather than ignored later).
//
// Validator adapts all this to the registry's CRSchemaValidator, caching one
// compiled Schema per JSONSchemaProps.
//
// Printer columns are not here: the printers package evaluates
// additionalPrinterColumns (printers.CRDColumns, printers.ParseJSONPath).
package crdschema
