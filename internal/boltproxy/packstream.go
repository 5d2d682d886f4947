package boltproxy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// A minimal PackStream (Bolt's value encoding) for the few messages the
// proxy reads and writes. The driver's own codec is internal to it.

// Struct is a PackStream structure: a message, or a value such as a node.
type Struct struct {
	Tag    byte
	Fields []any
}

var errShort = errors.New("packstream: value runs past the message")

// decoder reads values from one message's bytes.
type decoder struct {
	b   []byte
	pos int
}

func (d *decoder) take(n int) ([]byte, error) {
	if n < 0 || d.pos+n > len(d.b) {
		return nil, errShort
	}
	p := d.b[d.pos : d.pos+n]
	d.pos += n
	return p, nil
}

func (d *decoder) size(n int) (int, error) {
	p, err := d.take(n)
	if err != nil {
		return 0, err
	}
	switch n {
	case 1:
		return int(p[0]), nil
	case 2:
		return int(binary.BigEndian.Uint16(p)), nil
	default:
		return int(binary.BigEndian.Uint32(p)), nil
	}
}

// value decodes the next value: nil, bool, int64, float64, []byte, string,
// []any, map[string]any or Struct.
func (d *decoder) value() (any, error) {
	p, err := d.take(1)
	if err != nil {
		return nil, err
	}
	m := p[0]
	switch {
	case m <= 0x7F:
		return int64(m), nil
	case m >= 0xF0:
		return int64(int8(m)), nil
	case m>>4 == 0x8:
		return d.str(int(m & 0x0F))
	case m>>4 == 0x9:
		return d.list(int(m & 0x0F))
	case m>>4 == 0xA:
		return d.dict(int(m & 0x0F))
	case m>>4 == 0xB:
		return d.structure(int(m & 0x0F))
	}
	sized := func(width int, then func(int) (any, error)) (any, error) {
		n, err := d.size(width)
		if err != nil {
			return nil, err
		}
		return then(n)
	}
	switch m {
	case 0xC0:
		return nil, nil
	case 0xC2:
		return false, nil
	case 0xC3:
		return true, nil
	case 0xC1:
		p, err := d.take(8)
		if err != nil {
			return nil, err
		}
		return math.Float64frombits(binary.BigEndian.Uint64(p)), nil
	case 0xC8, 0xC9, 0xCA, 0xCB:
		p, err := d.take(1 << (m - 0xC8))
		if err != nil {
			return nil, err
		}
		switch len(p) {
		case 1:
			return int64(int8(p[0])), nil
		case 2:
			return int64(int16(binary.BigEndian.Uint16(p))), nil
		case 4:
			return int64(int32(binary.BigEndian.Uint32(p))), nil
		}
		return int64(binary.BigEndian.Uint64(p)), nil
	case 0xCC, 0xCD, 0xCE:
		return sized(1<<(m-0xCC), func(n int) (any, error) { return d.take(n) })
	case 0xD0, 0xD1, 0xD2:
		return sized(1<<(m-0xD0), d.str)
	case 0xD4, 0xD5, 0xD6:
		return sized(1<<(m-0xD4), d.list)
	case 0xD8, 0xD9, 0xDA:
		return sized(1<<(m-0xD8), d.dict)
	}
	return nil, fmt.Errorf("packstream: unknown marker %#x", m)
}

func (d *decoder) str(n int) (any, error) {
	p, err := d.take(n)
	return string(p), err
}

func (d *decoder) list(n int) (any, error) {
	l := make([]any, 0, min(n, 64))
	for range n {
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		l = append(l, v)
	}
	return l, nil
}

func (d *decoder) dict(n int) (any, error) {
	m := make(map[string]any, min(n, 64))
	for range n {
		k, err := d.value()
		if err != nil {
			return nil, err
		}
		key, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("packstream: map key %T", k)
		}
		if m[key], err = d.value(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (d *decoder) structure(n int) (any, error) {
	tag, err := d.take(1)
	if err != nil {
		return nil, err
	}
	l, err := d.list(n)
	if err != nil {
		return nil, err
	}
	return Struct{Tag: tag[0], Fields: l.([]any)}, nil
}

// decodeMessage decodes a whole message, which is one structure.
func decodeMessage(b []byte) (Struct, error) {
	d := &decoder{b: b}
	v, err := d.value()
	if err != nil {
		return Struct{}, err
	}
	s, ok := v.(Struct)
	if !ok {
		return Struct{}, fmt.Errorf("packstream: a message is a structure, not %T", v)
	}
	return s, nil
}

// encode appends v (nil, bool, int, int64, string, []string, []any,
// map[string]any or Struct) to b.
func encode(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, 0xC0)
	case bool:
		if v {
			return append(b, 0xC3)
		}
		return append(b, 0xC2)
	case int:
		return encode(b, int64(v))
	case int64:
		if v >= -16 && v <= 127 {
			return append(b, byte(int8(v)))
		}
		return binary.BigEndian.AppendUint64(append(b, 0xCB), uint64(v))
	case string:
		b = header(b, 0x80, 0xD0, len(v))
		return append(b, v...)
	case []string:
		b = header(b, 0x90, 0xD4, len(v))
		for _, s := range v {
			b = encode(b, s)
		}
		return b
	case []any:
		b = header(b, 0x90, 0xD4, len(v))
		for _, x := range v {
			b = encode(b, x)
		}
		return b
	case map[string]any:
		b = header(b, 0xA0, 0xD8, len(v))
		for k, x := range v {
			b = encode(encode(b, k), x)
		}
		return b
	case Struct:
		b = append(b, 0xB0|byte(len(v.Fields)), v.Tag)
		for _, x := range v.Fields {
			b = encode(b, x)
		}
		return b
	}
	panic(fmt.Sprintf("packstream: cannot encode %T", v))
}

// header writes a string, list or map header: tiny up to 15 items, else
// the 32-bit form (always valid, and the proxy's values are small).
func header(b []byte, tiny, sized byte, n int) []byte {
	if n < 16 {
		return append(b, tiny|byte(n))
	}
	return binary.BigEndian.AppendUint32(append(b, sized+2), uint32(n))
}
