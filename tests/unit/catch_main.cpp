// The only translation unit with Catch2's main: it takes half a minute to
// compile, so it is built once into its own library and never touched.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
