package resource_test

import (
	"encoding/json"
	"fmt"

	"github.com/orcaproj/orca/apiobj/resource"
)

func ExampleParseQuantity() {
	cpu, err := resource.ParseQuantity("0.5")
	if err != nil {
		panic(err)
	}
	mem := resource.MustParse("1.5Gi")
	fmt.Println(cpu, cpu.MilliValue())
	fmt.Println(mem, mem.Value())

	// Quantities compare by value, whatever their suffix.
	fmt.Println(resource.MustParse("1Gi").Equal(resource.MustParse("1024Mi")))

	// Sums are exact and keep the first operand's format.
	total := resource.MustParse("100m")
	total.Add(resource.MustParse("1.9"))
	fmt.Println(total)

	// JSON accepts strings and numbers, and writes the canonical string.
	var limits struct {
		CPU    resource.Quantity `json:"cpu"`
		Memory resource.Quantity `json:"memory"`
	}
	if err := json.Unmarshal([]byte(`{"cpu": 0.25, "memory": "1048576Ki"}`), &limits); err != nil {
		panic(err)
	}
	out, _ := json.Marshal(limits)
	fmt.Println(string(out))
	// Output:
	// 500m 500
	// 1536Mi 1610612736
	// true
	// 2
	// {"cpu":"250m","memory":"1Gi"}
}
