#pragma once
/// The one hot loop of the native engine (native_net.h): a convolution with ReLU over an
/// image held channels-last. Compiled twice from native_kernels.inl, for the x86-64 baseline
/// and for AVX2 + FMA; convRelu() picks the second when the CPU has it.

namespace sdd::native {

/// `in`: (h + k - 1) × (w + k - 1) × cin floats, the input with its zero border (k / 2 wide);
/// `weights`: [k][k][cin][cout]; `bias`: [cout]; `out`: h × w × cout floats,
/// max(0, convolution + bias).
using ConvRelu = void (*)(const float* in, int h, int w, int cin, int k, const float* weights,
                          const float* bias, int cout, float* out);

namespace baseline {
void convRelu(const float* in, int h, int w, int cin, int k, const float* weights,
              const float* bias, int cout, float* out);
}
namespace avx2 {
void convRelu(const float* in, int h, int w, int cin, int k, const float* weights,
              const float* bias, int cout, float* out);
}

/// The fastest variant this CPU runs.
ConvRelu convRelu();
/// Its name: "avx2" or "baseline".
const char* convReluIsa();

}  // namespace sdd::native
