// hanaprop/host/csv.hpp - reads a CSV file of numbers into labelled rows
// of a size fixed at compile time: N features, then an integer class label
// in the last column (the wheat-seeds layout: 7 numbers and a class).
//
// Host only: it uses <string>, <vector>, <fstream>. The core never
// includes it.
//
// Error handling: the reader throws nothing of its own (only std::bad_alloc
// can escape, from the vector). It returns a csv_result that holds either
// every row of the file or one csv_error naming the file, the line and the
// column (both 1-based) of the first problem, so a caller can print it or a
// test can check it. On an error no row is returned: a file is used whole
// or not at all. Rejected, each with its own message:
//   - a file that cannot be opened, an empty file, an empty line;
//   - a row with fewer or more than N + 1 fields;
//   - a field that is not a number, or is only partly one ("1.5x");
//   - "nan", "inf", "infinity" (any case) and numbers that overflow T;
//   - a label that is not an integer;
//   - a line longer than csv_options::max_line_length characters.
// Accepted: "\n" or "\r\n" line ends, no newline after the last row, and
// spaces or tabs around a field.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <istream>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace hanaprop {

// The first problem found in a CSV file. line and column are 1-based;
// both are 0 when the file could not be opened at all.
struct csv_error {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string message;

    // "file:line:column: message", the format compilers use, so an editor
    // can jump to it; "file: message" when there is no position.
    std::string to_string() const
    {
        if (line == 0) return file + ": " + message;
        return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
    }
};

// One row: N feature values and the class label of the last column, as
// written in the file (the wheat-seeds classes are 1, 2 and 3).
template <class T, std::size_t N>
struct labelled_row {
    std::array<T, N> features;
    long label;

    friend bool operator==(const labelled_row&, const labelled_row&) = default;
};

template <class T, std::size_t N>
class csv_result {
public:
    explicit csv_result(std::vector<labelled_row<T, N>> rows) : value_{std::move(rows)} {}
    explicit csv_result(csv_error error) : value_{std::move(error)} {}

    bool ok() const noexcept { return value_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    // Only when ok().
    const std::vector<labelled_row<T, N>>& rows() const& { return std::get<0>(value_); }
    std::vector<labelled_row<T, N>>&& rows() && { return std::get<0>(std::move(value_)); }
    // Only when !ok().
    const csv_error& error() const { return std::get<1>(value_); }

private:
    std::variant<std::vector<labelled_row<T, N>>, csv_error> value_;
};

struct csv_options {
    char separator = ',';
    // Characters per line, not counting the line end. A sane row of numbers
    // is far shorter; a longer line is most likely not a CSV file at all.
    std::size_t max_line_length = 4096;
};

namespace detail {

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// Parses one line (without its line end) into `row`. Returns an error
// message and sets `column` on failure, an empty string on success.
template <class T, std::size_t N>
std::string parse_csv_line(std::string_view line, char separator, labelled_row<T, N>& row, std::size_t& column)
{
    constexpr std::size_t fields_expected = N + 1;
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
        column = 1;
        return "empty line (expected " + std::to_string(fields_expected) + " fields)";
    }
    std::size_t field = 0;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = std::min(line.find(separator, start), line.size());
        if (field == fields_expected) {
            column = start + 1;
            const auto count = 1 + static_cast<std::size_t>(std::count(line.begin(), line.end(), separator));
            return "too many fields: " + std::to_string(count) + ", expected " + std::to_string(fields_expected);
        }
        // The field without the blanks around it.
        std::size_t first = start;
        std::size_t last = end;
        while (first < last && is_blank(line[first])) ++first;
        while (last > first && is_blank(line[last - 1])) --last;
        const std::string_view text = line.substr(first, last - first);
        column = first + 1;
        // The message of a bad field, built only when there is one.
        const auto bad = [&](const char* what) {
            return "field " + std::to_string(field + 1) + " '" + std::string(text) + "' " + what;
        };
        if (text.empty()) return "field " + std::to_string(field + 1) + " is empty";
        const char* const begin = text.data();
        const char* const stop = text.data() + text.size();
        if (field < N) {
            T value{};
            const auto [ptr, ec] = std::from_chars(begin, stop, value);
            if (ec == std::errc::invalid_argument) return bad("is not a number");
            if (ec == std::errc::result_out_of_range) return bad("is out of range");
            if (ptr != stop) {
                column = first + static_cast<std::size_t>(ptr - begin) + 1;
                return bad("is not a number (unexpected '") + *ptr + "')";
            }
            if (!std::isfinite(value)) return bad("is not a finite number");
            row.features[field] = value;
        } else {
            long label = 0;
            const auto [ptr, ec] = std::from_chars(begin, stop, label);
            if (ec != std::errc{} || ptr != stop) return bad("(the label) is not an integer");
            row.label = label;
        }
        ++field;
        if (end == line.size()) break;
        start = end + 1;
    }
    if (field < fields_expected) {
        column = line.size() + 1;
        return "too few fields: " + std::to_string(field) + ", expected " + std::to_string(fields_expected);
    }
    return {};
}

} // namespace detail

// Reads every row of `in`; `name` is the file name the errors carry.
template <class T, std::size_t N>
csv_result<T, N> read_labelled_csv(std::istream& in, const std::string& name, const csv_options& options = {})
{
    static_assert(std::is_floating_point_v<T>, "the features are read as float, double or long double");
    static_assert(N > 0, "a row needs at least one feature before its label");
    std::vector<labelled_row<T, N>> rows;
    std::string line;
    std::size_t line_number = 0;
    std::streambuf* const buffer = in.rdbuf();
    if (buffer == nullptr || !in) return csv_result<T, N>{csv_error{name, 0, 0, "cannot read the stream"}};
    for (;;) {
        // One line, by hand, so that an endless line is never held whole.
        line.clear();
        bool too_long = false;
        bool at_end = false;
        for (;;) {
            const auto c = buffer->sbumpc();
            if (c == std::char_traits<char>::eof()) { at_end = true; break; }
            if (c == '\n') break;
            if (line.size() == options.max_line_length) { too_long = true; break; }
            line.push_back(static_cast<char>(c));
        }
        ++line_number;
        if (too_long)
            return csv_result<T, N>{csv_error{name, line_number, options.max_line_length + 1,
                                              "line longer than " + std::to_string(options.max_line_length) +
                                                  " characters"}};
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (at_end && line.empty()) {
            // The end of the file, after a last line end or in an empty file.
            if (line_number == 1) return csv_result<T, N>{csv_error{name, 1, 1, "the file is empty"}};
            break;
        }
        labelled_row<T, N> row{};
        std::size_t column = 0;
        std::string message = detail::parse_csv_line<T, N>(line, options.separator, row, column);
        if (!message.empty()) return csv_result<T, N>{csv_error{name, line_number, column, std::move(message)}};
        rows.push_back(row);
        if (at_end) break;
    }
    return csv_result<T, N>{std::move(rows)};
}

// Reads the file at `path`.
template <class T, std::size_t N>
csv_result<T, N> read_labelled_csv(const std::string& path, const csv_options& options = {})
{
    std::ifstream file(path, std::ios::binary);
    if (!file) return csv_result<T, N>{csv_error{path, 0, 0, "cannot open the file"}};
    return read_labelled_csv<T, N>(file, path, options);
}

} // namespace hanaprop
