package canhcua

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// DefaultDuplicateWindow is how soon a second accepted scan of the same
// person at the same door counts as a duplicate.
const DefaultDuplicateWindow = 2 * time.Minute

// Rules are the desk's rules for turning an identity into a scan.
type Rules struct {
	// DuplicateWindow: a person scanned again within this time of their last
	// accepted scan at the same door is a duplicate (not counted).
	DuplicateWindow time.Duration
	// Hold, when set, is asked about every scan that would be accepted; when
	// it gives a reason (English, Vietnamese) the scan is Held for the
	// operator instead: a roster-only event and someone not on its roster.
	// It runs inside the store's transaction and must not do I/O.
	Hold func(Identity) (reason, reasonVI string, hold bool)
}

// Decide makes the scan for an identity shown at door at time now, given the
// person's last accepted scan today at that door (nil when none). The scan is
// not yet stored: the store records it in the same transaction in which it
// read last.
func (r Rules) Decide(id Identity, mode Mode, door string, now time.Time, last *Scan) Scan {
	s := Scan{
		At:        now,
		Door:      door,
		Kind:      id.Kind,
		PersonKey: id.Key,
		Name:      id.Name,
		IDNumber:  id.IDNumber,
		BirthDate: id.BirthDate,
		Direction: In,
		Result:    Accepted,
	}
	switch mode {
	case ModeOut:
		s.Direction = Out
	case ModeToggle:
		if last != nil && last.Direction == In {
			s.Direction = Out
		}
	}
	if id.Reject != "" {
		s.Result, s.Reason, s.ReasonVI, s.PersonKey = Rejected, id.Reject, id.RejectVI, ""
		return s
	}
	w := r.DuplicateWindow
	if w <= 0 {
		w = DefaultDuplicateWindow
	}
	if last != nil && last.Door == door && now.Sub(last.At) < w && now.Sub(last.At) >= 0 &&
		(mode == ModeToggle || last.Direction == s.Direction) {
		s.Result, s.Ago, s.Direction = Duplicate, now.Sub(last.At), last.Direction
		return s
	}
	if r.Hold != nil {
		if reason, vi, hold := r.Hold(id); hold {
			s.Result, s.Reason, s.ReasonVI = Held, reason, vi
		}
	}
	return s
}

// tokenKey keys an opaque payload by a hash, so the payload itself need not be
// stored.
func tokenKey(kind Kind, payload string) string {
	h := sha256.Sum256([]byte(payload))
	return string(kind) + ":" + hex.EncodeToString(h[:12])
}
