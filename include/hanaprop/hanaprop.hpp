// hanaprop/hanaprop.hpp - the whole freestanding core: no heap, no
// exceptions, no RTTI, no iostream, no libm. Host-only helpers (file
// readers, printing) are in hanaprop/host/ and are included by name.
#pragma once

#include <hanaprop/core/exp.hpp>
#include <hanaprop/core/sigmoid.hpp>
#include <hanaprop/core/log.hpp>
#include <hanaprop/core/activations.hpp>
#include <hanaprop/core/losses.hpp>
#include <hanaprop/core/random.hpp>
#include <hanaprop/core/shape_checks.hpp>
#include <hanaprop/core/layer.hpp>
#include <hanaprop/core/fast/kernels.hpp>
#include <hanaprop/core/fast/batch_kernels.hpp>
#include <hanaprop/core/network.hpp>
#include <hanaprop/core/layered_network.hpp>
#include <hanaprop/core/finite.hpp>
#include <hanaprop/core/workspace.hpp>
#include <hanaprop/core/static_storage.hpp>
#include <hanaprop/core/sample.hpp>
#include <hanaprop/core/init.hpp>
#include <hanaprop/core/backprop.hpp>
#include <hanaprop/core/textbook.hpp>
#include <hanaprop/core/batch_size.hpp>
#include <hanaprop/core/sgd.hpp>
#include <hanaprop/core/metrics.hpp>
#include <hanaprop/core/preprocessing.hpp>
#include <hanaprop/core/cross_validation.hpp>
#include <hanaprop/core/lockstep/lanes.hpp>
#include <hanaprop/core/lockstep/lockstep.hpp>
#include <hanaprop/core/fixed.hpp>
#include <hanaprop/core/crc32.hpp>
#include <hanaprop/core/model_bytes.hpp>
#include <hanaprop/core/divergence.hpp>
#include <hanaprop/core/optimizers.hpp>
#include <hanaprop/core/compile_time_training.hpp>
