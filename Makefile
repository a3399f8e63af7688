# Thin entry points: every rule calls a script or CMake; the logic lives in those.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: setup configure build run test bench fuzz soak clean

setup:
	third_party/install-deps
	third_party/fetch-data

configure: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD) --parallel $(JOBS)

run: build
	$(BUILD)/app/nnviz

test: build
	ctest --test-dir $(BUILD) --output-on-failure --timeout 600

bench: build
	third_party/install-deps bench
	tests/bench/run-bench --build $(BUILD) $(BENCH_ARGS)

# Fuzz each loader for FUZZ_SECONDS (default 10 min) with ASan + UBSan; make test runs 30 s each.
FUZZ_SECONDS ?= 600
fuzz: setup
	tests/fuzz/run-fuzz all $(BUILD)/fuzz $(FUZZ_SECONDS)

# The window under Xvfb for SOAK_SECONDS (default 300) with training, drawing, toggles, resizes.
SOAK_SECONDS ?= 300
soak: build
	tests/soak/run-soak --build $(BUILD) --seconds $(SOAK_SECONDS)

clean:
	cmake -E rm -rf $(BUILD)
