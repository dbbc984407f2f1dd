// hanaprop/host/model_file.hpp: save_model and load_model, every bad file
// named in the error, the network and the previous file left as they were.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/host/model_file.hpp>

#include "../common/memory_cap.hpp"
#include "scratch.hpp"

using hanaprop_tests::entries;
using hanaprop_tests::read_bytes;
using hanaprop_tests::write_bytes;

namespace {

using small_net = hanaprop::network<7, 5, 3>;

// Loading `file` into a copy of `original` must fail with exactly `message`
// and leave the copy equal to `original`.
template <class Net>
void check_refused(const std::filesystem::path& file, const Net& original, const std::string& message)
{
    Net net = original;
    CHECK_THROWS_WITH(hanaprop::host::load_model(net, file), message);
    CHECK(net == original);
}

} // namespace

TEST_CASE("save_model and load_model round-trip every value type bit for bit", "[model_file]")
{
    hanaprop_tests::scratch_dir dir("model_roundtrip");
    const auto round_trip = [&](auto net, const char* name) {
        using Net = decltype(net);
        hanaprop::host::save_model(net, dir / name);
        CHECK(std::filesystem::file_size(dir / name) == hanaprop::model_size<Net>);
        Net loaded{};
        hanaprop::host::load_model(loaded, dir / name);
        CHECK(std::memcmp(&loaded, &net, sizeof(Net)) == 0);
    };
    const auto trained = hanaprop::random_network<small_net>(1);
    round_trip(trained, "float.hnp");
    round_trip(hanaprop::random_network<hanaprop::basic_network<double, 7, 5, 3>>(2), "double.hnp");
    round_trip(hanaprop::network_cast<hanaprop::fixed<16, 12>>(trained), "q3_12.hnp");
    round_trip(hanaprop::network_cast<hanaprop::fixed<16, 11>>(trained), "q4_11.hnp");
    round_trip(hanaprop::network_cast<hanaprop::fixed<32, 16>>(trained), "q15_16.hnp");
}

TEST_CASE("a model file that does not fit is refused with the file, the byte and the difference", "[model_file]")
{
    hanaprop_tests::scratch_dir dir("model_bad");
    const auto saved = hanaprop::random_network<small_net>(3);
    const auto file = dir / "seeds.hnp";
    hanaprop::host::save_model(saved, file);
    const std::string good = read_bytes(file);
    const std::string f = file.string();

    // Another topology: the sizes of both.
    check_refused(file, hanaprop::random_network<hanaprop::network<7, 4, 3>>(4),
                  f + ": byte 16: the file's layer sizes are 7-5-3, the network's 7-4-3");
    check_refused(file, hanaprop::random_network<hanaprop::network<7, 5, 4, 3>>(4),
                  f + ": byte 8: the file's layer sizes are 7-5-3, the network's 7-5-4-3");
    // Another value type.
    check_refused(file, hanaprop::random_network<hanaprop::basic_network<double, 7, 5, 3>>(4),
                  f + ": byte 6: the file holds float parameters, the network double");
    const auto q = dir / "q.hnp";
    hanaprop::host::save_model(hanaprop::network_cast<hanaprop::fixed<16, 12>>(saved), q);
    check_refused(q, hanaprop::network_cast<hanaprop::fixed<16, 11>>(saved),
                  q.string() + ": byte 6: the file holds fixed<16, 12> parameters, the network fixed<16, 11>");

    const auto other = hanaprop::random_network<small_net>(5);
    const auto with = [&](std::size_t at, char value) {
        std::string bytes = good;
        bytes[at] = value;
        write_bytes(file, bytes);
    };
    with(4, 2);
    check_refused(file, other, f + ": byte 4: format version 2; this hanaprop reads version 1");
    with(25, 9);
    check_refused(file, other, f + ": byte 25: activation id 9 of layer 1 is not one this hanaprop knows");
    with(24, 2);
    check_refused(file, other, f + ": byte 24: layer 0 is relu in the file, sigmoid in the network");
    with(26, 1);
    check_refused(file, other, f + ": byte 26: the loss is cross_entropy in the file, quadratic in the network");
    with(26, 5);
    check_refused(file, other, f + ": byte 26: loss id 5 is not one this hanaprop knows");
    with(5, 7);
    check_refused(file, other, f + ": byte 5: byte order 7 is neither 1 (little-endian) nor 2 (big-endian)");

    // A damaged parameter: the checksum.
    std::string damaged = good;
    damaged[200] = static_cast<char>(damaged[200] ^ 1);
    write_bytes(file, damaged);
    {
        small_net net = other;
        try {
            hanaprop::host::load_model(net, file);
            FAIL("a damaged file was loaded");
        } catch (const hanaprop::host::model_file_error& e) {
            // The two CRCs by zlib: the one saved, the one of the damaged bytes.
            const auto crc_of = [](const std::string& bytes) {
                const auto* p = reinterpret_cast<const Bytef*>(bytes.data());
                return ::crc32(::crc32(0, p, 27), p + 31, static_cast<uInt>(bytes.size() - 31));
            };
            char expected[128];
            std::snprintf(expected, sizeof expected, ": byte 27: the stored CRC-32 0x%08lx is not the contents' 0x%08lx: the file is damaged",
                          crc_of(good), crc_of(damaged));
            CHECK(e.what() == f + expected);
            CHECK(e.file() == file);
            CHECK(e.offset() == 27);
        }
        CHECK(net == other);
    }

    // Truncated, too long, not ours, empty.
    write_bytes(file, good.substr(0, 100));
    check_refused(file, other, f + ": byte 100: the file ends after 100 bytes; a model of this network has 263");
    write_bytes(file, good + "extra");
    check_refused(file, other, f + ": byte 263: the file goes on after the 263 bytes of a model of this network");
    write_bytes(file, "5.1,3.5,1.4,0.2,1\n");
    check_refused(file, other, f + ": byte 0: not a hanaprop model file (it does not start with \"HNPM\")");
    write_bytes(file, "");
    check_refused(file, other, f + ": byte 0: the file ends after 0 bytes; a model of this network has 263");

    // A header that claims a layer of a billion neurons: refused from the header.
    std::string huge = good;
    huge[16] = 0, huge[17] = static_cast<char>(0xca), huge[18] = static_cast<char>(0x9a), huge[19] = 0x3b;
    write_bytes(file, huge);
    check_refused(file, other, f + ": byte 16: the file's layer sizes are 7-1000000000-3, the network's 7-5-3");

    // No file, a directory.
    check_refused(dir / "missing.hnp", other,
                  (dir / "missing.hnp").string() + ": cannot read the model: No such file or directory");
    check_refused(dir.path(), other, dir.path().string() + ": cannot read the model: it is a directory");
}

TEST_CASE("save_model never leaves half a model and never loses the previous one", "[model_file]")
{
    hanaprop_tests::scratch_dir dir("model_save");
    const auto file = dir / "model.hnp";
    const auto first = hanaprop::random_network<small_net>(6);
    hanaprop::host::save_model(first, file);
    const std::string previous = read_bytes(file);
    {
        hanaprop_tests::file_size_limit limit(100);
        CHECK_THROWS_WITH(hanaprop::host::save_model(hanaprop::random_network<small_net>(7), file),
                          file.string() + ": cannot write the model: File too large");
    }
    CHECK(read_bytes(file) == previous);
    CHECK(entries(dir.path()) == std::vector<std::string>{"model.hnp"});
    CHECK_THROWS_WITH(hanaprop::host::save_model(first, dir.path()),
                      dir.path().string() + ": cannot write the model: Is a directory");
    CHECK_THROWS_AS(hanaprop::host::save_model(first, dir / "no" / "model.hnp"), hanaprop::host::model_file_error);

    hanaprop_tests::scratch_tmpfs disk("model_tmpfs", 4);
    if (!disk.mounted()) {
        WARN("cannot mount a tmpfs here: the full-disk case ran with a file-size limit only");
        return;
    }
    // A 4 KB disk holds one model of 263 bytes, not a model of 784-30-10.
    hanaprop::host::save_model(first, disk / "model.hnp");
    using big_net = hanaprop::network<784, 30, 10>;
    CHECK_THROWS_WITH(hanaprop::host::save_model(hanaprop::random_network<big_net>(1), disk / "model.hnp"),
                      (disk / "model.hnp").string() + ": cannot write the model: No space left on device");
    CHECK(read_bytes(disk / "model.hnp") == previous);
    CHECK(entries(disk.path()) == std::vector<std::string>{"model.hnp"});
}

TEST_CASE("a header that claims a huge layer is refused within a small memory cap", "[model_file]")
{
    if (hanaprop_tests::address_sanitizer) {
        WARN("AddressSanitizer reserves terabytes of address space: no memory cap under it");
        return;
    }
    hanaprop_tests::scratch_dir dir("model_cap");
    const auto file = dir / "huge.hnp";
    hanaprop::host::save_model(hanaprop::random_network<small_net>(1), file);
    std::string bytes = read_bytes(file);
    bytes[16] = 0, bytes[17] = static_cast<char>(0xca), bytes[18] = static_cast<char>(0x9a), bytes[19] = 0x3b;
    write_bytes(file, bytes);
    // In a child process capped at 256 MB of address space: a loader that
    // allocated what the header claims (4 GB of weights) would fail there.
    const ::pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const ::rlimit cap{256u << 20, 256u << 20};
        ::setrlimit(RLIMIT_AS, &cap);
        small_net net{};
        try {
            hanaprop::host::load_model(net, file);
        } catch (const hanaprop::host::model_file_error& e) {
            ::_exit(std::string(e.what()).find("7-1000000000-3") != std::string::npos ? 0 : 2);
        } catch (...) {
            ::_exit(3);
        }
        ::_exit(4);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
