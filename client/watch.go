package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/orcaproj/orca/apiobj"
)

// EventType is the type of a watch event, as on the wire.
type EventType string

// The watch event types.
const (
	Added    EventType = "ADDED"
	Modified EventType = "MODIFIED"
	Deleted  EventType = "DELETED"
	Bookmark EventType = "BOOKMARK"
	Error    EventType = "ERROR"
)

// Event is one watch event. Object is the changed object (for Bookmark, an
// object carrying only the bookmark's resourceVersion and annotations; for
// Error, nil with Err set).
type Event[T apiobj.Object] struct {
	Type   EventType
	Object T
	// Err is set on Error events: an *apiobj.StatusError (410 Gone means the
	// watch must be restarted from a fresh list), or a decoding failure.
	Err error
}

// Watcher is a running watch. The channel closes when the server ends the
// watch, the connection breaks, or the ctx passed to Watch is done.
type Watcher[T apiobj.Object] interface {
	Events() <-chan Event[T]
}

type watcher[T apiobj.Object] struct{ ch chan Event[T] }

func (w *watcher[T]) Events() <-chan Event[T] { return w.ch }

type wireEvent struct {
	Type   EventType       `json:"type"`
	Object json.RawMessage `json:"object"`
}

// Watch streams changes to the resource that match opts. Start from a
// resourceVersion returned by List to see every change after it.
func (r *Resource[T]) Watch(ctx context.Context, opts ListOptions) (Watcher[T], error) {
	q := opts.query()
	q.Set("watch", "true")
	resp, err := r.c.Do(ctx, Request{Method: http.MethodGet, Path: r.path(r.namespace, "", ""), Query: q})
	if err != nil {
		return nil, err
	}
	w := &watcher[T]{ch: make(chan Event[T], 64)}
	go r.stream(ctx, resp, w.ch)
	return w, nil
}

func (r *Resource[T]) stream(ctx context.Context, resp *http.Response, ch chan<- Event[T]) {
	defer close(ch)
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	send := func(e Event[T]) bool {
		select {
		case ch <- e:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		var we wireEvent
		if err := dec.Decode(&we); err != nil {
			if err != io.EOF && ctx.Err() == nil {
				send(Event[T]{Type: Error, Err: fmt.Errorf("client: watch stream: %w", err)})
			}
			return
		}
		if we.Type == Error {
			var st apiobj.Status
			if err := json.Unmarshal(we.Object, &st); err != nil {
				send(Event[T]{Type: Error, Err: fmt.Errorf("client: undecodable watch error: %w", err)})
				return
			}
			send(Event[T]{Type: Error, Err: &apiobj.StatusError{Status: st}})
			return
		}
		obj, err := r.decode(we.Object)
		if err != nil {
			send(Event[T]{Type: Error, Err: err})
			return
		}
		if !send(Event[T]{Type: we.Type, Object: obj}) {
			return
		}
	}
}
