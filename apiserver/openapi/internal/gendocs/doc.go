// Command gendocs writes apiserver/openapi/zz_generated_docs.go: the doc
// comments of the apiobj types and of their fields, which the OpenAPI
// documents publish as descriptions (go/doc is not available at run time,
// as the source is not). Run it from the repository root after changing
// apiobj's comments:
//
//	go run ./apiserver/openapi/internal/gendocs
//
// Its test fails when the checked-in file is out of date.
package main
