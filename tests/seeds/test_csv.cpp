// The CSV reader (hanaprop/host/csv.hpp): the real data file, the accepted
// variants, and one test per kind of bad input, each checking the file,
// line and column of the csv_error thrown.
#include <catch2/catch.hpp>

#include <ios>
#include <optional>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include <hanaprop/host/csv.hpp>

#include "../common/failing_file.hpp"

namespace {

const std::string bad_dir = HANAPROP_SEEDS_TEST_DIR "/csv/";
using hanaprop::host::csv_error;

std::vector<hanaprop::host::labelled_row<double, 7>> read(const std::string& name,
                                                          const hanaprop::host::csv_options& options = {})
{
    return hanaprop::host::read_labelled_csv<double, 7>(bad_dir + name, options);
}

// The csv_error that read() throws, or nothing if it returns rows.
template <class Read>
std::optional<csv_error> error_of(Read read)
{
    try {
        (void)read();
    } catch (const csv_error& e) {
        return e;
    }
    return std::nullopt;
}

std::optional<csv_error> error_reading(const std::string& name, const hanaprop::host::csv_options& options = {})
{
    return error_of([&] { return read(name, options); });
}

// The error of a bad file: at this line and column, with this text in it.
void require_error(const std::optional<csv_error>& e, const std::string& file, std::size_t line, std::size_t column,
                   const std::string& text)
{
    REQUIRE(e.has_value());
    INFO(e->what());
    CHECK(e->file() == bad_dir + file);
    CHECK(e->line() == line);
    CHECK(e->column() == column);
    CHECK(e->problem().find(text) != std::string::npos);
    // The message a user sees names the file, the line and the column.
    CHECK(std::string(e->what()) ==
          bad_dir + file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + e->problem());
}

} // namespace

TEST_CASE("the wheat-seeds file reads as 210 rows of 7 numbers and a class", "[csv]")
{
    const auto rows = hanaprop::host::read_labelled_csv<double, 7>(HANAPROP_SEEDS_DATA);
    REQUIRE(rows.size() == 210);
    // First and last rows of the file, as written there.
    CHECK(rows.front().features == std::array<double, 7>{15.26, 14.84, 0.871, 5.763, 3.312, 2.221, 5.22});
    CHECK(rows.front().label == 1);
    CHECK(rows.back().features == std::array<double, 7>{12.3, 13.34, 0.8684, 5.243, 2.974, 5.637, 5.063});
    CHECK(rows.back().label == 3);
    int count[4] = {};
    for (const auto& row : rows) {
        REQUIRE(row.label >= 1);
        REQUIRE(row.label <= 3);
        ++count[row.label];
    }
    CHECK(count[1] == 70);
    CHECK(count[2] == 70);
    CHECK(count[3] == 70);
}

TEST_CASE("float features are parsed straight to float, correctly rounded", "[csv]")
{
    std::istringstream in("0.1,0.2,0.3,0.4,0.5,0.6,0.7,2");
    const auto rows = hanaprop::host::read_labelled_csv<float, 7>(in, "memory");
    CHECK(rows[0].features[0] == 0.1f);
    CHECK(rows[0].features[6] == 0.7f);
    CHECK(rows[0].label == 2);
}

TEST_CASE("CRLF line ends, a final newline and blanks around fields are accepted", "[csv]")
{
    for (const char* name : {"crlf.csv", "blanks.csv"}) {
        INFO(name);
        const auto rows = read(name);
        REQUIRE(rows.size() == 2);
        CHECK(rows[0].features[0] == 15.26);
        CHECK(rows[1].features[6] == Approx(name == std::string("crlf.csv") ? 4.956 : 5.22));
    }
    CHECK(read("blanks.csv")[1].label == 3);
}

TEST_CASE("bad CSV: a missing file", "[csv][bad]")
{
    const auto e = error_reading("does_not_exist.csv");
    REQUIRE(e.has_value());
    CHECK(e->file() == bad_dir + "does_not_exist.csv");
    CHECK(e->line() == 0);
    CHECK(std::string(e->what()) == bad_dir + "does_not_exist.csv: cannot open the file");
}

TEST_CASE("bad CSV: an empty file", "[csv][bad]")
{
    require_error(error_reading("empty.csv"), "empty.csv", 1, 1, "the file is empty");
}

TEST_CASE("bad CSV: an empty line between rows", "[csv][bad]")
{
    require_error(error_reading("empty_line.csv"), "empty_line.csv", 2, 1, "empty line");
}

TEST_CASE("bad CSV: a row with too few fields", "[csv][bad]")
{
    // Line 3 has 34 characters and 6 fields: the error points after its end.
    require_error(error_reading("too_few_fields.csv"), "too_few_fields.csv", 3, 35, "too few fields: 6, expected 8");
}

TEST_CASE("bad CSV: a row with too many fields", "[csv][bad]")
{
    // The ninth field starts at column 46 of line 2.
    require_error(error_reading("too_many_fields.csv"), "too_many_fields.csv", 2, 46, "too many fields: 9, expected 8");
}

TEST_CASE("bad CSV: a field that is not a number", "[csv][bad]")
{
    require_error(error_reading("text_field.csv"), "text_field.csv", 3, 7, "field 2 'abc' is not a number");
}

TEST_CASE("bad CSV: a field that is only partly a number", "[csv][bad]")
{
    // "0.88l1": a letter l typed for a digit 1; the column is the 'l'.
    require_error(error_reading("not_a_number.csv"), "not_a_number.csv", 2, 17, "field 3 '0.88l1' is not a number");
}

TEST_CASE("bad CSV: an empty field", "[csv][bad]")
{
    require_error(error_reading("empty_field.csv"), "empty_field.csv", 2, 13, "field 3 is empty");
}

TEST_CASE("bad CSV: nan", "[csv][bad]")
{
    require_error(error_reading("nan.csv"), "nan.csv", 2, 20, "field 4 'nan' is not a finite number");
}

TEST_CASE("bad CSV: inf", "[csv][bad]")
{
    require_error(error_reading("inf.csv"), "inf.csv", 2, 38, "field 7 '-inf' is not a finite number");
}

TEST_CASE("bad CSV: a number too large for the type", "[csv][bad]")
{
    require_error(error_reading("out_of_range.csv"), "out_of_range.csv", 2, 26, "field 5 '1e999' is out of range");
}

TEST_CASE("bad CSV: a label that is not an integer", "[csv][bad]")
{
    require_error(error_reading("label_not_integer.csv"), "label_not_integer.csv", 2, 44,
                  "field 8 '1.5' (the label) is not an integer");
}

TEST_CASE("bad CSV: a line longer than the limit", "[csv][bad]")
{
    // Line 2 is 5000 characters.
    hanaprop::host::csv_options options;
    options.max_line_length = 4096;
    require_error(error_reading("long_line.csv", options), "long_line.csv", 2, 4097,
                  "line longer than 4096 characters");
    options.max_line_length = 10;
    const auto crlf = error_reading("crlf.csv", options);
    REQUIRE(crlf.has_value());
    CHECK(crlf->line() == 1);
    CHECK(crlf->column() == 11);
}

TEST_CASE("a line of exactly the limit is read, whether it ends in \\n, \\r\\n or the end of the file", "[csv]")
{
    const std::string row = "14.88,14.57,0.8811,5.554,3.333,1.018,4.956,1";   // 44 characters
    hanaprop::host::csv_options options;
    for (const std::string end : {"\n", "\r\n"}) {
        INFO("line end: " << hanaprop::host::detail::printable(end));
        std::istringstream in(row + end + row + end);
        options.max_line_length = 44;
        CHECK(hanaprop::host::read_labelled_csv<double, 7>(in, "limit.csv", options).size() == 2);
        std::istringstream again(row + end);
        options.max_line_length = 43;
        CHECK_THROWS_MATCHES((hanaprop::host::read_labelled_csv<double, 7>(again, "limit.csv", options)), csv_error,
                             Catch::Matchers::Message("limit.csv:1:44: line longer than 43 characters"));
    }
    std::istringstream last(row);
    options.max_line_length = 44;
    CHECK(hanaprop::host::read_labelled_csv<double, 7>(last, "limit.csv", options).size() == 1);
}

TEST_CASE("the default line limit reads a row of 784 pixels", "[csv]")
{
    // 784 fields of "0.12345678," and a label: 8,625 characters and a line end.
    std::string row;
    for (int i = 0; i < 784; ++i) row += "0.12345678,";
    row += "9\n";
    REQUIRE(row.size() == 8626);
    std::istringstream in(row + row);
    const auto rows = hanaprop::host::read_labelled_csv<float, 784>(in, "pixels.csv");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].features[783] == 0.12345678f);
    CHECK(rows[1].label == 9);
}

TEST_CASE("a UTF-8 byte-order mark is skipped", "[csv]")
{
    const auto rows = read("bom.csv");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].features[0] == 15.26);
    CHECK(rows[1].label == 2);
}

TEST_CASE("a header line: skipped when the options say so, named when they do not", "[csv]")
{
    require_error(error_reading("header.csv"), "header.csv", 1, 1,
                  "field 1 'area' is not a number (a header line? csv_options::header = true skips the first line)");
    hanaprop::host::csv_options options;
    options.header = true;
    const auto rows = read("header.csv", options);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].features[0] == 15.26);
    CHECK(rows[1].label == 2);
    require_error(error_reading("header_only.csv", options), "header_only.csv", 2, 1, "no rows after the header line");
}

TEST_CASE("bad CSV: a row with an extra column is too many fields, not a bad label", "[csv][bad]")
{
    // Field 8 is 0.28, a feature of a wider data set: the ninth field starts at column 47.
    require_error(error_reading("extra_column.csv"), "extra_column.csv", 1, 47, "too many fields: 9, expected 8");
}

TEST_CASE("bad CSV: a directory", "[csv][bad]")
{
    CHECK_THROWS_MATCHES((hanaprop::host::read_labelled_csv<double, 7>(HANAPROP_SEEDS_TEST_DIR "/csv")), csv_error,
                         Catch::Matchers::Message(HANAPROP_SEEDS_TEST_DIR "/csv: is a directory, not a CSV file"));
}

TEST_CASE("bad CSV: CR-only line ends", "[csv][bad]")
{
    // The first "line" is the whole file; its first \r is after 42 characters.
    require_error(error_reading("cr_only.csv"), "cr_only.csv", 1, 43,
                  "carriage return inside the line (a file with CR-only line ends?): lines must end in \\n or \\r\\n");
}

TEST_CASE("bad CSV: control characters in a field are shown escaped", "[csv][bad]")
{
    std::istringstream in("1,2,3,4,5,6,7,1\n1,\x1b[2J,3,4,5,6,7,1\n");
    CHECK_THROWS_MATCHES((hanaprop::host::read_labelled_csv<double, 7>(in, "escape.csv")), csv_error,
                         Catch::Matchers::Message("escape.csv:2:3: field 2 '\\x1b[2J' is not a number"));
}

namespace {

// 600 rows of the wheat-seeds layout, 45 characters each with the line end.
std::string six_hundred_rows()
{
    std::string text;
    for (int i = 0; i < 600; ++i) text += "14.88,14.57,0.8811,5.554,3.333,1.018,4.956,1\n";
    return text;
}

// A stream buffer that gives `text` up to byte `fail_at`, then throws as
// std::filebuf does when the disk fails.
class failing_buffer : public std::streambuf {
public:
    failing_buffer(std::string text, std::size_t fail_at) : text_(std::move(text))
    {
        setg(text_.data(), text_.data(), text_.data() + fail_at);
    }

    static std::ios_base::failure failure()
    {
        return std::ios_base::failure("basic_filebuf::underflow error reading the file: Input/output error");
    }

protected:
    int_type underflow() override { throw failure(); }

private:
    std::string text_;
};

} // namespace

TEST_CASE("bad CSV: a read error is an error, not the end of the file", "[csv][bad]")
{
    const std::string text = six_hundred_rows();
    REQUIRE(text.size() == 600 * 45);
    // The disk fails after 256 rows, then in the middle of row 257.
    for (const std::size_t fail_at : {std::size_t(256 * 45), std::size_t(256 * 45 + 20)}) {
        INFO("fails at byte " << fail_at);
        hanaprop_tests::failing_file file{text, fail_at};
        CHECK_THROWS_MATCHES((hanaprop::host::read_labelled_csv<double, 7>(file.get(), "rows.csv")), csv_error,
                             Catch::Matchers::Message("rows.csv:257:" + std::to_string(fail_at - 256 * 45 + 1) +
                                            ": cannot read: Input/output error"));

        failing_buffer buffer{text, fail_at};
        std::istream in(&buffer);
        const std::string thrown = failing_buffer::failure().what();
        CHECK_THROWS_MATCHES((hanaprop::host::read_labelled_csv<double, 7>(in, "stream.csv")), csv_error,
                             Catch::Matchers::Message("stream.csv:257:" + std::to_string(fail_at - 256 * 45 + 1) +
                                            ": cannot read: " + thrown));
    }
}
