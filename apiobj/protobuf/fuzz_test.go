package protobuf_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/protobuf"
)

// FuzzDecode feeds arbitrary bodies to Decode: it must never panic, and
// whatever it accepts must encode and decode again to the same bytes.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "kubectl", "*.pb"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte("k8s\x00"))
	f.Add([]byte("k8s\x00\x0a\x0f\x0a\x02v1\x12\x09Namespace\x12\x02\x0a\x00"))
	f.Add([]byte("k8s\x00\x0a\x0f\x0a\x02v1\x12\x09Namespace\x12\x04\x0a\x02\x0a\xff"))
	f.Add([]byte("k8s\x00\x0a\x09\x0a\x02v1\x12\x03Pod\x12\x06\x12\x04\x12\x02\x12\x00"))
	scheme := apiobj.NewScheme()
	f.Fuzz(func(t *testing.T, body []byte) {
		obj, err := protobuf.Decode(body, scheme)
		if err != nil {
			return
		}
		b1, err := protobuf.Encode(obj)
		require.NoError(t, err)
		back, err := protobuf.Decode(b1, scheme)
		require.NoError(t, err)
		b2, err := protobuf.Encode(back)
		require.NoError(t, err)
		require.Equal(t, b1, b2)
	})
}

// FuzzUnmarshalPod decodes arbitrary messages as a Pod, the widest tree.
func FuzzUnmarshalPod(f *testing.F) {
	for _, name := range []string{"deployment", "job", "cronjob"} {
		b, err := os.ReadFile(filepath.Join("testdata", "kubectl", name+".pb"))
		require.NoError(f, err)
		_, raw, err := protobuf.Unwrap(b)
		require.NoError(f, err)
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var p apiobj.Pod
		if err := protobuf.Unmarshal(raw, &p); err != nil {
			return
		}
		b, err := protobuf.Marshal(&p)
		require.NoError(t, err)
		var back apiobj.Pod
		require.NoError(t, protobuf.Unmarshal(b, &back))
	})
}
