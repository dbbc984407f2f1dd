// hanaprop/host/csv.hpp - reads a CSV file of numbers into labelled rows
// of a size fixed at compile time: N features, then an integer class label
// in the last column (the wheat-seeds layout: 7 numbers and a class).
//
// Host only: it uses <string>, <vector>, <cstdio> and POSIX fstat. The core never
// includes it. It is cheap to compile on purpose, as every program that
// reads a CSV file pays for it: no <fstream>, and the reading and the
// error messages are written once, for every T and N, so two row types in
// one program compile them once.
//
// Error handling: the reader returns every row of the file, or throws one
// csv_error (a file_error, like every host error about a file) naming
// the file, the line and the column (both 1-based) of the first problem;
// its what() is "file:line:column: problem", so a caller can print it and
// a test can check it. Nothing else escapes but std::bad_alloc, from the
// vector. On an error no row is returned: a file is used whole or not at
// all. Rejected, each with its own message:
//   - a file that cannot be opened, a directory, an empty file, an empty
//     line, and a read error (never taken for the end of the file);
//   - a row with fewer or more than N + 1 fields (counted before any field
//     is parsed, so an extra column is not blamed on the label);
//   - a field that is not a number, or is only partly one ("1.5x"); on the
//     first line the message asks whether it is a header line;
//   - "nan", "inf", "infinity" (any case) and numbers that overflow T;
//   - a label that is not an integer;
//   - a carriage return inside a line (a file with CR-only line ends);
//   - a line longer than csv_options::max_line_length characters, which
//     also bounds the memory a line takes.
// Accepted: "\n" or "\r\n" line ends, no newline after the last row,
// spaces or tabs around a field, a UTF-8 byte-order mark, and a header
// line when csv_options::header says there is one. Bytes that are not
// printable ASCII are shown as \xNN in a message.
#pragma once

#include <array>
#include <charconv>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <exception>
#include <iosfwd>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include <sys/stat.h>

#include <hanaprop/host/file_error.hpp>

namespace hanaprop::host {

namespace detail {
// printf into a std::string: every problem text of the reader is
// formatted by this one function, not by chains of std::string additions (each chain
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

// The first problem found in a CSV file. line() and column() are 1-based;
// both are 0 when the file could not be opened or read at all, and what()
// is then "file: problem" instead of "file:line:column: problem".
class csv_error : public file_error {
public:
    csv_error(const std::string& file, std::size_t line, std::size_t column, const std::string& problem)
        : file_error(line == 0 ? file_error(file, problem) : file_error(file, line, column, problem)), line_(line),
          column_(column)
    {
    }
    std::size_t line() const noexcept { return line_; }
    std::size_t column() const noexcept { return column_; }

private:
    std::size_t line_;
    std::size_t column_;
};

// One row: N feature values and the class label of the last column, as
// written in the file (the wheat-seeds classes are 1, 2 and 3).
template <class T, std::size_t N>
struct labelled_row {
    std::array<T, N> features;
    long label;

    friend bool operator==(const labelled_row&, const labelled_row&) = default;
};

struct csv_options {
    char separator = ',';
    // Characters per line, not counting the line end: room for rows of tens
    // of thousands of numbers (a 784-pixel image takes under 8 KB), while a
    // file with no line ends at all still costs no more memory than this.
    std::size_t max_line_length = std::size_t(1) << 20;
    // The first line names the columns: it is skipped (after its length is
    // checked) and the rows start on line 2.
    bool header = false;
};

namespace detail {

// The characters of a file or a stream: next(source) returns the next one
// (as an unsigned char), -1 at the end, as std::getc and sbumpc do, or
// csv_read_error when reading fails; failure(source) then says why.
inline constexpr int csv_read_error = -2;
struct csv_source {
    int (*next)(void* source);
    std::string (*failure)(void* source);
    void* source;
};

// `text` as a message shows it: printable ASCII as it is, every other byte
// (a control character, a raw carriage return, a byte of UTF-8) as \xNN.
inline std::string printable(std::string_view text)
{
    std::string shown;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f) {
            shown.push_back(c);
        } else {
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            shown += escaped;
        }
    }
    return shown;
}

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
// message and sets `column` on failure, an empty string on success;
// `not_numeric` tells that a field was no number at all (a header line?).
inline std::string parse_csv_line(std::string_view line, char separator, const csv_row_slots& slots,
                                  std::size_t& column, bool& not_numeric)
{
    const std::size_t fields_expected = slots.features + 1;
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
        column = 1;
        return csv_format("empty line (expected %zu fields)", fields_expected);
    }
    // The fields are counted first: with a column too many or too few,
    // the fields would be parsed as the wrong thing (a feature as the label).
    std::size_t fields = 1;
    std::size_t extra_field_at = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != separator) continue;
        if (fields == fields_expected) extra_field_at = i + 1;
        ++fields;
    }
    if (fields > fields_expected) {
        column = extra_field_at + 1;
        return csv_format("too many fields: %zu, expected %zu", fields, fields_expected);
    }
    if (fields < fields_expected) {
        column = line.size() + 1;
        return csv_format("too few fields: %zu, expected %zu", fields, fields_expected);
    }
    std::size_t start = 0;
    for (std::size_t field = 0; field < fields_expected; ++field) {
        const std::size_t separator_at = line.find(separator, start);
        const std::size_t end = separator_at < line.size() ? separator_at : line.size();
        // The field without the blanks around it.
        std::size_t first = start;
        std::size_t last = end;
        while (first < last && is_blank(line[first])) ++first;
        while (last > first && is_blank(line[last - 1])) --last;
        const std::string_view text = line.substr(first, last - first);
        column = first + 1;
        // The message of a bad field, built only when there is one.
        const auto bad = [&](const char* what) {
            return csv_format("field %zu '%s' %s", field + 1, printable(text).c_str(), what);
        };
        if (text.empty()) return csv_format("field %zu is empty", field + 1);
        const char* const begin = text.data();
        const char* const stop = text.data() + text.size();
        if (field < slots.features) {
            const char* ptr = nullptr;
            switch (parse_csv_value(slots, begin, stop, field, ptr)) {
            case csv_value::ok: break;
            case csv_value::not_a_number: not_numeric = true; return bad("is not a number");
            case csv_value::out_of_range: return bad("is out of range");
            case csv_value::partial:
                column = first + static_cast<std::size_t>(ptr - begin) + 1;
                return csv_format("field %zu '%s' is not a number (unexpected '%s')", field + 1,
                                  printable(text).c_str(), printable({ptr, 1}).c_str());
            case csv_value::not_finite: return bad("is not a finite number");
            }
        } else {
            long label = 0;
            const auto [ptr, ec] = std::from_chars(begin, stop, label);
            if (ec != std::errc{} || ptr != stop) {
                double number = 0;
                not_numeric = std::from_chars(begin, stop, number).ec == std::errc::invalid_argument;
                return bad("(the label) is not an integer");
            }
            *slots.label = label;
        }
        start = end + 1;
    }
    return {};
}

// Reads every line of `in` into `slots`, calling append(rows) after each
// good one. Throws a csv_error at the first problem.
inline void read_csv_rows(csv_source in, const std::string& name, const csv_options& options,
                          const csv_row_slots& slots, void (*append)(void* rows), void* rows)
{
    std::string line;
    std::size_t line_number = 0;
    for (;;) {
        // One line, by hand, so that an endless line is never held whole.
        // Its "\r\n" or "\n" does not count towards the limit.
        line.clear();
        bool too_long = false;
        bool at_end = false;
        int c = 0;
        for (;;) {
            c = in.next(in.source);
            if (c < 0 || c == '\n') break;
            if (line.size() == options.max_line_length) {
                if (c == '\r') {
                    c = in.next(in.source);
                    if (c < 0 || c == '\n') break;   // a full line, then "\r\n" or "\r" at the end
                }
                too_long = true;
                break;
            }
            line.push_back(static_cast<char>(c));
        }
        ++line_number;
        if (c == csv_read_error)
            throw csv_error(name, line_number, line.size() + 1,
                            csv_format("cannot read: %s", in.failure(in.source).c_str()));
        at_end = c < 0;
        if (too_long)
            throw csv_error(name, line_number, options.max_line_length + 1,
                            csv_format("line longer than %zu characters", options.max_line_length));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        // A UTF-8 byte-order mark, as some spreadsheets write, is not data.
        if (line_number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
        if (at_end && line.empty()) {
            // The end of the file, after a last line end or in an empty file.
            if (line_number == 1) throw csv_error(name, 1, 1, "the file is empty");
            if (line_number == 2 && options.header) throw csv_error(name, 2, 1, "no rows after the header line");
            return;
        }
        if (const std::size_t cr = line.find('\r'); cr != std::string::npos)
            throw csv_error(name, line_number, cr + 1,
                            "carriage return inside the line (a file with CR-only line ends?): lines must end in "
                            "\\n or \\r\\n");
        if (line_number == 1 && options.header) continue;
        std::size_t column = 0;
        bool not_numeric = false;
        std::string message = parse_csv_line(line, options.separator, slots, column, not_numeric);
        if (!message.empty()) {
            if (line_number == 1 && not_numeric)
                message += " (a header line? csv_options::header = true skips the first line)";
            throw csv_error(name, line_number, column, message);
        }
        append(rows);
        if (at_end) return;
    }
}

template <class T, std::size_t N>
std::vector<labelled_row<T, N>> read_labelled_rows(csv_source in, const std::string& name, const csv_options& options)
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
    read_csv_rows(in, name, options, slots, append, &s);
    return std::move(s.rows);
}

} // namespace detail

// Reads every row of `in`, a std::istream or a class derived from it (the
// caller includes <istream>, <sstream> or <fstream>); `name` is the file
// name the errors carry. An exception from the stream's buffer (a read
// error of a std::filebuf) becomes the csv_error "cannot read: ...".
template <class T, std::size_t N, class Stream>
    requires std::is_base_of_v<std::istream, Stream>
std::vector<labelled_row<T, N>> read_labelled_csv(Stream& in, const std::string& name, const csv_options& options = {})
{
    using buffer_type = std::remove_pointer_t<decltype(in.rdbuf())>;
    struct source {
        buffer_type* buffer;
        std::string failure;
    } s{in.rdbuf(), {}};
    if (s.buffer == nullptr || !in) throw csv_error(name, 0, 0, "cannot read the stream");
    const auto next = [](void* p) -> int {
        auto& src = *static_cast<source*>(p);
        try {
            return src.buffer->sbumpc();
        } catch (const std::exception& e) {
            src.failure = e.what();
        } catch (...) {
            src.failure = "the stream's buffer threw an exception";
        }
        return detail::csv_read_error;
    };
    const auto failure = [](void* p) { return static_cast<source*>(p)->failure; };
    return detail::read_labelled_rows<T, N>({next, failure, &s}, name, options);
}

// Reads from `in`, a file the caller has opened (stdin, a pipe), from
// where it is; it is not closed. `name` is the file name the errors carry.
template <class T, std::size_t N>
std::vector<labelled_row<T, N>> read_labelled_csv(std::FILE* in, const std::string& name, const csv_options& options = {})
{
    const auto next = [](void* f) {
        const int c = std::getc(static_cast<std::FILE*>(f));
        return c == EOF && std::ferror(static_cast<std::FILE*>(f)) ? detail::csv_read_error : c;
    };
    // getc sets errno when it fails, and nothing runs in between.
    const auto failure = [](void*) { return std::string(std::strerror(errno)); };
    return detail::read_labelled_rows<T, N>({next, failure, in}, name, options);
}

// Reads the file at `path`.
template <class T, std::size_t N>
std::vector<labelled_row<T, N>> read_labelled_csv(const std::string& path, const csv_options& options = {})
{
    struct file {
        std::FILE* f;
        ~file()
        {
            if (f) std::fclose(f);
        }
    } in{std::fopen(path.c_str(), "rb")};
    if (!in.f) throw csv_error(path, 0, 0, "cannot open the file");
    // fopen opens a directory, and reading it only fails later.
    struct stat status;
    if (fstat(fileno(in.f), &status) == 0 && S_ISDIR(status.st_mode))
        throw csv_error(path, 0, 0, "is a directory, not a CSV file");
    return read_labelled_csv<T, N>(in.f, path, options);
}

} // namespace hanaprop::host
