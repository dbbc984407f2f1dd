// A read-only FILE* over bytes in memory, for the fuzz targets: the readers
// take a FILE*, and fmemopen refuses an empty buffer on some C libraries.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <sys/types.h>

namespace hanaprop_fuzz {

class memory_file {
public:
    memory_file(const unsigned char* data, std::size_t size) : data_(data), size_(size)
    {
        const cookie_io_functions_t functions{&read, nullptr, nullptr, nullptr};
        file_ = fopencookie(this, "r", functions);
        if (!file_) __builtin_trap();
    }
    memory_file(const memory_file&) = delete;
    memory_file& operator=(const memory_file&) = delete;
    ~memory_file() { std::fclose(file_); }

    std::FILE* get() const noexcept { return file_; }

private:
    static ssize_t read(void* cookie, char* buffer, std::size_t size)
    {
        auto& self = *static_cast<memory_file*>(cookie);
        const std::size_t n = size < self.size_ - self.position_ ? size : self.size_ - self.position_;
        if (n == 0) return 0;
        std::memcpy(buffer, self.data_ + self.position_, n);
        self.position_ += n;
        return static_cast<ssize_t>(n);
    }

    const unsigned char* data_;
    std::size_t size_;
    std::size_t position_ = 0;
    std::FILE* file_ = nullptr;
};

} // namespace hanaprop_fuzz
