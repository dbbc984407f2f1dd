// hanaprop/host/idx.hpp - reads MNIST-format (IDX) image and label files,
// gzip-compressed or not, into hanaprop samples. Host only: it uses
// <vector>, <string>, exceptions and zlib (Debian: zlib1g-dev; link with
// `dependency('zlib')` in Meson, or -lz).
//
//   auto train = hanaprop::host::read_idx<hanaprop::network<784, 30, 10>>(
//       "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
//
// gives a std::vector<sample_for<Net>>: pixels scaled to [0, 1] (byte / 255),
// labels one-hot. Every check on the headers (magic numbers, counts,
// dimensions against the network's input, a count larger than the file can
// hold, labels beyond the network's outputs) runs before the large
// allocation, and every error is an idx_error naming the file and the byte
// offset in the (uncompressed) IDX data where the problem is. On error
// nothing the caller owns has been changed: the result is only returned.
//
// The IDX format (http://yann.lecun.com/exdb/mnist/): big-endian.
//   images: u32 magic 0x00000803, u32 count, u32 rows, u32 columns, then
//           count * rows * columns bytes, row by row;
//   labels: u32 magic 0x00000801, u32 count, then count bytes (0 .. 9).
#pragma once

#include <zlib.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <hanaprop/core/sample.hpp>

namespace hanaprop::host {

// A malformed or unreadable IDX file: what() reads
// "<file>: byte <offset>: <problem>".
class idx_error : public std::runtime_error {
public:
    idx_error(const std::string& file, std::uint64_t offset, const std::string& problem)
        : std::runtime_error(file + ": byte " + std::to_string(offset) + ": " + problem), file_(file),
          offset_(offset)
    {
    }
    const std::string& file() const noexcept { return file_; }
    std::uint64_t offset() const noexcept { return offset_; }

private:
    std::string file_;
    std::uint64_t offset_;
};

namespace detail {

// The size of the IDX data a file holds: its size on disk, or for a gzip
// file the ISIZE field of its trailer (the uncompressed size modulo 2^32;
// exact for the files in question). Used to reject a header that claims
// more data than there is before allocating for it.
inline std::uint64_t idx_data_size(const std::string& path)
{
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f{std::fopen(path.c_str(), "rb"), &std::fclose};
    if (!f) throw idx_error(path, 0, "cannot open the file");
    unsigned char magic[2] = {0, 0};
    const std::size_t got = std::fread(magic, 1, 2, f.get());
    if (std::fseek(f.get(), 0, SEEK_END) != 0) throw idx_error(path, 0, "cannot seek in the file");
    const long end = std::ftell(f.get());
    if (end < 0) throw idx_error(path, 0, "cannot tell the file's size");
    const bool gzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (!gzip || end < 18) return static_cast<std::uint64_t>(end);
    unsigned char isize[4];
    if (std::fseek(f.get(), end - 4, SEEK_SET) != 0 || std::fread(isize, 1, 4, f.get()) != 4)
        throw idx_error(path, 0, "cannot read the gzip trailer");
    return std::uint64_t(isize[0]) | std::uint64_t(isize[1]) << 8 | std::uint64_t(isize[2]) << 16 |
           std::uint64_t(isize[3]) << 24;
}

// Sequential reader over the uncompressed bytes (zlib reads plain files
// through unchanged), keeping track of the offset for error messages.
class idx_stream {
public:
    explicit idx_stream(std::string path) : path_(std::move(path)), file_(gzopen(path_.c_str(), "rb"))
    {
        if (!file_) throw idx_error(path_, 0, "cannot open the file");
        gzbuffer(file_, 1 << 17);
    }
    idx_stream(const idx_stream&) = delete;
    idx_stream& operator=(const idx_stream&) = delete;
    ~idx_stream() { gzclose(file_); }

    const std::string& path() const noexcept { return path_; }
    std::uint64_t offset() const noexcept { return offset_; }

    // Reads exactly n bytes, or throws at the offset where the data ends.
    void read(unsigned char* out, std::size_t n, const char* what)
    {
        while (n > 0) {
            const unsigned chunk = n > (1u << 30) ? (1u << 30) : static_cast<unsigned>(n);
            const int got = gzread(file_, out, chunk);
            if (got <= 0) {
                int code = Z_OK;
                const char* message = gzerror(file_, &code);
                std::string problem = "the file ends (truncated) while reading ";
                problem += what;
                if (got < 0 || (code != Z_OK && code != Z_BUF_ERROR)) {
                    problem = "cannot read ";
                    problem += what;
                }
                if (code != Z_OK) problem += std::string(" (zlib: ") + message + ")";
                throw idx_error(path_, offset_, problem);
            }
            out += got;
            n -= static_cast<std::size_t>(got);
            offset_ += static_cast<std::uint64_t>(got);
        }
    }

    std::uint32_t read_u32(const char* what)
    {
        unsigned char b[4];
        read(b, 4, what);
        return std::uint32_t(b[0]) << 24 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[2]) << 8 | std::uint32_t(b[3]);
    }

    // True if the file holds nothing after the current offset.
    bool at_end()
    {
        unsigned char extra;
        return gzread(file_, &extra, 1) == 0;
    }

private:
    std::string path_;
    gzFile file_;
    std::uint64_t offset_ = 0;
};

inline std::string hex(std::uint32_t v)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(v));
    return text;
}

// Reads the 4-byte magic number at offset 0 and throws unless it is `expected`.
inline void expect_magic(idx_stream& stream, const std::string& path, std::uint32_t expected, const char* kind)
{
    const std::uint32_t magic = stream.read_u32("the magic number");
    if (magic != expected)
        throw idx_error(path, 0,
                        "wrong magic number " + hex(magic) + " (an IDX " + kind + " file has " + hex(expected) + ")");
}

} // namespace detail

inline constexpr std::uint32_t idx_images_magic = 0x00000803;   // unsigned bytes, 3 dimensions
inline constexpr std::uint32_t idx_labels_magic = 0x00000801;   // unsigned bytes, 1 dimension

// Reads `images_path` and `labels_path` into samples of T with Inputs pixels
// (rows * columns must equal Inputs) and Classes one-hot outputs. `limit`
// keeps only the first `limit` samples (the whole file is still checked).
template <class T, std::size_t Inputs, std::size_t Classes>
std::vector<sample<T, Inputs, Classes>> read_idx_samples(const std::string& images_path,
                                                         const std::string& labels_path,
                                                         std::size_t limit = static_cast<std::size_t>(-1))
{
    // --- headers first: nothing large is allocated before they all pass.
    detail::idx_stream images{images_path};
    detail::idx_stream labels{labels_path};

    detail::expect_magic(images, images_path, idx_images_magic, "image");
    const std::uint32_t image_count = images.read_u32("the image count");
    const std::uint32_t rows = images.read_u32("the row count");
    const std::uint32_t columns = images.read_u32("the column count");
    if (std::uint64_t(rows) * columns != Inputs)
        throw idx_error(images_path, 8,
                        "images of " + std::to_string(rows) + " x " + std::to_string(columns) + " = " +
                            std::to_string(std::uint64_t(rows) * columns) +
                            " pixels do not match the network's " + std::to_string(Inputs) + " inputs");

    detail::expect_magic(labels, labels_path, idx_labels_magic, "label");
    const std::uint32_t label_count = labels.read_u32("the label count");
    if (label_count != image_count)
        throw idx_error(labels_path, 4,
                        std::to_string(label_count) + " labels for the " + std::to_string(image_count) +
                            " images of " + images_path);

    const std::uint64_t image_bytes = 16 + std::uint64_t(image_count) * Inputs;
    const std::uint64_t image_size = detail::idx_data_size(images_path);
    if (image_size < image_bytes)
        throw idx_error(images_path, image_size,
                        "the data ends here (truncated?), but the count at byte 4 declares " +
                            std::to_string(image_count) + " images, " + std::to_string(image_bytes) +
                            " bytes in all");
    const std::uint64_t label_bytes = 8 + std::uint64_t(label_count);
    const std::uint64_t label_size = detail::idx_data_size(labels_path);
    if (label_size < label_bytes)
        throw idx_error(labels_path, label_size,
                        "the data ends here (truncated?), but the count at byte 4 declares " +
                            std::to_string(label_count) + " labels, " + std::to_string(label_bytes) +
                            " bytes in all");

    // --- the data: a gzip trailer can lie, so a short read is still caught.
    const std::size_t kept = image_count < limit ? image_count : limit;
    std::vector<sample<T, Inputs, Classes>> samples(kept);
    std::array<unsigned char, Inputs> pixels;
    for (std::size_t n = 0; n < image_count; ++n) {
        const std::uint64_t label_offset = labels.offset();
        unsigned char label = 0;
        labels.read(&label, 1, "the labels");
        if (label >= Classes)
            throw idx_error(labels_path, label_offset,
                            "label " + std::to_string(label) + " is not below the network's " +
                                std::to_string(Classes) + " outputs");
        images.read(pixels.data(), Inputs, "the pixels");
        if (n < kept) {
            auto& s = samples[n];
            for (std::size_t i = 0; i < Inputs; ++i) s.input[i] = static_cast<T>(pixels[i]) / T(255);
            s.target = one_hot<T, Classes>(label);
        }
    }
    if (!images.at_end())
        throw idx_error(images_path, images.offset(), "unexpected data after the last image");
    if (!labels.at_end())
        throw idx_error(labels_path, labels.offset(), "unexpected data after the last label");
    return samples;
}

// The samples a network trains on: read_idx<network<784, 30, 10>>(images, labels).
template <class Net>
std::vector<sample_for<Net>> read_idx(const std::string& images_path, const std::string& labels_path,
                                      std::size_t limit = static_cast<std::size_t>(-1))
{
    return read_idx_samples<typename Net::value_type, Net::input_size, Net::output_size>(images_path, labels_path,
                                                                                        limit);
}

} // namespace hanaprop::host
