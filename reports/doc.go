// Package reports writes spinscan's reports: the crawl report (Crawl), one
// page's section (Page), the terminal explanation of a row (Explain) and the
// training report (Training). It is the only package that imports
// go-echarts.
//
// Every HTML report is one self-contained file that opens offline: the
// echarts library (npm echarts 5.6.0, embedded from assets/) is inlined, and
// no other resource is fetched. go-echarts builds the chart options; this
// package renders them itself with encoding/json, which escapes <, > and &,
// because go-echarts' own templates write option JSON unescaped into a
// <script> (a page title holding "</script>" would end it). Everything that
// comes from a crawled page reaches the reviewer as text: html/template
// escapes it in the HTML, json.Marshal in chart options, and echarts draws
// chart labels on a canvas and HTML-encodes its default tooltips.
//
// Output is deterministic: chart ids are fixed, animation is off, and every
// list is sorted with ties broken by input order or name, so tests compare
// chart options against golden files.
//
// Large crawls stay usable: charts aggregate (domains, clusters and the
// timeline are limited to the largest groups, with the count of the rest
// stated), the page table and page sections show at most Options.MaxPages
// pages (flagged and non-original first), and when a report holds many
// charts they are drawn as they scroll into view.
package reports
