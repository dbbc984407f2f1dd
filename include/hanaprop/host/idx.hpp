// hanaprop/host/idx.hpp - reads MNIST-format (IDX) image and label files,
// gzip-compressed or not, into hanaprop samples. Host only: it uses
// <vector>, <string>, exceptions, POSIX fstat and zlib (Debian: zlib1g-dev;
// link with `dependency('zlib')` in Meson, or -lz).
//
//   auto train = hanaprop::host::read_idx<hanaprop::network<784, 30, 10>>(
//       "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
//
// gives a std::vector<sample_for<Net>>: pixels scaled to [0, 1] (byte / 255),
// labels one-hot. Every error is an idx_error (a file_error) naming the
// file and the byte offset in the (uncompressed) IDX data where the
// problem is. On error nothing the caller owns has been changed: the
// result is only returned.
//
// A file is not trusted. The headers (magic numbers, counts, dimensions
// against the network's input, a count larger than a plain file can hold)
// are checked before anything is allocated for the samples, and so is the
// memory limit: samples that would take more than `memory_limit` bytes
// (idx_default_memory_limit unless the caller raises it) are refused at
// once. Below the limit the storage still grows only as images arrive, so
// a count that a gzip file does not hold costs no more than the data it
// does hold. Each file is opened once and read front to back (a named pipe
// works; a directory is refused), and a read error is reported as one,
// never taken for the end of the file.
//
// The IDX format (http://yann.lecun.com/exdb/mnist/): big-endian.
//   images: u32 magic 0x00000803, u32 count, u32 rows, u32 columns, then
//           count * rows * columns bytes, row by row;
//   labels: u32 magic 0x00000801, u32 count, then count bytes (0 .. 9).
#pragma once

#include <sys/stat.h>
#include <zlib.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include <hanaprop/core/sample.hpp>
#include <hanaprop/host/file_error.hpp>

namespace hanaprop::host {

// A malformed or unreadable IDX file: what() reads
// "<file>: byte <offset>: <problem>".
class idx_error : public file_error {
public:
    idx_error(const std::string& file, std::uint64_t offset, const std::string& problem)
        : file_error(file, offset, problem), offset_(offset)
    {
    }
    std::uint64_t offset() const noexcept { return offset_; }

private:
    std::uint64_t offset_;
};

// The most memory read_idx_samples gives its samples unless the caller
// passes a larger memory_limit: 1 GiB, five times the float samples of the
// 60,000 MNIST training images.
inline constexpr std::uint64_t idx_default_memory_limit = std::uint64_t(1) << 30;

inline constexpr std::uint32_t idx_images_magic = 0x00000803;   // unsigned bytes, 3 dimensions
inline constexpr std::uint32_t idx_labels_magic = 0x00000801;   // unsigned bytes, 1 dimension

namespace detail {

// The bytes of one IDX file, read front to back exactly once, and inflated
// if the file starts with the gzip magic number (one gzip member or
// several, as `cat a.gz b.gz` makes). offset() counts the IDX bytes
// delivered, which is what the error messages name.
class idx_stream {
public:
    idx_stream(std::FILE* file, std::string name) : name_(std::move(name)), file_(file), input_(1 << 16)
    {
        if (!refill("the magic number")) return;
        if (input_size_ >= 2 && input_[0] == 0x1f && input_[1] == 0x8b) {
            if (inflateInit2(&zlib_, 16 + MAX_WBITS) != Z_OK)
                throw idx_error(name_, 0, "cannot start zlib (out of memory)");
            gzip_ = true;
            zlib_.next_in = input_.data();
            zlib_.avail_in = static_cast<uInt>(input_size_);
        }
    }
    idx_stream(const idx_stream&) = delete;
    idx_stream& operator=(const idx_stream&) = delete;
    ~idx_stream()
    {
        if (gzip_) inflateEnd(&zlib_);
    }

    const std::string& name() const noexcept { return name_; }
    std::uint64_t offset() const noexcept { return offset_; }
    bool gzip() const noexcept { return gzip_; }

    // Reads exactly n bytes, or throws at the offset where the data ends.
    void read(unsigned char* out, std::size_t n, const char* what)
    {
        while (n > 0) {
            const std::size_t got = read_some(out, n, what);
            if (got == 0)
                throw idx_error(name_, offset_, std::string("the file ends (truncated) while reading ") + what);
            out += got;
            n -= got;
        }
    }

    std::uint32_t read_u32(const char* what)
    {
        unsigned char b[4];
        read(b, 4, what);
        return std::uint32_t(b[0]) << 24 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[2]) << 8 | std::uint32_t(b[3]);
    }

    // True if the file holds nothing after the current offset (for a gzip
    // file: its last member ends, checksum and length checked, with the
    // file). Called once, after the last read: a byte found is not kept.
    bool at_end()
    {
        unsigned char extra;
        return read_some(&extra, 1, "the end of the data", false) == 0;
    }

private:
    // Reads up to n bytes and returns how many; 0 only at the end of the
    // data. A read error or broken gzip data throws.
    std::size_t read_some(unsigned char* out, std::size_t n, const char* what, bool advance = true)
    {
        const std::size_t got = gzip_ ? inflate_some(out, n, what) : copy_some(out, n, what);
        if (advance) offset_ += got;
        return got;
    }

    std::size_t copy_some(unsigned char* out, std::size_t n, const char* what)
    {
        if (input_used_ == input_size_ && !refill(what)) return 0;
        const std::size_t got = n < input_size_ - input_used_ ? n : input_size_ - input_used_;
        std::memcpy(out, input_.data() + input_used_, got);
        input_used_ += got;
        return got;
    }

    std::size_t inflate_some(unsigned char* out, std::size_t n, const char* what)
    {
        zlib_.next_out = out;
        zlib_.avail_out = n > (1u << 30) ? (1u << 30) : static_cast<uInt>(n);
        for (;;) {
            if (zlib_.avail_in == 0 && !input_ended_) {
                input_ended_ = !refill(what);
                zlib_.next_in = input_.data();
                zlib_.avail_in = static_cast<uInt>(input_size_);
            }
            if (member_ended_) {
                if (zlib_.avail_in == 0) return 0;
                if (zlib_.next_in[0] != 0x1f)
                    throw idx_error(name_, offset_,
                                    "unexpected bytes after the gzip data (reading " + std::string(what) + ")");
                // Another gzip member follows: its data continues the IDX data.
                inflateReset(&zlib_);
                member_ended_ = false;
            }
            const uInt room = zlib_.avail_out;
            const int status = inflate(&zlib_, Z_NO_FLUSH);
            const std::size_t got = room - zlib_.avail_out;
            if (status == Z_STREAM_END) {
                member_ended_ = true;
            } else if (status == Z_OK || status == Z_BUF_ERROR) {
                if (got == 0 && zlib_.avail_in == 0 && input_ended_)
                    throw idx_error(name_, offset_,
                                    std::string("the file ends (truncated) while reading ") + what +
                                        " (zlib: the compressed data stops before its end)");
            } else {
                const char* message = zlib_.msg != nullptr   ? zlib_.msg
                                       : status == Z_MEM_ERROR ? "out of memory"
                                                               : "error";
                throw idx_error(name_, offset_ + got, std::string("cannot read ") + what + " (zlib: " + message + ")");
            }
            if (got > 0) return got;
        }
    }

    // Reads the next block of the file; false at its end. A read error
    // throws: it must never pass for the end of the file. A read that
    // fails after delivering some bytes reports the error at the next
    // refill, once those bytes are used, so that the offset is exact.
    bool refill(const char* what)
    {
        if (read_error_ != 0)
            throw idx_error(name_, offset_, std::string("cannot read ") + what + ": " + std::strerror(read_error_));
        input_used_ = 0;
        errno = 0;
        input_size_ = std::fread(input_.data(), 1, input_.size(), file_);
        if (std::ferror(file_)) {
            read_error_ = errno != 0 ? errno : EIO;
            if (input_size_ == 0) return refill(what);
        }
        return input_size_ > 0;
    }

    std::string name_;
    std::FILE* file_;
    std::vector<unsigned char> input_;
    std::size_t input_size_ = 0;
    std::size_t input_used_ = 0;
    bool gzip_ = false;
    bool input_ended_ = false;
    bool member_ended_ = false;
    int read_error_ = 0;
    z_stream zlib_{};
    std::uint64_t offset_ = 0;
};

// A file opened for reading, closed when it goes out of scope. A directory
// is refused here: fopen opens one, and reading it only fails later.
struct idx_file {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{nullptr, &std::fclose};

    explicit idx_file(const std::string& path)
    {
        file.reset(std::fopen(path.c_str(), "rb"));
        if (!file) {
            const int error = errno;
            throw idx_error(path, 0, std::string("cannot open the file: ") + std::strerror(error));
        }
        struct stat status;
        if (fstat(fileno(file.get()), &status) == 0 && S_ISDIR(status.st_mode))
            throw idx_error(path, 0, "is a directory, not an IDX file");
    }
};

// The bytes left in `file` if it is a regular file, or -1 if that cannot be
// known (a pipe, a stream in memory). Used only for plain IDX data: the
// size a gzip file unpacks to is known only once it is unpacked.
inline std::int64_t idx_bytes_left(std::FILE* file)
{
    const int descriptor = fileno(file);
    struct stat status;
    if (descriptor < 0 || fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode)) return -1;
    const long position = std::ftell(file);
    if (position < 0 || position > status.st_size) return -1;
    return static_cast<std::int64_t>(status.st_size - position);
}

inline std::string hex(std::uint32_t v)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(v));
    return text;
}

// Reads the 4-byte magic number at offset 0 and throws unless it is `expected`.
inline void expect_magic(idx_stream& stream, std::uint32_t expected, const char* kind)
{
    const std::uint32_t magic = stream.read_u32("the magic number");
    if (magic != expected)
        throw idx_error(stream.name(), 0,
                        "wrong magic number " + hex(magic) + " (an IDX " + kind + " file has " + hex(expected) + ")");
}

// Throws if `stream` is plain IDX data in a regular file too short for the
// `bytes` its header declares (`count` `what`s).
inline void expect_size(idx_stream& stream, std::int64_t size, std::uint64_t bytes, std::uint32_t count,
                        const char* what)
{
    if (stream.gzip() || size < 0 || static_cast<std::uint64_t>(size) >= bytes) return;
    throw idx_error(stream.name(), static_cast<std::uint64_t>(size),
                    "the data ends here (truncated?), but the count at byte 4 declares " + std::to_string(count) +
                        " " + what + ", " + std::to_string(bytes) + " bytes in all");
}

template <class T, std::size_t Inputs, std::size_t Classes>
std::vector<sample<T, Inputs, Classes>> read_idx_streams(idx_stream& images, std::int64_t images_size,
                                                         idx_stream& labels, std::int64_t labels_size,
                                                         std::size_t limit, std::uint64_t memory_limit)
{
    using sample_type = sample<T, Inputs, Classes>;
    // --- headers first: nothing is allocated for the samples before they all pass.
    detail::expect_magic(images, idx_images_magic, "image");
    const std::uint32_t image_count = images.read_u32("the image count");
    const std::uint32_t rows = images.read_u32("the row count");
    const std::uint32_t columns = images.read_u32("the column count");
    if (std::uint64_t(rows) * columns != Inputs)
        throw idx_error(images.name(), 8,
                        "images of " + std::to_string(rows) + " x " + std::to_string(columns) + " = " +
                            std::to_string(std::uint64_t(rows) * columns) +
                            " pixels do not match the network's " + std::to_string(Inputs) + " inputs");

    detail::expect_magic(labels, idx_labels_magic, "label");
    const std::uint32_t label_count = labels.read_u32("the label count");
    if (label_count != image_count)
        throw idx_error(labels.name(), 4,
                        std::to_string(label_count) + " labels for the " + std::to_string(image_count) +
                            " images of " + images.name());

    expect_size(images, images_size, 16 + std::uint64_t(image_count) * Inputs, image_count, "images");
    expect_size(labels, labels_size, 8 + std::uint64_t(label_count), label_count, "labels");

    const std::size_t kept = image_count < limit ? image_count : limit;
    const std::uint64_t kept_bytes = std::uint64_t(kept) * sizeof(sample_type);
    if (kept_bytes > memory_limit)
        throw idx_error(images.name(), 4,
                        "the count declares " + std::to_string(image_count) + " images: " + std::to_string(kept) +
                            " samples take " + std::to_string(kept_bytes) + " bytes, more than the memory limit of " +
                            std::to_string(memory_limit) + " (a larger memory_limit argument raises it)");

    // --- the data. A gzip file's count is proven only by the data that
    // follows, so the storage grows as the samples arrive; a plain regular
    // file was measured above, and gets its storage at once.
    std::vector<sample_type> samples;
    const auto reserve = [&](std::size_t count) {
        try {
            samples.reserve(count);
        } catch (const std::bad_alloc&) {
            throw idx_error(images.name(), images.offset(),
                            "out of memory for " + std::to_string(count) + " samples of " +
                                std::to_string(sizeof(sample_type)) + " bytes");
        }
    };
    if (images_size >= 0 && labels_size >= 0 && !images.gzip() && !labels.gzip()) reserve(kept);
    std::array<unsigned char, Inputs> pixels;
    for (std::size_t n = 0; n < image_count; ++n) {
        const std::uint64_t label_offset = labels.offset();
        unsigned char label = 0;
        labels.read(&label, 1, "the labels");
        if (label >= Classes)
            throw idx_error(labels.name(), label_offset,
                            "label " + std::to_string(label) + " is not below the network's " +
                                std::to_string(Classes) + " outputs");
        images.read(pixels.data(), Inputs, "the pixels");
        if (n < kept) {
            if (samples.size() == samples.capacity()) {
                const std::size_t doubled = 2 * samples.capacity() > 1024 ? 2 * samples.capacity() : 1024;
                reserve(doubled < kept ? doubled : kept);
            }
            sample_type& s = samples.emplace_back();
            for (std::size_t i = 0; i < Inputs; ++i) s.input[i] = static_cast<T>(pixels[i]) / T(255);
            s.target = one_hot<T, Classes>(label);
        }
    }
    if (!images.at_end()) throw idx_error(images.name(), images.offset(), "unexpected data after the last image");
    if (!labels.at_end()) throw idx_error(labels.name(), labels.offset(), "unexpected data after the last label");
    return samples;
}

} // namespace detail

// Reads `images_path` and `labels_path` into samples of T with Inputs pixels
// (rows * columns must equal Inputs) and Classes one-hot outputs. `limit`
// keeps only the first `limit` samples (the whole file is still checked);
// `memory_limit` is the most bytes the kept samples may take.
template <class T, std::size_t Inputs, std::size_t Classes>
std::vector<sample<T, Inputs, Classes>> read_idx_samples(const std::string& images_path,
                                                         const std::string& labels_path,
                                                         std::size_t limit = static_cast<std::size_t>(-1),
                                                         std::uint64_t memory_limit = idx_default_memory_limit)
{
    const detail::idx_file images_file{images_path};
    const detail::idx_file labels_file{labels_path};
    const std::int64_t images_size = detail::idx_bytes_left(images_file.file.get());
    const std::int64_t labels_size = detail::idx_bytes_left(labels_file.file.get());
    detail::idx_stream images{images_file.file.get(), images_path};
    detail::idx_stream labels{labels_file.file.get(), labels_path};
    return detail::read_idx_streams<T, Inputs, Classes>(images, images_size, labels, labels_size, limit,
                                                        memory_limit);
}

// The same from two files the caller has opened (a pipe, stdin, a buffer
// from fmemopen), read from where they are and not closed; the names are
// what the errors carry.
template <class T, std::size_t Inputs, std::size_t Classes>
std::vector<sample<T, Inputs, Classes>> read_idx_samples(std::FILE* images_file, const std::string& images_name,
                                                         std::FILE* labels_file, const std::string& labels_name,
                                                         std::size_t limit = static_cast<std::size_t>(-1),
                                                         std::uint64_t memory_limit = idx_default_memory_limit)
{
    const std::int64_t images_size = detail::idx_bytes_left(images_file);
    const std::int64_t labels_size = detail::idx_bytes_left(labels_file);
    detail::idx_stream images{images_file, images_name};
    detail::idx_stream labels{labels_file, labels_name};
    return detail::read_idx_streams<T, Inputs, Classes>(images, images_size, labels, labels_size, limit,
                                                        memory_limit);
}

// The samples a network trains on: read_idx<network<784, 30, 10>>(images, labels).
template <class Net>
std::vector<sample_for<Net>> read_idx(const std::string& images_path, const std::string& labels_path,
                                      std::size_t limit = static_cast<std::size_t>(-1),
                                      std::uint64_t memory_limit = idx_default_memory_limit)
{
    return read_idx_samples<typename Net::value_type, Net::input_size, Net::output_size>(images_path, labels_path,
                                                                                        limit, memory_limit);
}

} // namespace hanaprop::host
