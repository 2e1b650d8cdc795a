# The README's two commands: `make run` and `make test`. Both install missing Debian packages first.
BUILD_DIR ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)

.PHONY: deps configure build run test package cli-sample bench screenshot clean format

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

bench: build
	IMGOPT_BENCH_DEPS=1 scripts/install-deps.sh
	benchmarks/compare-sharp.sh $(BUILD_DIR)
	benchmarks/visual-quality.sh $(BUILD_DIR)

screenshot: build
	scripts/screenshot.sh $(BUILD_DIR)/bin/imgopt-gui-screenshot

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR)
