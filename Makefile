# A thin wrapper around the CMake presets, so the README's two commands work
# on a fresh Debian 12 machine:
#
#   make          install what is missing, build (release), audit examples/
#   make check    install what is missing, build and run every test: debug
#                 build with warnings as errors, then ASan+UBSan, then the
#                 formatting check
#
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all demo release debug asan check test test-asan format-check bench clean

all: demo

demo: release
	@echo
	@echo '$$ build/release/stackfit audit examples'
	@build/release/stackfit audit examples; rc=$$?; [ $$rc -le 1 ]

release:
	@scripts/deps.sh build
	cmake --preset release >/dev/null
	cmake --build --preset release -j$(JOBS)

debug:
	@scripts/deps.sh test
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j$(JOBS)

asan:
	@scripts/deps.sh test
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j$(JOBS)

test: debug
	ctest --preset debug -j$(JOBS)

test-asan: asan
	ctest --preset asan -j$(JOBS)

format-check:
	@scripts/deps.sh test
	scripts/check-format.sh

check: test test-asan format-check

bench:
	bench/run.sh

clean:
	rm -rf build
