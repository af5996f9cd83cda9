package crdschema

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
)

func loadCRDFile(t testing.TB, path string) *apiobj.CustomResourceDefinition {
	t.Helper()
	y, err := os.ReadFile(path)
	require.NoError(t, err)
	j, _, err := apiobj.ToJSON(y, false)
	require.NoError(t, err)
	crd := &apiobj.CustomResourceDefinition{}
	require.NoError(t, json.Unmarshal(j, crd))
	return crd
}

func loadObjectFile(t testing.TB, path string) map[string]any {
	t.Helper()
	y, err := os.ReadFile(path)
	require.NoError(t, err)
	j, _, err := apiobj.ToJSON(y, false)
	require.NoError(t, err)
	return object(t, string(j))
}
