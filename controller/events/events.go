package events

import (
	"container/list"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/errdefs"
)

// Recorder records events about objects. Its methods never block: events
// go through a bounded queue to the Broadcaster's writer, and are dropped
// when the queue is full. Safe for concurrent use.
type Recorder interface {
	// Event records that reason (a short CamelCase word) happened to obj,
	// with a human-readable message. eventType is apiobj.EventTypeNormal or
	// apiobj.EventTypeWarning.
	Event(obj apiobj.Object, eventType, reason, message string)
	// Eventf is Event with a formatted message.
	Eventf(obj apiobj.Object, eventType, reason, format string, args ...any)
}

// Defaults of Config, as Kubernetes' event recorder uses.
const (
	DefaultQueueSize      = 1000
	DefaultFoldWindow     = 10 * time.Minute
	DefaultBurst          = 25
	DefaultRefillInterval = 5 * time.Minute
	DefaultCacheSize      = 4096
)

// Config configures a Broadcaster. Zero values are the documented defaults.
type Config struct {
	// Client writes the events. Required.
	Client *client.Client
	// Host is written as source.host and reportingInstance; default the
	// host name.
	Host string
	// Clock stamps events and drives the rate limits; default the real clock.
	Clock clock.Clock
	// Logger; nil discards.
	Logger *slog.Logger
	// QueueSize bounds the events waiting to be written (default 1000);
	// events recorded while it is full are dropped.
	QueueSize int
	// FoldWindow: an event equal to one recorded at most this long before
	// (same object, type, reason, message and source) is folded into it,
	// raising its count and lastTimestamp, instead of being written anew.
	// Default 10 minutes.
	FoldWindow time.Duration
	// Burst and RefillInterval rate-limit events per object and source: a
	// bucket of Burst tokens (default 25) that gains one back every
	// RefillInterval (default 5 minutes). Events beyond it are dropped.
	Burst          int
	RefillInterval time.Duration
	// CacheSize bounds the objects and events remembered for folding and
	// rate limiting (default 4096 each; least recently used go first).
	CacheSize int
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	switch {
	case c.Client == nil:
		return errors.New("events: Config.Client is required")
	case c.QueueSize < 0 || c.Burst < 0 || c.CacheSize < 0 || c.FoldWindow < 0 || c.RefillInterval < 0:
		return errors.New("events: sizes and durations must not be negative")
	}
	return nil
}

// Broadcaster writes the events its Recorders record, as core/v1 Events,
// from one goroutine (Run). It folds repeats into counts and rate-limits
// per object, as Kubernetes' event correlator does.
type Broadcaster struct {
	cfg   Config
	queue chan pending
}

// pending is an event on its way to the writer.
type pending struct {
	ref                                   apiobj.ObjectReference
	eventType, reason, message, component string
	at                                    time.Time
}

// NewBroadcaster returns a Broadcaster; events are written once Run runs.
func NewBroadcaster(cfg Config) (*Broadcaster, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Host == "" {
		cfg.Host, _ = os.Hostname()
	}
	cfg.Clock = clock.OrReal(cfg.Clock)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.QueueSize == 0 {
		cfg.QueueSize = DefaultQueueSize
	}
	if cfg.FoldWindow == 0 {
		cfg.FoldWindow = DefaultFoldWindow
	}
	if cfg.Burst == 0 {
		cfg.Burst = DefaultBurst
	}
	if cfg.RefillInterval == 0 {
		cfg.RefillInterval = DefaultRefillInterval
	}
	if cfg.CacheSize == 0 {
		cfg.CacheSize = DefaultCacheSize
	}
	return &Broadcaster{cfg: cfg, queue: make(chan pending, cfg.QueueSize)}, nil
}

// Recorder returns a recorder whose events name component as their source
// (source.component and reportingComponent).
func (b *Broadcaster) Recorder(component string) Recorder {
	return &recorder{b: b, component: component}
}

type recorder struct {
	b         *Broadcaster
	component string
}

func (r *recorder) Eventf(obj apiobj.Object, eventType, reason, format string, args ...any) {
	r.Event(obj, eventType, reason, fmt.Sprintf(format, args...))
}

func (r *recorder) Event(obj apiobj.Object, eventType, reason, message string) {
	log := r.b.cfg.Logger
	if eventType != apiobj.EventTypeNormal && eventType != apiobj.EventTypeWarning {
		log.Error("event dropped: unsupported type", "type", eventType, "reason", reason)
		return
	}
	gvk, err := r.b.cfg.Client.Scheme().ObjectKind(obj)
	if err != nil {
		log.Error("event dropped: the object's kind is unknown", "err", err, "reason", reason)
		return
	}
	apiVersion, kind := gvk.ToAPIVersionAndKind()
	p := pending{
		ref: apiobj.ObjectReference{
			Kind: kind, APIVersion: apiVersion, Namespace: obj.GetNamespace(), Name: obj.GetName(),
			UID: obj.GetUID(), ResourceVersion: obj.GetResourceVersion(),
		},
		eventType: eventType, reason: reason, message: message, component: r.component,
		at: r.b.cfg.Clock.Now(),
	}
	select {
	case r.b.queue <- p:
	default:
		log.Warn("event dropped: the queue is full", "reason", reason, "object", obj.GetNamespace()+"/"+obj.GetName())
	}
}

// Run writes recorded events until ctx is done. Events still queued then
// are dropped. It implements the manager's Runnable and runs on every
// replica (it needs no leadership).
func (b *Broadcaster) Run(ctx context.Context) error {
	w := &writer{
		cfg:    b.cfg,
		events: client.For[*apiobj.Event](b.cfg.Client),
		spam:   newLRU[string, *tokens](b.cfg.CacheSize),
		folds:  newLRU[string, *folded](b.cfg.CacheSize),
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case p := <-b.queue:
			w.write(ctx, p)
		}
	}
}

// NeedLeaderElection reports false: events are recorded by every replica.
func (b *Broadcaster) NeedLeaderElection() bool { return false }

// writer is the state of Run's goroutine, which alone uses it.
type writer struct {
	cfg       Config
	events    *client.Resource[*apiobj.Event]
	spam      *lru[string, *tokens]
	folds     *lru[string, *folded]
	lastNanos int64
}

// tokens is one object's rate-limit bucket.
type tokens struct {
	n    float64
	last time.Time
}

// folded is the event that repeats of one event are folded into.
type folded struct {
	namespace, name string
	count           int32
	first, last     time.Time
}

func (w *writer) write(ctx context.Context, p pending) {
	r := p.ref
	objKey := fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s",
		p.component, w.cfg.Host, r.Kind, r.APIVersion, r.Namespace, r.Name, r.UID, r.FieldPath)
	if !w.allow(objKey, p.at) {
		w.cfg.Logger.Debug("event dropped by the per-object rate limit", "reason", p.reason, "object", r.Namespace+"/"+r.Name)
		return
	}
	key := objKey + "\x00" + p.eventType + "\x00" + p.reason + "\x00" + p.message
	if f, ok := w.folds.get(key); ok && p.at.Sub(f.last) <= w.cfg.FoldWindow {
		err := w.patch(ctx, f, p.at)
		if err == nil {
			return
		}
		if !errors.Is(err, errdefs.ErrNotFound) {
			w.cfg.Logger.Warn("updating an event failed", "err", err, "event", f.namespace+"/"+f.name)
			return
		}
		// The event expired or was deleted: write it anew.
	}
	if f, err := w.create(ctx, p); err != nil {
		w.cfg.Logger.Warn("writing an event failed", "err", err, "reason", p.reason, "object", r.Namespace+"/"+r.Name)
	} else {
		w.folds.put(key, f)
	}
}

// allow takes a token from the object's bucket.
func (w *writer) allow(key string, at time.Time) bool {
	b, ok := w.spam.get(key)
	if !ok {
		b = &tokens{n: float64(w.cfg.Burst), last: at}
		w.spam.put(key, b)
	}
	if at.After(b.last) {
		b.n = min(float64(w.cfg.Burst), b.n+float64(at.Sub(b.last))/float64(w.cfg.RefillInterval))
		b.last = at
	}
	if b.n < 1 {
		return false
	}
	b.n--
	return true
}

func (w *writer) create(ctx context.Context, p pending) (*folded, error) {
	ns := p.ref.Namespace
	if ns == "" {
		ns = apiobj.NamespaceDefault // events about cluster-scoped objects
	}
	nanos := max(p.at.UnixNano(), w.lastNanos+1) // unique even on a clock that stands still
	w.lastNanos = nanos
	ts := apiobj.NewTime(p.at)
	ev := &apiobj.Event{
		ObjectMeta:          apiobj.ObjectMeta{Name: fmt.Sprintf("%s.%x", p.ref.Name, nanos), Namespace: ns},
		InvolvedObject:      p.ref,
		Reason:              p.reason,
		Message:             p.message,
		Type:                p.eventType,
		Source:              apiobj.EventSource{Component: p.component, Host: w.cfg.Host},
		FirstTimestamp:      ts,
		LastTimestamp:       ts,
		Count:               1,
		ReportingController: p.component,
		ReportingInstance:   w.cfg.Host,
	}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if _, err = w.events.Create(ctx, ev); err == nil || errors.Is(err, errdefs.ErrInvalid) || ctx.Err() != nil {
			break
		}
		if !clock.Sleep(ctx, w.cfg.Clock, time.Duration(attempt+1)*100*time.Millisecond) {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	return &folded{namespace: ns, name: ev.Name, count: 1, first: p.at, last: p.at}, nil
}

// patch raises f's count and lastTimestamp on the server.
func (w *writer) patch(ctx context.Context, f *folded, at time.Time) error {
	body, err := json.Marshal(map[string]any{"count": f.count + 1, "lastTimestamp": apiobj.NewTime(at)})
	if err != nil {
		return err
	}
	if _, err := w.events.Namespace(f.namespace).Patch(ctx, f.name, client.MergePatch, body, ""); err != nil {
		return err
	}
	f.count++
	f.last = at
	return nil
}

// lru is a map bounded to its most recently used entries. Not safe for
// concurrent use: the writer goroutine owns it.
type lru[K comparable, V any] struct {
	max   int
	order *list.List // of *lruEntry, most recent first
	items map[K]*list.Element
}

type lruEntry[K comparable, V any] struct {
	key K
	val V
}

func newLRU[K comparable, V any](size int) *lru[K, V] {
	return &lru[K, V]{max: size, order: list.New(), items: map[K]*list.Element{}}
}

func (l *lru[K, V]) get(k K) (V, bool) {
	if e, ok := l.items[k]; ok {
		l.order.MoveToFront(e)
		return e.Value.(*lruEntry[K, V]).val, true
	}
	var zero V
	return zero, false
}

func (l *lru[K, V]) put(k K, v V) {
	if e, ok := l.items[k]; ok {
		e.Value.(*lruEntry[K, V]).val = v
		l.order.MoveToFront(e)
		return
	}
	l.items[k] = l.order.PushFront(&lruEntry[K, V]{key: k, val: v})
	for l.order.Len() > l.max {
		last := l.order.Back()
		l.order.Remove(last)
		delete(l.items, last.Value.(*lruEntry[K, V]).key)
	}
}
