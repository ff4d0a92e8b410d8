# Conveniences for developers around build.sh and the CMake presets (the
# README's two commands are ./build.sh and ./build.sh check, which need no
# make on a fresh machine).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all check release debug asan test test-asan format-check bench clean

all:
	./build.sh

check:
	./build.sh check

release debug asan:
	cmake --preset $@ >/dev/null
	cmake --build --preset $@ -j$(JOBS)

test: debug
	ctest --preset debug -j$(JOBS)

test-asan: asan
	ctest --preset asan -j$(JOBS)

format-check:
	scripts/check-format.sh

bench:
	bench/run.sh

clean:
	rm -rf build
