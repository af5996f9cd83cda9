package process

import (
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/errdefs"
)

// eventHub fans container and sandbox events out to GetContainerEvents
// streams. A stream that falls eventBuffer events behind is ended, and the
// kubelet falls back to relisting, as it does with containerd.
type eventHub struct {
	mu     sync.Mutex
	subs   map[chan *runtimev1.ContainerEventResponse]struct{} // guarded by mu
	closed bool                                                // guarded by mu
}

const eventBuffer = 1024

func newEventHub() *eventHub {
	return &eventHub{subs: map[chan *runtimev1.ContainerEventResponse]struct{}{}}
}

func (h *eventHub) subscribe() (<-chan *runtimev1.ContainerEventResponse, func()) {
	ch := make(chan *runtimev1.ContainerEventResponse, eventBuffer)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(ch)
		return ch, func() {}
	}
	h.subs[ch] = struct{}{}
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, ok := h.subs[ch]; ok {
			delete(h.subs, ch)
			close(ch)
		}
	}
}

func (h *eventHub) active() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs) > 0
}

func (h *eventHub) publish(ev *runtimev1.ContainerEventResponse) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- ev:
		default:
			delete(h.subs, ch)
			close(ch)
		}
	}
}

func (h *eventHub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.subs {
		delete(h.subs, ch)
		close(ch)
	}
}

// sandboxEvent publishes an event about the sandbox itself, with the
// sandbox id as the container id, as containerd does.
func (h *eventHub) sandboxEvent(r *server, sb *sandbox, t runtimev1.ContainerEventType) {
	if !h.active() {
		return
	}
	r.mu.Lock()
	ev := &runtimev1.ContainerEventResponse{
		ContainerId:        sb.id,
		ContainerEventType: t,
		CreatedAt:          nowNano(),
		PodSandboxStatus:   r.sandboxStatusLocked(sb),
	}
	for _, c := range r.containers {
		if c.sandboxID == sb.id {
			ev.ContainersStatuses = append(ev.ContainersStatuses, r.containerStatusLocked(c))
		}
	}
	r.mu.Unlock()
	h.publish(ev)
}

func (h *eventHub) containerEvent(r *server, c *container, t runtimev1.ContainerEventType) {
	if !h.active() {
		return
	}
	r.mu.Lock()
	ev := &runtimev1.ContainerEventResponse{
		ContainerId:        c.id,
		ContainerEventType: t,
		CreatedAt:          nowNano(),
	}
	if sb, ok := r.sandboxes[c.sandboxID]; ok {
		ev.PodSandboxStatus = r.sandboxStatusLocked(sb)
		for _, o := range r.containers {
			if o.sandboxID == sb.id {
				ev.ContainersStatuses = append(ev.ContainersStatuses, r.containerStatusLocked(o))
			}
		}
	}
	if t == runtimev1.ContainerEventType_CONTAINER_DELETED_EVENT {
		ev.ContainersStatuses = append(ev.ContainersStatuses, r.containerStatusLocked(c))
	}
	r.mu.Unlock()
	h.publish(ev)
}

// GetContainerEvents streams container and sandbox lifecycle events until
// the client goes away or the runtime closes.
func (r *server) GetContainerEvents(req *runtimev1.GetEventsRequest, s grpc.ServerStreamingServer[runtimev1.ContainerEventResponse]) error {
	ch, cancel := r.events.subscribe()
	defer cancel()
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				// The runtime closed, or this stream fell too far behind;
				// the client relists and subscribes again.
				return newError(codes.Unavailable, errdefs.ErrUnavailable, "container event stream ended")
			}
			if err := s.Send(ev); err != nil {
				return err
			}
		case <-s.Context().Done():
			return nil
		}
	}
}
