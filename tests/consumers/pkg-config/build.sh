#!/bin/sh
# hanaprop installed by `meson install`, found by pkg-config (which gives
# the include path and -std=c++20). Usage: build.sh COMPILER...
set -eu
"$@" $(pkg-config --cflags hanaprop) consumer.cpp -o consumer
