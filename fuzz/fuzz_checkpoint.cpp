// libFuzzer target: resuming from a training checkpoint (checkpoint::load, what `sdd train
// --resume` and the workbench's Resume do) on arbitrary bytes. Seeds: a real checkpoint of
// the tiny model with Adam state after one step, in the current format (with and without a
// weight average) and in the LibTorch archive earlier versions wrote. The only acceptable
// failure is a ModelError; a checkpoint that loads must train on.
#include <torch/torch.h>

#include <cstdint>

#include "fuzz_model_support.h"
#include "sdd/model/detector_net.h"
#include "training/checkpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sdd::ModelMetadata meta = sdd::fuzz::tinyModelMetadata();
  const auto file = sdd::fuzz::scratchDir() / "checkpoint.sddc";
  sdd::fuzz::writeFile(file, data, size);
  // Both ways a run resumes: without and with a weight average (--ema).
  for (const bool withAverage : {false, true}) {
    sdd::DetectorNet net(meta.spec), average(meta.spec);
    torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(1e-3));
    try {
      // As the trainer does: the state must name the same architecture.
      sdd::checkpoint::load(file, net, withAverage ? &average : nullptr, opt, "adam",
                            [&](const nlohmann::json& state) {
                              if (state.at("architecture").get<sdd::ModelSpec>() != meta.spec)
                                throw sdd::ModelError("another architecture");
                            });
    } catch (const sdd::ModelError&) {
      continue;
    }
    net->train();
    const auto x =
        torch::rand({2, meta.spec.inputChannels, meta.spec.inputSize, meta.spec.inputSize});
    const auto loss = net->forward(x).logsumexp(1).sum();
    loss.backward();
    opt.step();
    if (withAverage) {
      average->eval();
      (void)average->forward(x).sum().item<float>();
    }
  }
  return 0;
}
