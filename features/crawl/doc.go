// Package crawl reads crawl input into records: folders of saved pages
// (HTML or saved page text), WARC files and JSONL files, each optionally
// gzip-compressed, plus spinscan's labeled samples format.
//
// Every input record becomes exactly one [features.Record], in input order.
// A record that cannot be read is still emitted, with Err saying what was
// wrong and where (the file, the JSONL line or the WARC record offset), so
// that the scorer writes one row for it. Only problems that stop all reading
// (a missing input path, a cancelled context, an error from the caller's
// emit function) end [Read] with an error.
//
// # Formats
//
// The format of a file is decided from its name and its first bytes (after
// gzip decompression when the file starts with the gzip magic, whatever its
// name):
//
//   - .html, .htm, .xhtml, .shtml: an HTML page ([features.KindHTML]).
//   - .txt: saved page text ([features.KindText]), one block a line.
//   - .warc: a WARC file. Files with other names whose content starts with
//     "WARC/" are read as WARC too.
//   - .jsonl, .ndjson: one page a line,
//     {"id","url","html" or "text","date","content_type"}.
//
// A page whose first bytes are binary (by the WHATWG sniffing rules of
// [net/http.DetectContentType]) becomes an error record. Inside a folder,
// files with other extensions are skipped and counted in [Stats.Skipped]
// unless their content clearly starts a WARC or HTML document; names
// starting with "." (files and folders) are ignored altogether. A file named
// directly as an input is always read: an unknown extension is sniffed
// (WARC, HTML, a JSON object per line, else saved text).
//
// # WARC
//
// Response records whose HTTP status is 2xx and whose payload is HTML
// (text/html, application/xhtml+xml) or text (text/plain) become records;
// so do resource and conversion records (WET files) of those types. Chunked
// transfer-encoding and gzip or deflate content-encoding are decoded.
// Requests, metadata, warcinfo, revisit records, redirects and non-HTML
// payloads are not pages: they are counted in [Stats.NonPages] and yield no
// record. A WARC file that yields no record at all gives one error record
// saying so, so that every input file shows up in the output.
//
// A WARC record's ID is "<file id>#<offset>". In a gzip file whose records
// each start a gzip member (Common Crawl writes one member per record), the
// offset is that member's byte offset in the compressed file, the offset a
// CDX index gives. Otherwise (plain WARC, or a record that does not start a
// gzip member) it is the record's offset in the decompressed stream.
//
// A record whose Content-Length does not end at a record boundary, or that
// the file ends inside, becomes an error record; reading resumes at the
// next "WARC/" header line. A gzip stream that is corrupt or cut, or that
// decompresses past [Options.MaxDecompressed], gives an error record and
// ends that file; the records before it still come out.
//
// # Record IDs
//
// A file inside a folder input is named by its path relative to the folder
// (forward slashes); a file named directly by its path as given; stdin by
// "stdin". JSONL lines without an id are named "<file>:<line>".
package crawl
