package cri_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
)

var logTime = time.Date(2016, 10, 6, 0, 17, 9, 669794202, time.UTC)

func TestParseLogLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		line string
		want cri.LogLine
		bad  bool
	}{
		{"full stdout", "2016-10-06T00:17:09.669794202Z stdout F hello\n",
			cri.LogLine{Time: logTime, Stream: runtimev1.Stdout, Content: []byte("hello")}, false},
		{"partial stderr, no newline", "2016-10-06T00:17:09.669794202Z stderr P part",
			cri.LogLine{Time: logTime, Stream: runtimev1.Stderr, Partial: true, Content: []byte("part")}, false},
		{"empty content", "2016-10-06T00:17:09.669794202Z stdout F \n",
			cri.LogLine{Time: logTime, Stream: runtimev1.Stdout, Content: []byte{}}, false},
		{"spaces kept", "2016-10-06T00:17:09.669794202Z stdout F  a  b ",
			cri.LogLine{Time: logTime, Stream: runtimev1.Stdout, Content: []byte(" a  b ")}, false},
		{"several tags", "2016-10-06T00:17:09.669794202Z stdout P:x hi",
			cri.LogLine{Time: logTime, Stream: runtimev1.Stdout, Partial: true, Content: []byte("hi")}, false},
		{"zone offset", "2016-10-06T02:17:09.669794202+02:00 stdout F hi",
			cri.LogLine{Time: logTime, Stream: runtimev1.Stdout, Content: []byte("hi")}, false},
		{"bad time", "yesterday stdout F hi", cri.LogLine{}, true},
		{"bad stream", "2016-10-06T00:17:09Z stdin F hi", cri.LogLine{}, true},
		{"bad tag", "2016-10-06T00:17:09Z stdout X hi", cri.LogLine{}, true},
		{"no stream", "2016-10-06T00:17:09Z", cri.LogLine{}, true},
		{"no tag", "2016-10-06T00:17:09Z stdout", cri.LogLine{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := cri.ParseLogLine([]byte(tc.line))
			if tc.bad {
				if !errors.Is(err, cri.ErrBadLogLine) {
					t.Fatalf("ParseLogLine = %v, %v; want ErrBadLogLine", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !got.Time.Equal(tc.want.Time) {
				t.Errorf("time = %v, want %v", got.Time, tc.want.Time)
			}
			got.Time = tc.want.Time
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLogWriter(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", cri.MaxLogLineSize+5)
	for _, tc := range []struct {
		name   string
		writes []string
		want   []string // "P content" or "F content"
	}{
		{"lines", []string{"a\nb\n"}, []string{"F a", "F b"}},
		{"split across writes", []string{"he", "llo\nwor", "ld\n"}, []string{"F hello", "F world"}},
		{"unterminated tail on close", []string{"a\nrest"}, []string{"F a", "F rest"}},
		{"empty lines", []string{"\n\n"}, []string{"F ", "F "}},
		{"long line split", []string{long + "\n"}, []string{"P " + long[:cri.MaxLogLineSize], "F xxxxx"}},
		{"nothing", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			w := cri.NewLogWriter(&buf, runtimev1.Stderr, func() time.Time { return logTime })
			for _, s := range tc.writes {
				if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, line := range strings.SplitAfter(buf.String(), "\n") {
				if line == "" {
					continue
				}
				l, err := cri.ParseLogLine([]byte(line))
				if err != nil {
					t.Fatalf("line %q: %v", line, err)
				}
				if l.Stream != runtimev1.Stderr || !l.Time.Equal(logTime) {
					t.Errorf("line %q: stream %s time %v", line, l.Stream, l.Time)
				}
				tag := "F "
				if l.Partial {
					tag = "P "
				}
				got = append(got, tag+string(l.Content))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAppendLogLine(t *testing.T) {
	t.Parallel()
	got := cri.AppendLogLine([]byte("> "), cri.LogLine{Time: logTime, Stream: runtimev1.Stdout, Partial: true, Content: []byte("hi")})
	if want := "> 2016-10-06T00:17:09.669794202Z stdout P hi\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzParseLogLine checks that ParseLogLine never panics and that what it
// accepts survives a round trip through AppendLogLine.
func FuzzParseLogLine(f *testing.F) {
	f.Add([]byte("2016-10-06T00:17:09.669794202Z stdout F hello\n"))
	f.Add([]byte("2016-10-06T00:17:09Z stderr P:tag x y z"))
	f.Add([]byte("2016-10-06T00:17:09Z stdout F "))
	f.Add([]byte(" stdout F"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, line []byte) {
		l, err := cri.ParseLogLine(line)
		if err != nil {
			return
		}
		if bytes.IndexByte(l.Content, '\n') >= 0 {
			return // not representable in one line; AppendLogLine's caller splits
		}
		again, err := cri.ParseLogLine(cri.AppendLogLine(nil, l))
		if err != nil {
			t.Fatalf("round trip of %q: %v", line, err)
		}
		if !again.Time.Equal(l.Time) || again.Stream != l.Stream || again.Partial != l.Partial || !bytes.Equal(again.Content, l.Content) {
			t.Fatalf("round trip of %q: %+v became %+v", line, l, again)
		}
	})
}
