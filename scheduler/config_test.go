package scheduler

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

const configYAML = `
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: /etc/kubernetes/scheduler.conf
leaderElection:
  leaderElect: false
parallelism: 8
percentageOfNodesToScore: 30
podInitialBackoffSeconds: 2
podMaxBackoffSeconds: 20
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      disabled:
      - name: B
      enabled:
      - name: A
        weight: 5
- schedulerName: custom
  percentageOfNodesToScore: 100
  plugins:
    multiPoint:
      enabled:
      - name: C
      disabled:
      - name: "*"
    filter:
      disabled:
      - name: C
  pluginConfig:
  - name: C
    args:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: CArgs
      limit: 7
`

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	cfg, err := LoadConfig([]byte(configYAML))
	require.NoError(t, err)
	assert.Equal(t, 8, cfg.Parallelism)
	assert.Equal(t, int32(30), cfg.PercentageOfNodesToScore)
	assert.Equal(t, 2*time.Second, cfg.PodInitialBackoff)
	assert.Equal(t, 20*time.Second, cfg.PodMaxBackoff)
	require.Len(t, cfg.Profiles, 2)
	assert.Equal(t, "default-scheduler", cfg.Profiles[0].SchedulerName)
	assert.Equal(t, []framework.PluginRef{{Name: "A", Weight: 5}}, cfg.Profiles[0].Plugins.Score.Enabled)
	assert.Equal(t, int32(100), *cfg.Profiles[1].PercentageOfNodesToScore)
	require.Len(t, cfg.Profiles[1].PluginConfig, 1)
	var args struct {
		Limit int `json:"limit"`
	}
	require.NoError(t, framework.DecodeArgs(cfg.Profiles[1].PluginConfig[0].Args, &args))
	assert.Equal(t, 7, args.Limit)

	// Build it with plugins A, B, C and defaults that enable A and B
	// everywhere.
	var gotLimit int
	reg := framework.Registry{
		"A": framework.FactoryOf(scoreFilter{"A"}),
		"B": framework.FactoryOf(scoreFilter{"B"}),
		"C": func(raw json.RawMessage, _ framework.Handle) (framework.Plugin, error) {
			a := struct {
				Limit int `json:"limit"`
			}{Limit: 1}
			if err := framework.DecodeArgs(raw, &a); err != nil {
				return nil, err
			}
			gotLimit = a.Limit
			return scoreFilter{"C"}, nil
		},
	}
	cfg.Registry = reg
	cfg.DefaultPlugins = &framework.Plugins{MultiPoint: framework.PluginSet{Enabled: []framework.PluginRef{{Name: "B", Weight: 2}, {Name: "A", Weight: 1}}}}
	cfg.Binder = framework.PodBinderFunc(func(context.Context, *apiobj.Pod, string) error { return nil })
	s, err := New(cfg)
	require.NoError(t, err)
	assert.Equal(t, 7, gotLimit)

	def := s.profiles["default-scheduler"]
	assert.Equal(t, []string{"B", "A"}, names(def.filter))
	assert.Equal(t, []string{"A"}, names(def.score), "B disabled at score")
	assert.Equal(t, []int64{5}, def.scoreWeight, "score's own entry overrides multiPoint's weight")

	custom := s.profiles["custom"]
	assert.Empty(t, custom.filter, "C disabled at filter; defaults disabled by *")
	assert.Equal(t, []string{"C"}, names(custom.score))
	assert.Equal(t, []int64{1}, custom.scoreWeight)
	assert.Equal(t, int32(100), *custom.percentage)
}

type scoreFilter struct{ name string }

func (p scoreFilter) Name() string { return p.name }
func (scoreFilter) Filter(context.Context, *framework.CycleState, *apiobj.Pod, *framework.NodeInfo) *framework.Status {
	return nil
}
func (scoreFilter) Score(context.Context, *framework.CycleState, *apiobj.Pod, *framework.NodeInfo) (int64, *framework.Status) {
	return 0, nil
}
func (scoreFilter) ScoreExtensions() framework.ScoreExtensions { return nil }

func names[T framework.Plugin](ps []T) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name())
	}
	return out
}

func TestLoadConfigErrors(t *testing.T) {
	t.Parallel()
	for name, doc := range map[string]string{
		"wrong version":   "apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n",
		"wrong kind":      "apiVersion: kubescheduler.config.k8s.io/v1\nkind: Other\n",
		"unknown field":   "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nbogus: 1\n",
		"bad backoff":     "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npodInitialBackoffSeconds: 0\n",
		"max < initial":   "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npodInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2\n",
		"extenders":       "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nextenders: [{}]\n",
		"dup profiles":    "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles: [{schedulerName: a}, {schedulerName: a}]\n",
		"unnamed config":  "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles: [{pluginConfig: [{args: {}}]}]\n",
		"not yaml at all": "{{",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := LoadConfig([]byte(doc))
			assert.ErrorIs(t, err, errdefs.ErrInvalid)
		})
	}
}

func TestMergePlugins(t *testing.T) {
	t.Parallel()
	ref := func(names ...string) []framework.PluginRef {
		var out []framework.PluginRef
		for _, n := range names {
			out = append(out, framework.PluginRef{Name: n})
		}
		return out
	}
	defaults := &framework.Plugins{Filter: framework.PluginSet{Enabled: ref("A", "B", "C")}}
	tests := []struct {
		name   string
		custom framework.PluginSet
		want   []framework.PluginRef
	}{
		{"none", framework.PluginSet{}, ref("A", "B", "C")},
		{"disable one", framework.PluginSet{Disabled: ref("B")}, ref("A", "C")},
		{"disable all, add", framework.PluginSet{Disabled: ref("*"), Enabled: ref("D")}, ref("D")},
		{"append", framework.PluginSet{Enabled: ref("D")}, ref("A", "B", "C", "D")},
		{"replace in place", framework.PluginSet{Enabled: []framework.PluginRef{{Name: "D"}, {Name: "B", Weight: 3}}},
			[]framework.PluginRef{{Name: "A"}, {Name: "B", Weight: 3}, {Name: "C"}, {Name: "D"}}},
		{"reorder by disabling", framework.PluginSet{Disabled: ref("A"), Enabled: ref("A")}, ref("B", "C", "A")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := mergePlugins(defaults, &framework.Plugins{Filter: tt.custom})
			assert.Equal(t, tt.want, got.Filter.Enabled)
		})
	}
}
