// Package canhcua is the domain of canhcua ("canh cửa", watching the door): a
// desk application that reads the QR codes people show at a door and records
// every entry and exit.
//
// This package holds the types and rules only. It is pure Go: no cgo, no I/O.
// Capture and decoding live in camera/, storage in store/, the screen in ui/,
// and cmd/canhcua wires them together.
package canhcua
