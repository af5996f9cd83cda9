package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"net/netip"
	"slices"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

// Storage keys of the allocators. Their state lives in the store, updated by
// compare-and-swap, so several API servers over one store never hand out the
// same address or port.
const (
	serviceIPRangeKey   = "/registry/ranges/serviceips"
	nodePortRangeKey    = "/registry/ranges/servicenodeports"
	errAlreadyAllocated = "provided IP is already allocated"
)

var (
	errRangeFull    = fmt.Errorf("range is full: %w", errdefs.ErrInvalid)
	errNotInRange   = fmt.Errorf("not in range: %w", errdefs.ErrInvalid)
	errAllocatedYet = fmt.Errorf("already allocated: %w", errdefs.ErrInvalid)
)

// rangeState is the stored form of an allocator: the range it covers and the
// sorted offsets handed out. A sparse list keeps the value small; a service
// CIDR of /12 would need a 128 KiB bitmap per write.
type rangeState struct {
	Range string   `json:"range"`
	Used  []uint32 `json:"used"`
}

// allocator hands out offsets in [lo, hi] of a range stored at key.
type allocator struct {
	store  store.Interface
	key    string
	rng    string
	lo, hi uint32
}

func (a *allocator) load(cur store.KeyValue) (rangeState, error) {
	st := rangeState{Range: a.rng}
	if cur.Value == nil {
		return st, nil
	}
	if err := json.Unmarshal(cur.Value, &st); err != nil {
		return st, fmt.Errorf("decoding allocator %s: %w", a.key, err)
	}
	if st.Range != a.rng {
		return st, fmt.Errorf("allocator %s covers %s but the server is configured with %s: %w",
			a.key, st.Range, a.rng, errdefs.ErrInternal)
	}
	return st, nil
}

// allocate claims want (when non-zero) or a random free offset, and returns it.
func (a *allocator) allocate(ctx context.Context, want uint32) (uint32, error) {
	var got uint32
	_, err := store.GuaranteedUpdate(ctx, a.store, a.key, store.GuaranteedUpdateOptions{CreateIfMissing: true},
		func(cur store.KeyValue) ([]byte, error) {
			st, err := a.load(cur)
			if err != nil {
				return nil, err
			}
			if want != 0 {
				if want < a.lo || want > a.hi {
					return nil, errNotInRange
				}
				i, found := slices.BinarySearch(st.Used, want)
				if found {
					return nil, errAllocatedYet
				}
				st.Used = slices.Insert(st.Used, i, want)
				got = want
				return json.Marshal(st)
			}
			size := uint64(a.hi-a.lo) + 1
			if uint64(len(st.Used)) >= size {
				return nil, errRangeFull
			}
			start := uint64(rand.Uint64N(size))
			for n := uint64(0); n < size; n++ {
				v := uint32(uint64(a.lo) + (start+n)%size)
				if i, found := slices.BinarySearch(st.Used, v); !found {
					st.Used = slices.Insert(st.Used, i, v)
					got = v
					return json.Marshal(st)
				}
			}
			return nil, errRangeFull
		})
	return got, err
}

// release frees offsets; unknown ones are ignored. It is idempotent.
func (a *allocator) release(ctx context.Context, vals ...uint32) error {
	if len(vals) == 0 {
		return nil
	}
	_, err := store.GuaranteedUpdate(ctx, a.store, a.key, store.GuaranteedUpdateOptions{CreateIfMissing: true},
		func(cur store.KeyValue) ([]byte, error) {
			st, err := a.load(cur)
			if err != nil {
				return nil, err
			}
			changed := false
			for _, v := range vals {
				if i, found := slices.BinarySearch(st.Used, v); found {
					st.Used = slices.Delete(st.Used, i, i+1)
					changed = true
				}
			}
			if !changed && cur.Value != nil {
				return cur.Value, nil
			}
			return json.Marshal(st)
		})
	return err
}

// has reports whether v is allocated.
func (a *allocator) has(ctx context.Context, v uint32) (bool, error) {
	kv, err := a.store.Get(ctx, a.key)
	if errdefs.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	st, err := a.load(kv)
	if err != nil {
		return false, err
	}
	_, found := slices.BinarySearch(st.Used, v)
	return found, nil
}

// ipRange maps IPs of a CIDR to offsets. The network address and, for IPv4,
// the broadcast address are never handed out.
type ipRange struct {
	prefix netip.Prefix
	size   uint64
}

func parseIPRange(cidr string) (ipRange, error) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return ipRange{}, fmt.Errorf("service CIDR %q: %w", cidr, err)
	}
	p = p.Masked()
	hostBits := p.Addr().BitLen() - p.Bits()
	if hostBits < 2 {
		return ipRange{}, fmt.Errorf("service CIDR %q is too small", cidr)
	}
	if hostBits > 24 {
		hostBits = 24 // as Kubernetes, cap the usable range at 2^24 addresses
	}
	return ipRange{prefix: p, size: uint64(1) << hostBits}, nil
}

// bounds are the first and last offsets handed out.
func (r ipRange) bounds() (uint32, uint32) { return 1, uint32(r.size - 2) }

func (r ipRange) offset(ip netip.Addr) (uint32, bool) {
	if !r.prefix.Contains(ip) {
		return 0, false
	}
	base := new(big.Int).SetBytes(r.prefix.Addr().AsSlice())
	v := new(big.Int).SetBytes(ip.AsSlice())
	off := v.Sub(v, base)
	if !off.IsUint64() || off.Uint64() >= r.size {
		return 0, false
	}
	return uint32(off.Uint64()), true
}

func (r ipRange) addr(off uint32) netip.Addr {
	b := new(big.Int).SetBytes(r.prefix.Addr().AsSlice())
	b.Add(b, big.NewInt(int64(off)))
	raw := b.Bytes()
	n := r.prefix.Addr().BitLen() / 8
	buf := make([]byte, n)
	copy(buf[n-len(raw):], raw)
	a, _ := netip.AddrFromSlice(buf)
	return a
}
