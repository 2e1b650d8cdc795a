# The README's two commands: `make run` and `make test`. Both install missing Debian packages first.
BUILD_DIR ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)
# The sanitizer and fuzzing build lives in a folder of its own (docs/robustness.md).
SANITIZE_DIR ?= build-sanitize
FUZZ_SECONDS ?= 60

.PHONY: deps configure build run test package sanitize-configure asan-test fuzz cli-sample bench screenshot \
	clean format format-check

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@scripts/run-gui.sh $(BUILD_DIR)/bin/imgopt-gui $(ARGS)

# The engine without a window: optimizes the bundled samples into a scratch folder and prints the result.
cli-sample: build
	@scripts/run-sample.sh $(BUILD_DIR)/bin/imgopt

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS) --timeout 600

# The Debian package (CPack): $(BUILD_DIR)/imgopt_VERSION_ARCH.deb. `sudo apt install ./build/imgopt_*.deb`.
package: build
	cmake --build $(BUILD_DIR) --target package

# One clang build with AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's coverage serves both the
# sanitized unit tests and the fuzz targets (docs/robustness.md).
sanitize-configure: deps
	cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-14 \
	  -DCMAKE_CXX_COMPILER=clang++-14 -DIMGOPT_FUZZ=ON -DIMGOPT_BUILD_GUI=OFF -DIMGOPT_BUILD_BENCHMARKS=OFF \
	  $(CMAKE_FLAGS)

# The unit tests under ASan and UBSan.
asan-test: sanitize-configure
	cmake --build $(SANITIZE_DIR) -j $(JOBS) --target imgopt_unit_logic_tests imgopt_unit_image_tests \
	  imgopt_unit_engine_tests imgopt_unit_safety_tests
	scripts/asan-test.sh $(SANITIZE_DIR)

# Each libFuzzer target for FUZZ_SECONDS.
fuzz: sanitize-configure
	cmake --build $(SANITIZE_DIR) -j $(JOBS) --target fuzz_header fuzz_webp_decode fuzz_task
	scripts/fuzz.sh $(SANITIZE_DIR) $(FUZZ_SECONDS)

bench: build
	IMGOPT_BENCH_DEPS=1 scripts/install-deps.sh
	benchmarks/compare-sharp.sh $(BUILD_DIR)
	benchmarks/visual-quality.sh $(BUILD_DIR)

screenshot: build
	scripts/screenshot.sh $(BUILD_DIR)/bin/imgopt-gui-screenshot

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

# CI's formatting gate: every tracked C++ file as the root .clang-format lays it out.
format-check:
	IMGOPT_FORMAT_DEPS=1 scripts/install-deps.sh
	clang-format --dry-run -Werror $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR)
