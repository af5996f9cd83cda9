package main

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

// TestGeneratedDocsUpToDate fails when apiobj's comments changed and
// zz_generated_docs.go was not regenerated.
func TestGeneratedDocsUpToDate(t *testing.T) {
	want, err := Generate("../../../../apiobj")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../zz_generated_docs.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("apiserver/openapi/zz_generated_docs.go is out of date; run: go run ./apiserver/openapi/internal/gendocs")
	}
}

func ExampleGenerate() {
	src, err := Generate("../../../../apiobj")
	if err != nil {
		panic(err)
	}
	fmt.Println(bytes.Contains(src, []byte(`"DeploymentSpec.replicas":`)),
		bytes.Contains(src, []byte(`"Replicas is the desired pod count; nil means 1."`)))
	// Output: true true
}
