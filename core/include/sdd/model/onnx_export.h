#pragma once
/// Export of a model file to ONNX, for other runtimes and inference servers. The protobuf is
/// written directly (no ONNX/protobuf library needed). The graph: input "image", float
/// [N, C, H, W], RGB (or grey) pixels scaled to [0, 1]; the model's normalization, the conv
/// blocks, the head and a SoftMax inside; output "probabilities", float [N, classes]. The
/// class names, input size and normalization are in the model's metadata_props.

#include <filesystem>
#include <string>

namespace sdd {

/// Throws ModelError for an unreadable model and std::runtime_error when the file cannot be
/// written (temp file + rename, so a failed export leaves no partial file).
void exportOnnx(const std::filesystem::path& modelFile, const std::filesystem::path& onnxFile,
                const std::string& producerVersion = "");
/// The same ONNX model as bytes (for runtimes that load from memory).
std::string onnxBytes(const std::filesystem::path& modelFile, const std::string& producerVersion = "");

}  // namespace sdd
