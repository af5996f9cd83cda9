// Package printers converts objects to meta.k8s.io/v1 Tables, the
// server-side printing kubectl asks for with
// "Accept: application/json;as=Table;v=v1;g=meta.k8s.io".
//
// Built-in kinds get the columns kubectl shows against Kubernetes 1.32
// (pods: NAME READY STATUS RESTARTS AGE, and IP, NODE, NOMINATED NODE and
// READINESS GATES with -o wide; deployments: NAME READY UP-TO-DATE
// AVAILABLE AGE; and so on), with the same cell logic, including the pod
// STATUS kubectl users know (Running, ContainerCreating, CrashLoopBackOff,
// Init:0/1, Completed, Terminating, ...). Wide columns have priority 1 and
// are always filled; kubectl hides them unless asked. Custom kinds get the
// additionalPrinterColumns of their CustomResourceDefinition, evaluated as
// simple JSONPath expressions over the object; kinds without printers get
// NAME and AGE.
//
// A Printer is configured with the Scheme and a CRDLookup (the registry)
// and converts single objects and lists, typed or Unstructured. The Table,
// TableColumnDefinition, TableRow and PartialObjectMetadata types are
// defined here, as they are never stored.
package printers
