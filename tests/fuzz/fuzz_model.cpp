// libFuzzer target: the model loader (hanaprop/core/model_bytes.hpp and
// hanaprop/host/model_file.hpp).
//
// Input: a model file, as it is. Every input is loaded into four networks:
// 7-5-3 float, 4-3-2 double, 7-5-3 fixed<16, 11> and 2-3-1 fixed<32, 16>,
// each first filled with a known bit pattern; once from memory
// (load_model_bytes) and once from a file (load_model, through a memfd).
// Besides what the sanitizers catch, the target traps when a result breaks
// the loader's promises:
// - a refused load leaves every parameter of the network bit for bit as it
//   was (parameters, not padding);
// - an accepted load reads exactly the model's size, and saving the network
//   again gives the same bytes (the same values, when the file was written
//   in the other byte order);
// - load_model accepts exactly what load_model_bytes accepts, and its error
//   is a model_file_error whose message is printable ASCII, starts with
//   "<file>: byte <offset>: " and is the one the buffer's result gives;
// - the offset of an error is within the input.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/core/model_bytes.hpp>
#include <hanaprop/host/model_file.hpp>

namespace {

void check(bool promise)
{
    if (!promise) __builtin_trap();
}

// Every parameter's bits, in file order.
template <class Net>
std::vector<std::uint64_t> parameter_bits(const Net& net)
{
    using T = typename Net::value_type;
    using V = hanaprop::detail::model_value<T>;
    std::vector<std::uint64_t> bits;
    hanaprop::detail::for_each_parameter(net, [&](const T& value) { bits.push_back(V::to_bits(value)); });
    return bits;
}

// A network whose parameters are a pattern no model of the seeds holds.
template <class Net>
Net patterned()
{
    using T = typename Net::value_type;
    using V = hanaprop::detail::model_value<T>;
    Net net{};
    std::uint64_t n = 0x9e3779b97f4a7c15u;
    hanaprop::detail::for_each_parameter(net, [&](T& value) {
        n = n * 6364136223846793005u + 1442695040888963407u;
        value = V::from_bits(V::bytes == 8 ? n : n >> (64 - 8 * V::bytes));
    });
    return net;
}

// The input as a file: a memfd, rewritten for every input.
const std::string& memory_path(const std::uint8_t* data, std::size_t size)
{
    static const int fd = memfd_create("fuzz_model", MFD_CLOEXEC);
    static const std::string path = "/proc/self/fd/" + std::to_string(fd);
    check(fd >= 0);
    check(ftruncate(fd, 0) == 0);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
        check(n > 0);
        done += static_cast<std::size_t>(n);
    }
    return path;
}

bool printable(const std::string& text)
{
    for (const char c : text)
        if (c < 0x20 || c >= 0x7f) return false;
    return true;
}

template <class Net>
void load(std::span<const unsigned char> in, const std::string& path)
{
    static const Net original = patterned<Net>();
    static const std::vector<std::uint64_t> original_bits = parameter_bits(original);
    constexpr std::size_t size = hanaprop::model_size<Net>;

    Net net = original;
    const hanaprop::model_result r = hanaprop::load_model_bytes(net, in);
    if (r.status == hanaprop::model_status::ok) {
        check(r.size == size && in.size() == size && r.offset == 0);
        std::vector<unsigned char> again(size);
        check(hanaprop::save_model_bytes(net, again).status == hanaprop::model_status::ok);
        if (in[5] == again[5]) {
            check(std::equal(again.begin(), again.end(), in.begin()));
        } else {
            Net reloaded = original;
            check(hanaprop::load_model_bytes(reloaded, again).status == hanaprop::model_status::ok);
            check(parameter_bits(reloaded) == parameter_bits(net));
        }
    } else {
        check(parameter_bits(net) == original_bits);
        check(r.offset <= in.size() && r.size == 0);
    }

    // The same bytes through the file API.
    const std::string message =
        r.status == hanaprop::model_status::ok
            ? std::string()
            : path + ": byte " + std::to_string(r.offset) + ": " + hanaprop::host::detail::model_problem<Net>(r, in);
    Net from_file = original;
    try {
        hanaprop::host::load_model(from_file, path);
        check(r.status == hanaprop::model_status::ok);
        check(parameter_bits(from_file) == parameter_bits(net));
    } catch (const hanaprop::host::model_file_error& e) {
        check(r.status != hanaprop::model_status::ok);
        check(parameter_bits(from_file) == original_bits);
        check(e.offset() && *e.offset() == r.offset);
        check(e.what() == message);
        check(printable(e.what()));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const unsigned char> in{data, size};
    const std::string& path = memory_path(data, size);
    load<hanaprop::network<7, 5, 3>>(in, path);
    load<hanaprop::basic_network<double, 4, 3, 2>>(in, path);
    load<hanaprop::basic_network<hanaprop::fixed<16, 11>, 7, 5, 3>>(in, path);
    load<hanaprop::basic_network<hanaprop::fixed<32, 16>, 2, 3, 1>>(in, path);
    load<hanaprop::layered_network<float, hanaprop::input<7>, hanaprop::dense<5, hanaprop::activation::relu>,
                                   hanaprop::dense<3, hanaprop::activation::softmax>>>(in, path);
    return 0;
}
