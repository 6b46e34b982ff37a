package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
)

// config holds the desk's settings. They come from defaults, then the TOML
// config file, then the command-line flags (flags win).
type config struct {
	Source          string        `toml:"source"`           // camera index, video, URL, folder, demo; "" = camera 0 (the demo on a first start without one)
	DB              string        `toml:"db"`               // SQLite file
	Site            string        `toml:"site"`             // shown in the header
	Door            string        `toml:"door"`             // this desk's door
	Direction       string        `toml:"direction"`        // in, out, toggle
	Lang            string        `toml:"lang"`             // vi, en
	Bell            bool          `toml:"bell"`             // ring the terminal bell on each scan
	Dedup           time.Duration `toml:"dedup"`            // camera: out-of-view time before a code is read again
	DuplicateWindow time.Duration `toml:"duplicate_window"` // desk: a person again within this is a duplicate
	ExportDir       string        `toml:"export_dir"`       // where `e` writes today's export
	ExportFormat    string        `toml:"export_format"`    // csv, xlsx, json
	TimeZone        string        `toml:"time_zone"`        // IANA name, default Asia/Ho_Chi_Minh
	AcceptUnknown   bool          `toml:"accept_unknown"`   // record unknown codes (URLs, text) as guests instead of rejecting them
	TrustList       string        `toml:"trust_list"`       // JSON trust list to verify COVID certificates
	BadgeKey        string        `toml:"badge_key"`        // key that signs and checks canhcua badges
	RetentionDays   int           `toml:"retention_days"`   // personal data older than this is deleted (at start, and by purge)
	ClosingTime     string        `toml:"closing_time"`     // HH:MM: who is still inside then is a warning (doors that count exits)
	Server          string        `toml:"server"`           // the district's PostgreSQL (postgres://…); "" for none
	OpeningHours    string        `toml:"opening_hours"`    // HH:MM-HH:MM: the district flags a desk silent then (default 07:00-17:30)
	CSVSeparator    string        `toml:"csv_separator"`    // the field separator of every CSV written: ",", ";", "tab" or "|"
}

func defaultConfig() config {
	data := dataDir()
	return config{
		DB:              filepath.Join(data, "canhcua.db"),
		Site:            "canhcua",
		Door:            catalog.VI.T(catalog.DeskDefaultDoor), // a name kept in the database: always Vietnamese
		Direction:       string(canhcua.ModeIn),
		Lang:            "vi",
		Bell:            true,
		Dedup:           canhcua.DefaultDedupWindow,
		DuplicateWindow: canhcua.DefaultDuplicateWindow,
		ExportDir:       exportDir(), // the documents folder: config export_dir wins
		ExportFormat:    "csv",
		TimeZone:        tz.Default,
		BadgeKey:        filepath.Join(data, "badge.key"),
		RetentionDays:   store.DefaultRetentionDays,
		CSVSeparator:    string(export.DefaultSeparator),
	}
}

// userConfig is the defaults with the user's config file (when there is
// one) applied: what the subcommands start from, so that a database, time
// zone or retention set in the config file holds for them too. A broken
// config file is reported once on stderr and the defaults are used.
func userConfig(stderr io.Writer) config {
	c := defaultConfig()
	if err := loadConfig(&c, configFile(), false); err != nil {
		fmt.Fprintf(stderr, "%s: %s\n", prog, say(catalog.CmdConfigDefaults, oneLine(err)))
		return defaultConfig()
	}
	return c
}

// dataDir is canhcua's folder in the user's data directory
// ($XDG_DATA_HOME/canhcua, or ~/.local/share/canhcua).
func dataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "canhcua")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "canhcua")
	}
	return "canhcua-data"
}

// configFile is the default config file ($XDG_CONFIG_HOME/canhcua/config.toml).
func configFile() string {
	d, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "canhcua", "config.toml")
}

// loadConfig reads the config file into c. A missing default file is fine; a
// missing file named with --config, unknown keys or bad values are errors.
func loadConfig(c *config, path string, explicit bool) error {
	if path == "" {
		return nil
	}
	md, err := toml.DecodeFile(path, c)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		return nil
	case err != nil:
		return fmt.Errorf("config %s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return sayErr(catalog.ConfigUnknown, path, strings.Join(keys, ", "))
	}
	return nil
}

// deskFlags declares the desk's flags on fs, writing into c only for flags the
// user sets (so the config file's values hold otherwise).
func deskFlags(fs *flag.FlagSet, c *config) (apply func() error, cfgPath *string) {
	def := defaultConfig()
	settings := []struct {
		name string
		dst  *string
		help string
	}{
		{"source", &c.Source, say(catalog.DeskFlagSource)},
		{"db", &c.DB, say(catalog.DeskFlagDB, def.DB)},
		{"door", &c.Door, say(catalog.DeskFlagDoor, def.Door)},
		{"site", &c.Site, say(catalog.DeskFlagSite)},
		{"direction", &c.Direction, say(catalog.DeskFlagDirection)},
		{"lang", &c.Lang, say(catalog.DeskFlagLang)},
		{"server", &c.Server, say(catalog.DeskFlagServer)},
	}
	values := map[string]*string{}
	dsts := map[string]*string{}
	for _, st := range settings {
		values[st.name], dsts[st.name] = fs.String(st.name, "", st.help), st.dst
	}
	noBell := fs.Bool("no-bell", false, say(catalog.DeskFlagNoBell))
	cfgPath = fs.String("config", "", say(catalog.DeskFlagConfig, configFile()))
	apply = func() error {
		fs.Visit(func(f *flag.Flag) {
			if dst, ok := dsts[f.Name]; ok {
				*dst = *values[f.Name]
			}
		})
		if *noBell {
			c.Bell = false
		}
		return c.validate()
	}
	return apply, cfgPath
}

func (c *config) validate() error {
	if _, err := canhcua.ParseMode(c.Direction); err != nil {
		return err
	}
	if _, err := parseLang(c.Lang); err != nil {
		return err
	}
	if !slices.Contains(export.Formats, c.ExportFormat) {
		return sayErr(catalog.ErrExportFormat, c.ExportFormat)
	}
	if _, err := export.ParseSeparator(c.CSVSeparator); err != nil {
		return err
	}
	if strings.TrimSpace(c.Door) == "" {
		return sayErr(catalog.ConfigNoDoor)
	}
	if c.DB == "" {
		return sayErr(catalog.ConfigNoDB)
	}
	if c.RetentionDays < 1 {
		return sayErr(catalog.ConfigRetention, c.RetentionDays)
	}
	if c.Server != "" && (strings.TrimSpace(c.Site) == "" || c.Site == defaultConfig().Site) {
		return sayErr(catalog.ConfigServerSite)
	}
	if _, err := canhcua.ParseOpeningHours(c.OpeningHours); err != nil {
		return err
	}
	if c.ClosingTime != "" {
		if _, err := canhcua.ParseClock(c.ClosingTime); err != nil {
			return err
		}
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return sayErr(catalog.ConfigTimeZone, c.TimeZone, err)
	}
	return nil
}
