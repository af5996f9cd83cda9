package apiserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

const (
	fanoutWatchers = 1000
	// fanoutEvents is the number of updates per b.N iteration; with -benchtime
	// 1x the whole benchmark stays well under 30 s on 2 cores.
	fanoutEvents = 200
	fanoutNS     = "watch-bench"
	fanoutCM     = "fanout"
)

// fanoutEvent is what a watcher decodes from each line of the stream.
type fanoutEvent struct {
	Type   string `json:"type"`
	Object struct {
		Data map[string]string `json:"data"`
	} `json:"object"`
}

// waitTimeout waits for wg, failing the benchmark after d.
func waitTimeout(b *testing.B, wg *sync.WaitGroup, d time.Duration, what string) {
	b.Helper()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		b.Fatalf("timed out after %v waiting for %s", d, what)
	}
}

// BenchmarkWatchFanout1000HTTP measures delivery of ConfigMap updates to
// 1,000 watchers, each a real HTTP watch on loopback decoding the JSON event
// stream. The writer is closed-loop: it sends the next update once every
// watcher has received the previous one, so the latencies are fan-out time,
// not a backlog. Latency runs from just before the write (a timestamp carried
// in the object's data) to each watcher's decode of the event, so it includes
// the write itself (see BenchmarkUpdate for that alone).
func BenchmarkWatchFanout1000HTTP(b *testing.B) {
	s, client, url := benchServer(b) // MaxRequestsInFlight 10,000; watches are not counted anyway
	do := transports(b, s, client, url)["http"]
	if c := do("POST", "/api/v1/namespaces", `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"`+fanoutNS+`"}}`); c != 201 {
		b.Fatalf("create namespace: %d", c)
	}
	cmPath := "/api/v1/namespaces/" + fanoutNS + "/configmaps"
	put := func(seq int) {
		body := fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":%q},"data":{"seq":"%d","ts":"%d"}}`,
			fanoutCM, seq, time.Now().UnixNano())
		if c := do("PUT", cmPath+"/"+fanoutCM, body); c != 200 {
			b.Fatalf("update %d: %d", seq, c)
		}
	}
	if c := do("POST", cmPath, fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":%q},"data":{"seq":"-1"}}`, fanoutCM)); c != 201 {
		b.Fatalf("create configmap: %d", c)
	}

	// Watch from the list's resourceVersion, so every watcher starts from the
	// same state and sees exactly the updates that follow.
	res, err := client().Get(url + cmPath)
	if err != nil {
		b.Fatal(err)
	}
	var list struct {
		Metadata struct {
			ResourceVersion string `json:"resourceVersion"`
		} `json:"metadata"`
	}
	err = json.NewDecoder(res.Body).Decode(&list)
	res.Body.Close()
	if err != nil || list.Metadata.ResourceVersion == "" {
		b.Fatalf("list: %v, resourceVersion %q", err, list.Metadata.ResourceVersion)
	}

	// One connection per watcher: HTTP/1.1 on loopback, no pooling limit.
	tr := &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: fanoutWatchers, MaxIdleConns: fanoutWatchers}
	b.Cleanup(tr.CloseIdleConnections)
	wc := &http.Client{Transport: tr}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// Sequence 0 is an untimed warm-up proving every watcher decodes events;
	// 1..total are timed. delivered[seq] counts down to zero as watchers see it.
	total := b.N * fanoutEvents
	delivered := make([]sync.WaitGroup, total+1)
	for i := range delivered {
		delivered[i].Add(fanoutWatchers)
	}
	latencies := make([][]float64, fanoutWatchers) // ms; latencies[w] is written only by watcher w
	var connected, stopped sync.WaitGroup
	connected.Add(fanoutWatchers)
	errs := make(chan error, fanoutWatchers)
	watchURL := url + cmPath + "?watch=1&resourceVersion=" + list.Metadata.ResourceVersion
	for w := range fanoutWatchers {
		stopped.Add(1)
		go func() {
			defer stopped.Done()
			req, _ := http.NewRequestWithContext(ctx, "GET", watchURL, nil)
			res, err := wc.Do(req)
			if err != nil {
				errs <- err
				connected.Done()
				return
			}
			defer res.Body.Close()
			// The server registers the watch before it sends the headers.
			connected.Done()
			if res.StatusCode != 200 {
				errs <- fmt.Errorf("watch: %s", res.Status)
				return
			}
			lat := make([]float64, 0, total)
			defer func() { latencies[w] = lat }()
			dec := json.NewDecoder(res.Body)
			for next := 0; next <= total; {
				var ev fanoutEvent
				if err := dec.Decode(&ev); err != nil {
					if ctx.Err() == nil {
						errs <- fmt.Errorf("watcher %d: %w", w, err)
					}
					return
				}
				now := time.Now()
				if ev.Type != "MODIFIED" {
					errs <- fmt.Errorf("watcher %d: unexpected %s event", w, ev.Type)
					return
				}
				seq, err1 := strconv.Atoi(ev.Object.Data["seq"])
				ts, err2 := strconv.ParseInt(ev.Object.Data["ts"], 10, 64)
				if err1 != nil || err2 != nil || seq != next {
					errs <- fmt.Errorf("watcher %d: got event %v, want seq %d", w, ev.Object.Data, next)
					return
				}
				if seq > 0 {
					lat = append(lat, float64(now.Sub(time.Unix(0, ts)))/float64(time.Millisecond))
				}
				delivered[seq].Done()
				next++
			}
		}()
	}
	defer func() {
		cancel()
		stopped.Wait()
	}()
	waitTimeout(b, &connected, time.Minute, "watchers to connect")
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	wait := func(seq int) {
		b.Helper()
		done := make(chan struct{})
		go func() { delivered[seq].Wait(); close(done) }()
		select {
		case <-done:
		case err := <-errs:
			b.Fatal(err)
		case <-time.After(time.Minute):
			b.Fatalf("event %d not delivered to every watcher within a minute", seq)
		}
	}
	put(0)
	wait(0)

	b.ResetTimer()
	for seq := 1; seq <= total; seq++ {
		put(seq)
		wait(seq)
	}
	b.StopTimer()

	cancel()
	stopped.Wait()
	all := make([]float64, 0, total*fanoutWatchers)
	for _, l := range latencies {
		all = append(all, l...)
	}
	if len(all) != total*fanoutWatchers {
		b.Fatalf("recorded %d deliveries, want %d", len(all), total*fanoutWatchers)
	}
	slices.Sort(all)
	pct := func(p float64) float64 { return all[int(p*float64(len(all)-1))] }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(all))/b.Elapsed().Seconds(), "events/s")
}

// memPodJSON is a pod as a Deployment would stamp it out: one container with
// requests and limits, a port, a few env vars and the usual labels.
const memPodJSON = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"web","tier":"frontend","pod-template-hash":"7c9d5b8f6"}},` +
	`"spec":{"containers":[{"name":"web","image":"registry.example.com/team/web:1.27.3","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],` +
	`"env":[{"name":"LOG_LEVEL","value":"info"},{"name":"LISTEN_ADDR","value":":8080"},{"name":"CACHE_SIZE","value":"256"},{"name":"REGION","value":"eu-west-1"}],` +
	`"resources":{"requests":{"cpu":"250m","memory":"256Mi"},"limits":{"cpu":"500m","memory":"512Mi"}}}]}}`

// heapAlloc returns the live heap after a full collection.
func heapAlloc() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkMemoryPer10000Pods reports how much the whole server's live heap
// (memory store, watch cache and its event history) grows per pod created
// through the in-process handler.
func BenchmarkMemoryPer10000Pods(b *testing.B) {
	const pods = 10000
	s, client, url := benchServer(b)
	do := transports(b, s, client, url)["inprocess"]
	const podsPath = "/api/v1/namespaces/default/pods"
	// Serve a list first so the pod watch cache exists before the baseline.
	if c := do("GET", podsPath, ""); c != 200 {
		b.Fatalf("list: %d", c)
	}
	before := heapAlloc()
	b.ResetTimer()
	for i := range b.N * pods {
		if c := do("POST", podsPath, fmt.Sprintf(memPodJSON, fmt.Sprintf("web-7c9d5b8f6-%06d", i))); c != 201 {
			b.Fatalf("create: %d", c)
		}
	}
	// A list is served from the cache once it has caught up with the store.
	if c := do("GET", podsPath+"?limit=1", ""); c != 200 {
		b.Fatalf("list: %d", c)
	}
	b.StopTimer()
	after := heapAlloc()
	runtime.KeepAlive(s)
	perPod := (float64(after) - float64(before)) / float64(b.N*pods)
	b.ReportMetric(perPod, "B/pod")
	b.ReportMetric(perPod*pods/(1<<20), "MiB/10k-pods")
}
