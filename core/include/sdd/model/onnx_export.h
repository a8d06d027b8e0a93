#pragma once
/// Export of a model file to ONNX, for other runtimes and inference servers. The protobuf is
/// written directly (no ONNX/protobuf library needed). The graph: input "image", float
/// [N, C, H, W], RGB (or grey) pixels scaled to [0, 1]; the model's normalization, the conv
/// blocks, the head and a SoftMax inside. Outputs, all float:
///   "probabilities"             [N, classes]  the SoftMax of the logits
///   "calibrated_probabilities"  [N, classes]  the SoftMax at the confidence rule's temperature
///                                             (the same as "probabilities" without a rule)
///   "descriptor"                [N, D]        per channel: the spatial mean and deviation of the
///                                             input (the deviation as log(sd + 0.01), and the
///                                             central third moment) and of
///                                             every conv block's output
///                                             (D = 3 x channels + 2 x the sum of the block
///                                             widths; core's ModelSpec::descriptorSize): the input
///                                             of the unknown score (sdd/metrics/unknown_score.h),
///                                             whose class means, whitening and threshold are in
///                                             metadata_props "sdd_metadata", confidence_rule
///                                             (with trained_shapes: the training images'
///                                             sizes, beyond which an image is unknown).
///   "defect_map"                [N, 1, m, m]  with a defect map (ModelSpec::defectMap): the
///                                             defect probability per cell
///   "defect_boxes"              [N, 4, m, m]  with map boxes (ModelSpec::mapBoxes): per cell,
///                                             the distances from its centre to its defect's
///                                             left, top, right and bottom edges, in cells (as
///                                             LibTorch's, which clamps their logarithms to
///                                             ±6 first: equal below 400 cells)
/// The class names, input size and normalization are in the model's metadata_props.

#include <filesystem>
#include <string>

namespace sdd {

/// Throws ModelError for an unreadable model and std::runtime_error when the file cannot be
/// written (temp file + rename, so a failed export leaves no partial file).
void exportOnnx(const std::filesystem::path& modelFile, const std::filesystem::path& onnxFile,
                const std::string& producerVersion = "");
/// The same ONNX model as bytes (for runtimes that load from memory).
std::string onnxBytes(const std::filesystem::path& modelFile,
                      const std::string& producerVersion = "");

/// True when a 3-channel model can take a grey image as one channel instead of three equal
/// ones: its normalization is the same for every channel, so the three copies stay equal
/// after it and the first convolution's weights can be summed over the input channels
/// (exact, zero padding included).
bool canFoldGreyInput(const std::filesystem::path& modelFile);

/// The ONNX model of a 3-channel model folded to take a grey image: input [N, 1, H, W]; the
/// same probabilities as the 3-channel model fed three copies of the image, for a third of
/// the first layer's arithmetic. Throws ModelError when canFoldGreyInput is false.
std::string onnxBytesGreyInput(const std::filesystem::path& modelFile);

}  // namespace sdd
