package protobuf

import "reflect"

// CarriedFields returns how many fields of struct type t the codec encodes.
func CarriedFields(t reflect.Type) int { return len(messageFor(t).fields) }
