// IDX files the tests write themselves: headers and data byte by byte,
// plain or gzip-compressed, in a scratch folder of this process.
#pragma once

#include <catch2/catch.hpp>

#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "../common/gzip_bytes.hpp"

namespace hanaprop_tests {

using bytes = std::vector<unsigned char>;

inline void put_u32(bytes& b, std::uint32_t v)
{
    b.push_back(static_cast<unsigned char>(v >> 24));
    b.push_back(static_cast<unsigned char>(v >> 16));
    b.push_back(static_cast<unsigned char>(v >> 8));
    b.push_back(static_cast<unsigned char>(v));
}

// Little-endian, as the gzip trailer is.
inline void put_u32_le(bytes& b, std::uint32_t v)
{
    for (int shift = 0; shift < 32; shift += 8) b.push_back(static_cast<unsigned char>(v >> shift));
}

inline bytes image_file(std::uint32_t magic, std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
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

inline bytes label_file(std::uint32_t magic, std::uint32_t count, const bytes& labels)
{
    bytes b;
    put_u32(b, magic);
    put_u32(b, count);
    b.insert(b.end(), labels.begin(), labels.end());
    return b;
}

// `content` as one gzip member.
inline bytes gzip(const bytes& content)
{
    bytes packed = gzip_bytes(content.data(), content.size(), 9);
    REQUIRE(!packed.empty());
    return packed;
}

// A gzip file of `header` and then `zeros` zero bytes, built without
// compressing them all: the deflated block of 1 MiB of zeros is written
// again and again (after a full flush a block refers to nothing before
// it), and the trailer's checksum and length are those of the whole data.
inline bytes gzip_bomb(const bytes& header, std::uint64_t zeros)
{
    z_stream z{};
    REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    const auto deflate_all = [&z](const unsigned char* in, std::size_t n, int flush) {
        bytes out;
        z.next_in = const_cast<Bytef*>(in);
        z.avail_in = static_cast<uInt>(n);
        unsigned char buffer[1 << 16];
        do {
            z.next_out = buffer;
            z.avail_out = sizeof buffer;
            deflate(&z, flush);
            out.insert(out.end(), buffer, buffer + (sizeof buffer - z.avail_out));
        } while (z.avail_out == 0);
        return out;
    };
    constexpr std::size_t block = 1 << 20;
    const bytes zero_block(block, 0);
    bytes file = deflate_all(header.data(), header.size(), Z_FULL_FLUSH);
    uLong crc = crc32(0, header.data(), static_cast<uInt>(header.size()));
    const bytes one_block = deflate_all(zero_block.data(), block, Z_FULL_FLUSH);
    const uLong block_crc = crc32(0, zero_block.data(), block);
    for (std::uint64_t left = zeros; left > 0;) {
        if (left >= block) {
            file.insert(file.end(), one_block.begin(), one_block.end());
            crc = crc32_combine(crc, block_crc, block);
            left -= block;
        } else {
            const bytes last = deflate_all(zero_block.data(), left, Z_FULL_FLUSH);
            file.insert(file.end(), last.begin(), last.end());
            crc = crc32_combine(crc, crc32(0, zero_block.data(), static_cast<uInt>(left)), static_cast<z_off_t>(left));
            left = 0;
        }
    }
    bytes end = deflate_all(nullptr, 0, Z_FINISH);   // the final empty block and a trailer
    deflateEnd(&z);
    end.resize(end.size() - 8);   // that trailer counts only the bytes deflate saw
    file.insert(file.end(), end.begin(), end.end());
    put_u32_le(file, static_cast<std::uint32_t>(crc));
    put_u32_le(file, static_cast<std::uint32_t>(header.size() + zeros));   // ISIZE: the size mod 2^32
    return file;
}

// Files in a folder of this process under the system's temporary directory
// (two builds may run the test at the same time), removed at exit.
struct scratch_folder {
    std::filesystem::path path;
    explicit scratch_folder(const std::string& prefix)
        : path(std::filesystem::temp_directory_path() / (prefix + std::to_string(getpid())))
    {
        std::filesystem::create_directories(path);
    }
    ~scratch_folder()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }

    // Writes `content` as the file `name`, gzip-compressed if asked.
    std::string write(const std::string& name, const bytes& content, bool compress = false) const
    {
        const std::string file = (path / name).string();
        const bytes& written = compress ? gzip(content) : content;
        std::FILE* f = std::fopen(file.c_str(), "wb");
        REQUIRE(f != nullptr);
        REQUIRE(std::fwrite(written.data(), 1, written.size(), f) == written.size());
        REQUIRE(std::fclose(f) == 0);
        return file;
    }
};

} // namespace hanaprop_tests
