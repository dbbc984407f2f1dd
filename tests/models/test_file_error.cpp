// hanaprop/host/file_error.hpp: every host error about a file derives from
// file_error, so one catch handles a bad CSV file, a bad IDX file, a bad
// model file and a file that cannot be written, and what() names the file.
#include <filesystem>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/atomic_file.hpp>
#include <hanaprop/host/csv.hpp>
#include <hanaprop/host/file_error.hpp>
#include <hanaprop/host/idx.hpp>
#include <hanaprop/host/model_file.hpp>

#include "scratch.hpp"

namespace {

// What one `catch (const file_error&)` gets from `work`, or nothing; it
// must be an Error, the subclass of the header that threw it.
template <class Error, class Work>
std::optional<hanaprop::host::file_error> caught(Work work)
{
    try {
        work();
    } catch (const hanaprop::host::file_error& e) {
        CHECK(dynamic_cast<const Error*>(&e) != nullptr);
        return e;
    }
    return std::nullopt;
}

// `e` is a file_error about `file` whose what() starts with the file's name.
void check_names(const std::optional<hanaprop::host::file_error>& e, const std::string& file)
{
    REQUIRE(e.has_value());
    INFO(e->what());
    CHECK(e->file() == file);
    CHECK(std::string(e->what()).rfind(file, 0) == 0);
    CHECK(!e->problem().empty());
}

} // namespace

TEST_CASE("one catch of file_error catches every host error about a file", "[file_error]")
{
    hanaprop_tests::scratch_dir dir("file_error");
    using net_t = hanaprop::network<7, 5, 3>;

    // A CSV file whose second row has a word for a number.
    const std::string csv = (dir / "bad.csv").string();
    hanaprop_tests::write_bytes(csv, "1,2,3,4,5,6,7,1\n1,x,3,4,5,6,7,1\n");
    const auto csv_caught =
        caught<hanaprop::host::csv_error>([&] { (void)hanaprop::host::read_labelled_csv<float, 7>(csv); });
    check_names(csv_caught, csv);
    CHECK(std::string(csv_caught->what()) == csv + ":2:3: field 2 'x' is not a number");

    // IDX files with the wrong magic number.
    const std::string images = (dir / "images.idx").string();
    const std::string labels = (dir / "labels.idx").string();
    hanaprop_tests::write_bytes(images, std::string("\0\0\x08\x01\0\0\0\0", 8));
    hanaprop_tests::write_bytes(labels, std::string("\0\0\x08\x01\0\0\0\0", 8));
    const auto idx_caught =
        caught<hanaprop::host::idx_error>([&] { (void)hanaprop::host::read_idx<net_t>(images, labels); });
    check_names(idx_caught, images);
    CHECK(std::string(idx_caught->what()).rfind(images + ": byte 0: wrong magic number", 0) == 0);

    // A model file that is not one.
    const auto model = dir / "model.hnp";
    hanaprop_tests::write_bytes(model, "not a model");
    net_t net{};
    const auto model_caught = caught<hanaprop::host::model_file_error>([&] { hanaprop::host::load_model(net, model); });
    check_names(model_caught, model.string());

    // A file in a directory that does not exist.
    const auto unwritable = dir / "missing" / "out.txt";
    const auto write_caught =
        caught<hanaprop::host::file_write_error>([&] { hanaprop::host::write_file_atomically(unwritable, "text"); });
    REQUIRE(write_caught.has_value());
    CHECK(write_caught->file() == unwritable.string());
    CHECK(std::string(write_caught->what()) == "cannot write '" + unwritable.string() + "': No such file or directory");
    CHECK(write_caught->problem() == "No such file or directory");
}

TEST_CASE("each subclass keeps its place in the file", "[file_error]")
{
    const hanaprop::host::csv_error csv{"a.csv", 3, 9, "field 2 is empty"};
    CHECK(std::string(csv.what()) == "a.csv:3:9: field 2 is empty");
    CHECK(csv.line() == 3);
    CHECK(csv.column() == 9);
    const hanaprop::host::csv_error unopened{"a.csv", 0, 0, "cannot open the file"};
    CHECK(std::string(unopened.what()) == "a.csv: cannot open the file");

    const hanaprop::host::idx_error idx{"images", 16, "the file ends"};
    CHECK(std::string(idx.what()) == "images: byte 16: the file ends");
    CHECK(idx.offset() == 16);

    const hanaprop::host::model_file_error at_byte{std::filesystem::path("m.hnp"), 4, "format version 9"};
    CHECK(std::string(at_byte.what()) == "m.hnp: byte 4: format version 9");
    CHECK(at_byte.offset() == 4);
    const hanaprop::host::model_file_error no_byte{std::filesystem::path("m.hnp"), std::nullopt, "it is a directory"};
    CHECK(std::string(no_byte.what()) == "m.hnp: it is a directory");
    CHECK(!no_byte.offset());
    CHECK(no_byte.file() == "m.hnp");
    CHECK(no_byte.problem() == "it is a directory");
}
