package openapi

// BuiltinDescriptions returns the descriptions of the apiobj types, taken
// from their Go doc comments by internal/gendocs (see zz_generated_docs.go).
func BuiltinDescriptions() DescriptionMap {
	return DescriptionMap{Types: generatedTypeDocs, Fields: generatedFieldDocs}
}
