// The IDX reader on small files the tests write themselves: 2x2 images
// ("network" of 4 inputs, 3 classes), plain and gzip-compressed, and one
// test per kind of bad file, each checking the file and the byte offset
// the error names, and that the caller's data is left as it was.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <hanaprop/core/network.hpp>
#include <hanaprop/host/idx.hpp>

namespace {

using bytes = std::vector<unsigned char>;
using sample4 = hanaprop::sample<float, 4, 3>;

void put_u32(bytes& b, std::uint32_t v)
{
    b.push_back(static_cast<unsigned char>(v >> 24));
    b.push_back(static_cast<unsigned char>(v >> 16));
    b.push_back(static_cast<unsigned char>(v >> 8));
    b.push_back(static_cast<unsigned char>(v));
}

bytes image_file(std::uint32_t magic, std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
                 const bytes& pixels)
{
    bytes b;
    put_u32(b, magic);
    put_u32(b, count);
    put_u32(b, rows);
    put_u32(b, cols);
    b.insert(b.end(), pixels.begin(), pixels.end());
    return b;
}

bytes label_file(std::uint32_t magic, std::uint32_t count, const bytes& labels)
{
    bytes b;
    put_u32(b, magic);
    put_u32(b, count);
    b.insert(b.end(), labels.begin(), labels.end());
    return b;
}

// Files in a folder of this process under the system's temporary directory
// (two builds may run the test at the same time), removed at exit.
struct scratch_folder {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("hanaprop_idx_tests_" + std::to_string(getpid()));
    ~scratch_folder()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};
const scratch_folder scratch;

std::string write_file(const std::string& name, const bytes& content, bool gzip = false)
{
    const auto& dir = scratch.path;
    std::filesystem::create_directories(dir);
    const std::string path = (dir / name).string();
    if (gzip) {
        gzFile f = gzopen(path.c_str(), "wb9");
        REQUIRE(f != nullptr);
        REQUIRE(gzwrite(f, content.data(), static_cast<unsigned>(content.size())) == int(content.size()));
        REQUIRE(gzclose(f) == Z_OK);
    } else {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        REQUIRE(f != nullptr);
        REQUIRE(std::fwrite(content.data(), 1, content.size(), f) == content.size());
        REQUIRE(std::fclose(f) == 0);
    }
    return path;
}

// Three 2x2 images and their labels 2, 0, 1.
const bytes good_pixels = {0, 255, 51, 102, 255, 255, 0, 0, 1, 2, 3, 4};
const bytes good_labels = {2, 0, 1};

std::vector<sample4> read(const std::string& images, const std::string& labels)
{
    return hanaprop::host::read_idx_samples<float, 4, 3>(images, labels);
}

// Runs read() expecting an idx_error about `file` at `offset` whose message
// contains `words`, and checks that `kept` (the caller's data) is unchanged.
void expect_error(const std::string& images, const std::string& labels, const std::string& file,
                  std::uint64_t offset, const std::string& words)
{
    std::vector<sample4> kept(1, sample4{{9, 9, 9, 9}, {1, 0, 0}});
    const auto before = kept;
    try {
        kept = read(images, labels);
        FAIL("no error for " << file);
    } catch (const hanaprop::host::idx_error& e) {
        INFO(e.what());
        CHECK(e.file() == file);
        CHECK(e.offset() == offset);
        CHECK(std::string(e.what()).find(file + ": byte " + std::to_string(offset) + ": ") == 0);
        CHECK(std::string(e.what()).find(words) != std::string::npos);
    }
    CHECK(kept == before);
}

} // namespace

TEST_CASE("good files, plain and gzip, give the same scaled one-hot samples")
{
    for (bool gzip : {false, true}) {
        const auto images = write_file(gzip ? "good-img.gz" : "good-img",
                                       image_file(0x803, 3, 2, 2, good_pixels), gzip);
        const auto labels = write_file(gzip ? "good-lbl.gz" : "good-lbl", label_file(0x801, 3, good_labels), gzip);
        const auto samples = read(images, labels);
        REQUIRE(samples.size() == 3);
        CHECK(samples[0].input == std::array<float, 4>{0.0f, 1.0f, 0.2f, 0.4f});
        CHECK(samples[1].input == std::array<float, 4>{1.0f, 1.0f, 0.0f, 0.0f});
        CHECK(samples[2].input[3] == 4.0f / 255.0f);
        CHECK(samples[0].target == std::array<float, 3>{0, 0, 1});
        CHECK(samples[1].target == std::array<float, 3>{1, 0, 0});
        CHECK(samples[2].target == std::array<float, 3>{0, 1, 0});

        // A limit keeps the first samples only.
        const auto first = hanaprop::host::read_idx_samples<float, 4, 3>(images, labels, 2);
        REQUIRE(first.size() == 2);
        CHECK(first[1] == samples[1]);
    }
}

TEST_CASE("read_idx takes the sizes from the network type")
{
    const auto images = write_file("net-img", image_file(0x803, 3, 2, 2, good_pixels));
    const auto labels = write_file("net-lbl", label_file(0x801, 3, good_labels));
    const auto samples = hanaprop::host::read_idx<hanaprop::network<4, 5, 3>>(images, labels);
    static_assert(std::is_same_v<decltype(samples)::value_type, hanaprop::sample_for<hanaprop::network<4, 5, 3>>>);
    CHECK(samples.size() == 3);
}

TEST_CASE("a missing file is an error naming it")
{
    const auto labels = write_file("ok-lbl", label_file(0x801, 3, good_labels));
    expect_error("/nonexistent/images", labels, "/nonexistent/images", 0, "cannot open");
}

TEST_CASE("a wrong magic number in the image file")
{
    const auto images = write_file("magic-img", image_file(0x801, 3, 2, 2, good_pixels));
    const auto labels = write_file("magic-ok-lbl", label_file(0x801, 3, good_labels));
    expect_error(images, labels, images, 0, "wrong magic number 0x00000801");
}

TEST_CASE("a wrong magic number in the label file")
{
    const auto images = write_file("magic-ok-img", image_file(0x803, 3, 2, 2, good_pixels));
    const auto labels = write_file("magic-lbl", label_file(0x803, 3, good_labels));
    expect_error(images, labels, labels, 0, "wrong magic number 0x00000803");
}

TEST_CASE("a header cut short")
{
    auto b = image_file(0x803, 3, 2, 2, good_pixels);
    b.resize(10);   // the row count (bytes 8-11) is incomplete: the file ends at byte 10
    const auto images = write_file("short-header-img", b);
    const auto labels = write_file("short-header-lbl", label_file(0x801, 3, good_labels));
    expect_error(images, labels, images, 10, "truncated) while reading the row count");
}

TEST_CASE("a truncated image file, plain and gzip")
{
    auto pixels = good_pixels;
    pixels.resize(10);   // the third image misses two pixels: the data ends at byte 26
    for (bool gzip : {false, true}) {
        const auto images = write_file(gzip ? "trunc-img.gz" : "trunc-img", image_file(0x803, 3, 2, 2, pixels), gzip);
        const auto labels = write_file("trunc-lbl", label_file(0x801, 3, good_labels));
        expect_error(images, labels, images, 26, "truncated");
    }
}

TEST_CASE("a truncated label file")
{
    const auto images = write_file("trunc2-img", image_file(0x803, 3, 2, 2, good_pixels));
    const auto labels = write_file("trunc2-lbl", label_file(0x801, 3, {2, 0}));
    expect_error(images, labels, labels, 10, "truncated");
}

TEST_CASE("a gzip stream cut in the middle is caught while reading")
{
    // A gzip file whose compressed data stops early, but whose last four
    // bytes happen to claim a large size: the size check passes and the
    // broken stream must still be reported. zlib decodes ahead of the
    // reader, so the offset is where the reader was when zlib failed.
    bytes pixels(3 * 4 * 1000);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<unsigned char>((i * 7919) >> 3);
    const auto full = write_file("cut-img.gz", image_file(0x803, 3000, 2, 2, pixels), true);
    bytes compressed;
    {
        std::FILE* f = std::fopen(full.c_str(), "rb");
        REQUIRE(f != nullptr);
        int c;
        while ((c = std::fgetc(f)) != EOF) compressed.push_back(static_cast<unsigned char>(c));
        std::fclose(f);
    }
    compressed.resize(compressed.size() / 2);
    put_u32(compressed, 0xffffff00u);   // read as a little-endian ISIZE: a huge size
    const auto images = write_file("cut-img.gz.raw", compressed);
    const auto labels = write_file("cut-lbl", label_file(0x801, 3000, bytes(3000, 1)));
    std::vector<sample4> kept(2);
    try {
        kept = read(images, labels);
        FAIL("no error");
    } catch (const hanaprop::host::idx_error& e) {
        INFO(e.what());
        CHECK(e.file() == images);
        CHECK(e.offset() < 16 + 3000 * 4);
        CHECK(std::string(e.what()).find("(zlib: ") != std::string::npos);
    }
    CHECK(kept.size() == 2);
}

TEST_CASE("image and label counts that differ")
{
    const auto images = write_file("count-img", image_file(0x803, 3, 2, 2, good_pixels));
    const auto labels = write_file("count-lbl", label_file(0x801, 2, {2, 0}));
    expect_error(images, labels, labels, 4, "2 labels for the 3 images");
}

TEST_CASE("images whose size is not the network's input size")
{
    const auto images = write_file("dims-img", image_file(0x803, 2, 3, 2, good_pixels));
    const auto labels = write_file("dims-lbl", label_file(0x801, 2, {2, 0}));
    expect_error(images, labels, images, 8, "3 x 2 = 6 pixels do not match the network's 4 inputs");
}

TEST_CASE("a count larger than the file holds is rejected before allocating")
{
    // 4 billion images of 4 pixels would need 64 GB of samples; the file has 3.
    const auto images = write_file("huge-img", image_file(0x803, 4000000000u, 2, 2, good_pixels));
    const auto labels = write_file("huge-lbl", label_file(0x801, 4000000000u, good_labels));
    expect_error(images, labels, images, 28, "declares 4000000000 images");
}

TEST_CASE("a huge count in a gzip file is rejected from its trailer")
{
    const auto images = write_file("huge-img.gz", image_file(0x803, 4000000000u, 2, 2, good_pixels), true);
    const auto labels = write_file("huge-lbl.gz", label_file(0x801, 4000000000u, good_labels), true);
    expect_error(images, labels, images, 28, "declares 4000000000 images");
}

TEST_CASE("a label beyond the network's outputs")
{
    const auto images = write_file("label-img", image_file(0x803, 3, 2, 2, good_pixels));
    const auto labels = write_file("label-lbl", label_file(0x801, 3, {2, 3, 1}));
    expect_error(images, labels, labels, 9, "label 3 is not below the network's 3 outputs");
}

TEST_CASE("trailing bytes after the declared data")
{
    auto pixels = good_pixels;
    pixels.push_back(7);
    const auto images = write_file("extra-img", image_file(0x803, 3, 2, 2, pixels));
    const auto labels = write_file("extra-lbl", label_file(0x801, 3, good_labels));
    expect_error(images, labels, images, 28, "unexpected data");
}
