// libFuzzer target: the CSV reader (hanaprop/host/csv.hpp).
//
// Input: one byte of options, then the file. The options byte picks the
// separator (bits 0-1: , ; tab space), a header line (bit 2), a 64-character
// line limit (bit 3) and the row type (bits 4-5: 7 doubles, 1 float, 3
// long doubles, 2 floats). Besides what the sanitizers catch, the target
// traps when a result breaks the reader's promises: the FILE* and the
// std::istream overloads disagree, a row holds a value that is not finite,
// or an error message holds a byte that is not printable ASCII. A
// csv_error is an expected outcome; any other exception escapes and is a
// crash.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <hanaprop/host/csv.hpp>

#include "memory_file.hpp"

namespace {

void check(bool promise)
{
    if (!promise) __builtin_trap();
}

template <class T, std::size_t N>
void read_both(const unsigned char* data, std::size_t size, const hanaprop::host::csv_options& options)
{
    using rows = std::vector<hanaprop::host::labelled_row<T, N>>;
    // The rows, or the error, of one read: exactly one of the two is set.
    struct outcome {
        std::optional<rows> read;
        std::optional<hanaprop::host::csv_error> error;
    };
    const auto attempt = [](auto read) {
        outcome o;
        try {
            o.read = read();
        } catch (const hanaprop::host::csv_error& e) {
            o.error = e;
        }
        return o;
    };
    hanaprop_fuzz::memory_file file{data, size};
    const outcome from_file =
        attempt([&] { return hanaprop::host::read_labelled_csv<T, N>(file.get(), "fuzz.csv", options); });
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    const outcome from_stream =
        attempt([&] { return hanaprop::host::read_labelled_csv<T, N>(in, "fuzz.csv", options); });

    check(from_file.read.has_value() == from_stream.read.has_value());
    if (from_file.read) {
        check(!from_file.read->empty());
        check(*from_file.read == *from_stream.read);
        for (const auto& row : *from_file.read)
            for (const T value : row.features) check(value - value == T(0));
        return;
    }
    const hanaprop::host::csv_error& error = *from_file.error;
    check(std::string(error.what()) == from_stream.error->what());
    check(error.line() >= 1 && error.column() >= 1 && !error.problem().empty());
    for (const char c : error.problem()) check(c >= 0x20 && c < 0x7f);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    const unsigned flags = data[0];
    hanaprop::host::csv_options options;
    options.separator = ",;\t "[flags & 3];
    options.header = (flags & 4) != 0;
    if (flags & 8) options.max_line_length = 64;
    ++data;
    --size;
    switch ((flags >> 4) & 3) {
    case 0: read_both<double, 7>(data, size, options); break;
    case 1: read_both<float, 1>(data, size, options); break;
    case 2: read_both<long double, 3>(data, size, options); break;
    default: read_both<float, 2>(data, size, options); break;
    }
    return 0;
}
