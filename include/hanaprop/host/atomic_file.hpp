// hanaprop/host/atomic_file.hpp - writes a whole file or nothing: the
// bytes go to a temporary file in the same directory, are flushed to the
// disk (fsync), and the temporary file is renamed over the target. A crash,
// a full disk or a killed process leaves either the old file or the new
// one, never a mix, never a truncated file. Host only (POSIX).
//
//   hanaprop::host::write_file_atomically("model.hnp", bytes);
//
// Every failure throws file_write_error (a file_error) naming the path and
// the reason ("No space left on device", "Is a directory", ...); the
// temporary file is removed and a file already at the path is left as it was.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <hanaprop/host/file_error.hpp>

namespace hanaprop::host {

// A file that could not be written: what() reads
// "<context>cannot write '<path>': <reason>", the form programs already
// print and match, rather than file_error's "file: problem".
class file_write_error : public file_error {
public:
    file_write_error(const std::filesystem::path& path, const std::string& reason, const std::string& context = {})
        : file_error(path.string(), reason, context + "cannot write '" + path.string() + "': " + reason,
                     preformatted{}),
          path_(path)
    {
    }
    const std::filesystem::path& path() const noexcept { return path_; }
    // What went wrong ("No space left on device"), without the file.
    const std::string& reason() const noexcept { return problem(); }

private:
    std::filesystem::path path_;
};

namespace detail {

// Closes a descriptor and removes the temporary file unless released.
class temporary_file {
public:
    temporary_file(int fd, std::string name) noexcept : fd_(fd), name_(std::move(name)) {}
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;
    ~temporary_file()
    {
        if (fd_ >= 0) ::close(fd_);
        if (!name_.empty()) ::unlink(name_.c_str());
    }
    int fd() const noexcept { return fd_; }
    const std::string& name() const noexcept { return name_; }
    // close(2) reports a deferred write error (NFS, some full disks): its result counts.
    int close() noexcept
    {
        const int result = ::close(fd_);
        fd_ = -1;
        return result;
    }
    void keep() noexcept { name_.clear(); }

private:
    int fd_;
    std::string name_;
};

inline std::string errno_text(int error) { return std::generic_category().message(error); }

// Creates "<dir>/.<name>.tmp<pid>.<n>" exclusively, with the mode a new
// file gets (0666 less the umask), as std::ofstream would.
inline temporary_file create_temporary_beside(const std::filesystem::path& path, const std::string& context)
{
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const std::string stem = "." + path.filename().string() + ".tmp" + std::to_string(::getpid()) + ".";
    for (unsigned attempt = 0;; ++attempt) {
        std::string name = (dir / (stem + std::to_string(attempt))).string();
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) return temporary_file(fd, std::move(name));
        if (errno != EEXIST || attempt == 1000) throw file_write_error(path, errno_text(errno), context);
    }
}

} // namespace detail

// Writes `contents` as the whole of `path`, atomically (see above). The
// directory is synced after the rename, so the new name survives a power
// loss too. `context` prefixes the error message ("hanaprop::host::save_model: ").
inline void write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                                  const std::string& context = {})
{
    if (path.empty() || !path.has_filename()) throw file_write_error(path, "not a file name", context);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw file_write_error(path, detail::errno_text(EISDIR), context);

    const auto fail = [&](int error) { return file_write_error(path, detail::errno_text(error), context); };
    detail::temporary_file tmp = detail::create_temporary_beside(path, context);
    const char* next = contents.data();
    std::size_t left = contents.size();
    while (left > 0) {
        const ::ssize_t written = ::write(tmp.fd(), next, left);
        if (written < 0 && errno == EINTR) continue;
        // A write of 0 bytes for a non-empty request would loop forever: report it.
        if (written <= 0) throw fail(written < 0 ? errno : ENOSPC);
        next += written;
        left -= static_cast<std::size_t>(written);
    }
    if (::fsync(tmp.fd()) != 0) throw fail(errno);
    if (tmp.close() != 0) throw fail(errno);
    if (::rename(tmp.name().c_str(), path.c_str()) != 0) throw fail(errno);
    tmp.keep();

    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        // Best effort: the file is complete and in place either way.
        (void)::fsync(dir_fd);
        ::close(dir_fd);
    }
}

} // namespace hanaprop::host
