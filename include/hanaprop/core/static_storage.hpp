// hanaprop/core/static_storage.hpp - memory for networks too large for the
// stack. A network, its workspace and its gradients are plain values; a
// local one lives on the stack, which is 8 MB for a Linux program's main
// thread, often 512 KB to 2 MB for other threads, and a few KB on a
// microcontroller. 784-1000-1000-10 floats are 7.2 MB, and as much again
// for their gradients: as locals they overflow the stack (SIGSEGV).
// Put them in static storage instead (below), or let the caller own them
// (on a host, std::make_unique<training_memory<Net>>()), and fill the
// network in place with randomize(net, seed) (core/init.hpp).
// g++ and clang warn where a function's stack frame is too large with
// -Wframe-larger-than=1048576 (1 MB).
#pragma once

#include <hanaprop/core/workspace.hpp>

namespace hanaprop {

// Everything one network needs to train, in one object.
template <class Net>
struct training_memory {
    Net net{};
    workspace<Net> ws{};
    gradients<Net> grads{};
};

// One object of type T with static storage duration for each Tag: in the
// program's zero-initialised data (.bss), not on the stack, not on the
// heap, and initialised before main, so it needs no guard variable. Tag
// tells apart two objects of one type. Not thread-safe to share, like any
// global.
//   auto& [net, ws, grads] = hanaprop::static_storage<hanaprop::training_memory<big_net>>;
//   hanaprop::randomize(net, 1);
template <class T, class Tag = void>
inline constinit T static_storage{};

} // namespace hanaprop
