package cri

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// MaxLogLineSize is the longest content a LogWriter puts in one log line;
// longer output is split into partial (P) lines. It matches containerd's
// default.
const MaxLogLineSize = 16 * 1024

// LogLine is one line of a container log in the CRI log format.
type LogLine struct {
	Time   time.Time
	Stream runtimev1.LogStreamType // runtimev1.Stdout or runtimev1.Stderr
	// Partial is true for the P tag: the entry continues on the next line of
	// the same stream. False is the F tag: the entry ends here.
	Partial bool
	// Content is the output without its trailing newline.
	Content []byte
}

// AppendLogLine appends l to dst in the CRI log format, newline included:
//
//	2016-10-06T00:17:09.669794202Z stdout F hello
func AppendLogLine(dst []byte, l LogLine) []byte {
	dst = l.Time.UTC().AppendFormat(dst, time.RFC3339Nano)
	dst = append(dst, ' ')
	dst = append(dst, l.Stream...)
	if l.Partial {
		dst = append(dst, " P "...)
	} else {
		dst = append(dst, " F "...)
	}
	dst = append(dst, l.Content...)
	return append(dst, '\n')
}

// ErrBadLogLine is wrapped by ParseLogLine's errors.
var ErrBadLogLine = errors.New("bad CRI log line")

// ParseLogLine parses one line of a CRI log, with or without its trailing
// newline. The tag field may hold several tags joined by ':'; the first
// decides Partial, as the kubelet reads it. Content aliases line.
func ParseLogLine(line []byte) (LogLine, error) {
	line = bytes.TrimSuffix(line, []byte{'\n'})
	ts, rest, ok := bytes.Cut(line, []byte{' '})
	if !ok {
		return LogLine{}, fmt.Errorf("%w: no stream field in %q", ErrBadLogLine, line)
	}
	t, err := time.Parse(time.RFC3339Nano, string(ts))
	if err != nil {
		return LogLine{}, fmt.Errorf("%w: timestamp: %v", ErrBadLogLine, err)
	}
	stream, rest, ok := bytes.Cut(rest, []byte{' '})
	if !ok {
		return LogLine{}, fmt.Errorf("%w: no tag field in %q", ErrBadLogLine, line)
	}
	var l LogLine
	l.Time = t
	switch s := runtimev1.LogStreamType(stream); s {
	case runtimev1.Stdout, runtimev1.Stderr:
		l.Stream = s
	default:
		return LogLine{}, fmt.Errorf("%w: unknown stream %q", ErrBadLogLine, stream)
	}
	tags, content, _ := bytes.Cut(rest, []byte{' '})
	first, _, _ := bytes.Cut(tags, []byte(runtimev1.LogTagDelimiter))
	switch runtimev1.LogTag(first) {
	case runtimev1.LogTagFull:
	case runtimev1.LogTagPartial:
		l.Partial = true
	default:
		return LogLine{}, fmt.Errorf("%w: unknown tag %q", ErrBadLogLine, tags)
	}
	l.Content = content
	return l, nil
}

// LogWriter turns one output stream of a container into CRI log lines on an
// underlying writer. Each complete line of output becomes an F line; output
// longer than MaxLogLineSize without a newline is cut into P lines; Close
// writes whatever is left as a final F line.
//
// A LogWriter is not safe for concurrent use: give each stream its own. Both
// streams of a container may share one underlying writer, as long as it
// accepts concurrent Write calls (an *os.File opened with O_APPEND does):
// every log line is written with a single Write.
type LogWriter struct {
	w      io.Writer
	stream runtimev1.LogStreamType
	now    func() time.Time
	buf    []byte // output not yet ended by a newline
	line   []byte // scratch for one formatted line
}

// NewLogWriter returns a LogWriter for stream onto w. now stamps each line;
// nil means time.Now.
func NewLogWriter(w io.Writer, stream runtimev1.LogStreamType, now func() time.Time) *LogWriter {
	if now == nil {
		now = time.Now
	}
	return &LogWriter{w: w, stream: stream, now: now}
}

// Write logs p. It returns len(p) unless the underlying writer fails.
func (lw *LogWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		line, rest, ended := bytes.Cut(p, []byte{'\n'})
		lw.buf = append(lw.buf, line...)
		// Cut off full-size partial lines, keeping at least one byte for the
		// final F line of an ended line.
		for len(lw.buf) > MaxLogLineSize || (!ended && len(lw.buf) == MaxLogLineSize) {
			if err := lw.emit(lw.buf[:MaxLogLineSize], true); err != nil {
				return n - len(p), err
			}
			lw.buf = append(lw.buf[:0], lw.buf[MaxLogLineSize:]...)
		}
		if ended {
			if err := lw.emit(lw.buf, false); err != nil {
				return n - len(p), err
			}
			lw.buf = lw.buf[:0]
		}
		p = rest
	}
	return n, nil
}

// Close writes any unterminated output as a final F line. It does not close
// the underlying writer.
func (lw *LogWriter) Close() error {
	if len(lw.buf) == 0 {
		return nil
	}
	err := lw.emit(lw.buf, false)
	lw.buf = lw.buf[:0]
	return err
}

func (lw *LogWriter) emit(content []byte, partial bool) error {
	lw.line = AppendLogLine(lw.line[:0], LogLine{Time: lw.now(), Stream: lw.stream, Partial: partial, Content: content})
	_, err := lw.w.Write(lw.line)
	return err
}
