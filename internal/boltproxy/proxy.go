// Package boltproxy is a test-only stand-in for a Neo4j cluster's routing:
// a small Bolt proxy on several loopback ports in front of one real Neo4j.
// It answers the driver's ROUTE with a table of one writer and several
// readers (its own ports), forwards everything else, and records every
// transaction each port saw, with its access mode and bookmarks, so a test
// can tell where reads and writes went. Closing a port (listener and open
// connections) plays a cluster member that disappears. Only tests import it.
package boltproxy

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"sync"
)

// Bolt message tags the proxy reads (see the Bolt protocol's message list).
const (
	msgGoodbye  = 0x02
	msgReset    = 0x0F
	msgRun      = 0x10
	msgBegin    = 0x11
	msgCommit   = 0x12
	msgRollback = 0x13
	msgRoute    = 0x66
	msgSuccess  = 0x70
	msgIgnored  = 0x7E
	msgFailure  = 0x7F
)

// Tx is one transaction as the proxy saw it begin: an explicit BEGIN, or a
// RUN outside a transaction (auto-commit).
type Tx struct {
	Port      int    // index of the proxy's port: 0 is the writer, then the readers
	Mode      string // "r" (a read) or "w" (the default, a write)
	Bookmarks []string
}

// Proxy listens on 1+readers loopback ports, all in front of one Neo4j.
type Proxy struct {
	backend string // host:port of the real Neo4j
	addrs   []string

	mu        sync.Mutex
	listeners []net.Listener
	conns     [][]net.Conn // per port, open client and backend connections
	closed    []bool
	txs       []Tx
	wg        sync.WaitGroup
}

// Start listens on one writer port and readers reader ports on 127.0.0.1,
// forwarding to backend (host:port of a Bolt server).
func Start(backend string, readers int) (*Proxy, error) {
	p := &Proxy{backend: backend}
	for range 1 + readers {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			p.Close()
			return nil, err
		}
		p.listeners = append(p.listeners, ln)
		p.addrs = append(p.addrs, ln.Addr().String())
		p.conns = append(p.conns, nil)
		p.closed = append(p.closed, false)
	}
	for i, ln := range p.listeners {
		p.wg.Add(1)
		go p.accept(i, ln)
	}
	return p, nil
}

// Addr is the host:port of port i (0: the writer).
func (p *Proxy) Addr(i int) string { return p.addrs[i] }

// Transactions returns the transactions seen so far.
func (p *Proxy) Transactions() []Tx {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.txs)
}

// Forget clears the transactions seen so far.
func (p *Proxy) Forget() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.txs = nil
}

// ClosePort makes port i disappear: no new connections, and the open ones
// are cut, as when the cluster member behind it dies.
func (p *Proxy) ClosePort(i int) {
	p.mu.Lock()
	p.closed[i] = true
	conns := p.conns[i]
	p.conns[i] = nil
	p.mu.Unlock()
	p.listeners[i].Close()
	for _, c := range conns {
		c.Close()
	}
}

// Close closes every port and waits for the proxy's goroutines.
func (p *Proxy) Close() {
	for i := range p.listeners {
		p.ClosePort(i)
	}
	p.wg.Wait()
}

func (p *Proxy) accept(port int, ln net.Listener) {
	defer p.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.serve(port, c)
		}()
	}
}

// track remembers an open connection of port, or refuses it (false) when
// the port is already closed.
func (p *Proxy) track(port int, c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed[port] {
		return false
	}
	p.conns[port] = append(p.conns[port], c)
	return true
}

// serve relays one client connection to the backend.
func (p *Proxy) serve(port int, client net.Conn) {
	defer client.Close()
	if !p.track(port, client) {
		return
	}
	backend, err := net.Dial("tcp", p.backend)
	if err != nil {
		return
	}
	defer backend.Close()
	if !p.track(port, backend) {
		return
	}
	if err := handshake(client, backend); err != nil {
		return
	}
	c := &conn{proxy: p, port: port, client: client, backend: backend}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.relayAnswers()
		client.Close()
	}()
	c.relayRequests()
	backend.Close()
	<-done
}

// handshake passes the client's version proposals to the backend and its
// choice back. The proposal of Bolt's newer handshake (the "manifest",
// 0x000001FF) is blanked so the server picks a plain version, whose
// messages the proxy reads.
func handshake(client, backend net.Conn) error {
	hello := make([]byte, 20)
	if _, err := io.ReadFull(client, hello); err != nil {
		return err
	}
	for i := 4; i < 20; i += 4 {
		if bytes.Equal(hello[i:i+4], []byte{0, 0, 1, 0xFF}) {
			copy(hello[i:i+4], []byte{0, 0, 0, 0})
		}
	}
	if _, err := backend.Write(hello); err != nil {
		return err
	}
	chosen := make([]byte, 4)
	if _, err := io.ReadFull(backend, chosen); err != nil {
		return err
	}
	_, err := client.Write(chosen)
	return err
}

// conn is one relayed connection. Every request but GOODBYE gets exactly
// one summary (SUCCESS, FAILURE or IGNORED), after any RECORDs, in order:
// pending lists the tags of requests not yet answered, so the answer to
// ROUTE can be told apart and replaced.
type conn struct {
	proxy           *Proxy
	port            int
	client, backend net.Conn

	mu      sync.Mutex
	pending []byte
	inTx    bool
}

func (c *conn) relayRequests() {
	for {
		raw, body, err := readMessage(c.client)
		if err != nil {
			return
		}
		msg, err := decodeMessage(body)
		if err != nil {
			return
		}
		c.mu.Lock()
		if msg.Tag != msgGoodbye {
			c.pending = append(c.pending, msg.Tag)
		}
		c.observe(msg)
		c.mu.Unlock()
		if _, err := c.backend.Write(raw); err != nil {
			return
		}
	}
}

// observe records transactions as they begin; c.mu is held.
func (c *conn) observe(msg Struct) {
	var extra map[string]any
	switch {
	case msg.Tag == msgBegin && len(msg.Fields) >= 1:
		extra, _ = msg.Fields[0].(map[string]any)
		c.inTx = true
	case msg.Tag == msgRun && !c.inTx && len(msg.Fields) >= 3:
		extra, _ = msg.Fields[2].(map[string]any)
	case msg.Tag == msgCommit || msg.Tag == msgRollback || msg.Tag == msgReset:
		c.inTx = false
		return
	default:
		return
	}
	tx := Tx{Port: c.port, Mode: "w"}
	if m, ok := extra["mode"].(string); ok {
		tx.Mode = m
	}
	if bms, ok := extra["bookmarks"].([]any); ok {
		for _, b := range bms {
			if s, ok := b.(string); ok {
				tx.Bookmarks = append(tx.Bookmarks, s)
			}
		}
	}
	c.proxy.mu.Lock()
	c.proxy.txs = append(c.proxy.txs, tx)
	c.proxy.mu.Unlock()
}

func (c *conn) relayAnswers() {
	for {
		raw, body, err := readMessage(c.backend)
		if err != nil {
			return
		}
		if len(body) >= 2 && (body[1] == msgSuccess || body[1] == msgFailure || body[1] == msgIgnored) {
			c.mu.Lock()
			var answered byte
			if len(c.pending) > 0 {
				answered, c.pending = c.pending[0], c.pending[1:]
			}
			c.mu.Unlock()
			if answered == msgRoute && body[1] == msgSuccess {
				raw = c.proxy.routingTable()
			}
		}
		if _, err := c.client.Write(raw); err != nil {
			return
		}
	}
}

// routingTable is ROUTE's answer: port 0 writes, the others read, all route.
func (p *Proxy) routingTable() []byte {
	readers := slices.Clone(p.addrs[1:])
	rt := map[string]any{
		"ttl": 300,
		"db":  "neo4j",
		"servers": []any{
			map[string]any{"role": "WRITE", "addresses": []string{p.addrs[0]}},
			map[string]any{"role": "READ", "addresses": readers},
			map[string]any{"role": "ROUTE", "addresses": slices.Clone(p.addrs)},
		},
	}
	return chunk(encode(nil, Struct{Tag: msgSuccess, Fields: []any{map[string]any{"rt": rt}}}))
}

// readMessage reads one chunked message: raw is its bytes as sent (chunk
// headers and the end marker included), body the message itself. Empty
// chunks between messages (keep-alive NOOPs) are passed on as raw alone.
func readMessage(r io.Reader) (raw, body []byte, err error) {
	var size [2]byte
	for {
		if _, err := io.ReadFull(r, size[:]); err != nil {
			return nil, nil, err
		}
		raw = append(raw, size[:]...)
		n := int(binary.BigEndian.Uint16(size[:]))
		if n == 0 {
			if len(body) == 0 {
				continue // a NOOP
			}
			return raw, body, nil
		}
		start := len(raw)
		raw = append(raw, make([]byte, n)...)
		if _, err := io.ReadFull(r, raw[start:]); err != nil {
			return nil, nil, err
		}
		body = append(body, raw[start:]...)
	}
}

// chunk frames a message (under 64 KiB) as one chunk and the end marker.
func chunk(msg []byte) []byte {
	if len(msg) > 0xFFFF {
		panic(errors.New("boltproxy: message too large for one chunk"))
	}
	return append(binary.BigEndian.AppendUint16(nil, uint16(len(msg))), append(msg, 0, 0)...)
}

// String lists the transactions per port and mode, for failure messages.
func (p *Proxy) String() string {
	counts := map[string]int{}
	for _, tx := range p.Transactions() {
		counts["port "+strconv.Itoa(tx.Port)+" mode "+tx.Mode]++
	}
	return fmt.Sprint(counts)
}
