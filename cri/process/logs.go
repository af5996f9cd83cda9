package process

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
)

// The CRI log format, one entry per line:
//
//	<RFC3339Nano timestamp> <stdout|stderr> <F|P> <content>
//
// F closes a line; P marks a piece of a line that continues in the next entry
// of the same stream (a line longer than MaxLogLineSize, or output that ended
// without a newline).
const (
	streamStdout = "stdout"
	streamStderr = "stderr"
	tagFull      = 'F'
	tagPartial   = 'P'
)

// logFile appends CRI log entries to one file. It is safe for concurrent use;
// entries from different streams never interleave within a line.
type logFile struct {
	mu   sync.Mutex
	path string   // empty: entries are dropped
	f    *os.File // guarded by mu
	buf  []byte   // guarded by mu
	err  error    // first write error, guarded by mu
	now  func() time.Time
}

func openLogFile(path string) (*logFile, error) {
	l := &logFile{path: path, now: time.Now}
	if path == "" {
		return l, nil
	}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *logFile) open() error {
	if err := os.MkdirAll(filepath.Dir(l.path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
	if err != nil {
		return err
	}
	l.f = f
	return nil
}

// entry writes one entry with a single write(2), so readers never see half
// an entry.
func (l *logFile) entry(stream string, tag byte, content []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return
	}
	b := cri.AppendLogLine(l.buf[:0], cri.LogLine{
		Time:    l.now(),
		Stream:  runtimev1.LogStreamType(stream),
		Partial: tag == tagPartial,
		Content: content,
	})
	if _, err := l.f.Write(b); err != nil && l.err == nil {
		l.err = err
	}
	l.buf = b
}

// reopen closes the file and opens l.path again, for log rotation: the
// kubelet renames the file and then asks the runtime to reopen it.
func (l *logFile) reopen() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.path == "" {
		return nil
	}
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
	return l.open()
}

func (l *logFile) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// lineSplitter turns one stream's bytes into log entries. Not safe for
// concurrent use; each stream has its own.
type lineSplitter struct {
	log     *logFile
	stream  string
	max     int
	pending []byte
}

func (s *lineSplitter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			s.pending = append(s.pending, p...)
			break
		}
		line := p[:i]
		p = p[i+1:]
		if len(s.pending) == 0 {
			s.emitLine(line)
			continue
		}
		s.pending = append(s.pending, line...)
		s.emitLine(s.pending)
		s.pending = s.pending[:0]
	}
	// Hold up to max bytes: a newline may still make them a full entry.
	for len(s.pending) > s.max {
		s.log.entry(s.stream, tagPartial, s.pending[:s.max])
		s.pending = append(s.pending[:0], s.pending[s.max:]...)
	}
	return n, nil
}

// emitLine writes a complete line, as partial pieces and a final full entry
// when it is longer than max.
func (s *lineSplitter) emitLine(line []byte) {
	for len(line) > s.max {
		s.log.entry(s.stream, tagPartial, line[:s.max])
		line = line[s.max:]
	}
	s.log.entry(s.stream, tagFull, line)
}

// flush writes what is left of an unterminated last line as a partial entry.
func (s *lineSplitter) flush() {
	if len(s.pending) > 0 {
		s.log.entry(s.stream, tagPartial, s.pending)
		s.pending = s.pending[:0]
	}
}

// chunk is a piece of raw container output for attach.
type chunk struct {
	stderr bool
	data   []byte
}

// broadcaster hands raw output to attached clients. A client that falls more
// than subscriberBuffer chunks behind is disconnected rather than allowed to
// slow the container down.
type broadcaster struct {
	mu     sync.Mutex
	subs   map[chan chunk]struct{} // guarded by mu
	closed bool                    // guarded by mu
}

const subscriberBuffer = 256

func newBroadcaster() *broadcaster {
	return &broadcaster{subs: map[chan chunk]struct{}{}}
}

// subscribe returns a channel of output that is closed when the output ends
// or the subscriber is dropped, and a cancel func.
func (b *broadcaster) subscribe() (<-chan chunk, func()) {
	ch := make(chan chunk, subscriberBuffer)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		close(ch)
		return ch, func() {}
	}
	b.subs[ch] = struct{}{}
	return ch, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
	}
}

func (b *broadcaster) send(c chunk) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.subs) == 0 {
		return
	}
	c.data = bytes.Clone(c.data)
	for ch := range b.subs {
		select {
		case ch <- c:
		default:
			delete(b.subs, ch)
			close(ch)
		}
	}
}

func (b *broadcaster) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for ch := range b.subs {
		delete(b.subs, ch)
		close(ch)
	}
}

// outputPump copies a container's stdout and stderr FIFOs into its log file
// and to attached clients.
type outputPump struct {
	log    *logFile
	files  []*os.File
	bc     *broadcaster
	done   chan struct{} // closed when both streams reached EOF or were closed
	closed sync.Once
}

func startPump(log *logFile, stdout, stderr *os.File, maxLine int, bc *broadcaster) *outputPump {
	p := &outputPump{log: log, files: []*os.File{stdout, stderr}, bc: bc, done: make(chan struct{})}
	var wg sync.WaitGroup
	for i, f := range p.files {
		wg.Add(1)
		isErr := i == 1
		stream := streamStdout
		if isErr {
			stream = streamStderr
		}
		go func() {
			defer wg.Done()
			s := &lineSplitter{log: log, stream: stream, max: maxLine}
			buf := make([]byte, 32<<10)
			for {
				n, err := f.Read(buf)
				if n > 0 {
					bc.send(chunk{stderr: isErr, data: buf[:n]})
					s.Write(buf[:n])
				}
				if err != nil {
					if !errors.Is(err, io.EOF) && !errors.Is(err, os.ErrClosed) && !errors.Is(err, os.ErrDeadlineExceeded) {
						log.mu.Lock()
						if log.err == nil {
							log.err = err
						}
						log.mu.Unlock()
					}
					break
				}
			}
			s.flush()
		}()
	}
	go func() {
		wg.Wait()
		bc.close()
		close(p.done)
	}()
	return p
}

// stop makes the readers give up: they flush what they hold and end. Output
// still in the FIFOs stays there for whoever opens them next.
func (p *outputPump) stop() {
	p.closed.Do(func() {
		for _, f := range p.files {
			if err := f.SetReadDeadline(time.Now()); err != nil {
				f.Close()
			}
		}
	})
	<-p.done
	for _, f := range p.files {
		f.Close()
	}
}
