package apiserver

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/fields"
	"github.com/orcaproj/orca/apiserver/registry"
	"github.com/orcaproj/orca/apiserver/watchcache"
)

// watchEvent is one event on the wire.
type watchEvent struct {
	Type   string          `json:"type"`
	Object json.RawMessage `json:"object"`
}

func boolParam(q url.Values, name string) bool {
	v := q.Get(name)
	return v == "true" || v == "1"
}

// serveWatch streams watch events as newline-separated JSON, flushed one by
// one, until timeoutSeconds (or a jittered default) passes, the client goes
// away, or the watcher is cut off.
func (s *Server) serveWatch(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns, name string, q url.Values) {
	f, err := negotiate(r.Header.Get("Accept"))
	if err != nil {
		writeError(w, r, err)
		return
	}
	ls, fs, err := parseSelectors(q)
	if err != nil {
		writeError(w, r, err)
		return
	}
	if name != "" {
		fs = fields.SelectorFromSet(fields.Set{"metadata.name": name})
		if q.Get("fieldSelector") != "" {
			extra, err := fields.ParseSelector(q.Get("fieldSelector") + ",metadata.name=" + fields.EscapeValue(name))
			if err != nil {
				writeError(w, r, apiobj.NewBadRequest(err.Error()))
				return
			}
			fs = extra
		}
	}
	timeout := s.cfg.MinWatchTimeout + time.Duration(rand.Int64N(int64(s.cfg.MinWatchTimeout)))
	if v := q.Get("timeoutSeconds"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			writeError(w, r, apiobj.NewBadRequest(fmt.Sprintf("invalid timeoutSeconds %q", v)))
			return
		}
		if n > 0 {
			timeout = time.Duration(n) * time.Second
		}
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	opts := registry.WatchOptions{
		LabelSelector: ls, FieldSelector: fs,
		ResourceVersion: q.Get("resourceVersion"), ResourceVersionMatch: q.Get("resourceVersionMatch"),
		SendInitialEvents: boolParam(q, "sendInitialEvents"), AllowBookmarks: boolParam(q, "allowWatchBookmarks"),
	}
	watcher, err := s.reg.Watch(ctx, res, ns, opts)
	if err != nil {
		if st := statusFor(err); st.Code == http.StatusGone {
			// Kubernetes answers a watch from a compacted revision with an
			// ERROR event on a 200 stream; clients re-list on it.
			s.startStream(w)
			b, _ := json.Marshal(&st)
			s.writeEvent(w, watchEvent{Type: "ERROR", Object: b})
			return
		}
		writeError(w, r, err)
		return
	}
	defer watcher.Stop()
	gvr := res.GVR
	s.metrics.watches.WithLabelValues(gvr.Group, gvr.Version, gvr.Resource).Inc()
	defer s.metrics.watches.WithLabelValues(gvr.Group, gvr.Version, gvr.Resource).Dec()

	s.startStream(w)
	first := true
	for {
		ev, err := watcher.Next(ctx)
		if err != nil {
			return
		}
		obj, err := s.eventObject(res, ev, f, q, first)
		if err != nil {
			st := statusFor(err)
			b, _ := json.Marshal(&st)
			s.writeEvent(w, watchEvent{Type: "ERROR", Object: b})
			return
		}
		if ev.Type != watchcache.Bookmark {
			first = false
		}
		if !s.writeEvent(w, watchEvent{Type: string(ev.Type), Object: obj}) {
			return
		}
	}
}

func (s *Server) startStream(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache, private")
	w.WriteHeader(http.StatusOK)
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
}

func (s *Server) writeEvent(w http.ResponseWriter, ev watchEvent) bool {
	b, err := json.Marshal(ev)
	if err != nil {
		return false
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return false
	}
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
	return true
}

// eventObject encodes an event's object in the negotiated form.
func (s *Server) eventObject(res *registry.Resource, ev watchcache.Event, f outFormat, q url.Values, first bool) (json.RawMessage, error) {
	if ev.Type == watchcache.Bookmark {
		obj := res.NewObject()
		obj.SetGroupVersionKind(res.Info.GroupVersionKind)
		obj.SetResourceVersion(strconv.FormatInt(ev.Revision, 10))
		if ev.InitialEventsEnd {
			obj.SetAnnotations(map[string]string{watchcache.InitialEventsEndAnnotation: "true"})
		}
		return s.codec.Encode(obj)
	}
	switch f.as {
	case asTable:
		opts := tableOptions(q)
		opts.NoHeaders = !first
		t, err := s.buildTable(ev.Object, f, opts)
		if err != nil {
			return nil, err
		}
		return json.Marshal(t)
	case asPartial, asPartialList:
		p, err := toPartial(ev.Object, f.metaVersion)
		if err != nil {
			return nil, err
		}
		return json.Marshal(p)
	}
	return s.codec.Encode(ev.Object)
}
