# canhcua — see README.md. `make run` and `make test` are all a newcomer needs.

GO       ?= go
BIN      := bin/canhcua
# Debian/Ubuntu packages the build needs; the tests need PostgreSQL too (a
# throwaway server of their own: the district's side), the desk does not.
APT_PKGS      := libopencv-dev libopencv-contrib-dev opencv-data libzxing-dev libavutil-dev pkg-config g++ tmux
APT_TEST_PKGS := postgresql
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps apt-install build run test bench vet fmt fuzz clean

# Fuzz targets of the payload parsers (root package); each runs FUZZTIME.
FUZZ     := FuzzIdentify FuzzCCCD FuzzHC1 FuzzBase45 FuzzCOSE FuzzEMV FuzzBadge FuzzSanitize
FUZZTIME ?= 10m

all: build

# Installs the missing packages with apt-get; does nothing when all are there.
deps:
	@$(MAKE) --no-print-directory apt-install PKGS="$(APT_PKGS)"

# The test's packages too.
test-deps: deps
	@$(MAKE) --no-print-directory apt-install PKGS="$(APT_TEST_PKGS)"

apt-install:
	@missing=""; for p in $(PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(GO) build -o $(BIN) ./cmd/canhcua

# Starts the app: on camera 0, or on the built-in demo source when there is none.
run: build
	./$(BIN)

# The whole test suite, the Mat-leak check (OpenCV memory), a 2-minute soak
# of the desk's pipeline (a leak of goroutines, files or Mats fails it) and
# go vet.
test: test-deps
	$(GO) vet ./...
	$(GO) test -timeout 30m ./...
	$(GO) test -tags matprofile -run MatLeak -count=1 ./camera
	$(GO) test -timeout 30m -tags matprofile -run Soak -count=1 ./internal/bench

# Go benchmarks, then the project's own bench commands.
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	./$(BIN) bench live --duration 20s
	@if [ -d ../shared/corpus/boofcv-a ]; then ./$(BIN) bench decode ../shared/corpus/boofcv-a; \
	else echo "bench decode: ../shared/corpus is absent; skipped"; fi

# Runs every fuzz target for FUZZTIME (not part of make test or CI).
fuzz:
	@for f in $(FUZZ); do \
		echo "== $$f ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) . || exit 1; \
	done

vet:
	$(GO) vet ./...

fmt:
	gofmt -w .

clean:
	rm -rf bin
