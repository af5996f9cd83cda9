package registry_test

import "github.com/orcaproj/orca/apiobj/fields"

func parseFields(s string) (fields.Selector, error) { return fields.ParseSelector(s) }
