// Package predicate filters the changes that reach a controller.
//
// A Predicate sees each create, update and delete of a watched object
// before the controller maps it to requests, and can drop it: a controller
// that only cares about spec changes watches with GenerationChanged, one
// that selects by labels adds LabelsChanged, and And, Or and Not combine
// them. Funcs and FilterFunc adapt plain functions.
//
// Predicates are pure functions of the objects they are given; they run on
// the informer's delivery goroutines and must not block or mutate objects.
package predicate
