package crawl

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// WARCWriter writes HTTP response records to a WARC file, one gzip member
// per record, as Common Crawl does, so that each record's ID offset is the
// compressed offset a CDX index would give. It is not safe for concurrent
// use.
type WARCWriter struct {
	w  io.Writer
	zw *gzip.Writer
	n  uint64
	// buf holds one record before compression.
	buf bytes.Buffer
}

// NewWARCWriter returns a writer of gzip-per-record WARC/1.1 records to w.
func NewWARCWriter(w io.Writer) *WARCWriter {
	return &WARCWriter{w: w}
}

// Write writes one response record for url, captured at fetched, whose HTTP
// payload is body with the given content type (for example
// "text/html; charset=utf-8"). The record ID is derived from the url, the
// time and the record's position, so output is deterministic. It fails when
// url or contentType hold a line break.
func (ww *WARCWriter) Write(url string, fetched time.Time, contentType string, body []byte) error {
	if strings.ContainsAny(url, "\r\n") || strings.ContainsAny(contentType, "\r\n") {
		return errors.New("crawl: warc writer: line break in url or content type")
	}
	ww.n++
	var http bytes.Buffer
	fmt.Fprintf(&http, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))
	digest := sha1.Sum(body)
	idSum := sha1.New()
	fmt.Fprintf(idSum, "%s\x00%s\x00", url, fetched.UTC().Format(time.RFC3339Nano))
	binary.Write(idSum, binary.BigEndian, ww.n)
	u := idSum.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5 (name-based, SHA-1)
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant

	b := &ww.buf
	b.Reset()
	fmt.Fprintf(b, "WARC/1.1\r\n")
	fmt.Fprintf(b, "WARC-Type: response\r\n")
	fmt.Fprintf(b, "WARC-Record-ID: <urn:uuid:%x-%x-%x-%x-%x>\r\n", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
	fmt.Fprintf(b, "WARC-Date: %s\r\n", fetched.UTC().Format(time.RFC3339))
	fmt.Fprintf(b, "WARC-Target-URI: %s\r\n", url)
	fmt.Fprintf(b, "WARC-Payload-Digest: sha1:%s\r\n", base32.StdEncoding.EncodeToString(digest[:]))
	fmt.Fprintf(b, "Content-Type: application/http; msgtype=response\r\n")
	fmt.Fprintf(b, "Content-Length: %d\r\n\r\n", http.Len()+len(body))
	b.Write(http.Bytes())
	b.Write(body)
	b.WriteString("\r\n\r\n")

	if ww.zw == nil {
		ww.zw = gzip.NewWriter(ww.w)
	} else {
		ww.zw.Reset(ww.w)
	}
	if _, err := ww.zw.Write(b.Bytes()); err != nil {
		return fmt.Errorf("crawl: warc writer: %w", err)
	}
	if err := ww.zw.Close(); err != nil {
		return fmt.Errorf("crawl: warc writer: %w", err)
	}
	return nil
}
