// hanaprop/core/model_bytes.hpp - a network's parameters as a self-checking
// byte string (the model file format), written to and read from a buffer
// the caller owns: for firmware that keeps a model in flash, and under
// host/model_file.hpp. No heap, no exceptions: every call returns a
// model_result saying what happened and at which byte.
//
//   std::array<unsigned char, hanaprop::model_size<Net>> buffer;
//   hanaprop::save_model_bytes(net, buffer);
//   if (hanaprop::load_model_bytes(net, buffer).status != hanaprop::model_status::ok) ...
//
// The format (docs/models.md has it byte by byte): "HNPM", format version,
// byte order, value type, layer sizes, one activation id per weight layer,
// a loss id, the CRC-32 of everything else, then every parameter, layer by
// layer, each neuron's weights then the layer's biases. A load checks all
// of it before it writes one parameter, so a buffer that is refused leaves
// the network as it was.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/crc32.hpp>
#include <hanaprop/core/fixed.hpp>
#include <hanaprop/core/network.hpp>

namespace hanaprop {

// The value types a model file holds: byte 6 of the format; byte 7 is the
// number of fraction bits of a fixed-point type (0 for float and double).
enum class value_kind : std::uint8_t { binary32 = 1, binary64 = 2, fixed16 = 3, fixed32 = 4 };

// What a load or save found. `offset` is the byte where the problem is;
// `found` and `expected` are the value there and the value the network
// needs (a size, an id, a byte count or a checksum, as the status says).
enum class model_status : std::uint8_t {
    ok,
    buffer_too_small,      // save: the buffer holds `found` bytes, the model needs `expected`
    truncated,             // the bytes end at `found`; the model needs `expected`
    not_a_model,           // the first four bytes are not "HNPM"
    unsupported_version,   // format version `found`; this code reads `expected`
    bad_byte_order,        // byte order `found` is neither 1 (little) nor 2 (big-endian)
    value_type_mismatch,   // value type `found` (kind << 8 | fraction bits), the network's `expected`
    topology_mismatch,     // at `offset`: `found` (a layer count or size), the network's `expected`
    unknown_activation,    // activation id `found` is not in the table
    activation_mismatch,   // activation id `found`, the network's `expected`
    unknown_loss,          // loss id `found` is not in the table
    loss_mismatch,         // loss id `found`, the network's `expected`
    checksum_mismatch,     // stored CRC-32 `found`, the bytes' `expected`
    trailing_bytes,        // the buffer holds `found` bytes, the model ends at `expected`
};

struct model_result {
    model_status status = model_status::ok;
    std::size_t offset = 0;
    std::uint64_t found = 0;
    std::uint64_t expected = 0;
    // Bytes written (save) or read (load) when status is ok.
    std::size_t size = 0;

    constexpr explicit operator bool() const noexcept { return status == model_status::ok; }
    friend constexpr bool operator==(const model_result&, const model_result&) = default;
};

namespace detail {

inline constexpr std::array<unsigned char, 4> model_magic{'H', 'N', 'P', 'M'};
inline constexpr std::uint8_t model_format_version = 1;
inline constexpr std::uint8_t little_endian_order = 1;
inline constexpr std::uint8_t big_endian_order = 2;

// How one parameter is stored: as the unsigned integer of its bits.
template <class T>
struct model_value {
    static constexpr bool supported = false;
};
template <class T>
    requires(std::is_same_v<T, float> || std::is_same_v<T, double>)
struct model_value<T> {
    using bits_type = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    static constexpr bool supported = true;
    static constexpr value_kind kind = sizeof(T) == 4 ? value_kind::binary32 : value_kind::binary64;
    static constexpr std::uint8_t fraction_bits = 0;
    static constexpr std::size_t bytes = sizeof(T);
    static constexpr std::uint64_t to_bits(T v) noexcept { return std::bit_cast<bits_type>(v); }
    static constexpr T from_bits(std::uint64_t b) noexcept { return std::bit_cast<T>(static_cast<bits_type>(b)); }
};
template <int Bits, int Fraction>
struct model_value<fixed<Bits, Fraction>> {
    using F = fixed<Bits, Fraction>;
    using unsigned_type = std::make_unsigned_t<typename F::storage_type>;
    static constexpr bool supported = true;
    static constexpr value_kind kind = Bits == 16 ? value_kind::fixed16 : value_kind::fixed32;
    static constexpr std::uint8_t fraction_bits = Fraction;
    static constexpr std::size_t bytes = Bits / 8;
    static constexpr std::uint64_t to_bits(F v) noexcept { return static_cast<unsigned_type>(v.raw); }
    static constexpr F from_bits(std::uint64_t b) noexcept
    {
        F v;
        v.raw = static_cast<typename F::storage_type>(static_cast<unsigned_type>(b));
        return v;
    }
};

// The activation of each weight layer and the loss, as the format names
// them (core/activations.hpp and core/losses.hpp hold the ids).
template <class Net>
constexpr std::array<activation_id, Net::depth> model_activations() noexcept
{
    std::array<activation_id, Net::depth> ids{};
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        ids[L] = Net::template activation<L>::id;
    });
    return ids;
}
template <class Net>
constexpr loss_id model_loss() noexcept
{
    return Net::loss::id;
}

// Byte offsets of the fields.
inline constexpr std::size_t model_sizes_offset = 12;   // after magic, version, order, kind, fraction, count
template <class Net>
inline constexpr std::size_t model_activations_offset = model_sizes_offset + 4 * (Net::depth + 1);
template <class Net>
inline constexpr std::size_t model_loss_offset = model_activations_offset<Net> + Net::depth;
template <class Net>
inline constexpr std::size_t model_checksum_offset = model_loss_offset<Net> + 1;
template <class Net>
inline constexpr std::size_t model_parameters_offset = model_checksum_offset<Net> + 4;

constexpr std::uint64_t read_uint(std::span<const unsigned char> bytes, std::size_t offset, std::size_t width,
                                  bool big_endian) noexcept
{
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        const std::size_t at = big_endian ? offset + i : offset + width - 1 - i;
        value = value << 8 | bytes[at];
    }
    return value;
}

constexpr void write_uint(std::span<unsigned char> bytes, std::size_t offset, std::size_t width, bool big_endian,
                          std::uint64_t value) noexcept
{
    for (std::size_t i = 0; i < width; ++i) {
        const std::size_t at = big_endian ? offset + width - 1 - i : offset + i;
        bytes[at] = static_cast<unsigned char>(value >> (8 * i));
    }
}

// Every parameter in file order, each given to `visit(parameter&)`.
template <class Net, class Visit>
constexpr void for_each_parameter(Net& net, Visit&& visit) noexcept
{
    boost::hana::for_each(std::remove_const_t<Net>::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        auto& layer = net.template layer<L>();
        for (auto& row : layer.weights)
            for (auto& w : row) visit(w);
        for (auto& b : layer.biases) visit(b);
    });
}

// The CRC of a model: every byte except the four of the checksum itself.
template <class Net>
constexpr std::uint32_t model_checksum(std::span<const unsigned char> bytes) noexcept
{
    constexpr std::size_t at = model_checksum_offset<Net>;
    return crc32(crc32(0, bytes.first(at)), bytes.subspan(at + 4));
}

template <class T>
constexpr void check_model_value_type() noexcept
{
    static_assert(model_value<T>::supported,
                  "hanaprop model files hold float, double or hanaprop::fixed parameters; convert the network "
                  "with network_cast first");
}

} // namespace detail

// The exact size of Net's model, in bytes: 31 of header and 232 of
// parameters for network<7, 5, 3>.
template <class Net>
inline constexpr std::size_t model_size =
    detail::model_parameters_offset<Net> + Net::parameter_count * detail::model_value<typename Net::value_type>::bytes;

// Writes the model of `net` at the start of `out`, in the byte order of the
// machine (a load reads either order). Fails only if `out` is too small.
template <class Net>
constexpr model_result save_model_bytes(const Net& net, std::span<unsigned char> out) noexcept
{
    using T = typename Net::value_type;
    detail::check_model_value_type<T>();
    if constexpr (detail::model_value<T>::supported) {
        using V = detail::model_value<T>;
        constexpr std::size_t size = model_size<Net>;
        if (out.size() < size) return {model_status::buffer_too_small, 0, out.size(), size, 0};
        const bool big = std::endian::native == std::endian::big;
        for (std::size_t i = 0; i < 4; ++i) out[i] = detail::model_magic[i];
        out[4] = detail::model_format_version;
        out[5] = big ? detail::big_endian_order : detail::little_endian_order;
        out[6] = static_cast<unsigned char>(V::kind);
        out[7] = V::fraction_bits;
        detail::write_uint(out, 8, 4, big, Net::depth + 1);
        boost::hana::for_each(boost::hana::make_range(boost::hana::size_c<0>, boost::hana::size_c<Net::depth + 1>), [&](auto l) {
            constexpr std::size_t L = decltype(l)::value;
            detail::write_uint(out, detail::model_sizes_offset + 4 * L, 4, big, Net::template size<L>);
        });
        const auto activations = detail::model_activations<Net>();
        for (std::size_t l = 0; l < Net::depth; ++l)
            out[detail::model_activations_offset<Net> + l] = static_cast<unsigned char>(activations[l]);
        out[detail::model_loss_offset<Net>] = static_cast<unsigned char>(detail::model_loss<Net>());
        std::size_t at = detail::model_parameters_offset<Net>;
        detail::for_each_parameter(net, [&](const T& value) {
            detail::write_uint(out, at, V::bytes, big, V::to_bits(value));
            at += V::bytes;
        });
        const std::span<const unsigned char> written{out.data(), size};
        detail::write_uint(out, detail::model_checksum_offset<Net>, 4, big, detail::model_checksum<Net>(written));
        return {model_status::ok, 0, 0, 0, size};
    } else {
        return {};
    }
}

// Checks `in` against Net (everything, the checksum included) and only
// then reads the parameters into `net`. On any status but ok, `net` is
// unchanged. Safe on arbitrary bytes: it reads nothing beyond in.size().
template <class Net>
constexpr model_result load_model_bytes(Net& net, std::span<const unsigned char> in) noexcept
{
    using T = typename Net::value_type;
    detail::check_model_value_type<T>();
    if constexpr (detail::model_value<T>::supported) {
        using V = detail::model_value<T>;
        constexpr std::size_t size = model_size<Net>;
        const auto truncated = [&](std::size_t at) {
            return model_result{model_status::truncated, at, in.size(), size, 0};
        };
        const auto fail = [](model_status status, std::size_t at, std::uint64_t found, std::uint64_t expected) {
            return model_result{status, at, found, expected, 0};
        };

        for (std::size_t i = 0; i < 4; ++i) {
            if (in.size() <= i) return truncated(in.size());
            if (in[i] != detail::model_magic[i]) return fail(model_status::not_a_model, i, in[i], detail::model_magic[i]);
        }
        if (in.size() < 8) return truncated(in.size());
        if (in[4] != detail::model_format_version)
            return fail(model_status::unsupported_version, 4, in[4], detail::model_format_version);
        if (in[5] != detail::little_endian_order && in[5] != detail::big_endian_order)
            return fail(model_status::bad_byte_order, 5, in[5], 0);
        const bool big = in[5] == detail::big_endian_order;
        const std::uint64_t type = std::uint64_t{in[6]} << 8 | in[7];
        const std::uint64_t net_type = std::uint64_t{static_cast<std::uint8_t>(V::kind)} << 8 | V::fraction_bits;
        if (type != net_type) return fail(model_status::value_type_mismatch, 6, type, net_type);

        if (in.size() < detail::model_sizes_offset) return truncated(in.size());
        const std::uint64_t count = detail::read_uint(in, 8, 4, big);
        if (count != Net::depth + 1) return fail(model_status::topology_mismatch, 8, count, Net::depth + 1);
        model_result mismatch{};
        boost::hana::for_each(boost::hana::make_range(boost::hana::size_c<0>, boost::hana::size_c<Net::depth + 1>), [&](auto l) {
            constexpr std::size_t L = decltype(l)::value;
            constexpr std::size_t at = detail::model_sizes_offset + 4 * L;
            if (mismatch.status != model_status::ok) return;
            if (in.size() < at + 4) mismatch = truncated(in.size());
            else if (const std::uint64_t s = detail::read_uint(in, at, 4, big); s != Net::template size<L>)
                mismatch = fail(model_status::topology_mismatch, at, s, Net::template size<L>);
        });
        if (mismatch.status != model_status::ok) return mismatch;

        const auto activations = detail::model_activations<Net>();
        for (std::size_t l = 0; l < Net::depth; ++l) {
            const std::size_t at = detail::model_activations_offset<Net> + l;
            if (in.size() <= at) return truncated(in.size());
            if (in[at] >= activation_id_count) return fail(model_status::unknown_activation, at, in[at], 0);
            if (in[at] != static_cast<std::uint8_t>(activations[l]))
                return fail(model_status::activation_mismatch, at, in[at], static_cast<std::uint8_t>(activations[l]));
        }
        constexpr std::size_t loss_at = detail::model_loss_offset<Net>;
        constexpr auto loss = static_cast<std::uint8_t>(detail::model_loss<Net>());
        if (in.size() <= loss_at) return truncated(in.size());
        if (in[loss_at] >= loss_id_count) return fail(model_status::unknown_loss, loss_at, in[loss_at], 0);
        if (in[loss_at] != loss) return fail(model_status::loss_mismatch, loss_at, in[loss_at], loss);

        if (in.size() < size) return truncated(in.size());
        if (in.size() > size) return fail(model_status::trailing_bytes, size, in.size(), size);
        const std::uint64_t stored = detail::read_uint(in, detail::model_checksum_offset<Net>, 4, big);
        const std::uint32_t actual = detail::model_checksum<Net>(in);
        if (stored != actual) return fail(model_status::checksum_mismatch, detail::model_checksum_offset<Net>, stored, actual);

        std::size_t at = detail::model_parameters_offset<Net>;
        detail::for_each_parameter(net, [&](T& value) {
            value = V::from_bits(detail::read_uint(in, at, V::bytes, big));
            at += V::bytes;
        });
        return {model_status::ok, 0, 0, 0, size};
    } else {
        return {};
    }
}

} // namespace hanaprop
