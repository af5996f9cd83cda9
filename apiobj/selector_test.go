package apiobj

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj/labels"
)

func TestLabelSelectorConversions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		match   labels.Set
		nomatch labels.Set
	}{
		{"equality", "app=web", labels.Set{"app": "web"}, labels.Set{"app": "db"}},
		{"set based", "tier in (a,b),!canary", labels.Set{"tier": "a"}, labels.Set{"tier": "a", "canary": "1"}},
		{"not equal", "env!=prod", labels.Set{"env": "dev"}, labels.Set{"env": "prod"}},
		{"exists", "app,env notin (prod)", labels.Set{"app": "x"}, labels.Set{"env": "dev"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ls, err := ParseToLabelSelector(tt.in)
			require.NoError(t, err)
			sel, err := LabelSelectorAsSelector(ls)
			require.NoError(t, err)
			require.True(t, sel.Matches(tt.match), "%s should match %v", tt.in, tt.match)
			require.False(t, sel.Matches(tt.nomatch), "%s should not match %v", tt.in, tt.nomatch)
			// The round trip through the structured form keeps the meaning.
			direct, err := labels.Parse(tt.in)
			require.NoError(t, err)
			require.Equal(t, direct.Matches(tt.match), sel.Matches(tt.match))
		})
	}
	nothing, err := LabelSelectorAsSelector(nil)
	require.NoError(t, err)
	require.False(t, nothing.Matches(labels.Set{}))
	all, err := LabelSelectorAsSelector(&LabelSelector{})
	require.NoError(t, err)
	require.True(t, all.Matches(labels.Set{"x": "y"}))
	_, err = LabelSelectorAsSelector(&LabelSelector{MatchExpressions: []LabelSelectorRequirement{{Key: "a", Operator: "Sometimes"}}})
	require.Error(t, err)
	_, err = ParseToLabelSelector("n gt 3")
	require.Error(t, err)
}
