// The body of native_kernels_{baseline,avx2}.cpp: SDD_NATIVE_ISA names the namespace, the
// compiler flags of the including file the instructions.
#include <algorithm>
#include <cstring>
#include <vector>

#include "inference/native_kernels.h"

namespace sdd::native::SDD_NATIVE_ISA {
namespace {
// Eight floats: one AVX register (two SSE ones on the baseline). GCC and Clang's vector
// extension: left to itself the compiler vectorized the wrong loop (measured: slower than
// LibTorch).
typedef float Float8 __attribute__((vector_size(32)));

// The same, at any float's alignment: loads and stores through it are unaligned ones.
typedef float Float8u __attribute__((vector_size(32), aligned(4)));

// `P` output pixels' `Co` channels stay in registers while the k × k × cin inputs stream
// past: in the padded channels-last input the k taps of one kernel row and all their
// channels are k·cin consecutive floats, matched by the weights' [ky][kx][ci][co] order, and
// the next pixel's are the same run cin floats on. P·Co/8 = 8 independent sums keep both FMA
// units busy; one pixel of 8 or 16 channels would wait on the FMA latency (measured: the
// first two blocks took 2/3 of the time that way).
template <int Co, int P>
void convPixels(const float* in, int pw, int cin, int k, const float* weights, const float* bias,
                int y, int x, float* dst) {
  constexpr int n = Co / 8;
  const int run = k * cin;
  const Float8 zero = {};
  Float8 acc[P * n];
  for (int p = 0; p < P; ++p)
    for (int i = 0; i < n; ++i) acc[p * n + i] = *reinterpret_cast<const Float8u*>(bias + 8 * i);
  const float* wp = weights;
  for (int ky = 0; ky < k; ++ky) {
    const float* row = in + (std::ptrdiff_t(y + ky) * pw + x) * cin;
    for (int j = 0; j < run; ++j, wp += Co)
      for (int i = 0; i < n; ++i) {
        const Float8 wv = *reinterpret_cast<const Float8u*>(wp + 8 * i);
        for (int p = 0; p < P; ++p) acc[p * n + i] += row[p * cin + j] * wv;
      }
  }
  for (int p = 0; p < P; ++p)
    for (int i = 0; i < n; ++i)
      *reinterpret_cast<Float8u*>(dst + p * Co + 8 * i) =
          acc[p * n + i] > zero ? acc[p * n + i] : zero;
}

template <int Co>
void convFixed(const float* in, int h, int w, int cin, int k, const float* weights,
               const float* bias, float* out) {
  constexpr int P = Co >= 64 ? 1 : 64 / Co;
  const int pw = w + k - 1;
  for (int y = 0; y < h; ++y) {
    float* dst = out + std::ptrdiff_t(y) * w * Co;
    int x = 0;
    for (; x + P <= w; x += P) convPixels<Co, P>(in, pw, cin, k, weights, bias, y, x, dst + x * Co);
    for (; x < w; ++x) convPixels<Co, 1>(in, pw, cin, k, weights, bias, y, x, dst + x * Co);
  }
}

// Any other width: the same loops with the accumulators in memory.
void convAny(const float* in, int h, int w, int cin, int k, const float* weights, const float* bias,
             int co, float* out) {
  const int pw = w + k - 1, run = k * cin;
  std::vector<float> acc(static_cast<std::size_t>(co));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::copy(bias, bias + co, acc.begin());
      const float* wp = weights;
      for (int ky = 0; ky < k; ++ky) {
        const float* row = in + (std::ptrdiff_t(y + ky) * pw + x) * cin;
        for (int j = 0; j < run; ++j, wp += co) {
          const float v = row[j];
          for (int o = 0; o < co; ++o) acc[std::size_t(o)] += v * wp[o];
        }
      }
      float* dst = out + (std::ptrdiff_t(y) * w + x) * co;
      for (int o = 0; o < co; ++o) dst[o] = std::max(acc[std::size_t(o)], 0.f);
    }
}
}  // namespace

void convRelu(const float* in, int h, int w, int cin, int k, const float* weights,
              const float* bias, int cout, float* out) {
  switch (cout) {
    case 8:
      return convFixed<8>(in, h, w, cin, k, weights, bias, out);
    case 16:
      return convFixed<16>(in, h, w, cin, k, weights, bias, out);
    case 32:
      return convFixed<32>(in, h, w, cin, k, weights, bias, out);
    case 64:
      return convFixed<64>(in, h, w, cin, k, weights, bias, out);
    default:
      return convAny(in, h, w, cin, k, weights, bias, cout, out);
  }
}

}  // namespace sdd::native::SDD_NATIVE_ISA
