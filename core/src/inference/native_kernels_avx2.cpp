// native_kernels.inl compiled with -mavx2 -mfma (core/CMakeLists.txt); only called when the
// CPU has both (native_kernels_baseline.cpp).
#define SDD_NATIVE_ISA avx2
#include "inference/native_kernels.inl"
