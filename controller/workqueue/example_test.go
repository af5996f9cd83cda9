package workqueue_test

import (
	"fmt"
	"sync"

	"github.com/orcaproj/orca/controller/workqueue"
)

func Example() {
	q := workqueue.New(workqueue.Config[string]{})
	for _, key := range []string{"default/web", "default/db", "default/web"} {
		q.Add(key) // the second web is folded into the first
	}
	q.ShutDown() // workers still get what was queued, then stop

	var wg sync.WaitGroup
	var mu sync.Mutex
	var done []string
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				key, shutdown := q.Get()
				if shutdown {
					return
				}
				mu.Lock()
				done = append(done, key)
				mu.Unlock()
				q.Forget(key) // success: clear its backoff
				q.Done(key)
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(done), "keys processed")
	// Output: 2 keys processed
}

func ExampleDefaultRateLimiter() {
	r := workqueue.DefaultRateLimiter[string](nil)
	for range 4 {
		fmt.Println(r.When("default/web"))
	}
	r.Forget("default/web")
	fmt.Println(r.When("default/web"))
	// Output:
	// 5ms
	// 10ms
	// 20ms
	// 40ms
	// 5ms
}
