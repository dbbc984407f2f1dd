// Training at compile time through trained_at_compile_time, with more
// epochs in one constant evaluation than the compiler's default budget
// allows (g++ fits 922 XOR epochs in one, clang 246): the library finds
// out by trying, and its one error names the epochs per evaluation. The
// twin trains 1000 epochs too, 100 per evaluation, which both compilers
// fit.
// first-error: one_constant_evaluation_of<1000>::epochs_of<xor_training>::runs_past_the_compilers_step_limit
// max-lines: 25
#include <array>
#include <hanaprop/hanaprop.hpp>

using net_t = hanaprop::network<2, 3, 1>;

constexpr std::array<hanaprop::sample_for<net_t>, 4> table{{{{0, 0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {1}}, {{1, 1}, {0}}}};

struct xor_training {
    static constexpr net_t start() { return hanaprop::random_network<net_t>(7); }
    static constexpr void epoch(net_t& net)
    {
        hanaprop::workspace<net_t> ws;
        hanaprop::train_online_epoch(net, ws, table, 4.0f);
    }
};

#ifdef HANAPROP_MUST_FAIL
constexpr net_t xor_network = hanaprop::trained_at_compile_time<xor_training, 1000, 1000>;
#else
constexpr net_t xor_network = hanaprop::trained_at_compile_time<xor_training, 1000, 100>;
#endif

static_assert(xor_network.predict(table[1].input)[0] > 0.5f);
static_assert(xor_network.predict(table[3].input)[0] < 0.5f);

int main() { return xor_network.predict(table[0].input)[0] > 0.5f; }
