// libFuzzer target: the IDX reader (hanaprop/host/idx.hpp), images and
// labels, plain and gzip.
//
// Input: a flags byte, two bytes (little-endian) giving the length of the
// image file, the image file, then the label file. Flags: bit 0 gzips the
// image file and bit 1 the label file before they are read (so the fuzzer
// explores the IDX data behind a valid gzip stream; raw gzip bytes in the
// input explore broken ones), bits 2-3 pick the sample shape (4 pixels and
// 3 classes, 1 and 2, 784 and 10, 6 and 1), bits 4-5 the limit (none, 0, 1,
// 2 samples). The memory limit is 16 MB. Besides what the sanitizers catch,
// the target traps when a result breaks the reader's promises: a sample
// count other than min(declared count, limit), a pixel outside [0, 1], a target
// that is not one-hot, an error that does not name its file, or any
// exception other than idx_error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <hanaprop/host/idx.hpp>

#include "../common/gzip_bytes.hpp"
#include "memory_file.hpp"

namespace {

void check(bool promise)
{
    if (!promise) __builtin_trap();
}

// `declared` is the image count the header declares, when the target knows
// it (the fuzzer's image bytes are not themselves gzip data).
template <std::size_t Inputs, std::size_t Classes>
void read(const std::vector<unsigned char>& images, const std::vector<unsigned char>& labels, std::size_t limit,
          std::int64_t declared)
{
    hanaprop_fuzz::memory_file image_file{images.data(), images.size()};
    hanaprop_fuzz::memory_file label_file{labels.data(), labels.size()};
    try {
        const auto samples = hanaprop::host::read_idx_samples<float, Inputs, Classes>(
            image_file.get(), "images", label_file.get(), "labels", limit, std::uint64_t(16) << 20);
        check(samples.size() <= limit);
        if (declared >= 0) check(samples.size() == (std::uint64_t(declared) < limit ? std::size_t(declared) : limit));
        for (const auto& s : samples) {
            int ones = 0;
            for (const float p : s.input) check(p >= 0.0f && p <= 1.0f);
            for (const float t : s.target) {
                check(t == 0.0f || t == 1.0f);
                ones += t == 1.0f;
            }
            check(ones == 1);
        }
    } catch (const hanaprop::host::idx_error& e) {
        check(e.file() == "images" || e.file() == "labels");
        const std::string what = e.what();
        check(what.rfind(e.file() + ": byte " + std::to_string(e.offset()) + ": ", 0) == 0);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 3) return 0;
    const unsigned flags = data[0];
    std::size_t image_size = data[1] | std::size_t(data[2]) << 8;
    data += 3;
    size -= 3;
    if (image_size > size) image_size = size;
    std::vector<unsigned char> images(data, data + image_size);
    const bool raw_gzip = image_size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    const std::int64_t declared =
        image_size >= 8 && !raw_gzip ? std::int64_t(std::uint32_t(data[4]) << 24 | std::uint32_t(data[5]) << 16 |
                                                    std::uint32_t(data[6]) << 8 | data[7])
                                     : -1;
    std::vector<unsigned char> labels(data + image_size, data + size);
    if (flags & 1) images = hanaprop_tests::gzip_bytes(images.data(), images.size(), 1);
    if (flags & 2) labels = hanaprop_tests::gzip_bytes(labels.data(), labels.size(), 1);
    const std::size_t limits[] = {static_cast<std::size_t>(-1), 0, 1, 2};
    const std::size_t limit = limits[(flags >> 4) & 3];
    switch ((flags >> 2) & 3) {
    case 0: read<4, 3>(images, labels, limit, declared); break;
    case 1: read<1, 2>(images, labels, limit, declared); break;
    case 2: read<784, 10>(images, labels, limit, declared); break;
    default: read<6, 1>(images, labels, limit, declared); break;
    }
    return 0;
}
