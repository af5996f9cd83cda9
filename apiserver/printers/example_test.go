package printers_test

import (
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/printers"
)

func ExamplePrinter_ToTable() {
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	pod := &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: "web-0", CreationTimestamp: apiobj.NewTime(now.Add(-26 * time.Hour))},
		Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "web", Image: "nginx"}}, NodeName: "node-1"},
		Status: apiobj.PodStatus{
			Phase: apiobj.PodRunning,
			ContainerStatuses: []apiobj.ContainerStatus{{
				Name: "web", Ready: false, RestartCount: 4,
				State: apiobj.ContainerState{Waiting: &apiobj.ContainerStateWaiting{Reason: "CrashLoopBackOff"}},
				LastTerminationState: apiobj.ContainerState{Terminated: &apiobj.ContainerStateTerminated{
					ExitCode: 1, Reason: "Error", FinishedAt: apiobj.NewTime(now.Add(-90 * time.Second))}},
			}},
		},
	}
	p := printers.New(printers.Config{})
	table, err := p.ToTable(pod, printers.TableOptions{Now: now, IncludeObject: printers.IncludeNone})
	if err != nil {
		panic(err)
	}
	for i, c := range table.ColumnDefinitions {
		if c.Priority == 0 {
			fmt.Printf("%s=%v\n", c.Name, table.Rows[0].Cells[i])
		}
	}
	// Output:
	// Name=web-0
	// Ready=0/1
	// Status=CrashLoopBackOff
	// Restarts=4 (90s ago)
	// Age=26h
}
