package apiobj

import (
	"fmt"
	"os"
	"testing"
)

func benchPod(b *testing.B) (*Codec, *Pod, []byte) {
	c := NewCodec(NewScheme())
	data, err := os.ReadFile("testdata/manifests/pod.yaml")
	if err != nil {
		b.Fatal(err)
	}
	obj, err := c.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	pod := obj.(*Pod)
	j, err := c.Encode(pod)
	if err != nil {
		b.Fatal(err)
	}
	return c, pod, j
}

func benchPodList(b *testing.B, n int) (*Codec, *PodList, []byte) {
	c, pod, _ := benchPod(b)
	l := &PodList{TypeMeta: TypeMeta{APIVersion: "v1", Kind: "PodList"}}
	l.Items = make([]Pod, n)
	for i := range l.Items {
		pod.DeepCopyInto(&l.Items[i])
		l.Items[i].Name = fmt.Sprintf("pod-%d", i)
	}
	j, err := c.Encode(l)
	if err != nil {
		b.Fatal(err)
	}
	return c, l, j
}

func BenchmarkPodEncode(b *testing.B) {
	c, pod, j := benchPod(b)
	b.SetBytes(int64(len(j)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Encode(pod); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPodDecode(b *testing.B) {
	c, _, j := benchPod(b)
	b.SetBytes(int64(len(j)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decode(j); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPodDeepCopy(b *testing.B) {
	_, pod, _ := benchPod(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = pod.DeepCopy()
	}
}

func BenchmarkPodList1000Encode(b *testing.B) {
	c, l, j := benchPodList(b, 1000)
	b.SetBytes(int64(len(j)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Encode(l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPodList1000Decode(b *testing.B) {
	c, _, j := benchPodList(b, 1000)
	b.SetBytes(int64(len(j)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.DecodeAny(j); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPodList1000DeepCopy(b *testing.B) {
	_, l, _ := benchPodList(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		_ = l.DeepCopy()
	}
}
