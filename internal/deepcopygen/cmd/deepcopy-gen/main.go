// Command deepcopy-gen writes zz_generated_deepcopy.go for one package.
//
//	go run ./internal/deepcopygen/cmd/deepcopy-gen -dir apiobj
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/orcaproj/orca/internal/deepcopygen"
)

func main() {
	dir := flag.String("dir", ".", "package directory")
	out := flag.String("out", "zz_generated_deepcopy.go", "output file name inside dir")
	flag.Parse()
	src, err := deepcopygen.Generate(deepcopygen.Config{Dir: *dir, Output: *out})
	if err != nil {
		fmt.Fprintln(os.Stderr, "deepcopy-gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(filepath.Join(*dir, *out), src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "deepcopy-gen:", err)
		os.Exit(1)
	}
}
