package printers

import (
	"fmt"
	"strings"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
)

// HumanDuration renders d the way kubectl prints ages: exact for short
// spans and coarser as they grow ("45s", "5m10s", "17m", "4h30m", "20h",
// "2d3h", "12d", "2y40d", "9y"). Spans more than a second in the future
// are "<invalid>"; up to a second in the future counts as "0s", to allow
// for clock skew.
func HumanDuration(d time.Duration) string {
	if s := int64(d.Seconds()); s < -1 {
		return "<invalid>"
	} else if s < 0 {
		return "0s"
	} else if s < 2*60 {
		return fmt.Sprintf("%ds", s)
	}
	minutes := int64(d / time.Minute)
	if minutes < 10 {
		if s := int64(d/time.Second) % 60; s != 0 {
			return fmt.Sprintf("%dm%ds", minutes, s)
		}
		return fmt.Sprintf("%dm", minutes)
	}
	if minutes < 3*60 {
		return fmt.Sprintf("%dm", minutes)
	}
	hours := int64(d / time.Hour)
	if hours < 8 {
		if m := minutes % 60; m != 0 {
			return fmt.Sprintf("%dh%dm", hours, m)
		}
		return fmt.Sprintf("%dh", hours)
	}
	if hours < 48 {
		return fmt.Sprintf("%dh", hours)
	}
	if hours < 8*24 {
		if h := hours % 24; h != 0 {
			return fmt.Sprintf("%dd%dh", hours/24, h)
		}
		return fmt.Sprintf("%dd", hours/24)
	}
	if hours < 2*365*24 {
		return fmt.Sprintf("%dd", hours/24)
	}
	if hours < 8*365*24 {
		if dy := (hours / 24) % 365; dy != 0 {
			return fmt.Sprintf("%dy%dd", hours/24/365, dy)
		}
		return fmt.Sprintf("%dy", hours/24/365)
	}
	return fmt.Sprintf("%dy", hours/24/365)
}

// since is the age of t at now, or "<unknown>" for the zero time.
func since(t time.Time, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return HumanDuration(now.Sub(t))
}

func age(t apiobj.Time, now time.Time) string { return since(t.Time, now) }

func ageMicro(t apiobj.MicroTime, now time.Time) string { return since(t.Time, now) }

// createdAt is the "Created At" cell: the timestamp in RFC 3339.
func createdAt(t apiobj.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return t.UTC().Format(time.RFC3339)
}

// formatLabels renders a label map as "k=v,k2=v2", or "<none>".
func formatLabels(m map[string]string) string {
	if s := labels.Set(m).String(); s != "" {
		return s
	}
	return "<none>"
}

// formatLabelSelector renders a structured selector in the selector syntax,
// or "<none>" for one that selects nothing or everything.
func formatLabelSelector(ls *apiobj.LabelSelector) string {
	if ls == nil {
		return "<none>"
	}
	var reqs []labels.Requirement
	for k, v := range ls.MatchLabels {
		r, err := labels.NewRequirement(k, labels.Equals, []string{v})
		if err != nil {
			return "<error>"
		}
		reqs = append(reqs, r)
	}
	for _, e := range ls.MatchExpressions {
		var op labels.Operator
		switch e.Operator {
		case apiobj.LabelSelectorOpIn:
			op = labels.In
		case apiobj.LabelSelectorOpNotIn:
			op = labels.NotIn
		case apiobj.LabelSelectorOpExists:
			op = labels.Exists
		case apiobj.LabelSelectorOpDoesNotExist:
			op = labels.DoesNotExist
		default:
			return "<error>"
		}
		r, err := labels.NewRequirement(e.Key, op, e.Values)
		if err != nil {
			return "<error>"
		}
		reqs = append(reqs, r)
	}
	if s := labels.Everything().Add(reqs...).String(); s != "" {
		return s
	}
	return "<none>"
}

// containerCells returns the Containers and Images cells.
func containerCells(cs []apiobj.Container) (string, string) {
	names := make([]string, len(cs))
	images := make([]string, len(cs))
	for i, c := range cs {
		names[i], images[i] = c.Name, c.Image
	}
	return strings.Join(names, ","), strings.Join(images, ",")
}

// listWithMore joins the first max entries and says how many more there are.
func listWithMore(list []string, count, max int, empty string) string {
	s := strings.Join(list, ",")
	if count > max {
		return fmt.Sprintf("%s + %d more...", s, count-max)
	}
	if s == "" {
		return empty
	}
	return s
}

func boolPtr(b *bool) string {
	if b == nil {
		return "<unset>"
	}
	if *b {
		return "True"
	}
	return "False"
}

func strPtr(s *string, unset string) string {
	if s == nil {
		return unset
	}
	return *s
}

func int32Ptr(p *int32, nilValue int32) int64 {
	if p == nil {
		return int64(nilValue)
	}
	return int64(*p)
}

// accessModes renders persistent volume access modes in Kubernetes' short
// form and fixed order: RWO, ROX, RWX, RWOP.
func accessModes(modes []apiobj.PersistentVolumeAccessMode) string {
	var out []string
	for _, m := range []struct {
		mode  apiobj.PersistentVolumeAccessMode
		short string
	}{
		{apiobj.ReadWriteOnce, "RWO"},
		{apiobj.ReadOnlyMany, "ROX"},
		{apiobj.ReadWriteMany, "RWX"},
		{apiobj.ReadWriteOncePod, "RWOP"},
	} {
		for _, have := range modes {
			if have == m.mode {
				out = append(out, m.short)
				break
			}
		}
	}
	return strings.Join(out, ",")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
