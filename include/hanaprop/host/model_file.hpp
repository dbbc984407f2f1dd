// hanaprop/host/model_file.hpp - saves a trained network to a model file
// and loads it back at run time, bit for bit. Host only (files,
// exceptions); the format and its checks are core/model_bytes.hpp's.
//
//   hanaprop::host::save_model(net, "seeds.hnp");
//   hanaprop::host::load_model(net, "seeds.hnp");   // the same Net type
//
// A save goes through a temporary file and a rename (host/atomic_file.hpp):
// a crash or a full disk never leaves half a model and never destroys the
// previous one. A load reads the file, checks all of it against the
// network (magic, version, value type, topology, activations, loss, size,
// CRC-32), and only then changes the network. Every failure throws
// model_file_error (a file_error), whose message names the file, the byte
// and what does not match.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <hanaprop/core/model_bytes.hpp>
#include <hanaprop/host/atomic_file.hpp>
#include <hanaprop/host/file_error.hpp>

namespace hanaprop::host {

// A model file that cannot be written or read, or does not fit the
// network: what() reads "<file>: byte <offset>: <problem>", or
// "<file>: <problem>" when the problem has no byte (an unreadable file).
class model_file_error : public file_error {
public:
    model_file_error(const std::filesystem::path& file, std::optional<std::uint64_t> offset, const std::string& problem)
        : file_error(offset ? file_error(file.string(), *offset, problem) : file_error(file.string(), problem)),
          offset_(offset)
    {
    }
    std::optional<std::uint64_t> offset() const noexcept { return offset_; }

private:
    std::optional<std::uint64_t> offset_;
};

namespace detail {

inline std::string model_value_type_name(std::uint64_t type)
{
    const auto kind = static_cast<value_kind>(type >> 8);
    const std::string fraction = std::to_string(type & 0xff);
    switch (kind) {
    case value_kind::binary32: return "float";
    case value_kind::binary64: return "double";
    case value_kind::fixed16: return "fixed<16, " + fraction + ">";
    case value_kind::fixed32: return "fixed<32, " + fraction + ">";
    }
    return "an unknown value type (kind " + std::to_string(type >> 8) + ")";
}

inline std::string activation_name(std::uint64_t id)
{
    constexpr const char* names[] = {"sigmoid", "tanh", "relu", "leaky_relu", "identity", "softmax"};
    return id < activation_id_count ? names[id] : "unknown id " + std::to_string(id);
}

inline std::string loss_name(std::uint64_t id)
{
    constexpr const char* names[] = {"quadratic", "cross_entropy"};
    return id < loss_id_count ? names[id] : "unknown id " + std::to_string(id);
}

template <class Net>
std::string network_sizes_text()
{
    std::string text;
    boost::hana::for_each(boost::hana::make_range(boost::hana::size_c<0>, boost::hana::size_c<Net::depth + 1>), [&](auto l) {
        text += (text.empty() ? "" : "-") + std::to_string(Net::template size<decltype(l)::value>);
    });
    return text;
}

// The layer sizes the file states, as far as it holds them: "7-5-3", or
// "a count of 1000000000 layers" when the count alone says they differ.
inline std::string file_sizes_text(std::span<const unsigned char> bytes)
{
    const bool big = bytes[5] == hanaprop::detail::big_endian_order;
    const std::uint64_t count = hanaprop::detail::read_uint(bytes, 8, 4, big);
    std::string text;
    for (std::uint64_t l = 0; l < count && l < 16; ++l) {
        const std::size_t at = hanaprop::detail::model_sizes_offset + 4 * static_cast<std::size_t>(l);
        if (bytes.size() < at + 4) return text + (text.empty() ? "" : "-") + "... (truncated)";
        text += (text.empty() ? "" : "-") + std::to_string(hanaprop::detail::read_uint(bytes, at, 4, big));
    }
    return count > 16 ? std::to_string(count) + " layers (" + text + "-...)" : text;
}

template <class Net>
std::string model_problem(const model_result& r, std::span<const unsigned char> bytes)
{
    const auto n = [](std::uint64_t v) { return std::to_string(v); };
    switch (r.status) {
    case model_status::ok: return "no problem";
    case model_status::buffer_too_small: return "the buffer holds " + n(r.found) + " bytes, the model needs " + n(r.expected);
    case model_status::truncated:
        return "the file ends after " + n(r.found) + " bytes; a model of this network has " + n(r.expected);
    case model_status::not_a_model: return "not a hanaprop model file (it does not start with \"HNPM\")";
    case model_status::unsupported_version:
        return "format version " + n(r.found) + "; this hanaprop reads version " + n(r.expected);
    case model_status::bad_byte_order:
        return "byte order " + n(r.found) + " is neither 1 (little-endian) nor 2 (big-endian)";
    case model_status::value_type_mismatch:
        return "the file holds " + model_value_type_name(r.found) + " parameters, the network " +
               model_value_type_name(r.expected);
    case model_status::topology_mismatch:
        return "the file's layer sizes are " + file_sizes_text(bytes) + ", the network's " + network_sizes_text<Net>();
    case model_status::unknown_activation:
        return "activation id " + n(r.found) + " of layer " + n(r.offset - hanaprop::detail::model_activations_offset<Net>) +
               " is not one this hanaprop knows";
    case model_status::activation_mismatch:
        return "layer " + n(r.offset - hanaprop::detail::model_activations_offset<Net>) + " is " + activation_name(r.found) +
               " in the file, " + activation_name(r.expected) + " in the network";
    case model_status::unknown_loss: return "loss id " + n(r.found) + " is not one this hanaprop knows";
    case model_status::loss_mismatch:
        return "the loss is " + loss_name(r.found) + " in the file, " + loss_name(r.expected) + " in the network";
    case model_status::checksum_mismatch: {
        const auto hex = [](std::uint64_t v) {
            char text[16];
            std::snprintf(text, sizeof text, "0x%08llx", static_cast<unsigned long long>(v));
            return std::string(text);
        };
        return "the stored CRC-32 " + hex(r.found) + " is not the contents' " + hex(r.expected) +
               ": the file is damaged";
    }
    case model_status::trailing_bytes:
        return "the file goes on after the " + n(r.expected) + " bytes of a model of this network";
    }
    return "unknown status";
}

} // namespace detail

// Writes `net` to `file` atomically. Throws model_file_error naming the
// file and the reason (no such directory, a directory of that name, a
// full disk, ...); a file already there is then left as it was.
template <class Net>
void save_model(const Net& net, const std::filesystem::path& file)
{
    std::vector<unsigned char> bytes(model_size<Net>);
    save_model_bytes(net, bytes);
    try {
        write_file_atomically(file, {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
    } catch (const file_write_error& e) {
        throw model_file_error(file, std::nullopt, "cannot write the model: " + e.reason());
    }
}

// Reads `file` into `net`. Throws model_file_error naming the file, the
// byte and what does not match (see model_status); `net` is then unchanged.
// Reads at most one byte more than the model's size, whatever the file.
template <class Net>
void load_model(Net& net, const std::filesystem::path& file)
{
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw model_file_error(file, std::nullopt, "cannot read the model: it is a directory");
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> in{std::fopen(file.c_str(), "rb"), &std::fclose};
    if (!in)
        throw model_file_error(file, std::nullopt,
                               "cannot read the model: " + std::generic_category().message(errno));
    std::vector<unsigned char> bytes(model_size<Net> + 1);
    const std::size_t got = std::fread(bytes.data(), 1, bytes.size(), in.get());
    if (std::ferror(in.get()))
        throw model_file_error(file, got, "cannot read the model: " + std::generic_category().message(errno));
    bytes.resize(got);
    const model_result r = load_model_bytes(net, bytes);
    if (r.status != model_status::ok) throw model_file_error(file, r.offset, detail::model_problem<Net>(r, bytes));
}

} // namespace hanaprop::host
