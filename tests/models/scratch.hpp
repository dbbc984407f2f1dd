// Scratch places for the file tests: a fresh directory, a small tmpfs (a
// disk that fills up), a read-only one, and a file-size limit (a full disk
// that needs no privileges).
#pragma once

#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace hanaprop_tests {

inline std::string read_bytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

// The names in a directory, to check that no temporary file is left.
inline std::vector<std::string> entries(const std::filesystem::path& dir)
{
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
    return names;
}

// A new empty directory under the system's temporary directory, removed
// with its contents at the end of the test.
class scratch_dir {
public:
    explicit scratch_dir(const std::string& name)
        : path_(std::filesystem::temp_directory_path() / ("hanaprop_" + name + "_" + std::to_string(::getpid())))
    {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    ~scratch_dir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const noexcept { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// Mounting needs privileges (root in CI and in the dev container). The
// test process first moves to a mount namespace of its own, so that its
// mounts vanish with it even if a test crashes. False where that is not
// allowed: the callers then warn and skip the tmpfs case.
inline bool can_mount()
{
    static const bool allowed = [] {
        if (::unshare(CLONE_NEWNS) != 0) return false;
        return ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
    }();
    return allowed;
}

// A tmpfs of `kilobytes` mounted on a new directory (read-only if asked,
// after `fill` has put files in it), unmounted at the end of the test.
class scratch_tmpfs {
public:
    scratch_tmpfs(const std::string& name, std::size_t kilobytes) : dir_(name)
    {
        const std::string options = "size=" + std::to_string(kilobytes) + "k";
        mounted_ = can_mount() && ::mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, options.c_str()) == 0;
    }
    scratch_tmpfs(const scratch_tmpfs&) = delete;
    scratch_tmpfs& operator=(const scratch_tmpfs&) = delete;
    ~scratch_tmpfs()
    {
        if (mounted_) ::umount2(dir_.path().c_str(), MNT_DETACH);
    }
    bool mounted() const noexcept { return mounted_; }
    bool make_read_only() const
    {
        return ::mount(nullptr, dir_.path().c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0;
    }
    const std::filesystem::path& path() const noexcept { return dir_.path(); }
    std::filesystem::path operator/(const std::string& name) const { return dir_.path() / name; }

private:
    scratch_dir dir_;
    bool mounted_ = false;
};

// While alive, a file written by this process may not exceed `bytes`:
// write(2) fails with EFBIG past it, as on a full disk (SIGXFSZ ignored).
class file_size_limit {
public:
    explicit file_size_limit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &saved_);
        previous_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = saved_;
        limit.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    file_size_limit(const file_size_limit&) = delete;
    file_size_limit& operator=(const file_size_limit&) = delete;
    ~file_size_limit()
    {
        ::setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, previous_);
    }

private:
    rlimit saved_{};
    void (*previous_)(int) = nullptr;
};

} // namespace hanaprop_tests
