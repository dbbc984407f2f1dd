// Bytes compressed as one gzip member, for the tests and fuzz targets that
// make gzip files of their own. Empty if zlib fails (it cannot run out of
// room: the output is sized by deflateBound).
#pragma once

#include <zlib.h>

#include <cstddef>
#include <vector>

namespace hanaprop_tests {

inline std::vector<unsigned char> gzip_bytes(const unsigned char* data, std::size_t size, int level)
{
    z_stream z{};
    if (deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::vector<unsigned char> out(deflateBound(&z, size));
    z.next_in = const_cast<Bytef*>(data);
    z.avail_in = static_cast<uInt>(size);
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    const bool done = deflate(&z, Z_FINISH) == Z_STREAM_END;
    out.resize(done ? z.total_out : 0);
    deflateEnd(&z);
    return out;
}

} // namespace hanaprop_tests
