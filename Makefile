# casebook's everyday commands. `make build` builds the sample site into
# public/; `make test` runs every test, installing Chromium for the browser
# tests where it is missing and the machine allows.

GO      ?= go
BIN     := bin/casebook
SOURCE  ?= .
OUT     ?= public
FUZZTIME ?= 30s

.PHONY: all build casebook serve test test-go browser-deps check fuzz bench clean

all: build

$(BIN): $(shell find cmd internal -name '*.go' -not -name '*_test.go') $(shell find layouts assets -type f) defaults.go go.mod go.sum
	$(GO) build -o $(BIN) ./cmd/casebook

casebook: $(BIN)

## build: build the sample site in content/ into public/
build: $(BIN)
	$(BIN) build --source $(SOURCE) --out $(OUT)

## serve: preview the sample site, rebuilding on every change
serve: $(BIN)
	$(BIN) serve --source $(SOURCE)

## check: validate the sample content without writing a site
check: $(BIN)
	$(BIN) check --source $(SOURCE)

# The race detector makes code five to ten times slower. It runs on every
# package but these, whose own code runs on one goroutine and whose tests
# spend their time in the build and serve that the other packages' tests
# run under it: the command's scripts, check's dry runs, Markdown's hostile
# inputs, the images' encoder.
NORACE := ./cmd/casebook ./internal/check ./internal/markdown ./internal/images

## test: tidy requirements, gofmt, vet and every test, browser tests included
test: browser-deps
	$(GO) mod tidy -diff
	@unformatted=$$(gofmt -l cmd internal *.go); if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m $$($(GO) list ./... | grep -v -x -F "$$($(GO) list $(NORACE))")
	$(GO) test -count=1 -timeout 30m $(NORACE)

## test-go: the Go tests only; browser tests skip when Chromium is missing
test-go:
	$(GO) test -count=1 ./...

## fuzz: run each fuzz target for FUZZTIME (loading a content file, front
## matter cut and read as adrg/frontmatter and yaml.v3 do, rendering Markdown,
## Markdown in linear time, linkify as goldmark's, random edits followed by
## serve's incremental rebuild, a JPEG's EXIF orientation)
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) ./internal/content/
	$(GO) test -run '^$$' -fuzz '^FuzzQuickYAML$$' -fuzztime $(FUZZTIME) ./internal/content/
	$(GO) test -run '^$$' -fuzz '^FuzzQuickSplit$$' -fuzztime $(FUZZTIME) ./internal/content/
	$(GO) test -run '^$$' -fuzz '^FuzzRender$$' -fuzztime $(FUZZTIME) ./internal/markdown/
	$(GO) test -run '^$$' -fuzz '^FuzzLinear$$' -fuzztime $(FUZZTIME) ./internal/markdown/
	$(GO) test -run '^$$' -fuzz '^FuzzQuickLinkify$$' -fuzztime $(FUZZTIME) ./internal/markdown/
	$(GO) test -run '^$$' -fuzz '^FuzzIncremental$$' -fuzztime $(FUZZTIME) ./internal/pipeline/
	$(GO) test -run '^$$' -fuzz '^FuzzOrientation$$' -fuzztime $(FUZZTIME) ./internal/images/

browser-deps:
	@.ci/browser-deps

## bench: whole builds of synthetic sites into a folder on the checkout's
## disk, as many workers as cores (medians, peak memory, stages, a rebuild
## after one changed case, Hugo v0.165.0 on the same content side by side,
## installed once into a cache folder, into new folders and into its
## previous output; the floor of the libraries, one page per case and
## nothing else, see cmd/casebook-bench/floor.go; 1,000 vs 10,000 cases,
## one 100,000),
## then every Go benchmark, then the serve benchmarks again with more edits
## (median write-to-reload times), back to back and with an editor's pauses
bench: $(BIN)
	$(GO) run ./cmd/casebook-bench -bin $(BIN) -sizes 100,1000,10000 -runs 5 -big 100000 -dir $(CURDIR)/.bench-tmp/casebook-bench
	$(GO) test -run '^$$' -bench . -skip 'BenchmarkPathological|BenchmarkEdit' -benchtime 5x ./...
	@echo "Markdown that is hard to parse: 1 MB of each pattern, rendered and scanned (target: well under 2 s, i.e. < 2,000 ns/byte; MB/s shown)"
	$(GO) test -run '^$$' -bench 'BenchmarkPathological' -benchtime 3x ./internal/markdown/
	@echo "casebook serve: median time from a file write to the reload event, 10,000 cases (targets: body < 50 ms, approaches < 150 ms), on tmpfs"
	$(GO) test -run '^$$' -bench 'BenchmarkEdit' -benchtime 21x ./internal/serve/
	@echo "the same with the site on the disk that holds the checkout"
	CASEBOOK_TMPDIR=$(CURDIR)/.bench-tmp $(GO) test -run '^$$' -bench 'BenchmarkEdit' -benchtime 21x ./internal/serve/
	@echo "the same on disk with 600 ms between edits, as an editor saves (serve collects its garbage in such pauses)"
	CASEBOOK_EDIT_PAUSE=600ms CASEBOOK_TMPDIR=$(CURDIR)/.bench-tmp $(GO) test -run '^$$' -bench 'BenchmarkEdit.*OwnLayouts' -benchtime 21x ./internal/serve/
	@rm -rf .bench-tmp

clean:
	rm -rf bin $(OUT) .$(OUT).tmp-*
