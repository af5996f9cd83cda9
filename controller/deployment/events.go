package deployment

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
)

// component is the controller's name in the Events it writes.
const component = "deployment-controller"

// recorder writes core/v1 Events in the background, best effort: when its
// buffer is full, events are dropped rather than slowing a sync. It does not
// fold repeats into counts.
type recorder struct {
	c   *client.Client
	log *slog.Logger
	ch  chan *apiobj.Event
}

func newRecorder(c *client.Client, log *slog.Logger) *recorder {
	return &recorder{c: c, log: log, ch: make(chan *apiobj.Event, 1000)}
}

// event queues an Event about obj (of kind gvk). Safe for concurrent use.
func (r *recorder) event(obj apiobj.MetaAccessor, gvk apiobj.GroupVersionKind, warning bool, reason, format string, args ...any) {
	now := time.Now()
	typ := "Normal"
	if warning {
		typ = "Warning"
	}
	apiVersion, kind := gvk.ToAPIVersionAndKind()
	ev := &apiobj.Event{
		ObjectMeta: apiobj.ObjectMeta{
			Name:      fmt.Sprintf("%s.%x", obj.GetName(), now.UnixNano()),
			Namespace: obj.GetNamespace(),
		},
		InvolvedObject: apiobj.ObjectReference{Kind: kind, APIVersion: apiVersion, Namespace: obj.GetNamespace(),
			Name: obj.GetName(), UID: obj.GetUID(), ResourceVersion: obj.GetResourceVersion()},
		Reason: reason, Message: fmt.Sprintf(format, args...), Type: typ,
		Source:         apiobj.EventSource{Component: component},
		FirstTimestamp: apiobj.NewTime(now), LastTimestamp: apiobj.NewTime(now), Count: 1,
		ReportingController: component,
	}
	select {
	case r.ch <- ev:
	default:
		r.log.Debug("event dropped", "reason", reason, "object", obj.GetName())
	}
}

// run writes queued events until ctx is done.
func (r *recorder) run(ctx context.Context) {
	events := client.For[*apiobj.Event](r.c)
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-r.ch:
			if _, err := events.Namespace(ev.Namespace).Create(ctx, ev); err != nil && ctx.Err() == nil {
				r.log.Debug("writing event failed", "reason", ev.Reason, "err", err)
			}
		}
	}
}
