package deployment

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/replicaset"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

const testTimeout = 15 * time.Second

// badImage marks pods the test kubelet never makes ready.
const badImage = "does-not-start"

type env struct {
	t   *testing.T
	ctx context.Context
	c   *client.Client
	ds  *client.Resource[*apiobj.Deployment]
	rss *client.Resource[*apiobj.ReplicaSet]
	pr  *client.Resource[*apiobj.Pod]
	dc  *Controller
}

// newEnv starts an API server over the memory store, the deployment and
// replicaset controllers, and a test kubelet that marks every new pod
// Running and Ready unless its image is badImage.
func newEnv(t *testing.T) *env {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 3*testTimeout)
	t.Cleanup(cancel)
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	c := client.NewInProcess(srv, &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())
	e := &env{t: t, ctx: ctx, c: c,
		ds:  client.For[*apiobj.Deployment](c).Namespace("default"),
		rss: client.For[*apiobj.ReplicaSet](c).Namespace("default"),
		pr:  client.For[*apiobj.Pod](c).Namespace("default")}

	dc, err := New(Config{Client: c, Workers: 2, MaxRetryDelay: 100 * time.Millisecond})
	require.NoError(t, err)
	e.dc = dc
	rc, err := replicaset.New(replicaset.Config{Client: c, Workers: 2, MaxRetryDelay: 100 * time.Millisecond})
	require.NoError(t, err)
	kubelet := client.NewInformer(e.pr, client.InformerOptions[*apiobj.Pod]{})
	kubelet.AddHandler(client.HandlerFuncs[*apiobj.Pod]{AddFunc: func(p *apiobj.Pod, _ bool) { e.startPod(p) }})

	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for _, run := range []func(context.Context) error{dc.Run, rc.Run, kubelet.Run} {
		wg.Go(func() {
			if err := run(runCtx); err != nil && runCtx.Err() == nil {
				errs <- err
			}
		})
	}
	t.Cleanup(func() {
		stop()
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(testTimeout):
			t.Errorf("controllers did not stop\n%s", stacks())
		}
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
	e.waitFor("controllers synced", func() bool { return dc.HasSynced() && rc.HasSynced() && kubelet.HasSynced() })
	return e
}

// startPod does the kubelet's part: Running, and Ready since now.
func (e *env) startPod(p *apiobj.Pod) {
	if p.DeletionTimestamp != nil || len(p.Spec.Containers) == 0 || p.Spec.Containers[0].Image == badImage || apiobj.IsPodReady(p) {
		return
	}
	cur := p.DeepCopy()
	cur.Status.Phase = apiobj.PodRunning
	cur.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodReady, Status: apiobj.ConditionTrue, LastTransitionTime: apiobj.Now()}}
	for {
		_, err := e.pr.UpdateStatus(e.ctx, cur)
		if err == nil || errdefs.IsNotFound(err) || e.ctx.Err() != nil {
			return
		}
		if cur, err = e.pr.Get(e.ctx, p.Name); err != nil {
			return
		}
		cur.Status.Phase = apiobj.PodRunning
		cur.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodReady, Status: apiobj.ConditionTrue, LastTransitionTime: apiobj.Now()}}
	}
}

func stacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// waitFor polls cond until it holds, failing the test at the deadline.
func (e *env) waitFor(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(testTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s\n%s", what, stacks())
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

func newDeployment(name string, replicas int32, image string) *apiobj.Deployment {
	lbl := map[string]string{"app": name}
	return &apiobj.Deployment{
		ObjectMeta: apiobj.ObjectMeta{Name: name},
		Spec: apiobj.DeploymentSpec{
			Replicas: apiobj.Int32(replicas),
			Selector: &apiobj.LabelSelector{MatchLabels: lbl},
			Template: apiobj.PodTemplateSpec{
				ObjectMeta: apiobj.ObjectMeta{Labels: lbl},
				Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: image}}},
			},
		},
	}
}

func (e *env) create(d *apiobj.Deployment) *apiobj.Deployment {
	e.t.Helper()
	got, err := e.ds.Create(e.ctx, d)
	require.NoError(e.t, err)
	return got
}

func (e *env) get(name string) *apiobj.Deployment {
	e.t.Helper()
	d, err := e.ds.Get(e.ctx, name)
	require.NoError(e.t, err)
	return d
}

// update applies f to the Deployment, retrying conflicts.
func (e *env) update(name string, f func(*apiobj.Deployment)) {
	e.t.Helper()
	for {
		d := e.get(name)
		f(d)
		_, err := e.ds.Update(e.ctx, d)
		if errdefs.IsConflict(err) {
			continue
		}
		require.NoError(e.t, err)
		return
	}
}

func setImage(image string) func(*apiobj.Deployment) {
	return func(d *apiobj.Deployment) { d.Spec.Template.Spec.Containers[0].Image = image }
}

// replicaSets lists the ReplicaSets d controls, by revision.
func (e *env) replicaSets(d *apiobj.Deployment) []*apiobj.ReplicaSet {
	e.t.Helper()
	all, _, err := e.rss.List(e.ctx, client.ListOptions{})
	require.NoError(e.t, err)
	var out []*apiobj.ReplicaSet
	for _, rs := range all {
		if apiobj.IsControlledBy(rs, d) && rs.DeletionTimestamp == nil {
			out = append(out, rs)
		}
	}
	byRevision(out)
	return out
}

func condition(d *apiobj.Deployment, t apiobj.DeploymentConditionType) apiobj.DeploymentCondition {
	if c := getCondition(&d.Status, t); c != nil {
		return *c
	}
	return apiobj.DeploymentCondition{}
}

// complete is what kubectl rollout status waits for.
func complete(d *apiobj.Deployment) bool {
	n := deploymentReplicas(d)
	st := d.Status
	return st.ObservedGeneration >= d.Generation && st.UpdatedReplicas == n && st.Replicas == n &&
		st.AvailableReplicas == n && condition(d, apiobj.DeploymentProgressing).Reason == ReasonNewReplicaSetAvailable
}

func (e *env) waitComplete(name string) *apiobj.Deployment {
	e.t.Helper()
	var d *apiobj.Deployment
	e.waitFor(name+" rolled out", func() bool { d = e.get(name); return complete(d) })
	return d
}

func TestCreateRollsOut(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := e.create(newDeployment("web", 3, "v1"))
	d = e.waitComplete("web")
	require.Equal(t, "1", d.Annotations[apiobj.DeploymentRevisionAnnotation])
	st := d.Status
	require.Equal(t, int32(3), st.ReadyReplicas)
	require.Equal(t, int32(0), st.UnavailableReplicas)
	require.Equal(t, d.Generation, st.ObservedGeneration)
	avail := condition(d, apiobj.DeploymentAvailable)
	require.Equal(t, apiobj.ConditionTrue, avail.Status)
	require.Equal(t, ReasonMinimumReplicasAvailable, avail.Reason)

	rss := e.replicaSets(d)
	require.Len(t, rss, 1)
	rs := rss[0]
	hash := ComputeHash(&d.Spec.Template, nil)
	require.Equal(t, "web-"+hash, rs.Name)
	require.Equal(t, hash, rs.Spec.Selector.MatchLabels[apiobj.DefaultDeploymentUniqueLabelKey])
	require.Equal(t, hash, rs.Spec.Template.Labels[apiobj.DefaultDeploymentUniqueLabelKey])
	require.Equal(t, hash, rs.Labels[apiobj.DefaultDeploymentUniqueLabelKey])
	require.Equal(t, "1", rs.Annotations[apiobj.DeploymentRevisionAnnotation])
	require.Equal(t, "3", rs.Annotations[apiobj.DeploymentDesiredReplicasAnnotation])
	require.Equal(t, "4", rs.Annotations[apiobj.DeploymentMaxReplicasAnnotation])
	pods, _, err := e.pr.List(e.ctx, client.ListOptions{LabelSelector: apiobj.DefaultDeploymentUniqueLabelKey + "=" + hash})
	require.NoError(t, err)
	require.Len(t, pods, 3)
	require.Contains(t, condition(d, apiobj.DeploymentProgressing).Message, `ReplicaSet "web-`+hash+`" has successfully progressed.`)
	e.waitFor("ScalingReplicaSet event", func() bool {
		evs, _, err := client.For[*apiobj.Event](e.c).Namespace("default").List(e.ctx, client.ListOptions{})
		require.NoError(t, err)
		for _, ev := range evs {
			if ev.Reason == "ScalingReplicaSet" && ev.InvolvedObject.Name == "web" && ev.Message == "Scaled up replica set web-"+hash+" from 0 to 3" {
				return true
			}
		}
		return false
	})
}

// watchBounds checks, on every ReplicaSet and pod event, that the
// ReplicaSets of app never ask for more than max pods in all and that at
// least minAvailable pods are available (ready for minReadySeconds). It
// returns a func that reports violations.
func (e *env) watchBounds(app string, maxPods, minAvailable int, minReadySeconds int32) func() []string {
	var mu sync.Mutex
	var bad []string
	report := func(s string) { mu.Lock(); bad = append(bad, s); mu.Unlock() }
	sel := client.InformerOptions[*apiobj.ReplicaSet]{LabelSelector: "app=" + app}
	rsInf := client.NewInformer(e.rss, sel)
	podInf := client.NewInformer(e.pr, client.InformerOptions[*apiobj.Pod]{LabelSelector: "app=" + app})
	checkRS := func() {
		total, desc := 0, ""
		for _, rs := range rsInf.Lister().List(nil) {
			total += int(rsReplicas(rs))
			desc += fmt.Sprintf(" %s=%d(rv %s)", rs.Name, rsReplicas(rs), rs.ResourceVersion)
		}
		if total > maxPods {
			report(fmt.Sprintf("replica sets ask for %d pods, max %d:%s", total, maxPods, desc))
		}
	}
	checkPods := func() {
		available, now, desc := 0, apiobj.Now(), ""
		for _, p := range podInf.Lister().List(nil) {
			ok := p.DeletionTimestamp == nil && replicaset.IsPodAvailable(p, minReadySeconds, now)
			if ok {
				available++
			}
			desc += fmt.Sprintf(" %s=%v(rv %s)", p.Name, ok, p.ResourceVersion)
		}
		if available < minAvailable {
			report(fmt.Sprintf("%d pods available, min %d:%s", available, minAvailable, desc))
		}
	}
	rsInf.AddHandler(client.HandlerFuncs[*apiobj.ReplicaSet]{
		AddFunc: func(*apiobj.ReplicaSet, bool) { checkRS() }, UpdateFunc: func(_, _ *apiobj.ReplicaSet) { checkRS() },
	})
	podInf.AddHandler(client.HandlerFuncs[*apiobj.Pod]{
		UpdateFunc: func(_, _ *apiobj.Pod) { checkPods() }, DeleteFunc: func(*apiobj.Pod, bool) { checkPods() },
	})
	ctx, cancel := context.WithCancel(e.ctx)
	var wg sync.WaitGroup
	wg.Go(func() { _ = rsInf.Run(ctx) })
	wg.Go(func() { _ = podInf.Run(ctx) })
	e.t.Cleanup(func() { cancel(); wg.Wait() })
	e.waitFor("bounds watch synced", func() bool { return rsInf.HasSynced() && podInf.HasSynced() })
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), bad...)
	}
}

func TestRollingUpdateRespectsBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		replicas           int32
		surge, unavailable apiobj.IntOrString
		wantSurge, wantU   int
		minReadySeconds    int32
	}{
		{"surge 1 unavailable 1", 4, apiobj.FromInt(1), apiobj.FromInt(1), 1, 1, 0},
		{"surge 0 unavailable 1", 3, apiobj.FromInt(0), apiobj.FromInt(1), 0, 1, 0},
		{"surge 50% unavailable 0", 4, apiobj.FromString("50%"), apiobj.FromInt(0), 2, 0, 0},
		{"defaults 25%", 5, apiobj.FromString("25%"), apiobj.FromString("25%"), 2, 1, 0},
		{"minReadySeconds 1", 2, apiobj.FromInt(1), apiobj.FromInt(0), 1, 0, 1},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			name := fmt.Sprintf("roll%d", i)
			d := newDeployment(name, tt.replicas, "v1")
			d.Spec.Strategy.RollingUpdate = &apiobj.RollingUpdateDeployment{MaxSurge: &tt.surge, MaxUnavailable: &tt.unavailable}
			d.Spec.MinReadySeconds = tt.minReadySeconds
			e.create(d)
			d = e.waitComplete(name)
			violations := e.watchBounds(name, int(tt.replicas)+tt.wantSurge, int(tt.replicas)-tt.wantU, tt.minReadySeconds)
			e.update(name, setImage("v2"))
			d = e.waitComplete(name)
			require.Empty(t, violations())
			require.Equal(t, "2", d.Annotations[apiobj.DeploymentRevisionAnnotation])
			rss := e.replicaSets(d)
			require.Len(t, rss, 2)
			require.Equal(t, int32(0), rsReplicas(rss[0]), "old replica set scaled down")
			require.Equal(t, tt.replicas, rsReplicas(rss[1]))
			require.Equal(t, "v2", rss[1].Spec.Template.Spec.Containers[0].Image)
		})
	}
}

func TestRecreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := newDeployment("re", 3, "v1")
	d.Spec.Strategy = apiobj.DeploymentStrategy{Type: apiobj.RecreateDeploymentStrategyType}
	e.create(d)
	d = e.waitComplete("re")
	oldHash := e.replicaSets(d)[0].Labels[apiobj.DefaultDeploymentUniqueLabelKey]

	var mu sync.Mutex
	var mixed []string
	podInf := client.NewInformer(e.pr, client.InformerOptions[*apiobj.Pod]{LabelSelector: "app=re"})
	podInf.AddHandler(client.HandlerFuncs[*apiobj.Pod]{AddFunc: func(p *apiobj.Pod, _ bool) {
		if p.Labels[apiobj.DefaultDeploymentUniqueLabelKey] == oldHash {
			return
		}
		for _, q := range podInf.Lister().List(nil) {
			if q.Labels[apiobj.DefaultDeploymentUniqueLabelKey] == oldHash {
				mu.Lock()
				mixed = append(mixed, p.Name+" created while "+q.Name+" exists")
				mu.Unlock()
			}
		}
	}})
	ctx, cancel := context.WithCancel(e.ctx)
	var wg sync.WaitGroup
	wg.Go(func() { _ = podInf.Run(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() })
	e.waitFor("pod watch synced", podInf.HasSynced)

	e.update("re", setImage("v2"))
	d = e.waitComplete("re")
	mu.Lock()
	require.Empty(t, mixed)
	mu.Unlock()
	rss := e.replicaSets(d)
	require.Len(t, rss, 2)
	require.Equal(t, int32(0), rsReplicas(rss[0]))
}

func TestRollbackReusesOldReplicaSet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := e.create(newDeployment("undo", 2, "v1"))
	d = e.waitComplete("undo")
	v1 := e.replicaSets(d)[0]
	e.update("undo", setImage("v2"))
	d = e.waitComplete("undo")
	require.Len(t, e.replicaSets(d), 2)

	// kubectl rollout undo: the old ReplicaSet's template, without the
	// hash label, becomes the Deployment's.
	e.update("undo", func(d *apiobj.Deployment) {
		tmpl := v1.Spec.Template.DeepCopy()
		delete(tmpl.Labels, apiobj.DefaultDeploymentUniqueLabelKey)
		d.Spec.Template = *tmpl
	})
	e.waitFor("rolled back", func() bool {
		d = e.get("undo")
		return complete(d) && d.Spec.Template.Spec.Containers[0].Image == "v1" && d.Annotations[apiobj.DeploymentRevisionAnnotation] == "3"
	})
	rss := e.replicaSets(d)
	require.Len(t, rss, 2, "no new replica set for an old template")
	require.Equal(t, v1.UID, rss[1].UID)
	require.Equal(t, "3", rss[1].Annotations[apiobj.DeploymentRevisionAnnotation])
	require.Equal(t, "1", rss[1].Annotations[RevisionHistoryAnnotation])
	require.Equal(t, int32(2), rsReplicas(rss[1]))
	require.Equal(t, int32(0), rsReplicas(rss[0]))
}

func TestPauseAndResume(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.create(newDeployment("p", 2, "v1"))
	d := e.waitComplete("p")
	e.update("p", func(d *apiobj.Deployment) { d.Spec.Paused = true })
	e.update("p", setImage("v2"))
	e.update("p", func(d *apiobj.Deployment) { d.Spec.Replicas = apiobj.Int32(4) })
	e.waitFor("paused and scaled", func() bool {
		d = e.get("p")
		c := condition(d, apiobj.DeploymentProgressing)
		return d.Status.ObservedGeneration == d.Generation && c.Reason == ReasonDeploymentPaused &&
			c.Status == apiobj.ConditionUnknown && d.Status.AvailableReplicas == 4
	})
	rss := e.replicaSets(d)
	require.Len(t, rss, 1, "no rollout while paused")
	require.Equal(t, int32(4), rsReplicas(rss[0]), "scaling applies while paused")
	require.Equal(t, "v1", rss[0].Spec.Template.Spec.Containers[0].Image)

	e.update("p", func(d *apiobj.Deployment) { d.Spec.Paused = false })
	d = e.waitComplete("p")
	rss = e.replicaSets(d)
	require.Len(t, rss, 2)
	require.Equal(t, "v2", rss[1].Spec.Template.Spec.Containers[0].Image)
	require.Equal(t, int32(4), rsReplicas(rss[1]))
}

func TestProgressDeadlineExceeded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := newDeployment("stuck", 2, badImage)
	d.Spec.ProgressDeadlineSeconds = apiobj.Int32(1)
	e.create(d)
	e.waitFor("deadline exceeded", func() bool {
		d = e.get("stuck")
		c := condition(d, apiobj.DeploymentProgressing)
		return c.Status == apiobj.ConditionFalse && c.Reason == ReasonProgressDeadlineExceeded
	})
	avail := condition(d, apiobj.DeploymentAvailable)
	require.Equal(t, apiobj.ConditionFalse, avail.Status)
	require.Equal(t, ReasonMinimumReplicasUnavailable, avail.Reason)
	require.Equal(t, int32(2), d.Status.UnavailableReplicas)
	require.True(t, strings.HasSuffix(condition(d, apiobj.DeploymentProgressing).Message, "has timed out progressing."))
}

func TestRevisionHistoryLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := newDeployment("hist", 1, "v1")
	d.Spec.RevisionHistoryLimit = apiobj.Int32(1)
	e.create(d)
	e.waitComplete("hist")
	for _, img := range []string{"v2", "v3", "v4"} {
		e.update("hist", setImage(img))
		e.waitComplete("hist")
	}
	e.waitFor("old replica sets cleaned up", func() bool { return len(e.replicaSets(e.get("hist"))) == 2 })
	rss := e.replicaSets(e.get("hist"))
	require.Equal(t, "3", rss[0].Annotations[apiobj.DeploymentRevisionAnnotation])
	require.Equal(t, "4", rss[1].Annotations[apiobj.DeploymentRevisionAnnotation])
}

// Kubernetes' proportional scaling scenario: a rollout stuck on a bad
// image, then a scale from 10 to 30, spread 20:13 over the two sets.
func TestProportionalScaling(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := newDeployment("prop", 10, "v1")
	surge, unavail := apiobj.FromInt(3), apiobj.FromInt(2)
	d.Spec.Strategy.RollingUpdate = &apiobj.RollingUpdateDeployment{MaxSurge: &surge, MaxUnavailable: &unavail}
	e.create(d)
	e.waitComplete("prop")
	e.update("prop", setImage(badImage))
	e.waitFor("rollout stuck at 8 old and 5 new", func() bool {
		rss := e.replicaSets(e.get("prop"))
		return len(rss) == 2 && rsReplicas(rss[0]) == 8 && rsReplicas(rss[1]) == 5 && rss[1].Status.Replicas == 5 && rss[0].Status.Replicas == 8
	})
	e.update("prop", func(d *apiobj.Deployment) { d.Spec.Replicas = apiobj.Int32(30) })
	e.waitFor("scaled proportionally", func() bool {
		rss := e.replicaSets(e.get("prop"))
		return len(rss) == 2 && rsReplicas(rss[0]) == 20 && rsReplicas(rss[1]) == 13
	})
	rss := e.replicaSets(e.get("prop"))
	require.Equal(t, "30", rss[0].Annotations[apiobj.DeploymentDesiredReplicasAnnotation])
	require.Equal(t, "33", rss[1].Annotations[apiobj.DeploymentMaxReplicasAnnotation])
}

func TestComputeHash(t *testing.T) {
	t.Parallel()
	a := newDeployment("a", 1, "v1").Spec.Template
	b := newDeployment("a", 1, "v1").Spec.Template
	require.Equal(t, ComputeHash(&a, nil), ComputeHash(&b, nil), "stable")
	require.NotEqual(t, ComputeHash(&a, nil), ComputeHash(&a, apiobj.Int32(1)), "collision count changes the hash")
	c := newDeployment("a", 1, "v2").Spec.Template
	require.NotEqual(t, ComputeHash(&a, nil), ComputeHash(&c, nil))
	for _, r := range ComputeHash(&a, nil) {
		require.Contains(t, hashAlphabet, string(r))
	}
	withHash := a.DeepCopy()
	withHash.Labels[apiobj.DefaultDeploymentUniqueLabelKey] = "x"
	require.True(t, equalIgnoreHash(withHash, &a))
	require.False(t, equalIgnoreHash(withHash, &c))
}

func TestFenceposts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		replicas           int32
		surge, unavailable apiobj.IntOrString
		wantS, wantU       int32
	}{
		{"percent rounds surge up, unavailable down", 10, apiobj.FromString("25%"), apiobj.FromString("25%"), 3, 2},
		{"both zero makes unavailable one", 3, apiobj.FromInt(0), apiobj.FromString("10%"), 0, 1},
		{"unavailable capped at replicas", 2, apiobj.FromInt(1), apiobj.FromInt(5), 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeployment("f", tt.replicas, "v")
			d.Spec.Strategy.RollingUpdate = &apiobj.RollingUpdateDeployment{MaxSurge: &tt.surge, MaxUnavailable: &tt.unavailable}
			require.Equal(t, tt.wantS, maxSurge(d))
			require.Equal(t, tt.wantU, maxUnavailable(d))
		})
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	_, err := New(Config{})
	require.Error(t, err)
}

func TestHashCollision(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := newDeployment("coll", 1, "v1")
	d.Spec.Paused = true // no replica set until the collision is staged
	d = e.create(d)
	hash := ComputeHash(&d.Spec.Template, nil)
	squatter := &apiobj.ReplicaSet{
		ObjectMeta: apiobj.ObjectMeta{Name: "coll-" + hash, Labels: map[string]string{"app": "squatter"}},
		Spec: apiobj.ReplicaSetSpec{
			Replicas: apiobj.Int32(0),
			Selector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "squatter"}},
			Template: apiobj.PodTemplateSpec{
				ObjectMeta: apiobj.ObjectMeta{Labels: map[string]string{"app": "squatter"}},
				Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "other"}}},
			},
		},
	}
	_, err := e.rss.Create(e.ctx, squatter)
	require.NoError(t, err)
	e.update("coll", func(d *apiobj.Deployment) { d.Spec.Paused = false })
	d = e.waitComplete("coll")
	require.NotNil(t, d.Status.CollisionCount)
	require.Equal(t, int32(1), *d.Status.CollisionCount)
	rss := e.replicaSets(d)
	require.Len(t, rss, 1)
	require.Equal(t, "coll-"+ComputeHash(&d.Spec.Template, apiobj.Int32(1)), rss[0].Name)
}

// Syncing must not write into the informers' shared objects.
func TestSyncDoesNotMutateCache(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	dc, err := New(Config{Client: e.c})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(e.ctx)
	var wg sync.WaitGroup
	wg.Go(func() { _ = dc.dInf.Run(ctx) })
	wg.Go(func() { _ = dc.rsInf.Run(ctx) })
	wg.Go(func() { _ = dc.podInf.Run(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() })
	e.create(newDeployment("ro", 2, "v1"))
	e.waitComplete("ro")
	e.update("ro", setImage("v2"))
	e.waitFor("cached", func() bool {
		d, err := dc.dInf.Lister().Namespace("default").Get("ro")
		return err == nil && d.Spec.Template.Spec.Containers[0].Image == "v2" && len(dc.rsInf.Lister().List(nil)) > 0
	})
	ds, rss := dc.dInf.Lister().List(nil), dc.rsInf.Lister().List(nil)
	dsCopy, rssCopy := make([]*apiobj.Deployment, len(ds)), make([]*apiobj.ReplicaSet, len(rss))
	for i := range ds {
		dsCopy[i] = ds[i].DeepCopy()
	}
	for i := range rss {
		rssCopy[i] = rss[i].DeepCopy()
	}
	for range 5 {
		_ = dc.sync(e.ctx, "default/ro") // races the running controller; errors are fine
	}
	e.waitComplete("ro")
	require.Equal(t, dsCopy, ds)
	require.Equal(t, rssCopy, rss)
}

func TestAdoptsOrphanReplicaSet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := newDeployment("adopt", 2, "v1")
	orphan, err := e.rss.Create(e.ctx, &apiobj.ReplicaSet{
		ObjectMeta: apiobj.ObjectMeta{Name: "adopt-orphan", Labels: d.Spec.Template.Labels},
		Spec: apiobj.ReplicaSetSpec{
			Replicas: apiobj.Int32(1),
			Selector: d.Spec.Selector.DeepCopy(),
			Template: *d.Spec.Template.DeepCopy(),
		},
	})
	require.NoError(t, err)
	// The controller adopts what its cache holds: wait until it has seen
	// the orphan, or it may rightly create a new ReplicaSet first.
	e.waitFor("the orphan in the controller's cache", func() bool {
		_, err := e.dc.rsInf.Lister().Namespace("default").Get("adopt-orphan")
		return err == nil
	})
	e.create(d)
	d = e.waitComplete("adopt")
	rss := e.replicaSets(d)
	require.Len(t, rss, 1, "the orphan with the same template is the new replica set")
	require.Equal(t, orphan.UID, rss[0].UID)
	require.Equal(t, int32(2), rsReplicas(rss[0]))
	require.Equal(t, "1", rss[0].Annotations[apiobj.DeploymentRevisionAnnotation])
}
