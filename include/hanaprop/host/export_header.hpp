// hanaprop/host/export_header.hpp - writes a trained network as C++ source:
// a header that defines it as a constexpr value, for firmware and other
// programs that must not read files or train at start-up.
//
//   hanaprop::host::export_header("seeds_net.hpp", net, "seeds_net");
//
// writes a header that a program includes and uses as
//
//   #include "seeds_net.hpp"
//   constexpr const hanaprop::network<7, 5, 3>& net = seeds_net;
//
// Every parameter is written as a hexadecimal floating literal
// (0x1.4a3f2p-3f), which the compiler reads back as exactly the same
// float or double: the compiled network computes bit for bit what the
// host network computes with the same arithmetic.
//
// The value's type derives from the network's type and adds one
// thing: converting it to any other type (a network of another topology or
// value type) stops the build with a message that names the header, its
// topology and what to do. Host-only (iostream, string, exceptions); the
// header it writes needs only the core.
#pragma once

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/hana/for_each.hpp>

#include <hanaprop/core/layered_network.hpp>
#include <hanaprop/core/network.hpp>
#include <hanaprop/host/atomic_file.hpp>

namespace hanaprop::host {

namespace detail {

// "0x1.8p+1f" for 3.0f, "-0x0p+0" for -0.0: exact, and valid C++17 source.
template <class T>
std::string hex_float_literal(T value)
{
    static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>,
                  "export_header writes float and double networks");
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::hex);
    std::string digits(buffer.data(), result.ptr);
    std::string literal = digits.front() == '-' ? "-0x" + digits.substr(1) : "0x" + digits;
    if constexpr (std::is_same_v<T, float>) literal += 'f';
    return literal;
}

inline bool is_identifier(std::string_view name) noexcept
{
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (name.empty() || !letter(name.front())) return false;
    for (const char c : name)
        if (!letter(c) && !digit(c)) return false;
    return true;
}

template <class T>
constexpr std::string_view value_type_name() noexcept
{
    if constexpr (std::is_same_v<T, float>) return "float";
    else return "double";
}

} // namespace detail

// The type name the header gives the network: "hanaprop::basic_network<float, 7, 5, 3>",
// or a layered_network's with its activations and loss.
template <class T, std::size_t... Sizes>
std::string network_type_name(const basic_network<T, Sizes...>&)
{
    std::string name = "hanaprop::basic_network<" + std::string(detail::value_type_name<T>());
    ((name += ", " + std::to_string(Sizes)), ...);
    return name + ">";
}

template <class T, std::size_t In, class... Layers>
std::string network_type_name(const layered_network<T, input<In>, Layers...>&)
{
    const auto layer_name = []<class Layer>(std::type_identity<Layer>) -> std::string {
        if constexpr (loss_function<Layer>) return std::string("hanaprop::loss::") + Layer::name;
        else
            return "hanaprop::dense<" + std::to_string(Layer::size) + ", hanaprop::activation::" +
                   Layer::activation::name + ">";
    };
    std::string name = "hanaprop::layered_network<" + std::string(detail::value_type_name<T>()) +
                       ", hanaprop::input<" + std::to_string(In) + ">";
    ((name += ", " + layer_name(std::type_identity<Layers>{})), ...);
    return name + ">";
}

// Writes the header text to `out`. `name` is the C++ name of the value (the
// caller's choice; it must be an identifier); the type is `name` + "_type".
// Throws std::invalid_argument, before writing anything, for a name that is
// not an identifier or a parameter that is infinite or NaN (no literal
// spells those; a network that holds one is broken anyway).
template <class Net>
    requires(is_network_v<Net> && (std::is_same_v<typename Net::value_type, float> ||
                                   std::is_same_v<typename Net::value_type, double>))
void export_header(std::ostream& out, const Net& net, std::string_view name)
{
    using T = typename Net::value_type;
    // The core header that defines the network's type.
    const char* include = network_type_name(net).starts_with("hanaprop::layered_network")
                              ? "hanaprop/core/layered_network.hpp"
                              : "hanaprop/core/network.hpp";
    if (!detail::is_identifier(name))
        throw std::invalid_argument("hanaprop::host::export_header: '" + std::string(name) +
                                    "' is not a C++ identifier; the network needs one as its name");

    std::ostringstream text;
    const std::string type = network_type_name(net);
    const std::string type_name = std::string(name) + "_type";
    text << "// " << name << ": a trained " << type << " (" << Net::parameter_count << " parameters).\n"
         << "// Generated by hanaprop::host::export_header: do not edit; export again after training.\n"
         << "// The parameters are hexadecimal floating literals: each is exactly the value\n"
         << "// the host network held.\n"
         << "#pragma once\n\n"
         << "#include <type_traits>\n\n"
         << "#include <" << include << ">\n\n"
         << "// A " << type << " that refuses to be converted to any other type.\n"
         << "struct " << type_name << " : " << type << " {\n"
         << "    using network_type = " << type << ";\n"
         << "    template <class Other>\n"
         << "    constexpr operator Other() const noexcept\n"
         << "    {\n"
         << "        static_assert(std::is_same_v<Other, network_type>,\n"
         << "                      \"" << name << " holds a " << type << ", exported by hanaprop::host::export_header; \"\n"
         << "                      \"the code uses it as another type (another topology or value type): \"\n"
         << "                      \"export the network trained for the topology that this code expects\");\n"
         << "        if constexpr (std::is_same_v<Other, network_type>) return static_cast<const network_type&>(*this);\n"
         << "        else return Other{};\n"
         << "    }\n"
         << "};\n\n"
         << "inline constexpr " << type_name << " " << name << "{{{{\n";

    std::string error;
    boost::hana::for_each(Net::layer_indices, [&](auto l) {
        constexpr std::size_t L = decltype(l)::value;
        const auto& layer = net.template layer<L>();
        using Layer = std::remove_cvref_t<decltype(layer)>;
        const auto literal = [&](T value, std::size_t neuron, std::size_t input) {
            if (!std::isfinite(value) && error.empty()) {
                error = "layer " + std::to_string(L) + ", neuron " + std::to_string(neuron) +
                        (input == Layer::inputs ? std::string(", bias") : ", input " + std::to_string(input));
            }
            return detail::hex_float_literal(value);
        };
        text << "    // layer " << L << ": " << Layer::inputs << " inputs -> " << Layer::outputs << " neurons\n"
             << "    {{{\n";
        for (std::size_t j = 0; j < Layer::outputs; ++j) {
            text << "        {{";
            for (std::size_t i = 0; i < Layer::inputs; ++i)
                text << (i ? ", " : "") << literal(layer.weights[j][i], j, i);
            text << "}}" << (j + 1 < Layer::outputs ? ",\n" : "\n");
        }
        text << "    }}, {{";
        for (std::size_t j = 0; j < Layer::outputs; ++j)
            text << (j ? ", " : "") << literal(layer.biases[j], j, Layer::inputs);
        text << "}}}" << (L + 1 < Net::depth ? ",\n    {\n" : "\n");
    });
    for (std::size_t l = 1; l < Net::depth; ++l) text << "    }\n";
    text << "}}}};\n";

    if (!error.empty())
        throw std::invalid_argument("hanaprop::host::export_header: the network '" + std::string(name) +
                                    "' has an infinite or NaN parameter (" + error + ")");
    out << text.str();
}

namespace usage_error {
// Read the name as a sentence: "export_header writes float or double
// networks, not fixed<16, 12>".
template <class Value>
struct export_header_writes_float_or_double_networks_not;   // export the float network, network_cast it later
} // namespace usage_error

// A fixed-point (or other) network: one error that says so, instead of a
// page about std::isfinite and hexadecimal literals from inside the writer.
template <class Net>
    requires(is_network_v<Net> && !std::is_same_v<typename Net::value_type, float> &&
             !std::is_same_v<typename Net::value_type, double>)
void export_header(std::ostream&, const Net&, std::string_view)
{
    (void)usage_error::export_header_writes_float_or_double_networks_not<typename Net::value_type>{};
}

// Writes the header to a file, atomically (host/atomic_file.hpp): a file
// already at that path is replaced whole or not at all. Throws
// file_write_error naming the file and the reason if it cannot be written
// (an unwritable directory, a full disk, a directory of that name), and
// std::invalid_argument as above (then no file is created).
template <class Net>
    requires is_network_v<Net>
void export_header(const std::filesystem::path& file, const Net& net, std::string_view name)
{
    std::ostringstream text;
    export_header(text, net, name);
    write_file_atomically(file, text.view(), "hanaprop::host::export_header: ");
}

} // namespace hanaprop::host
