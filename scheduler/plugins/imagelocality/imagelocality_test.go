package imagelocality

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func TestScore(t *testing.T) {
	t.Parallel()
	withImages := func(images ...string) *apiobj.Pod {
		p := pt.MakePod("p").Obj()
		p.Spec.Containers = nil
		for _, img := range images {
			p.Spec.Containers = append(p.Spec.Containers, apiobj.Container{Name: img, Image: img})
		}
		return p
	}
	tests := []struct {
		name  string
		pod   *apiobj.Pod
		nodes []*apiobj.Node
		want  map[string]int64
	}{
		{
			// Node1 has 40 MiB of the pod's images, node2 300 MiB; each image
			// is on one of the two nodes, so its size is halved.
			name: "two images, two nodes",
			pod:  withImages("gcr.io/40", "gcr.io/300"),
			nodes: []*apiobj.Node{
				pt.MakeNode("n1").Image(40*mb, "gcr.io/40:latest").Image(2000*mb, "gcr.io/2000:latest").Obj(),
				pt.MakeNode("n2").Image(300*mb, "gcr.io/300:latest").Obj(),
			},
			// n1: 20 MiB < 23 MiB -> 0. n2: 150 MiB -> 100*(150-23)/(2000-23) = 6.
			want: map[string]int64{"n1": 0, "n2": 6},
		},
		{
			name: "image on every node is discounted less",
			pod:  withImages("gcr.io/250:v1"),
			nodes: []*apiobj.Node{
				pt.MakeNode("n1").Image(250*mb, "gcr.io/250:v1").Obj(),
				pt.MakeNode("n2").Image(250*mb, "gcr.io/250:v1").Obj(),
				pt.MakeNode("n3").Obj(),
			},
			// 250*2/3 = 166 MiB -> 100*(166-23)/(1000-23) = 14.
			want: map[string]int64{"n1": 14, "n2": 14, "n3": 0},
		},
		{
			name:  "big image is capped per container",
			pod:   withImages("gcr.io/3000"),
			nodes: []*apiobj.Node{pt.MakeNode("n1").Image(3000*mb, "gcr.io/3000:latest").Obj()},
			want:  map[string]int64{"n1": 100},
		},
		{
			name:  "digest references are not tagged",
			pod:   withImages("gcr.io/x@sha256:abc"),
			nodes: []*apiobj.Node{pt.MakeNode("n1").Image(3000*mb, "gcr.io/x@sha256:abc").Obj()},
			want:  map[string]int64{"n1": 100},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := pt.Handle(nil, tt.nodes)
			pl, _ := New(nil, h)
			got, st := pt.Scores(t, pl.(framework.ScorePlugin), h, tt.pod)
			if st != nil {
				t.Fatal(st)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("scores (-want +got):\n%s", d)
			}
		})
	}
}

func TestNormalizedImageName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"nginx":                   "nginx:latest",
		"nginx:1.2":               "nginx:1.2",
		"localhost:5000/nginx":    "localhost:5000/nginx:latest",
		"localhost:5000/nginx:v1": "localhost:5000/nginx:v1",
		"a@sha256:00":             "a@sha256:00",
	} {
		if got := NormalizedImageName(in); got != want {
			t.Errorf("NormalizedImageName(%q) = %q, want %q", in, got, want)
		}
	}
}
