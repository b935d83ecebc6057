package load

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"
)

// conn is one keep-alive HTTP/1.1 connection that sends prepared request
// bytes and reads the answer. It is a deliberately small client: the load
// generator shares the machine with the server it measures, and
// net/http's client (two goroutines and several allocations per request)
// would take CPU time from the server and so understate it.
type conn struct {
	addr string
	nc   net.Conn
	r    *bufio.Reader
	body []byte // the last answer's body, reused
}

// answer is what one round trip got back.
type answer struct {
	status int
	body   []byte // valid until the next round trip
	close  bool   // the server asked to close the connection
}

func dial(addr string) (*conn, error) {
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return &conn{addr: addr, nc: nc, r: bufio.NewReaderSize(nc, 16<<10)}, nil
}

func (c *conn) Close() error { return c.nc.Close() }

// roundTrip writes one request and reads its answer, by the deadline.
func (c *conn) roundTrip(req []byte, deadline time.Time) (answer, error) {
	if err := c.nc.SetDeadline(deadline); err != nil {
		return answer{}, err
	}
	if _, err := c.nc.Write(req); err != nil {
		return answer{}, err
	}
	return c.readAnswer()
}

// readAnswer reads the status line, the headers it needs and the body
// (Content-Length or chunked).
func (c *conn) readAnswer() (answer, error) {
	line, err := c.line()
	if err != nil {
		return answer{}, err
	}
	var a answer
	if a.status, err = statusOf(line); err != nil {
		return answer{}, err
	}
	length, chunked, err := c.headers(&a)
	if err != nil {
		return answer{}, err
	}
	if chunked {
		err = c.readChunked()
	} else {
		err = c.readN(length)
	}
	a.body = c.body
	return a, err
}

// line returns the next header line without its CRLF; the slice is valid
// until the next read.
func (c *conn) line() ([]byte, error) {
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		return nil, err
	}
	return bytes.TrimRight(line, "\r\n"), nil
}

func statusOf(line []byte) (int, error) {
	_, rest, ok := bytes.Cut(line, []byte(" "))
	if !ok || !bytes.HasPrefix(line, []byte("HTTP/1.")) || len(rest) < 3 {
		return 0, fmt.Errorf("load: not an HTTP/1.x status line: %q", line)
	}
	return strconv.Atoi(string(rest[:3]))
}

// headers reads up to the blank line, keeping the body framing and
// whether the server closes the connection.
func (c *conn) headers(a *answer) (length int, chunked bool, err error) {
	length = -1
	for {
		line, err := c.line()
		if err != nil {
			return 0, false, err
		}
		if len(line) == 0 {
			break
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return 0, false, fmt.Errorf("load: bad Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			a.close = bytes.EqualFold(value, []byte("close"))
		}
	}
	if length < 0 && !chunked {
		return 0, false, errors.New("load: an answer without Content-Length cannot be read on a keep-alive connection")
	}
	return length, chunked, nil
}

func (c *conn) readN(n int) error {
	if cap(c.body) < n {
		c.body = make([]byte, n)
	}
	c.body = c.body[:n]
	_, err := io.ReadFull(c.r, c.body)
	return err
}

// readChunked reads a chunked body (net/http chunks answers larger than
// its 2 KB buffer, such as long journal pages).
func (c *conn) readChunked() error {
	c.body = c.body[:0]
	for {
		line, err := c.line()
		if err != nil {
			return err
		}
		size, _, _ := bytes.Cut(line, []byte(";"))
		n, err := strconv.ParseUint(string(bytes.TrimSpace(size)), 16, 31)
		if err != nil {
			return fmt.Errorf("load: bad chunk size %q", line)
		}
		if n == 0 {
			return c.skipTrailers()
		}
		start := len(c.body)
		c.body = append(c.body, make([]byte, n)...)
		if _, err := io.ReadFull(c.r, c.body[start:]); err != nil {
			return err
		}
		if _, err := c.line(); err != nil { // the CRLF after the chunk
			return err
		}
	}
}

func (c *conn) skipTrailers() error {
	for {
		line, err := c.line()
		if err != nil || len(line) == 0 {
			return err
		}
	}
}
