#!/bin/sh
# No build system: the headers of the checkout and a C++20 compiler.
# Usage: HANAPROP=/path/to/checkout build.sh COMPILER...
set -eu
"$@" -std=c++20 -I "$HANAPROP/include" consumer.cpp -o consumer
