#!/usr/bin/env python3
# copy_trace.py: how tutorial_trace.hpp was made, once, from the shared
# reference trace (not in the project: its path is the development machine's).
# Run it again only to refresh the copy.
import json
d = json.load(open('/work/shared/data/reference/seeds_trace.json'))
r = repr
out = []
w = out.append
w("// tests/seeds/tutorial_trace.hpp - values copied from seeds_trace.json, the")
w("// intermediate values of the classic tutorial's algorithm on wheat-seeds.csv")
w("// (recorded from a re-implementation that matches every figure the tutorial")
w("// prints; see tests/seeds/README.md). Label order 1 -> 0, 2 -> 1, 3 -> 2.")
w("// Doubles are written with Python's repr (shortest round-trip), so every value")
w("// reads back bit for bit.")
w("#pragma once\n\n#include <array>\n#include <cstddef>\n#include <cstdint>\n\nnamespace trace {\n")
w("inline constexpr std::array<std::uint32_t, 5> first_uint32_after_seed1{" + ", ".join(str(x)+"u" for x in d['first_uint32_after_seed1']) + "};")
w("inline constexpr std::array<double, 5> first_random_after_seed1{" + ", ".join(r(x) for x in d['first_random_after_seed1']) + "};")
w("inline constexpr std::array<std::array<double, 2>, 7> column_min_max{{" + ", ".join("{%r, %r}" % tuple(x) for x in d['column_min_max']) + "}};")
w("inline constexpr std::array<double, 7> first_row_normalised{" + ", ".join(r(x) for x in d['first_row_normalised'][:7]) + "};")
w("inline constexpr std::array<std::array<std::size_t, 42>, 5> fold_row_indices{{")
for f in d['fold_row_indices']:
    w("    {" + ", ".join(str(x) for x in f) + "},")
w("}};\n")
w("// Per fold: the weights as the tutorial lists them (hidden neurons, then output")
w("// neurons; each neuron's weights, then its bias), the sum-squared error at")
w("// epochs 0, 1, 2, 99, 499, the predicted classes and the accuracy.")
w("struct fold_trace {\n    std::array<double, 58> initial_weights;\n    std::array<double, 58> final_weights;\n    std::array<double, 5> sse;\n    std::array<std::size_t, 42> predictions;\n    double accuracy;\n};\n")
w("inline constexpr std::array<fold_trace, 5> folds{{")
for f in d['folds']:
    flat = lambda ws: [x for layer in ws for neuron in layer for x in neuron]
    iw, fw = flat(f['initial_weights']), flat(f['final_weights'])
    assert len(iw) == 58 and len(fw) == 58
    w("    {{" + ", ".join(r(x) for x in iw) + "},")
    w("     {" + ", ".join(r(x) for x in fw) + "},")
    w("     {" + ", ".join(r(x) for x in f['sse_epochs_0_1_2_99_499']) + "},")
    w("     {" + ", ".join(str(x) for x in f['predictions']) + "},")
    w("     " + r(f['accuracy']) + "},")
w("}};\n\n} // namespace trace")
open('tests/seeds/tutorial_trace.hpp', 'w').write("\n".join(out) + "\n")
