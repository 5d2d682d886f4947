package export

import (
	"bufio"
	"encoding/xml"
	"io"
)

// xmlWriter streams an XML document through encoding/xml, which escapes
// text and attributes (and replaces characters XML cannot carry), keeping
// the first error so that callers check once at the end.
type xmlWriter struct {
	buf *bufio.Writer
	enc *xml.Encoder
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter {
	buf := bufio.NewWriterSize(w, 64<<10)
	_, err := buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	return &xmlWriter{buf: buf, enc: enc, err: err}
}

// start opens an element; attrs are name, value pairs.
func (x *xmlWriter) start(name string, attrs ...string) {
	el := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		el.Attr = append(el.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
	}
	x.token(el)
}

func (x *xmlWriter) end(name string) { x.token(xml.EndElement{Name: xml.Name{Local: name}}) }

// leaf writes <name attrs…>text</name>.
func (x *xmlWriter) leaf(name, text string, attrs ...string) {
	x.start(name, attrs...)
	if text != "" {
		x.token(xml.CharData(text))
	}
	x.end(name)
}

func (x *xmlWriter) token(t xml.Token) {
	if x.err == nil {
		x.err = x.enc.EncodeToken(t)
	}
}

// element writes v as its struct tags say.
func (x *xmlWriter) element(v any) {
	if x.err == nil {
		x.err = x.enc.Encode(v)
	}
}

// close checks every element was closed and flushes the document.
func (x *xmlWriter) close() error {
	if x.err != nil {
		return x.err
	}
	if err := x.enc.Close(); err != nil {
		return err
	}
	x.buf.WriteByte('\n')
	return x.buf.Flush()
}
