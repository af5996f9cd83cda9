package embedetcd

import (
	"io"
	"net"
	"sync"
)

// relay forwards TCP connections from its own loopback listener to a target
// address. It outlives the member behind it: while the member is down the
// relay accepts and drops connections, and down cuts every open one.
type relay struct {
	ln net.Listener
	wg sync.WaitGroup // accept loop and pipes

	mu     sync.Mutex // guards the fields below
	target string     // "" while the member is down
	gen    uint64     // bumped by down, so a dial that raced it is dropped
	conns  map[net.Conn]struct{}
	closed bool
}

func newRelay() (*relay, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &relay{ln: ln, conns: make(map[net.Conn]struct{})}
	r.wg.Add(1)
	go r.acceptLoop()
	return r, nil
}

func (r *relay) addr() string { return r.ln.Addr().String() }

// up points the relay at target.
func (r *relay) up(target string) {
	r.mu.Lock()
	r.target = target
	r.mu.Unlock()
}

// down stops forwarding and closes every relayed connection.
func (r *relay) down() {
	r.mu.Lock()
	r.target = ""
	r.gen++
	for c := range r.conns {
		c.Close()
	}
	clear(r.conns)
	r.mu.Unlock()
}

// close stops the relay for good and waits for its goroutines.
func (r *relay) close() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.ln.Close()
	r.down()
	r.wg.Wait()
}

func (r *relay) acceptLoop() {
	defer r.wg.Done()
	for {
		in, err := r.ln.Accept()
		if err != nil {
			return // listener closed
		}
		r.mu.Lock()
		target, gen := r.target, r.gen
		r.mu.Unlock()
		if target == "" {
			in.Close()
			continue
		}
		r.wg.Add(1)
		go r.connect(in, target, gen)
	}
}

func (r *relay) connect(in net.Conn, target string, gen uint64) {
	defer r.wg.Done()
	out, err := net.Dial("tcp", target)
	if err != nil {
		in.Close()
		return
	}
	r.mu.Lock()
	if r.closed || r.gen != gen {
		r.mu.Unlock()
		in.Close()
		out.Close()
		return
	}
	r.conns[in] = struct{}{}
	r.conns[out] = struct{}{}
	r.mu.Unlock()

	var once sync.Once
	done := func() {
		once.Do(func() {
			in.Close()
			out.Close()
			r.mu.Lock()
			delete(r.conns, in)
			delete(r.conns, out)
			r.mu.Unlock()
		})
	}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		_, _ = io.Copy(out, in) // ends when either side closes
		done()
	}()
	_, _ = io.Copy(in, out)
	done()
}
