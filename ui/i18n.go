package ui

import (
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// texts is the screen's language: every text the screen shows comes from
// the catalog (internal/catalog) through t, and the domain's values are
// named by the keys below.
type texts struct{ lang catalog.Lang }

func newTexts(lang string) texts { return texts{catalog.Of(lang)} }

// t is the text of key in the screen's language.
func (c texts) t(key catalog.Key, args ...any) string { return c.lang.T(key, args...) }

var (
	modeKeys = map[canhcua.Mode]catalog.Key{canhcua.ModeIn: catalog.UIModeIn, canhcua.ModeOut: catalog.UIModeOut,
		canhcua.ModeToggle: catalog.UIModeToggle}
	dirKeys    = map[canhcua.Direction]catalog.Key{canhcua.In: catalog.UIDirIn, canhcua.Out: catalog.UIDirOut}
	resultKeys = map[canhcua.Result]catalog.Key{canhcua.Accepted: catalog.UIResAccepted,
		canhcua.Duplicate: catalog.UIResDuplicate, canhcua.Rejected: catalog.UIResRejected,
		canhcua.Voided: catalog.UIResVoided, canhcua.Held: catalog.UIResHeld}
	// kindKeys are short names: they fit the recent scans' column.
	kindKeys = map[canhcua.Kind]catalog.Key{canhcua.KindCCCD: catalog.UIKindCCCD,
		canhcua.KindCanCuoc: catalog.UIKindCanCuoc, canhcua.KindHC1: catalog.UIKindHC1,
		canhcua.KindToken: catalog.UIKindToken, canhcua.KindBadge: catalog.UIKindBadge,
		canhcua.KindPayment: catalog.UIKindPayment, canhcua.KindManual: catalog.UIKindManual,
		canhcua.KindText: catalog.UIKindText}
	warnKindKeys = map[canhcua.WarningKind]catalog.Key{canhcua.WarnNotScanned: catalog.UIWarnNotScanned,
		canhcua.WarnNotOnRoster: catalog.UIWarnNotOnRoster, canhcua.WarnStillInside: catalog.UIWarnStillInside,
		canhcua.WarnNoScan: catalog.UIWarnNoScan, canhcua.WarnCamera: catalog.UIWarnCamera}
)

// mode names a direction mode; an unknown one is "in", as the desk treats it.
func (c texts) mode(m canhcua.Mode) string {
	if _, ok := modeKeys[m]; !ok {
		m = canhcua.ModeIn
	}
	return catalog.Label(c.lang, modeKeys, m)
}

// dir names a scan's direction: anything but out is in.
func (c texts) dir(d canhcua.Direction) string {
	if d != canhcua.Out {
		d = canhcua.In
	}
	return catalog.Label(c.lang, dirKeys, d)
}

func (c texts) result(r canhcua.Result) string { return catalog.Label(c.lang, resultKeys, r) }

func (c texts) kind(k canhcua.Kind) string { return catalog.Label(c.lang, kindKeys, k) }

func (c texts) warnKind(k canhcua.WarningKind) string { return catalog.Label(c.lang, warnKindKeys, k) }

// seconds is a duration in words: "45 giây", "1 phút 20 giây", "2 giờ 5 phút".
func (c texts) seconds(d time.Duration) string {
	return c.duration(d, catalog.UISeconds, catalog.UIMinutesSeconds, catalog.UIHoursMinutes)
}

// bannerSeconds is seconds as the banner's title writes it ("45 GIÂY").
func (c texts) bannerSeconds(d time.Duration) string {
	return c.duration(d, catalog.UIBannerSeconds, catalog.UIBannerMinutesSeconds, catalog.UIBannerHoursMinutes)
}

func (c texts) duration(d time.Duration, sec, minSec, hourMin catalog.Key) string {
	s := int(d / time.Second)
	switch {
	case s < 60:
		return c.t(sec, s)
	case s < 3600:
		return c.t(minSec, s/60, s%60)
	}
	return c.t(hourMin, s/3600, s%3600/60)
}
