package client_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

// The API server benchmarks run through both transports over the memory
// store: HTTP (plain loopback HTTP/1.1, no TLS) and in-process.

func transports(b *testing.B) map[string]*client.Client {
	e := newEnv(b, memory.Config{})
	return map[string]*client.Client{"HTTP": e.http, "InProcess": e.inproc}
}

func benchPod(name string) *apiobj.Pod {
	return &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: name, Namespace: "default", Labels: map[string]string{"app": "bench"}},
		Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "busybox:1.36", Command: []string{"sleep", "3600"}}}},
	}
}

func BenchmarkAPIGet(b *testing.B) {
	for name, c := range transports(b) {
		b.Run(name, func(b *testing.B) {
			pods := client.For[*apiobj.Pod](c).Namespace("default")
			if _, err := pods.Create(context.Background(), benchPod("get-me")); err != nil && !errors.Is(err, errdefs.ErrAlreadyExists) {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := pods.Get(context.Background(), "get-me"); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "gets/s")
		})
	}
}

var createSeq atomic.Int64

func BenchmarkAPICreate(b *testing.B) {
	for name, c := range transports(b) {
		b.Run(name, func(b *testing.B) {
			pods := client.For[*apiobj.Pod](c).Namespace("default")
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := pods.Create(context.Background(), benchPod(fmt.Sprintf("c-%s-%d", strings.ToLower(name), createSeq.Add(1)))); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "creates/s")
		})
	}
}

func BenchmarkAPIUpdate(b *testing.B) {
	for name, c := range transports(b) {
		b.Run(name, func(b *testing.B) {
			cms := client.For[*apiobj.ConfigMap](c).Namespace("default")
			cm, err := cms.Create(context.Background(), configMap(fmt.Sprintf("upd-%d", createSeq.Add(1)), map[string]string{"n": "0"}))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				cm.Data["n"] = fmt.Sprint(i + 1)
				if cm, err = cms.Update(context.Background(), cm); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
		})
	}
}

func BenchmarkAPIList1000Pods(b *testing.B) {
	for name, c := range transports(b) {
		b.Run(name, func(b *testing.B) {
			ns := fmt.Sprintf("list-%d", createSeq.Add(1))
			ctx := context.Background()
			if _, err := client.For[*apiobj.Namespace](c).Create(ctx, &apiobj.Namespace{ObjectMeta: apiobj.ObjectMeta{Name: ns}}); err != nil {
				b.Fatal(err)
			}
			pods := client.For[*apiobj.Pod](c).Namespace(ns)
			for i := range 1000 {
				p := benchPod(fmt.Sprintf("p-%04d", i))
				p.Namespace = ns
				if _, err := pods.Create(ctx, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				items, _, err := pods.List(ctx, client.ListOptions{})
				if err != nil || len(items) != 1000 {
					b.Fatalf("list: %d items, %v", len(items), err)
				}
			}
		})
	}
}
