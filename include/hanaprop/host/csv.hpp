// hanaprop/host/csv.hpp - reads a CSV file of numbers into labelled rows
// of a size fixed at compile time: N features, then an integer class label
// in the last column (the wheat-seeds layout: 7 numbers and a class).
//
// Host only: it uses <string>, <vector> and <cstdio>. The core never
// includes it. It is cheap to compile on purpose (issue 5's budget): no
// <fstream>, and the reading and the error messages are written once, for
// every T and N, so two row types in one program compile them once.
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

#include <array>
#include <charconv>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <iosfwd>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace hanaprop {

namespace detail {
// printf into a std::string: every message of the reader is formatted by
// this one function, not by chains of std::string additions (each chain
// is inlined code that the compiler optimises again in every program).
[[gnu::format(printf, 1, 2)]] inline std::string csv_format(const char* format, ...)
{
    std::va_list args;
    va_start(args, format);
    std::va_list again;
    va_copy(again, args);
    const int size = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    std::string text(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
    std::vsnprintf(text.data(), text.size() + 1, format, again);
    va_end(again);
    return text;
}
} // namespace detail

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
        if (line == 0) return detail::csv_format("%s: %s", file.c_str(), message.c_str());
        return detail::csv_format("%s:%zu:%zu: %s", file.c_str(), line, column, message.c_str());
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

// The characters of a file or a stream: next(source) returns the next one
// (as an unsigned char) or -1 at the end, as std::getc and sbumpc do.
struct csv_source {
    int (*next)(void* source);
    void* source;
};

// Where one row goes while a line is parsed: the N features, as float,
// double or long double, and the label. Only the parsing of a number
// depends on the type, so the reader below is not a template.
struct csv_row_slots {
    std::size_t features;   // N
    void* values;           // T[N]
    int type;               // 0: float, 1: double, 2: long double
    long* label;
};

template <class T>
inline constexpr int csv_type = std::is_same_v<T, float> ? 0 : std::is_same_v<T, double> ? 1 : 2;

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// What parsing one feature found.
enum class csv_value { ok, not_a_number, out_of_range, partial, not_finite };

// Parses [begin, stop) as a T into values[field] (stored only if ok);
// `ptr` is where the number ends, as from_chars says.
template <class T>
csv_value parse_csv_value(const char* begin, const char* stop, void* values, std::size_t field, const char*& ptr)
{
    T value{};
    const auto result = std::from_chars(begin, stop, value);
    ptr = result.ptr;
    if (result.ec == std::errc::invalid_argument) return csv_value::not_a_number;
    if (result.ec == std::errc::result_out_of_range) return csv_value::out_of_range;
    if (ptr != stop) return csv_value::partial;
    // inf - inf and NaN - NaN are NaN, which is not 0 (no <cmath> needed).
    if (!(value - value == T(0))) return csv_value::not_finite;
    static_cast<T*>(values)[field] = value;
    return csv_value::ok;
}

inline csv_value parse_csv_value(const csv_row_slots& slots, const char* begin, const char* stop, std::size_t field,
                                 const char*& ptr)
{
    switch (slots.type) {
    case 0: return parse_csv_value<float>(begin, stop, slots.values, field, ptr);
    case 1: return parse_csv_value<double>(begin, stop, slots.values, field, ptr);
    default: return parse_csv_value<long double>(begin, stop, slots.values, field, ptr);
    }
}

// Parses one line (without its line end) into `slots`. Returns an error
// message and sets `column` on failure, an empty string on success.
inline std::string parse_csv_line(std::string_view line, char separator, const csv_row_slots& slots,
                                  std::size_t& column)
{
    const std::size_t fields_expected = slots.features + 1;
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
        column = 1;
        return csv_format("empty line (expected %zu fields)", fields_expected);
    }
    std::size_t field = 0;
    std::size_t start = 0;
    for (;;) {
        const std::size_t separator_at = line.find(separator, start);
        const std::size_t end = separator_at < line.size() ? separator_at : line.size();
        if (field == fields_expected) {
            column = start + 1;
            std::size_t count = 1;
            for (const char c : line) count += c == separator;
            return csv_format("too many fields: %zu, expected %zu", count, fields_expected);
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
            return csv_format("field %zu '%.*s' %s", field + 1, static_cast<int>(text.size()), text.data(), what);
        };
        if (text.empty()) return csv_format("field %zu is empty", field + 1);
        const char* const begin = text.data();
        const char* const stop = text.data() + text.size();
        if (field < slots.features) {
            const char* ptr = nullptr;
            switch (parse_csv_value(slots, begin, stop, field, ptr)) {
            case csv_value::ok: break;
            case csv_value::not_a_number: return bad("is not a number");
            case csv_value::out_of_range: return bad("is out of range");
            case csv_value::partial:
                column = first + static_cast<std::size_t>(ptr - begin) + 1;
                return csv_format("field %zu '%.*s' is not a number (unexpected '%c')", field + 1,
                                  static_cast<int>(text.size()), text.data(), *ptr);
            case csv_value::not_finite: return bad("is not a finite number");
            }
        } else {
            long label = 0;
            const auto [ptr, ec] = std::from_chars(begin, stop, label);
            if (ec != std::errc{} || ptr != stop) return bad("(the label) is not an integer");
            *slots.label = label;
        }
        ++field;
        if (end == line.size()) break;
        start = end + 1;
    }
    if (field < fields_expected) {
        column = line.size() + 1;
        return csv_format("too few fields: %zu, expected %zu", field, fields_expected);
    }
    return {};
}

// Reads every line of `in` into `slots`, calling append(rows) after each
// good one. Returns the first error; its message is empty if there is none.
inline csv_error read_csv_rows(csv_source in, const std::string& name, const csv_options& options,
                               const csv_row_slots& slots, void (*append)(void* rows), void* rows)
{
    std::string line;
    std::size_t line_number = 0;
    for (;;) {
        // One line, by hand, so that an endless line is never held whole.
        line.clear();
        bool too_long = false;
        bool at_end = false;
        for (;;) {
            const int c = in.next(in.source);
            if (c < 0) { at_end = true; break; }
            if (c == '\n') break;
            if (line.size() == options.max_line_length) { too_long = true; break; }
            line.push_back(static_cast<char>(c));
        }
        ++line_number;
        if (too_long)
            return {name, line_number, options.max_line_length + 1,
                    csv_format("line longer than %zu characters", options.max_line_length)};
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (at_end && line.empty()) {
            // The end of the file, after a last line end or in an empty file.
            if (line_number == 1) return {name, 1, 1, "the file is empty"};
            return {};
        }
        std::size_t column = 0;
        std::string message = parse_csv_line(line, options.separator, slots, column);
        if (!message.empty()) return {name, line_number, column, std::move(message)};
        append(rows);
        if (at_end) return {};
    }
}

template <class T, std::size_t N>
csv_result<T, N> read_labelled_rows(csv_source in, const std::string& name, const csv_options& options)
{
    static_assert(std::is_floating_point_v<T>, "the features are read as float, double or long double");
    static_assert(N > 0, "a row needs at least one feature before its label");
    struct state {
        std::vector<labelled_row<T, N>> rows;
        labelled_row<T, N> row{};   // every field is written before a row is appended
    } s;
    const csv_row_slots slots{N, s.row.features.data(), csv_type<T>, &s.row.label};
    const auto append = [](void* p) {
        auto& st = *static_cast<state*>(p);
        st.rows.push_back(st.row);
    };
    csv_error error = read_csv_rows(in, name, options, slots, append, &s);
    if (!error.message.empty()) return csv_result<T, N>{std::move(error)};
    return csv_result<T, N>{std::move(s.rows)};
}

} // namespace detail

// Reads every row of `in`, a std::istream or a class derived from it (the
// caller includes <istream>, <sstream> or <fstream>); `name` is the file
// name the errors carry.
template <class T, std::size_t N, class Stream>
    requires std::is_base_of_v<std::istream, Stream>
csv_result<T, N> read_labelled_csv(Stream& in, const std::string& name, const csv_options& options = {})
{
    const auto buffer = in.rdbuf();
    if (buffer == nullptr || !in) return csv_result<T, N>{csv_error{name, 0, 0, "cannot read the stream"}};
    const auto next = [](void* b) -> int { return static_cast<decltype(buffer)>(b)->sbumpc(); };
    return detail::read_labelled_rows<T, N>({next, buffer}, name, options);
}

// Reads the file at `path`.
template <class T, std::size_t N>
csv_result<T, N> read_labelled_csv(const std::string& path, const csv_options& options = {})
{
    struct file {
        std::FILE* f;
        ~file()
        {
            if (f) std::fclose(f);
        }
    } in{std::fopen(path.c_str(), "rb")};
    if (!in.f) return csv_result<T, N>{csv_error{path, 0, 0, "cannot open the file"}};
    const auto next = [](void* f) { return std::getc(static_cast<std::FILE*>(f)); };
    return detail::read_labelled_rows<T, N>({next, in.f}, path, options);
}

} // namespace hanaprop
