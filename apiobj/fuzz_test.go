package apiobj

import (
	"encoding/binary"
	"os"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to every decoding entry point: none may
// panic, and whatever decodes must encode.
func FuzzDecode(f *testing.F) {
	for _, file := range fixtureFiles(f) {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"resources":{"limits":{"cpu":"1e1000"}}}]}}`))
	f.Add([]byte(`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"List","items":[]}]}`))
	f.Add([]byte("apiVersion: v1\nkind: Secret\ndata:\n  a: '!!!'\n"))
	f.Add([]byte(`{"apiVersion":"v1","kind":"Service","spec":{"ports":[{"targetPort":1.5}]}}`))
	f.Add([]byte("--- &a [*a]\n"))
	c := NewCodec(NewScheme())
	f.Fuzz(func(t *testing.T, data []byte) {
		if obj, err := c.Decode(data, Strict()); obj != nil {
			_ = err
			if _, err := c.Encode(obj); err != nil {
				t.Fatalf("decoded object does not encode: %v", err)
			}
			_ = obj.DeepCopyObject()
		}
		_, _ = c.DecodeAll(data)
		_, _ = PeekKind(data)
	})
}

// FuzzRoundTrip fills a random kind from the fuzzer's bytes and checks the
// round trip, byte-stable encoding and DeepCopy independence.
func FuzzRoundTrip(f *testing.F) {
	for i := range uint64(16) {
		b := make([]byte, 16)
		binary.LittleEndian.PutUint64(b, i)
		binary.LittleEndian.PutUint64(b[8:], i*7919)
		f.Add(b)
	}
	s := NewScheme()
	c := NewCodec(s)
	var kinds []*KindInfo
	for _, k := range s.Kinds() {
		if k.New != nil {
			kinds = append(kinds, k)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 16 {
			return
		}
		k := kinds[binary.LittleEndian.Uint64(data)%uint64(len(kinds))]
		checkRoundTrip(t, c, k, binary.LittleEndian.Uint64(data[8:]))
	})
}
