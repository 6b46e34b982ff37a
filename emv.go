package canhcua

import (
	"fmt"
	"strconv"
	"strings"
)

// Payment codes: EMVCo merchant-presented QR codes, VietQR (NAPAS) among
// them. They are a flat list of TLV data objects: a two-digit tag, a
// two-digit length and the value; the first object is "000201" (payload
// format indicator 01) and the last is tag 63, a CRC-16/CCITT-FALSE of
// everything before its value, as four upper-case hex digits.

// emvField is one top-level data object of an EMV QR payload.
type emvField struct {
	Tag   string
	Value string
}

// looksEMV reports whether s starts like an EMVCo QR payload.
func looksEMV(s string) bool { return strings.HasPrefix(s, "000201") }

// parseEMV splits an EMVCo QR payload into its top-level data objects and
// checks the CRC (tag 63, which must be last). Lengths count bytes.
func parseEMV(s string) ([]emvField, error) {
	if !looksEMV(s) {
		return nil, fmt.Errorf("does not start with 000201")
	}
	var fs []emvField
	for i := 0; i < len(s); {
		if len(s)-i < 4 {
			return fs, fmt.Errorf("truncated data object at %d", i)
		}
		tag := s[i : i+2]
		n, err := strconv.Atoi(s[i+2 : i+4])
		if err != nil || n < 0 || !isDigits(tag, 2) || !isDigits(s[i+2:i+4], 2) {
			return fs, fmt.Errorf("bad tag or length at %d", i)
		}
		if i+4+n > len(s) {
			return fs, fmt.Errorf("data object %s overruns the payload", tag)
		}
		fs = append(fs, emvField{Tag: tag, Value: s[i+4 : i+4+n]})
		if tag == "63" {
			if n != 4 || i+8 != len(s) {
				return fs, fmt.Errorf("CRC object is not 4 characters at the end")
			}
			want := fmt.Sprintf("%04X", emvCRC(s[:i+4]))
			if !strings.EqualFold(s[i+4:], want) {
				return fs, fmt.Errorf("CRC mismatch: %s, want %s", s[i+4:], want)
			}
			return fs, nil
		}
		i += 4 + n
	}
	return fs, fmt.Errorf("no CRC (tag 63)")
}

// emvCRC is CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no
// reflection, no final XOR), as EMVCo QR payloads use.
func emvCRC(s string) uint16 {
	crc := uint16(0xffff)
	for i := 0; i < len(s); i++ {
		crc ^= uint16(s[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// emvIsVietQR reports whether the payload names the NAPAS VietQR service
// (application ID A000000727 in a merchant account template, tags 26–51).
func emvIsVietQR(fs []emvField) bool {
	for _, f := range fs {
		if f.Tag >= "26" && f.Tag <= "51" && strings.Contains(strings.ToUpper(f.Value), "A000000727") {
			return true
		}
	}
	return false
}
