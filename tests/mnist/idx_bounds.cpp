// Forged and hostile IDX files under a memory cap: this process may map at
// most 256 MB, so a reader that allocates what a header claims fails here
// with std::bad_alloc. Each file is refused with an idx_error naming the
// file and the byte, and quickly.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <hanaprop/host/idx.hpp>

#include "../common/memory_cap.hpp"
#include "idx_test_files.hpp"

namespace {

using namespace hanaprop_tests;

constexpr std::size_t memory_cap = std::size_t(256) << 20;
const bool capped = cap_address_space(memory_cap);
const scratch_folder scratch{"hanaprop_idx_bounds_"};

// Reads 28x28 images into float samples (3,176 bytes each), expecting an
// idx_error about `file` at `offset` that contains `words`, within 5 s.
template <std::size_t Inputs = 784, std::size_t Classes = 10>
void expect_refused(const std::string& images, const std::string& labels, const std::string& file,
                    std::uint64_t offset, const std::string& words,
                    std::uint64_t memory_limit = hanaprop::host::idx_default_memory_limit)
{
    INFO("address space capped at 256 MB: " << (capped ? "yes" : "no (AddressSanitizer)"));
    const auto start = std::chrono::steady_clock::now();
    try {
        hanaprop::host::read_idx_samples<float, Inputs, Classes>(images, labels, static_cast<std::size_t>(-1),
                                                            memory_limit);
        FAIL("no error");
    } catch (const hanaprop::host::idx_error& e) {
        INFO(e.what());
        CHECK(e.file() == file);
        CHECK(e.offset() == offset);
        CHECK(std::string(e.what()).find(words) != std::string::npos);
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    CHECK(took.count() < 5.0);
}

bytes zero_labels(std::uint32_t count, std::size_t written) { return label_file(0x801, count, bytes(written, 0)); }

} // namespace

TEST_CASE("a header claiming 2^31 images, plain: refused by the file's size")
{
    const auto images = scratch.write("claim-img", image_file(0x803, 1u << 31, 28, 28, bytes(3 * 784, 7)));
    const auto labels = scratch.write("claim-lbl", zero_labels(1u << 31, 3));
    expect_refused(images, labels, images, 16 + 3 * 784, "declares 2147483648 images, 1683627180048 bytes in all");
}

TEST_CASE("a header claiming 2^31 images, gzip: refused by the memory limit")
{
    const auto images = scratch.write("claim-img.gz", image_file(0x803, 1u << 31, 28, 28, bytes(3 * 784, 7)), true);
    const auto labels = scratch.write("claim-lbl.gz", zero_labels(1u << 31, 3), true);
    expect_refused(images, labels, images, 4,
                   "the count declares 2147483648 images: 2147483648 samples take 6820408066048 bytes, more than "
                   "the memory limit of 1073741824");
}

TEST_CASE("huge dimensions, plain and gzip")
{
    for (const bool compress : {false, true}) {
        const auto images = scratch.write(compress ? "dims-img.gz" : "dims-img",
                                          image_file(0x803, 1, 65535, 65535, bytes(784, 7)), compress);
        const auto labels = scratch.write("dims-lbl", zero_labels(1, 1));
        expect_refused(images, labels, images, 8,
                       "images of 65535 x 65535 = 4294836225 pixels do not match the network's 784 inputs");
    }
}

// A gzip file of an image header and 1 MiB of zero pixels (1 KB packed),
// whose last four bytes (ISIZE, the size mod 2^32) claim 4 GiB - 1.
bytes lying_gzip(std::uint32_t count, std::uint32_t rows, std::uint32_t columns)
{
    bytes file = gzip_bomb(image_file(0x803, count, rows, columns, {}), 1 << 20);
    file.resize(file.size() - 4);
    put_u32_le(file, 0xffffffffu);
    return file;
}

TEST_CASE("a gzip trailer that lies about the size: 5.5 million images claimed in 1 KB")
{
    const auto images = scratch.write("lying-img.gz", lying_gzip(5500000, 28, 28));
    const auto labels = scratch.write("lying-lbl.gz", gzip_bomb(label_file(0x801, 5500000, {}), 5500000));
    expect_refused(images, labels, images, 4, "5500000 samples take 17468000000 bytes");
}

TEST_CASE("a gzip trailer that lies, with a count below the memory limit: storage grows with the data")
{
    // 30 million 2x2 images would take 840 MB of samples: more than the
    // cap, less than the limit. The file holds 262,144 of them.
    const auto images = scratch.write("lying-small-img.gz", lying_gzip(30000000, 2, 2));
    const auto labels = scratch.write("lying-small-lbl.gz", gzip_bomb(label_file(0x801, 30000000, {}), 30000000));
    expect_refused<4, 3>(images, labels, images, 16 + (1 << 20), "(zlib: incorrect length check)");
}

TEST_CASE("a gzip bomb: 4 MB that inflate to 3.9 GB of images")
{
    // 4,980,736 images of 28x28 zeros, honest trailer included. Their
    // samples would take 15.8 GB.
    constexpr std::uint32_t count = 76 * 65536;
    const bytes bomb = gzip_bomb(image_file(0x803, count, 28, 28, {}), std::uint64_t(count) * 784);
    CHECK(bomb.size() < 5000000);
    const auto images = scratch.write("bomb-img.gz", bomb);
    const auto labels = scratch.write("bomb-lbl.gz", gzip_bomb(label_file(0x801, count, {}), count));
    expect_refused(images, labels, images, 4, "4980736 samples take 15818817536 bytes, more than the memory limit");
    if (capped) {
        // With the limit lifted, the storage grows as the images arrive,
        // until the cap stops it: an idx_error still, not std::bad_alloc.
        try {
            hanaprop::host::read_idx_samples<float, 784, 10>(images, labels, static_cast<std::size_t>(-1),
                                                             static_cast<std::uint64_t>(-1));
            FAIL("no error");
        } catch (const hanaprop::host::idx_error& e) {
            INFO(e.what());
            CHECK(e.file() == images);
            CHECK(e.offset() > 16);
            CHECK(std::string(e.what()).find("out of memory for ") != std::string::npos);
        }
    }
}

TEST_CASE("a valid gzip file of more than 4 GiB unpacked: read to the end", "[.][slow]")
{
    // 5,505,024 images of 28x28 zeros: 4,315,938,832 bytes unpacked, so
    // the trailer's ISIZE (the size mod 2^32) says 20,971,536. Nothing is
    // kept (limit 0), but every byte is read and checked.
    constexpr std::uint32_t count = 84 * 65536;
    const auto images = scratch.write("4gib-img.gz", gzip_bomb(image_file(0x803, count, 28, 28, {}),
                                                               std::uint64_t(count) * 784));
    const auto labels = scratch.write("4gib-lbl.gz", gzip_bomb(label_file(0x801, count, {}), count));
    const auto samples = hanaprop::host::read_idx_samples<float, 784, 10>(images, labels, 0);
    CHECK(samples.empty());
}
