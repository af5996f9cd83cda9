# orca's build. `make test` is the whole suite CI runs (.ci/run calls it).
GO        ?= go
PKGS      ?= ./...
# Packages whose tests need a long -race budget get it from the per-test timeout.
TEST_FLAGS ?= -race -count=1 -timeout 20m
BENCH     ?= .
BENCHTIME ?= 1s

.PHONY: all build fmt-check vet test fuzz-seeds bench bench-all bench-scheduler bench-store bench-apiobj generate

all: build

build:
	$(GO) build $(PKGS)

## fmt-check fails when any Go file is not gofmt-clean.
fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

## generate rewrites generated code (DeepCopy). A test fails when it is stale.
generate:
	$(GO) run ./internal/gen/deepcopy -dir apiobj -out zz_generated_deepcopy.go

## test: gofmt, vet, set-up of the real parts the tests need (when root), then
## every test with -race. Fuzz targets run their seed corpora as ordinary tests
## (go test runs FuzzXxx seeds without -fuzz), so they are part of this run.
test: fmt-check vet
	@if [ "$$(id -u)" = "0" ] && [ -x hack/setup-test-deps.sh ]; then hack/setup-test-deps.sh; fi
	$(GO) test $(TEST_FLAGS) $(PKGS)

## fuzz-seeds runs only the fuzz targets' seed corpora (make test already does).
fuzz-seeds:
	$(GO) test -count=1 -run '^Fuzz' $(PKGS)

## bench runs the benchmarks the README's performance table comes from.
bench:
	hack/bench.sh -benchtime $(BENCHTIME)

## bench-all runs every benchmark in the module.
bench-all:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -benchtime $(BENCHTIME) $(PKGS)

## bench-scheduler runs the scheduling throughput harness (one scenario per
## benchmark, direct and through the API server).
bench-scheduler:
	$(GO) test -run '^$$' -bench 'BenchmarkScheduling' -benchtime=1x -timeout 60m ./scheduler/bench/

bench-store:
	$(GO) test -run '^$$' -bench . -benchmem ./store/...

bench-apiobj:
	$(GO) test -run '^$$' -bench . -benchmem ./apiobj/...
