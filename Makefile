# Thin entry points: every rule calls a script or CMake; the logic lives in those.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: setup configure build run test bench fuzz soak package gallery clean

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

# The Debian package, $(BUILD)/nnviz_<version>_<arch>.deb: its own build tree (installed under
# /usr, no -march=native so it runs on any x86-64, no tests), then CPack (packaging/).
PACKAGE_BUILD ?= $(BUILD)/package
package: setup
	third_party/install-deps package
	cmake -S . -B $(PACKAGE_BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
		-DNNVIZ_NATIVE=OFF -DNNVIZ_BUILD_TESTS=OFF
	cmake --build $(PACKAGE_BUILD) --parallel $(JOBS)
	cd $(PACKAGE_BUILD) && cpack -G DEB -B $(abspath $(BUILD))
	desktop-file-validate assets/nnviz.desktop

# Fuzz each loader for FUZZ_SECONDS (default 10 min) with ASan + UBSan; make test runs 30 s each.
FUZZ_SECONDS ?= 600
fuzz: setup
	tests/fuzz/run-fuzz all $(BUILD)/fuzz $(FUZZ_SECONDS)

# The window under Xvfb for SOAK_SECONDS (default 300) with training, drawing, toggles, resizes.
SOAK_SECONDS ?= 300
soak: build
	tests/soak/run-soak --build $(BUILD) --seconds $(SOAK_SECONDS)

# The README's screenshots (assets/screenshot.png, assets/gallery/*.png) from --screenshot.
gallery: build
	tests/gallery/make-gallery --build $(BUILD)

clean:
	cmake -E rm -rf $(BUILD)
