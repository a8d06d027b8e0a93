// native_kernels.inl for any x86-64 (or other) CPU; also home of the dispatch.
#define SDD_NATIVE_ISA baseline
#include "inference/native_kernels.inl"

namespace sdd::native {
namespace {
bool hasAvx2() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}
}  // namespace

ConvRelu convRelu() { return hasAvx2() ? &avx2::convRelu : &baseline::convRelu; }
const char* convReluIsa() { return hasAvx2() ? "avx2" : "baseline"; }
}  // namespace sdd::native
