// hanaprop/host/atomic_file.hpp and export_header's use of it: a file is
// replaced whole or not at all, and every failure names the path.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/atomic_file.hpp>
#include <hanaprop/host/export_header.hpp>

#include "scratch.hpp"

using hanaprop_tests::entries;
using hanaprop_tests::read_bytes;
using hanaprop_tests::write_bytes;

TEST_CASE("an atomic write creates or replaces the whole file and leaves no temporary file", "[atomic_file]")
{
    hanaprop_tests::scratch_dir dir("atomic_ok");
    const auto file = dir / "out.txt";
    hanaprop::host::write_file_atomically(file, "first");
    CHECK(read_bytes(file) == "first");
    hanaprop::host::write_file_atomically(file, std::string(100000, 'x'));
    CHECK(read_bytes(file) == std::string(100000, 'x'));
    hanaprop::host::write_file_atomically(file, "");
    CHECK(read_bytes(file).empty());
    CHECK(entries(dir.path()) == std::vector<std::string>{"out.txt"});

    // A new file gets the mode std::ofstream would give it: 0666 less the umask.
    const ::mode_t mask = ::umask(022);
    hanaprop::host::write_file_atomically(dir / "mode.txt", "m");
    ::umask(mask);
    struct ::stat st {};
    REQUIRE(::stat((dir / "mode.txt").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
}

TEST_CASE("a path that is a directory, or in no directory, is an error naming it", "[atomic_file]")
{
    hanaprop_tests::scratch_dir dir("atomic_dir");
    std::filesystem::create_directory(dir / "model.hnp");
    write_bytes(dir / "model.hnp" / "inside", "kept");
    const std::string target = (dir / "model.hnp").string();
    CHECK_THROWS_WITH(hanaprop::host::write_file_atomically(dir / "model.hnp", "new"),
                      "cannot write '" + target + "': Is a directory");
    CHECK(read_bytes(dir / "model.hnp" / "inside") == "kept");

    CHECK_THROWS_WITH(hanaprop::host::write_file_atomically(dir / "missing" / "x.txt", "new", "who: "),
                      "who: cannot write '" + (dir / "missing" / "x.txt").string() +
                          "': No such file or directory");
    CHECK_THROWS_AS(hanaprop::host::write_file_atomically(dir / "missing" / "x.txt", "new"), hanaprop::host::file_write_error);
    CHECK(entries(dir.path()) == std::vector<std::string>{"model.hnp"});
}

TEST_CASE("a full disk leaves the previous file as it was", "[atomic_file]")
{
    // Without privileges: a file-size limit makes write(2) fail part-way.
    hanaprop_tests::scratch_dir dir("atomic_full");
    const auto file = dir / "model.hnp";
    write_bytes(file, "the previous model");
    {
        hanaprop_tests::file_size_limit limit(4096);
        CHECK_THROWS_WITH(hanaprop::host::write_file_atomically(file, std::string(10000, 'n')),
                          "cannot write '" + file.string() + "': File too large");
    }
    CHECK(read_bytes(file) == "the previous model");
    CHECK(entries(dir.path()) == std::vector<std::string>{"model.hnp"});

    // A real full disk: a 64 KB tmpfs (where mounting is allowed).
    hanaprop_tests::scratch_tmpfs disk("atomic_tmpfs", 64);
    if (!disk.mounted()) {
        WARN("cannot mount a tmpfs here: the full-disk case ran with a file-size limit only");
        return;
    }
    const auto on_disk = disk / "model.hnp";
    write_bytes(on_disk, "the previous model");
    CHECK_THROWS_WITH(hanaprop::host::write_file_atomically(on_disk, std::string(200000, 'n')),
                      "cannot write '" + on_disk.string() + "': No space left on device");
    CHECK(read_bytes(on_disk) == "the previous model");
    CHECK(entries(disk.path()) == std::vector<std::string>{"model.hnp"});
    // The space of the failed attempt is free again: a file that fits is written.
    hanaprop::host::write_file_atomically(on_disk, std::string(30000, 'y'));
    CHECK(read_bytes(on_disk) == std::string(30000, 'y'));
}

TEST_CASE("an unwritable directory is an error naming the path", "[atomic_file]")
{
    if (::geteuid() != 0) {
        hanaprop_tests::scratch_dir dir("atomic_ro");
        write_bytes(dir / "model.hnp", "kept");
        std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
        CHECK_THROWS_WITH(hanaprop::host::write_file_atomically(dir / "model.hnp", "new"),
                          "cannot write '" + (dir / "model.hnp").string() + "': Permission denied");
        std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all);
        CHECK(read_bytes(dir / "model.hnp") == "kept");
        return;
    }
    // Root writes through permissions: a read-only file system instead.
    hanaprop_tests::scratch_tmpfs disk("atomic_rofs", 64);
    if (!disk.mounted()) {
        WARN("running as root without mount: the unwritable-directory case cannot be set up here");
        return;
    }
    write_bytes(disk / "model.hnp", "kept");
    REQUIRE(disk.make_read_only());
    CHECK_THROWS_WITH(hanaprop::host::write_file_atomically(disk / "model.hnp", "new"),
                      "cannot write '" + (disk / "model.hnp").string() + "': Read-only file system");
    CHECK(read_bytes(disk / "model.hnp") == "kept");
}

TEST_CASE("export_header replaces a header whole or not at all", "[atomic_file][export_header]")
{
    hanaprop_tests::scratch_dir dir("export_atomic");
    const auto file = dir / "net.hpp";
    const auto net = hanaprop::random_network<hanaprop::network<7, 5, 3>>(3);
    hanaprop::host::export_header(file, net, "old_net");
    const std::string old_header = read_bytes(file);
    REQUIRE(old_header.find("old_net") != std::string::npos);
    {
        hanaprop_tests::file_size_limit limit(old_header.size() / 2);
        CHECK_THROWS_WITH(hanaprop::host::export_header(file, net, "new_net"),
                          "hanaprop::host::export_header: cannot write '" + file.string() + "': File too large");
    }
    CHECK(read_bytes(file) == old_header);
    CHECK(entries(dir.path()) == std::vector<std::string>{"net.hpp"});
    CHECK_THROWS_WITH(hanaprop::host::export_header(dir.path(), net, "new_net"),
                      "hanaprop::host::export_header: cannot write '" + dir.path().string() + "': Is a directory");
}
