// trained_at_compile_time with a state that has padding: a 2-3-1 network
// (52 bytes of floats) then a pcg32 (8-byte aligned) leaves 4 bytes that
// no constant expression can read, so the state cannot cross from one
// evaluation to the next as its bytes. The library tries the start state
// first and names that, instead of reporting a budget run out. The twin
// fills the gap with a member of its own.
// first-error: the_state_of<shuffled_xor>::is_not_plain_bytes_or_start_is_not_constexpr
// max-lines: 25
#include <array>
#include <cstdint>
#include <span>
#include <hanaprop/hanaprop.hpp>

using net_t = hanaprop::network<2, 3, 1>;

constexpr std::array<hanaprop::sample_for<net_t>, 4> table{{{{0, 0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {1}}, {{1, 1}, {0}}}};

#ifdef HANAPROP_MUST_FAIL
struct state {
    net_t net;
    hanaprop::pcg32 rng;
};
#else
struct state {
    net_t net;
    std::uint32_t gap;   // 52 + 4 bytes: rng starts at 56, a multiple of 8
    hanaprop::pcg32 rng;
};
#endif

struct shuffled_xor {
    static constexpr state start()
    {
#ifdef HANAPROP_MUST_FAIL
        return {hanaprop::random_network<net_t>(7), hanaprop::pcg32(1)};
#else
        return {hanaprop::random_network<net_t>(7), 0, hanaprop::pcg32(1)};
#endif
    }
    static constexpr void epoch(state& s)
    {
        auto data = table;
        hanaprop::shuffle(std::span{data}, s.rng);
        hanaprop::workspace<net_t> ws;
        hanaprop::train_online_epoch(s.net, ws, data, 4.0f);
    }
};

constexpr state trained = hanaprop::trained_at_compile_time<shuffled_xor, 300, 100>;

int main() { return trained.net.predict(table[0].input)[0] > 0.5f; }
