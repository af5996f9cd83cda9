package process

import (
	"bufio"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// A minimal RFC 6455 WebSocket server connection, enough for the Kubernetes
// channel protocols: binary and text messages, fragmentation, ping/pong and
// close. No extensions (compression) are negotiated.

const (
	wsOpContinuation = 0x0
	wsOpText         = 0x1
	wsOpBinary       = 0x2
	wsOpClose        = 0x8
	wsOpPing         = 0x9
	wsOpPong         = 0xA

	wsMaxMessage = 32 << 20
	wsGUID       = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
)

var errWSClosed = errors.New("websocket closed")

type wsConn struct {
	conn     net.Conn
	br       *bufio.Reader
	protocol string

	wmu    sync.Mutex // serializes writes
	closed bool       // guarded by wmu
}

func headerHasToken(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

func wsAccept(key string) string {
	h := sha1.New()
	h.Write([]byte(key + wsGUID))
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// isWebSocket reports whether req asks for a WebSocket upgrade.
func isWebSocket(req *http.Request) bool {
	return headerHasToken(req.Header, "Connection", "upgrade") && headerHasToken(req.Header, "Upgrade", "websocket")
}

// wsUpgrade completes the handshake. It picks the first of supported that
// the client offered; a client that offers none gets protocol "", and one
// that offers only unsupported protocols is refused.
func wsUpgrade(w http.ResponseWriter, req *http.Request, supported []string) (*wsConn, error) {
	if req.Method != http.MethodGet || !isWebSocket(req) {
		http.Error(w, "expected a WebSocket upgrade", http.StatusBadRequest)
		return nil, errors.New("not a websocket request")
	}
	if req.Header.Get("Sec-WebSocket-Version") != "13" {
		w.Header().Set("Sec-WebSocket-Version", "13")
		http.Error(w, "unsupported WebSocket version", http.StatusUpgradeRequired)
		return nil, errors.New("unsupported websocket version")
	}
	key := req.Header.Get("Sec-WebSocket-Key")
	if key == "" {
		http.Error(w, "missing Sec-WebSocket-Key", http.StatusBadRequest)
		return nil, errors.New("missing key")
	}
	var offered []string
	for _, v := range req.Header.Values("Sec-WebSocket-Protocol") {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				offered = append(offered, p)
			}
		}
	}
	protocol := ""
	if len(offered) > 0 {
	pick:
		for _, s := range supported {
			for _, o := range offered {
				if o == s {
					protocol = s
					break pick
				}
			}
		}
		if protocol == "" {
			http.Error(w, fmt.Sprintf("none of the offered subprotocols %q is supported; supported: %q", offered, supported), http.StatusBadRequest)
			return nil, errors.New("no common subprotocol")
		}
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "cannot hijack connection", http.StatusInternalServerError)
		return nil, errors.New("response writer cannot hijack")
	}
	conn, brw, err := hj.Hijack()
	if err != nil {
		return nil, err
	}
	resp := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + wsAccept(key) + "\r\n"
	if protocol != "" {
		resp += "Sec-WebSocket-Protocol: " + protocol + "\r\n"
	}
	resp += "\r\n"
	conn.SetDeadline(time.Time{})
	if _, err := conn.Write([]byte(resp)); err != nil {
		conn.Close()
		return nil, err
	}
	return &wsConn{conn: conn, br: brw.Reader, protocol: protocol}, nil
}

// readFrame reads one frame and unmasks its payload.
func (c *wsConn) readFrame() (fin bool, op byte, payload []byte, err error) {
	var h [2]byte
	if _, err = io.ReadFull(c.br, h[:]); err != nil {
		return
	}
	fin = h[0]&0x80 != 0
	if h[0]&0x70 != 0 {
		return false, 0, nil, errors.New("websocket: reserved bits set")
	}
	op = h[0] & 0x0F
	masked := h[1]&0x80 != 0
	n := uint64(h[1] & 0x7F)
	switch n {
	case 126:
		var b [2]byte
		if _, err = io.ReadFull(c.br, b[:]); err != nil {
			return
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		if _, err = io.ReadFull(c.br, b[:]); err != nil {
			return
		}
		n = binary.BigEndian.Uint64(b[:])
	}
	if n > wsMaxMessage {
		return false, 0, nil, errors.New("websocket: frame too large")
	}
	var mask [4]byte
	if masked {
		if _, err = io.ReadFull(c.br, mask[:]); err != nil {
			return
		}
	}
	payload = make([]byte, n)
	if _, err = io.ReadFull(c.br, payload); err != nil {
		return
	}
	if masked {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return fin, op, payload, nil
}

// ReadMessage returns the next data message. It answers pings and returns
// errWSClosed after the peer's close frame.
func (c *wsConn) ReadMessage() (op byte, data []byte, err error) {
	var msg []byte
	msgOp := byte(0)
	for {
		fin, fop, payload, err := c.readFrame()
		if err != nil {
			return 0, nil, err
		}
		switch fop {
		case wsOpPing:
			c.writeFrame(wsOpPong, payload)
			continue
		case wsOpPong:
			continue
		case wsOpClose:
			c.writeFrame(wsOpClose, payload)
			return 0, nil, errWSClosed
		case wsOpText, wsOpBinary:
			if msgOp != 0 {
				return 0, nil, errors.New("websocket: new message inside a fragmented one")
			}
			msgOp, msg = fop, payload
		case wsOpContinuation:
			if msgOp == 0 {
				return 0, nil, errors.New("websocket: continuation without a message")
			}
			if len(msg)+len(payload) > wsMaxMessage {
				return 0, nil, errors.New("websocket: message too large")
			}
			msg = append(msg, payload...)
		default:
			return 0, nil, fmt.Errorf("websocket: unknown opcode %d", fop)
		}
		if fin {
			return msgOp, msg, nil
		}
	}
}

func (c *wsConn) writeFrame(op byte, payload []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return errWSClosed
	}
	hdr := make([]byte, 0, 10+len(payload))
	hdr = append(hdr, 0x80|op)
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, byte(n))
	case n <= 0xFFFF:
		hdr = append(hdr, 126, byte(n>>8), byte(n))
	default:
		hdr = append(hdr, 127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	hdr = append(hdr, payload...)
	c.conn.SetWriteDeadline(time.Now().Add(30 * time.Second))
	_, err := c.conn.Write(hdr)
	if op == wsOpClose {
		c.closed = true
	}
	return err
}

// WriteMessage sends one unfragmented message.
func (c *wsConn) WriteMessage(op byte, data []byte) error { return c.writeFrame(op, data) }

// Close sends a normal close frame and closes the connection once the
// reader has seen the peer's close (readerDone), or after a short wait.
// Closing a TCP connection with unread input resets it, which can make the
// peer lose the last messages.
func (c *wsConn) Close(readerDone <-chan struct{}) error {
	c.writeFrame(wsOpClose, []byte{0x03, 0xE8}) // 1000: normal closure
	if readerDone != nil {
		t := time.NewTimer(2 * time.Second)
		select {
		case <-readerDone:
		case <-t.C:
		}
		t.Stop()
	}
	return c.conn.Close()
}
