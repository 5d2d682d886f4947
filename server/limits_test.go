package server

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// Ensure the request timeout bounds writing the answer: a client that asks
// and then reads nothing loses the connection when the time is up, and the
// handler returns, instead of holding it (and its answer) for as long as
// the client likes.
func TestTimeoutBoundsWritingTheAnswer(t *testing.T) {
	returned := make(chan error, 1)
	chunk := make([]byte, 1<<20)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 1 << 10 { // up to 1 GiB: far more than socket buffers hold
			if _, err := w.Write(chunk); err != nil {
				returned <- err
				return
			}
		}
		returned <- nil
	})
	srv := httptest.NewServer(withTimeout(handler, 300*time.Millisecond))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := bufio.NewReader(conn).Peek(1); err != nil { // the answer has begun; now read no more
		t.Fatal(err)
	}
	select {
	case err := <-returned:
		if err == nil {
			t.Fatal("the handler wrote 1 GiB to a client that read nothing")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the handler still writes to a client that stopped reading, 30 s after a 300 ms request timeout")
	}
}
