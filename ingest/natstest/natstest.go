// Package natstest runs NATS servers with JetStream inside the process, for
// tests and benchmarks: one server, or a cluster of several joined by routes
// on loopback. Every port is chosen by the operating system.
package natstest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Cluster is a set of running servers.
type Cluster struct {
	Servers []*server.Server
	dir     string
}

// Start runs n JetStream servers (a cluster when n > 1) storing under a new
// temporary folder. A JetStream cluster needs its routes configured before
// it starts, so the cluster ports are asked of the operating system first.
func Start(n int) (*Cluster, error) {
	dir, err := os.MkdirTemp("", "whosaid-nats-*")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	ports, err := freePorts(n)
	if err != nil {
		return nil, err
	}
	var routes []string
	for _, p := range ports {
		routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	for i := range n {
		opts := &server.Options{
			ServerName: fmt.Sprintf("n%d", i+1), Host: "127.0.0.1", Port: server.RANDOM_PORT,
			JetStream: true, StoreDir: fmt.Sprintf("%s/n%d", dir, i+1), NoLog: true, NoSigs: true,
		}
		if n > 1 {
			opts.Cluster = server.ClusterOpts{Name: "whosaid", Host: "127.0.0.1", Port: ports[i]}
			opts.Routes = server.RoutesFromStr(strings.Join(routes, ","))
		}
		s, err := server.NewServer(opts)
		if err != nil {
			c.Shutdown()
			return nil, err
		}
		go s.Start()
		c.Servers = append(c.Servers, s)
	}
	for _, s := range c.Servers {
		if !s.ReadyForConnections(30 * time.Second) {
			c.Shutdown()
			return nil, errors.New("natstest: a server did not start")
		}
	}
	return c, c.waitForJetStream(60 * time.Second)
}

// freePorts asks the operating system for n free loopback ports.
func freePorts(n int) ([]int, error) {
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
		defer l.Close()
	}
	return ports, nil
}

// waitForJetStream waits until every server sees a JetStream meta leader,
// so a replicated stream can be created.
func (c *Cluster) waitForJetStream(limit time.Duration) error {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ready := true
		for _, s := range c.Servers {
			ready = ready && s.JetStreamEnabled() && (len(c.Servers) == 1 || s.JetStreamIsCurrent())
		}
		if ready {
			return nil
		}
	}
	c.Shutdown()
	return errors.New("natstest: JetStream did not become ready")
}

// URL lists every server's client URL, as a client takes them.
func (c *Cluster) URL() string {
	urls := make([]string, len(c.Servers))
	for i, s := range c.Servers {
		urls[i] = s.ClientURL()
	}
	return strings.Join(urls, ",")
}

// Shutdown stops the servers and removes their storage.
func (c *Cluster) Shutdown() {
	for _, s := range c.Servers {
		s.Shutdown()
		s.WaitForShutdown()
	}
	os.RemoveAll(c.dir)
}

// New starts n servers for a test and stops them when it ends.
func New(t testing.TB, n int) *Cluster {
	t.Helper()
	c, err := Start(n)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Shutdown)
	return c
}
