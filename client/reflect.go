package client

import "reflect"

// newPointer returns a new zero value of the type p points to, as the same
// pointer type.
func newPointer(p any) any {
	t := reflect.TypeOf(p)
	if t == nil || t.Kind() != reflect.Pointer {
		panic("client: resource type must be a pointer to a kind")
	}
	return reflect.New(t.Elem()).Interface()
}
