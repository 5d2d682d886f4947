package main

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/whosaid/whosaid/store"
)

// settings reads whosaid's environment variables strictly: a value that does
// not parse is an error naming the variable, never a silent default (an
// operator who writes WHOSAID_PLAYGROUND=no must not get a playground).
type settings struct {
	getenv func(string) string
	errs   []error
}

func newSettings(getenv func(string) string) *settings { return &settings{getenv: getenv} }

// err is every malformed variable read so far, or nil.
func (s *settings) err() error { return errors.Join(s.errs...) }

func (s *settings) fail(name, value, want string) {
	s.errs = append(s.errs, fmt.Errorf("%s=%q: want %s", name, value, want))
}

// str is the variable, or def when it is unset.
func (s *settings) str(name, def string) string {
	if v := s.getenv(name); v != "" {
		return v
	}
	return def
}

// boolean accepts true/false, 1/0, yes/no, on/off in any case.
func (s *settings) boolean(name string, def bool) bool {
	v := strings.TrimSpace(s.getenv(name))
	switch strings.ToLower(v) {
	case "":
		return def
	case "true", "1", "yes", "on":
		return true
	case "false", "0", "no", "off":
		return false
	}
	s.fail(name, v, "true or false (also 1/0, yes/no, on/off)")
	return def
}

// duration accepts Go durations with a unit ("15s", "1m30s"); a bare
// number is refused rather than guessed at.
func (s *settings) duration(name string, def time.Duration) time.Duration {
	v := strings.TrimSpace(s.getenv(name))
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		s.fail(name, v, "a positive duration with its unit, such as 15s or 2m")
		return def
	}
	return d
}

// positive accepts a whole number above zero.
func (s *settings) positive(name string, def int) int {
	v := strings.TrimSpace(s.getenv(name))
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		s.fail(name, v, "a whole number above zero")
		return def
	}
	return n
}

// oneOf accepts one of the allowed values (case-insensitive).
func (s *settings) oneOf(name, def string, allowed ...string) string {
	v := strings.ToLower(strings.TrimSpace(s.getenv(name)))
	if v == "" {
		return def
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	s.fail(name, v, "one of "+strings.Join(allowed, ", "))
	return def
}

// boltURI accepts a Bolt URI (bolt:// or neo4j://, with +s or +ssc) with
// a host; unset gives "".
func (s *settings) boltURI(name string) string {
	v := strings.TrimSpace(s.getenv(name))
	if v == "" {
		return ""
	}
	if err := checkBoltURI(v); err != nil {
		s.fail(name, redactURI(v), err.Error())
		return ""
	}
	return v
}

// checkBoltURI refuses what the driver would only refuse later, or
// misread: another scheme, no host.
func checkBoltURI(v string) error {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" {
		return errors.New("a URI such as bolt://host:7687 or neo4j://host:7687")
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
		return nil
	}
	return errors.New("a bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s:// or neo4j+ssc:// URI")
}

// redactURI hides the password of a URI's userinfo before it is printed or
// logged ("neo4j://neo4j:secret@db:7687" → "neo4j://neo4j:xxxxx@db:7687").
func redactURI(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		if i := strings.LastIndex(s, "@"); i >= 0 {
			return "…@" + s[i+1:] // unparsable but maybe with credentials: keep only the host part
		}
		return s
	}
	return u.Redacted()
}

// openStore opens the store for a command that reads or writes the graph
// on NEO4J_URI, saying which setting is missing when it is not set.
func openStore(command string, cfg store.Config) (*store.Store, error) {
	if cfg.URI == "" {
		return nil, fmt.Errorf("%s: set NEO4J_URI (or --neo4j-uri)", command)
	}
	return store.Open(cfg, nil)
}
