// The IDX reader on small files the tests write themselves: 2x2 images
// ("network" of 4 inputs, 3 classes), plain and gzip-compressed, and one
// test per kind of bad file, each checking the file and the byte offset
// the error names, and that the caller's data is left as it was.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <hanaprop/core/network.hpp>
#include <hanaprop/host/idx.hpp>

#include "../common/failing_file.hpp"
#include "idx_test_files.hpp"

namespace {

using namespace hanaprop_tests;
using sample4 = hanaprop::sample<float, 4, 3>;

const scratch_folder scratch{"hanaprop_idx_tests_"};

std::string write_file(const std::string& name, const bytes& content, bool compress = false)
{
    return scratch.write(name, content, compress);
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

TEST_CASE("a huge count in a gzip file is refused by the memory limit before anything is read")
{
    // How much a gzip file holds is known only once it is inflated: the
    // count alone is checked against the memory limit (1 GiB by default).
    const auto images = write_file("huge-img.gz", image_file(0x803, 4000000000u, 2, 2, good_pixels), true);
    const auto labels = write_file("huge-lbl.gz", label_file(0x801, 4000000000u, good_labels), true);
    expect_error(images, labels, images, 4,
                 "the count declares 4000000000 images: 4000000000 samples take 112000000000 bytes, more than the "
                 "memory limit of 1073741824 (a larger memory_limit argument raises it)");
}

TEST_CASE("the memory limit is the caller's to set, and counts only the samples kept")
{
    const auto images = write_file("limit-img", image_file(0x803, 3, 2, 2, good_pixels));
    const auto labels = write_file("limit-lbl", label_file(0x801, 3, good_labels));
    static_assert(sizeof(sample4) == 28);
    try {
        hanaprop::host::read_idx_samples<float, 4, 3>(images, labels, 3, 2 * 28);
        FAIL("no error");
    } catch (const hanaprop::host::idx_error& e) {
        CHECK(e.offset() == 4);
        CHECK(std::string(e.what()).find("3 samples take 84 bytes, more than the memory limit of 56") !=
              std::string::npos);
    }
    const auto first_two = hanaprop::host::read_idx_samples<float, 4, 3>(images, labels, 2, 2 * 28);
    REQUIRE(first_two.size() == 2);
    CHECK(first_two[1].target == std::array<float, 3>{1, 0, 0});
}

TEST_CASE("a gzip file whose count is more than its data holds fails where the data ends")
{
    const auto images = write_file("short-img.gz", image_file(0x803, 1000, 2, 2, good_pixels), true);
    const auto labels = write_file("short-lbl.gz", label_file(0x801, 1000, bytes(1000, 1)), true);
    expect_error(images, labels, images, 28, "the file ends (truncated) while reading the pixels");
}

TEST_CASE("a gzip file of several members reads as one (cat a.gz b.gz)")
{
    // The trailer of the last member gives only that member's size: it
    // says nothing of the file's.
    const bytes image_data = image_file(0x803, 3, 2, 2, good_pixels);
    const bytes label_data = label_file(0x801, 3, good_labels);
    bytes images = gzip(bytes(image_data.begin(), image_data.begin() + 19));
    const bytes rest = gzip(bytes(image_data.begin() + 19, image_data.end()));
    images.insert(images.end(), rest.begin(), rest.end());
    bytes labels = gzip(bytes(label_data.begin(), label_data.begin() + 9));
    const bytes last = gzip(bytes(label_data.begin() + 9, label_data.end()));
    labels.insert(labels.end(), last.begin(), last.end());
    const auto one = read(write_file("one-img.gz", image_data, true), write_file("one-lbl.gz", label_data, true));
    const auto two = read(write_file("two-img.gz", images), write_file("two-lbl.gz", labels));
    REQUIRE(two.size() == 3);
    CHECK(two == one);
}

TEST_CASE("a gzip file cut before its trailer, or with bytes after it")
{
    bytes cut = gzip(image_file(0x803, 3, 2, 2, good_pixels));
    cut.resize(cut.size() - 8);   // the checksum and length are missing: the data is not proven
    bytes junk = gzip(image_file(0x803, 3, 2, 2, good_pixels));
    junk.push_back('x');
    const auto labels = write_file("trailer-lbl", label_file(0x801, 3, good_labels));
    expect_error(write_file("cut-trailer-img.gz", cut), labels, scratch.path / "cut-trailer-img.gz", 28,
                 "the file ends (truncated) while reading the end of the data (zlib: the compressed data stops "
                 "before its end)");
    expect_error(write_file("junk-img.gz", junk), labels, scratch.path / "junk-img.gz", 28,
                 "unexpected bytes after the gzip data (reading the end of the data)");
}

TEST_CASE("a directory is refused at once")
{
    const auto labels = write_file("dir-lbl", label_file(0x801, 3, good_labels));
    const std::string folder = scratch.path.string();
    expect_error(folder, labels, folder, 0, "is a directory, not an IDX file");
}

TEST_CASE("named pipes are read once, front to back")
{
    const std::string images = (scratch.path / "images.fifo").string();
    const std::string labels = (scratch.path / "labels.fifo").string();
    REQUIRE(mkfifo(images.c_str(), 0600) == 0);
    REQUIRE(mkfifo(labels.c_str(), 0600) == 0);
    // Each writer blocks in fopen until the reader opens its end, writes
    // the file once, and closes: a second open by the reader would wait forever.
    const auto writer = [](std::string path, bytes content) {
        return std::thread([path = std::move(path), content = std::move(content)] {
            std::FILE* f = std::fopen(path.c_str(), "wb");
            if (!f) return;
            std::fwrite(content.data(), 1, content.size(), f);
            std::fclose(f);
        });
    };
    std::thread image_writer = writer(images, gzip(image_file(0x803, 3, 2, 2, good_pixels)));
    std::thread label_writer = writer(labels, label_file(0x801, 3, good_labels));
    std::vector<sample4> samples;
    try {
        samples = read(images, labels);
    } catch (const hanaprop::host::idx_error& e) {
        FAIL(e.what());
    }
    image_writer.join();
    label_writer.join();
    REQUIRE(samples.size() == 3);
    CHECK(samples[2].input[3] == 4.0f / 255.0f);
}

TEST_CASE("files opened by the caller: a buffer in memory reads like a file")
{
    const bytes image_data = gzip(image_file(0x803, 3, 2, 2, good_pixels));
    const bytes label_data = label_file(0x801, 3, good_labels);
    std::FILE* images = fmemopen(const_cast<unsigned char*>(image_data.data()), image_data.size(), "rb");
    std::FILE* labels = fmemopen(const_cast<unsigned char*>(label_data.data()), label_data.size(), "rb");
    REQUIRE(images != nullptr);
    REQUIRE(labels != nullptr);
    const auto samples = hanaprop::host::read_idx_samples<float, 4, 3>(images, "images", labels, "labels");
    std::fclose(images);
    std::fclose(labels);
    REQUIRE(samples.size() == 3);
    CHECK(samples[0].input == std::array<float, 4>{0.0f, 1.0f, 0.2f, 0.4f});
    CHECK(samples[2].target == std::array<float, 3>{0, 1, 0});
}

TEST_CASE("a read error is an error, not the end of the file, plain and gzip")
{
    const bytes plain = image_file(0x803, 3, 2, 2, good_pixels);
    const bytes packed = gzip(plain);
    const bytes labels = label_file(0x801, 3, good_labels);
    // The disk fails at byte 20 of the plain file, in the second image.
    for (const bool compressed : {false, true}) {
        INFO((compressed ? "gzip" : "plain"));
        const bytes& content = compressed ? packed : plain;
        hanaprop_tests::failing_file images{std::string(content.begin(), content.end()),
                                            compressed ? content.size() - 10 : 20};
        hanaprop_tests::failing_file good_labels_file{std::string(labels.begin(), labels.end()), labels.size() + 1};
        std::vector<sample4> kept(1);
        try {
            kept = hanaprop::host::read_idx_samples<float, 4, 3>(images.get(), "images", good_labels_file.get(),
                                                                 "labels");
            FAIL("no error");
        } catch (const hanaprop::host::idx_error& e) {
            INFO(e.what());
            CHECK(e.file() == "images");
            if (!compressed) CHECK(e.offset() == 20);
            CHECK(std::string(e.what()).find(": cannot read ") != std::string::npos);
            CHECK(std::string(e.what()).find(": Input/output error") != std::string::npos);
        }
        CHECK(kept.size() == 1);
    }
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
