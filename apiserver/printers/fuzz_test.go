package printers

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// FuzzJSONPath feeds arbitrary expressions and documents to the JSONPath
// parser and evaluator: they must never panic.
func FuzzJSONPath(f *testing.F) {
	for _, s := range []string{".spec.replicas", `{.status.conditions[?(@.type=="Ready")].status}`, ".a[-1].b", ".a[*]",
		`.metadata.labels['x\.y']`, "$.a.b", ".a[?(@.n!=2)]", ".a[", `.a['b`, "[?(@)]", ".a[?(@.b==)]"} {
		f.Add(s, `{"spec":{"replicas":3},"status":{"conditions":[{"type":"Ready","status":"True"}]},"a":[{"b":1,"n":2}]}`)
	}
	f.Fuzz(func(t *testing.T, expr, doc string) {
		p, err := ParseJSONPath(expr)
		if err != nil {
			return
		}
		var v any
		if json.Unmarshal([]byte(doc), &v) != nil {
			return
		}
		for _, r := range p.Find(v) {
			_ = crdCell("string", r, time.Now())
			_ = crdCell("date", r, time.Now())
		}
	})
}

// FuzzPodTable prints arbitrary pods: it must never panic, and always fill
// every column.
func FuzzPodTable(f *testing.F) {
	f.Add([]byte(`{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}],"initContainers":[{"name":"i","restartPolicy":"Always"}]},
		"status":{"phase":"Running","initContainerStatuses":[{"name":"i","started":true,"state":{"running":{}}}],
		"containerStatuses":[{"name":"c","restartCount":2,"state":{"terminated":{"exitCode":1,"signal":9}},"lastState":{"terminated":{"finishedAt":"2025-01-01T00:00:00Z"}}}]}}`))
	f.Add([]byte(`{"status":{"containerStatuses":[{"name":"x"}],"initContainerStatuses":[{"name":"y","state":{"waiting":{"reason":"PodInitializing"}}}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		pod := &apiobj.Pod{}
		if json.Unmarshal(b, pod) != nil {
			return
		}
		table, err := ToTable(pod, TableOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(table.Rows[0].Cells) != len(table.ColumnDefinitions) {
			t.Fatalf("%d cells for %d columns", len(table.Rows[0].Cells), len(table.ColumnDefinitions))
		}
	})
}
