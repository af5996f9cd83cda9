package coscheduling

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

// waiting is a WaitingPods that records decisions.
type waiting struct {
	mu       sync.Mutex
	pods     map[string]*wpod
	allowed  []string
	rejected []string
}

type wpod struct {
	w   *waiting
	pod *apiobj.Pod
}

func (p *wpod) Pod() *apiobj.Pod         { return p.pod }
func (p *wpod) PendingPlugins() []string { return []string{Name} }
func (p *wpod) Allow(string) {
	p.w.mu.Lock()
	defer p.w.mu.Unlock()
	p.w.allowed = append(p.w.allowed, p.pod.Name)
	delete(p.w.pods, framework.PodKey(p.pod))
}
func (p *wpod) Reject(_, msg string) {
	p.w.mu.Lock()
	defer p.w.mu.Unlock()
	p.w.rejected = append(p.w.rejected, p.pod.Name)
	delete(p.w.pods, framework.PodKey(p.pod))
}

func (w *waiting) park(p *apiobj.Pod) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pods[framework.PodKey(p)] = &wpod{w: w, pod: p}
}

func (w *waiting) Iterate(fn func(framework.WaitingPod)) {
	w.mu.Lock()
	list := make([]*wpod, 0, len(w.pods))
	for _, p := range w.pods {
		list = append(list, p)
	}
	w.mu.Unlock()
	for _, p := range list {
		fn(p)
	}
}

func (w *waiting) Get(key string) framework.WaitingPod {
	w.mu.Lock()
	defer w.mu.Unlock()
	if p, ok := w.pods[key]; ok {
		return p
	}
	return nil
}

type podList []*apiobj.Pod

func (l podList) ListPods(ns string, sel labels.Selector) ([]*apiobj.Pod, error) {
	var out []*apiobj.Pod
	for _, p := range l {
		if p.Namespace == ns && sel.Matches(labels.Set(p.Labels)) {
			out = append(out, p)
		}
	}
	return out, nil
}

type activator struct{ activated []string }

func (a *activator) Activate(pods ...*apiobj.Pod) {
	for _, p := range pods {
		a.activated = append(a.activated, p.Name)
	}
}

func member(name, group, min string) *apiobj.Pod {
	w := pt.MakePod(name).Label(PodGroupLabel, group)
	if min != "" {
		w.Annotation(MinAvailableKey, min)
	}
	return w.Obj()
}

func TestGroup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pod     *apiobj.Pod
		name    string
		min     int
		ok, err bool
	}{
		{pod: pt.MakePod("p").Obj()},
		{pod: member("p", "g", ""), name: "g", min: 1, ok: true},
		{pod: member("p", "g", "3"), name: "g", min: 3, ok: true},
		{pod: pt.MakePod("p").Label(PodGroupLabel, "g").Label(MinAvailableKey, "2").Obj(), name: "g", min: 2, ok: true},
		{pod: member("p", "g", "zero"), name: "g", ok: true, err: true},
		{pod: member("p", "g", "0"), name: "g", ok: true, err: true},
	}
	for _, tt := range tests {
		name, min, ok, err := Group(tt.pod)
		if name != tt.name || min != tt.min || ok != tt.ok || (err != nil) != tt.err {
			t.Errorf("Group(%v) = %q, %d, %v, %v", tt.pod.Labels, name, min, ok, err)
		}
	}
}

func TestPreFilter(t *testing.T) {
	t.Parallel()
	all := podList{member("a", "g", "3"), member("b", "g", "3"), member("other", "h", "3")}
	tests := []struct {
		name string
		pod  *apiobj.Pod
		pods podList
		want string
	}{
		{name: "no group", pod: pt.MakePod("p").Obj(), pods: all, want: "Skip"},
		{name: "group big enough", pod: member("c", "g", "3"), pods: all, want: "Skip"},
		{name: "group too small", pod: member("a", "g", "3"), pods: all,
			want: `UnschedulableAndUnresolvable: pod group "g" has 2 pod(s), fewer than its min-available 3`},
		{name: "invalid min-available", pod: member("a", "g", "x"), pods: all, want: "UnschedulableAndUnresolvable"},
		{name: "no pod lister", pod: member("a", "g", "3"), want: "Skip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := pt.Handle(nil, nil)
			if tt.pods != nil {
				h.Pods = tt.pods
			}
			pl, _ := New(nil, h)
			_, st := pl.(*Coscheduling).PreFilter(t.Context(), framework.NewCycleState(), tt.pod)
			got := st.Code().String()
			if m := st.Message(); m != "" {
				got += ": " + m
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("PreFilter = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestGang plays a gang of three through Reserve and Permit: the first two
// wait, the third allows all.
func TestGang(t *testing.T) {
	t.Parallel()
	pods := []*apiobj.Pod{member("a", "g", "3"), member("b", "g", "3"), member("c", "g", "3"), member("x", "other", "2")}
	w := &waiting{pods: map[string]*wpod{}}
	act := &activator{}
	h := pt.Handle(nil, []*apiobj.Node{pt.MakeNode("n").Obj()})
	h.WaitingPods, h.Activator, h.Pods = w, act, podList(pods)
	p, err := New(json.RawMessage(`{"permitWaitingTimeSeconds":5}`), h)
	if err != nil {
		t.Fatal(err)
	}
	pl := p.(*Coscheduling)
	ctx := t.Context()
	state := framework.NewCycleState()
	for _, pod := range pods[:2] {
		pl.Reserve(ctx, state, pod, "n")
		st, d := pl.Permit(ctx, state, pod, "n")
		if st.Code() != framework.Wait || d != 5*time.Second {
			t.Fatalf("Permit(%s) = %v, %v; want Wait, 5s", pod.Name, st, d)
		}
		w.park(pod)
	}
	if len(act.activated) == 0 {
		t.Error("waiting pods did not activate their pending siblings")
	}
	pl.Reserve(ctx, state, pods[2], "n")
	if st, _ := pl.Permit(ctx, state, pods[2], "n"); !st.IsSuccess() {
		t.Fatalf("Permit(c) = %v, want Success", st)
	}
	if len(w.allowed) != 2 {
		t.Errorf("allowed %v, want a and b", w.allowed)
	}
	for _, pod := range pods[:3] {
		pl.PostBind(ctx, state, pod, "n")
	}
	if len(pl.reserved) != 0 {
		t.Errorf("reservations left after binding: %v", pl.reserved)
	}
	// A pod of no group is allowed at once.
	if st, _ := pl.Permit(ctx, state, pt.MakePod("solo").Obj(), "n"); !st.IsSuccess() {
		t.Errorf("Permit(solo) = %v", st)
	}
}

// TestGangRejectedTogether: when one waiting pod is rejected (a timeout),
// Unreserve rejects its waiting siblings.
func TestGangRejectedTogether(t *testing.T) {
	t.Parallel()
	pods := []*apiobj.Pod{member("a", "g", "3"), member("b", "g", "3"), member("x", "other", "2")}
	w := &waiting{pods: map[string]*wpod{}}
	h := pt.Handle(nil, []*apiobj.Node{pt.MakeNode("n").Obj()})
	h.WaitingPods = w
	p, _ := New(nil, h)
	pl := p.(*Coscheduling)
	ctx := t.Context()
	state := framework.NewCycleState()
	for _, pod := range pods {
		pl.Reserve(ctx, state, pod, "n")
		if st, d := pl.Permit(ctx, state, pod, "n"); st.Code() != framework.Wait || d != DefaultPermitWaitingTime {
			t.Fatalf("Permit(%s) = %v, %v", pod.Name, st, d)
		}
		w.park(pod)
	}
	// a times out: the scheduler rejects it and runs Unreserve.
	w.Get(framework.PodKey(pods[0])).Reject(Name, "timeout")
	pl.Unreserve(ctx, state, pods[0], "n")
	if len(w.rejected) != 2 || w.rejected[1] != "b" {
		t.Errorf("rejected %v, want a then b", w.rejected)
	}
	if w.Get(framework.PodKey(pods[2])) == nil {
		t.Error("a pod of another group was rejected")
	}
	// Unreserve is idempotent.
	pl.Unreserve(ctx, state, pods[0], "n")
}

// TestPlacedPodsInTheSnapshotCount: bound members (after a restart, say)
// count towards the quorum.
func TestPlacedPodsInTheSnapshotCount(t *testing.T) {
	t.Parallel()
	bound := []*apiobj.Pod{member("a", "g", "3"), member("b", "g", "3")}
	for _, p := range bound {
		p.Spec.NodeName = "n"
	}
	h := pt.Handle(bound, []*apiobj.Node{pt.MakeNode("n").Obj()})
	h.WaitingPods = &waiting{pods: map[string]*wpod{}}
	p, _ := New(nil, h)
	if st, _ := p.(*Coscheduling).Permit(t.Context(), framework.NewCycleState(), member("c", "g", "3"), "n"); !st.IsSuccess() {
		t.Errorf("Permit = %v, want Success", st)
	}
}

func TestArgs(t *testing.T) {
	t.Parallel()
	if _, err := New(json.RawMessage(`{"permitWaitingTimeSeconds":0}`), framework.Handle{}); err == nil {
		t.Error("timeout 0 accepted")
	}
}
