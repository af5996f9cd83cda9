package crdschema

import (
	"runtime"
	"testing"
	"time"
)

func cacheLen(v *Validator) int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.cache)
}

// TestValidatorCacheForgetsCollectedSchemas checks that a compiled schema
// does not keep its JSONSchemaProps alive, so definitions that are replaced
// or deleted do not leak.
func TestValidatorCacheForgetsCollectedSchemas(t *testing.T) {
	t.Parallel()
	v := NewValidator()
	func() {
		p := props(t, fieldSchema(`{"type":"string","default":"x","enum":["x"],"x-kubernetes-validations":[{"rule":"true"}]}`))
		if _, err := v.Schema(p); err != nil {
			t.Fatal(err)
		}
	}()
	if cacheLen(v) != 1 {
		t.Fatalf("cache has %d entries, want 1", cacheLen(v))
	}
	deadline := time.Now().Add(20 * time.Second)
	for cacheLen(v) != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the cache entry of a collected schema was never removed")
		}
		runtime.GC()
		runtime.Gosched()
	}
}
