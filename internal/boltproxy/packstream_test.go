package boltproxy

import (
	"reflect"
	"testing"
)

// What the proxy writes (a routing table) reads back as written, and the
// integer widths the driver sends decode to their values.
func TestPackStreamRoundTrip(t *testing.T) {
	long := string(make([]byte, 300))
	msg := Struct{Tag: msgSuccess, Fields: []any{map[string]any{
		"rt": map[string]any{"ttl": int64(300), "db": "neo4j", "long": long, "neg": int64(-17), "big": int64(1 << 40),
			"servers": []any{map[string]any{"role": "READ", "addresses": []any{"127.0.0.1:1", "127.0.0.1:2"}}}},
		"flag": true, "none": nil,
	}}}
	got, err := decodeMessage(encode(nil, msg))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, msg) {
		t.Errorf("round trip gave %#v\nwant %#v", got, msg)
	}
	for raw, want := range map[string]int64{"\xC8\x80": -128, "\xC9\x01\x00": 256, "\xCA\xFF\xFF\xFF\xFE": -2, "\xF0": -16, "\x7F": 127} {
		d := &decoder{b: []byte(raw)}
		if v, err := d.value(); err != nil || v != want {
			t.Errorf("% x decoded to %v, %v; want %d", raw, v, err, want)
		}
	}
	if _, err := decodeMessage([]byte{0xB1, msgBegin, 0xA2, 0x84, 'm'}); err == nil {
		t.Error("a message cut short decoded without error")
	}
}
