package apiobj

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/internal/deepcopygen"
)

// TestDeepCopyGeneratedIsFresh fails when zz_generated_deepcopy.go is not what
// the generator writes for the current types. Run `make generate`.
func TestDeepCopyGeneratedIsFresh(t *testing.T) {
	t.Parallel()
	want, err := deepcopygen.Generate(deepcopygen.Config{Dir: ".", Output: "zz_generated_deepcopy.go"})
	require.NoError(t, err)
	got, err := os.ReadFile("zz_generated_deepcopy.go")
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Fatalf("zz_generated_deepcopy.go is stale; run `make generate` (-want +got):\n%s", diff)
	}
}
