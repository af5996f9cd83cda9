// Package resource holds Quantity, the exact decimal number behind resource
// requests, limits and capacities ("500m" of CPU, "128Mi" of memory), with
// the same text form as the Kubernetes resource.Quantity.
//
// A Quantity parses from and writes to the strings Kubernetes uses, and
// encodes to JSON as a string in canonical form (see Quantity.String). On
// decoding it also accepts a JSON number, as Kubernetes does. Arithmetic is
// exact; nothing is held as a float.
//
// The package knows nothing of resource names or of the object model:
// apiobj builds ResourceList on top of it, and the scheduler reads
// quantities through MilliValue and Value, which do not allocate for the
// common int64-backed values.
//
// Where this package and Kubernetes differ, the difference is on inputs no
// real manifest holds, and is listed on ParseQuantity and Quantity.String.
package resource
