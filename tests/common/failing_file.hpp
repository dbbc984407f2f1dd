// A FILE* that reads like a file holding `content` until byte `fail_at`,
// where every further read fails with EIO, as a disk with a bad sector
// does: the way to test that a reader takes a read error for an error and
// not for the end of the file. Built on glibc's fopencookie.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/types.h>

namespace hanaprop_tests {

class failing_file {
public:
    failing_file(std::string content, std::size_t fail_at) : content_(std::move(content)), fail_at_(fail_at)
    {
        const cookie_io_functions_t functions{&read, nullptr, nullptr, nullptr};
        file_ = fopencookie(this, "r", functions);
    }
    failing_file(const failing_file&) = delete;
    failing_file& operator=(const failing_file&) = delete;
    ~failing_file()
    {
        if (file_) std::fclose(file_);
    }

    std::FILE* get() const noexcept { return file_; }

private:
    static ssize_t read(void* cookie, char* buffer, std::size_t size)
    {
        auto& self = *static_cast<failing_file*>(cookie);
        if (self.position_ >= self.fail_at_) {
            errno = EIO;
            return -1;
        }
        std::size_t n = self.fail_at_ - self.position_;
        if (n > self.content_.size() - self.position_) n = self.content_.size() - self.position_;
        if (n > size) n = size;
        std::memcpy(buffer, self.content_.data() + self.position_, n);
        self.position_ += n;
        return static_cast<ssize_t>(n);
    }

    std::string content_;
    std::size_t fail_at_;
    std::size_t position_ = 0;
    std::FILE* file_ = nullptr;
};

} // namespace hanaprop_tests
