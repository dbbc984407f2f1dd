// make_model_seeds DIR: writes the seed corpus of fuzz_model (corpus/model/)
// into DIR. The valid models are written by the library's own
// save_model_bytes, one per network type the target loads into (and one in
// big-endian byte order); the broken ones are those models damaged in one
// way each: every status a load can return. The corpus is committed; the
// fuzz build compiles this program, and running it again is only needed to
// change the corpus:
//
//   build-fuzz/tests/fuzz/make_model_seeds tests/fuzz/corpus/model
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <hanaprop/hanaprop.hpp>
#include <hanaprop/core/model_bytes.hpp>

namespace {

using bytes_t = std::vector<unsigned char>;
std::string folder;

void write(const std::string& name, const bytes_t& bytes)
{
    std::ofstream out(folder + "/" + name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        std::fprintf(stderr, "cannot write %s/%s\n", folder.c_str(), name.c_str());
        std::exit(1);
    }
}

template <class Net>
bytes_t model(const Net& net)
{
    bytes_t bytes(hanaprop::model_size<Net>);
    hanaprop::save_model_bytes(net, bytes);
    return bytes;
}

void put_u32(bytes_t& bytes, std::size_t at, std::uint32_t value)   // little-endian
{
    for (std::size_t i = 0; i < 4; ++i) bytes[at + i] = static_cast<unsigned char>(value >> (8 * i));
}

// The CRC-32 made right again after a change (little-endian models).
template <class Net>
bytes_t resealed(bytes_t bytes)
{
    put_u32(bytes, hanaprop::detail::model_checksum_offset<Net>, hanaprop::detail::model_checksum<Net>(bytes));
    return bytes;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) return std::fprintf(stderr, "usage: %s DIR\n", argv[0]), 2;
    folder = argv[1];

    using f753 = hanaprop::network<7, 5, 3>;
    using d432 = hanaprop::basic_network<double, 4, 3, 2>;
    using q753 = hanaprop::basic_network<hanaprop::fixed<16, 11>, 7, 5, 3>;
    using q231 = hanaprop::basic_network<hanaprop::fixed<32, 16>, 2, 3, 1>;
    const f753 trained = hanaprop::random_network<f753>(5);
    const d432 wide = hanaprop::random_network<d432>(6);

    // The valid models: offsets below are those of a 7-5-3 model (header
    // of 31 bytes: sizes at 12, activations at 24, loss at 26, CRC at 27).
    const bytes_t good = model(trained);
    write("float_7_5_3", good);
    write("double_4_3_2", model(wide));
    write("fixed16_11_7_5_3", model(hanaprop::network_cast<hanaprop::fixed<16, 11>>(trained)));
    write("fixed32_16_2_3_1", model(hanaprop::network_cast<hanaprop::fixed<32, 16>>(hanaprop::random_network<hanaprop::network<2, 3, 1>>(7))));
    using relu753 = hanaprop::layered_network<float, hanaprop::input<7>, hanaprop::dense<5, hanaprop::activation::relu>,
                                              hanaprop::dense<3, hanaprop::activation::softmax>>;
    write("float_7_5_3_relu_softmax", model(hanaprop::random_network<relu753>(8)));
    static_assert(hanaprop::model_size<q753> == 31 + 58 * 2 && hanaprop::model_size<q231> == 31 + 13 * 4);

    // The double model in big-endian order: every multi-byte field reversed.
    bytes_t big = model(wide);
    big[5] = 2;
    for (std::size_t at = 8; at < 24; at += 4) std::reverse(big.begin() + at, big.begin() + at + 4);
    for (std::size_t at = 31; at < big.size(); at += 8) std::reverse(big.begin() + at, big.begin() + at + 8);
    const std::uint32_t crc = hanaprop::detail::model_checksum<d432>(big);
    for (std::size_t i = 0; i < 4; ++i) big[27 + i] = static_cast<unsigned char>(crc >> (24 - 8 * i));
    write("double_4_3_2_big_endian", big);

    // One broken model per status.
    write("empty", {});
    write("magic_only", bytes_t(good.begin(), good.begin() + 4));
    write("header_cut", bytes_t(good.begin(), good.begin() + 18));
    write("truncated", bytes_t(good.begin(), good.end() - 1));
    bytes_t b = good;
    b.push_back(0);
    write("trailing_byte", b);
    b = good, b[0] = 'X';
    write("not_a_model", b);
    b = good, b[4] = 2;
    write("version_2", resealed<f753>(b));
    b = good, b[5] = 3;
    write("byte_order_3", b);
    b = good, b[6] = 9;
    write("unknown_value_type", resealed<f753>(b));
    b = good, b[16] = 4;   // 7-4-3
    write("wrong_size", resealed<f753>(b));
    b = good, put_u32(b, 8, 4);   // four layers
    write("wrong_layer_count", b);
    b = good, put_u32(b, 16, 1000000000);   // a 10^9-wide hidden layer
    write("huge_layer", resealed<f753>(b));
    b = good, put_u32(b, 8, 1000000000);   // 10^9 layers
    write("huge_layer_count", b);
    b = good, b[25] = 9;
    write("unknown_activation", resealed<f753>(b));
    b = good, b[24] = 2;   // relu
    write("other_activation", resealed<f753>(b));
    b = good, b[26] = 7;
    write("unknown_loss", resealed<f753>(b));
    b = good, b[26] = 1;   // cross-entropy
    write("other_loss", resealed<f753>(b));
    b = good, b[27] ^= 0x01;
    write("bad_crc", b);
    b = good, b[100] ^= 0x10;
    write("damaged_parameter", b);
    return 0;
}
