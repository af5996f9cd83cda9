package memory

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

// Snapshotter is a store that can write its current state. The memory store
// is one; find the ability with a type assertion:
//
//	if sn, ok := s.(memory.Snapshotter); ok {
//		err = sn.Snapshot(f)
//	}
type Snapshotter interface {
	// Snapshot writes every key with its value, revisions and remaining
	// lease, and the store's revision, as one consistent state. Writers are
	// blocked only while the state is copied, not while w is written.
	// History is not included.
	Snapshot(w io.Writer) error
}

var _ Snapshotter = (*memStore)(nil)

// The snapshot format: the magic, then uvarint revision and key count, then
// per key (in key order) uvarint key length, key, uvarint value length,
// value, uvarint CreateRevision, uvarint ModRevision, and varint nanoseconds
// left on its lease (0 for none), and last a big-endian CRC-32 (IEEE) of
// everything before it.
const snapshotMagic = "ORCAMEM1"

type snapEntry struct {
	key   string
	v     version
	lease int64 // nanoseconds left; 0 for none
}

func (s *memStore) Snapshot(w io.Writer) error {
	now := s.now()
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return errClosed
	}
	rev := s.rev
	// A key deleted and created again may have leases of both
	// incarnations in the heap; only the live one's counts.
	type incarnation struct {
		key       string
		createRev int64
	}
	leases := make(map[incarnation]int64, len(s.leases))
	for _, l := range s.leases {
		leases[incarnation{l.key, l.createRev}] = l.at
	}
	entries := make([]snapEntry, 0, s.index.Len())
	s.index.Ascend("", func(ke *keyEntry) bool {
		v := ke.live()
		if v == nil {
			return true
		}
		e := snapEntry{key: ke.key, v: *v}
		if at, ok := leases[incarnation{ke.key, v.createRev}]; ok {
			e.lease = max(at-now, 1)
		}
		entries = append(entries, e)
		return true
	})
	s.mu.RUnlock()

	// Values are never changed in place, so they can be written unlocked.
	crc := crc32.NewIEEE()
	bw := bufio.NewWriter(io.MultiWriter(w, crc))
	var buf [binary.MaxVarintLen64]byte
	uvarint := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	bw.WriteString(snapshotMagic)
	uvarint(uint64(rev))
	uvarint(uint64(len(entries)))
	for _, e := range entries {
		uvarint(uint64(len(e.key)))
		bw.WriteString(e.key)
		uvarint(uint64(len(e.v.value)))
		bw.Write(e.v.value)
		uvarint(uint64(e.v.createRev))
		uvarint(uint64(e.v.modRev))
		bw.Write(buf[:binary.PutVarint(buf[:], e.lease)])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("memory: writing snapshot: %w", err)
	}
	binary.BigEndian.PutUint32(buf[:4], crc.Sum32())
	if _, err := w.Write(buf[:4]); err != nil {
		return fmt.Errorf("memory: writing snapshot: %w", err)
	}
	return nil
}

// Restore returns a new store holding the state a Snapshot wrote to r. Its
// revision is the snapshot's, and its history starts there: reads and
// watches at older revisions give store.ErrGone, and a watch from the
// snapshot's revision plus one sees every later write. Leases resume with
// the time they had left. A snapshot that is damaged or not a snapshot gives
// an error wrapping errdefs.ErrInvalid. Restore panics if cfg.Validate
// fails, as New does.
func Restore(r io.Reader, cfg Config) (store.Interface, error) {
	entries, rev, err := readSnapshot(r)
	if err != nil {
		return nil, err
	}
	s := New(cfg).(*memStore)
	now := s.now()
	s.mu.Lock()
	for _, e := range entries {
		s.index.Insert(&keyEntry{key: e.key, versions: []version{e.v}})
		if e.lease > 0 {
			s.leases.push(lease{at: now + e.lease, key: e.key, createRev: e.v.createRev})
		}
	}
	s.rev, s.compactRev, s.logStart = rev, rev, rev+1
	s.mu.Unlock()
	select {
	case s.leaseKick <- struct{}{}:
	default:
	}
	return s, nil
}

// maxSnapshotField bounds one key or value, so that a damaged length cannot
// ask for an absurd allocation.
const maxSnapshotField = 1 << 30

func readSnapshot(r io.Reader) ([]snapEntry, int64, error) {
	bad := func(what string) error {
		return fmt.Errorf("memory: snapshot %s: %w", what, errdefs.ErrInvalid)
	}
	crc := crc32.NewIEEE()
	br := bufio.NewReader(r)
	tr := &teeByteReader{r: br, w: crc}
	magic := make([]byte, len(snapshotMagic))
	if _, err := io.ReadFull(tr, magic); err != nil || string(magic) != snapshotMagic {
		return nil, 0, bad("has no snapshot header")
	}
	uvarint := func() (int64, error) {
		x, err := binary.ReadUvarint(tr)
		if err != nil || x > 1<<62 {
			return 0, bad("is truncated or damaged")
		}
		return int64(x), nil
	}
	bytesField := func() ([]byte, error) {
		n, err := uvarint()
		if err != nil {
			return nil, err
		}
		if n > maxSnapshotField {
			return nil, bad("has an oversized field")
		}
		b := make([]byte, 0, min(n, 1<<16))
		for int64(len(b)) < n { // grow as the data arrives
			chunk := min(n-int64(len(b)), 1<<16)
			start := len(b)
			b = append(b, make([]byte, chunk)...)
			if _, err := io.ReadFull(tr, b[start:]); err != nil {
				return nil, bad("is truncated")
			}
		}
		return b, nil
	}
	rev, err := uvarint()
	if err != nil {
		return nil, 0, err
	}
	count, err := uvarint()
	if err != nil {
		return nil, 0, err
	}
	var entries []snapEntry
	for i := int64(0); i < count; i++ {
		key, err := bytesField()
		if err != nil {
			return nil, 0, err
		}
		value, err := bytesField()
		if err != nil {
			return nil, 0, err
		}
		createRev, err := uvarint()
		if err != nil {
			return nil, 0, err
		}
		modRev, err := uvarint()
		if err != nil {
			return nil, 0, err
		}
		left, err := binary.ReadVarint(tr)
		if err != nil {
			return nil, 0, bad("is truncated")
		}
		switch {
		case len(key) == 0 || len(entries) > 0 && string(key) <= entries[len(entries)-1].key:
			return nil, 0, bad("has keys out of order")
		case createRev <= 0 || createRev > modRev || modRev > rev || left < 0:
			return nil, 0, bad(fmt.Sprintf("has bad revisions for key %q", key))
		}
		entries = append(entries, snapEntry{key: string(key), v: version{modRev: modRev, createRev: createRev, value: value}, lease: left})
	}
	sum := crc.Sum32()
	var trailer [4]byte
	if _, err := io.ReadFull(br, trailer[:]); err != nil {
		return nil, 0, bad("is truncated")
	}
	if binary.BigEndian.Uint32(trailer[:]) != sum {
		return nil, 0, bad("checksum does not match")
	}
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		return nil, 0, bad("has data after its end")
	}
	return entries, rev, nil
}

// teeByteReader reads from r and copies every byte read to w.
type teeByteReader struct {
	r   *bufio.Reader
	w   io.Writer
	one [1]byte
}

func (t *teeByteReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.w.Write(p[:n])
	return n, err
}

func (t *teeByteReader) ReadByte() (byte, error) {
	b, err := t.r.ReadByte()
	if err == nil {
		t.one[0] = b
		t.w.Write(t.one[:])
	}
	return b, err
}
