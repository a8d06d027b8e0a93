// sdd_memory_bench — how training's peak memory and speed grow with the dataset (issue 22).
// For each scale K it makes a folder-per-class copy of DATASET with every image linked K
// times (symbolic links, distinct names), runs `sdd train` on it as a child process for each
// recipe, and prints the child's peak RSS (getrusage of the child), the decoded data it holds
// (images x channels kept x input size^2 bytes) and the seconds of its last epoch. With
// `--stores held,streamed` each run is made twice, the second with `--stream-images` (the
// images decoded for each batch, nothing held), the held one as its baseline. Not a test: it
// asserts nothing; docs/performance.md records what it printed.
//
//   sdd_memory_bench [DATASET] [--sdd PATH] [--scales 1,10] [--recipes default,tableII]
//                    [--epochs N] [--stores held,streamed]
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "args.h"
#include "sdd/dataset/dataset.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/training/train_config.h"
#include "sdd/util/csv.h"

namespace fs = std::filesystem;

namespace {

/// "1,10" -> {"1", "10"}: a one-line CSV record.
std::vector<std::string> splitList(const std::string& s) {
  const auto records = sdd::parseCsv(s);
  return records.empty() ? std::vector<std::string>() : records.front().fields;
}

struct Run {
  bool ok = false;
  double peakGb = 0, wallS = 0, lastEpochS = 0;
};

/// `sdd train DIR --preset RECIPE --epochs N --out OUT --quiet [--stream-images]`, its output
/// in LOG.
Run train(const fs::path& sdd, const fs::path& dir, const std::string& recipe, int epochs,
          bool stream, const fs::path& out, const fs::path& log) {
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) ::dup2(fd, 1), ::dup2(fd, 2);
    const std::string e = std::to_string(epochs);
    ::execl(sdd.c_str(), "sdd", "train", dir.c_str(), "--preset", recipe.c_str(), "--epochs",
            e.c_str(), "--out", out.c_str(), "--quiet", stream ? "--stream-images" : nullptr,
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  Run r;
  int status = 0;
  rusage usage{};
  if (pid < 0 || ::wait4(pid, &status, 0, &usage) < 0) return r;
  r.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  r.peakGb = double(usage.ru_maxrss) / (1024.0 * 1024.0);  // ru_maxrss is in KB on Linux
  std::ifstream csv(out / "log.csv");
  std::stringstream text;
  text << csv.rdbuf();
  // epoch,train_loss,train_acc,val_loss,val_acc,val_macro_f1,lr,seconds,best
  const auto rows = sdd::parseCsv(text.str());
  if (rows.size() > 1 && rows.back().fields.size() >= 8)
    r.lastEpochS = std::atof(rows.back().fields[7].c_str());
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root = "data/NEU-DET", sdd = "build/app/sdd";
  std::vector<std::string> scales = {"1", "10"}, recipes = {"default", "tableII"},
                           stores = {"held"};
  int epochs = 1;
  const char* usage =
      "usage: sdd_memory_bench [DATASET] [--sdd PATH] [--scales 1,10] "
      "[--recipes default,tableII] [--epochs N] [--stores held,streamed]";
  try {
    const sdd::cli::Args args(std::vector<std::string>(argv + 1, argv + argc),
                              {"sdd", "scales", "recipes", "epochs", "stores"}, {"help"});
    if (args.has("help")) {
      std::puts(usage);
      return 0;
    }
    if (args.positionals().size() > 1) throw sdd::cli::CliError("give one dataset folder");
    if (!args.positionals().empty()) root = args.positionals().front();
    sdd = args.str("sdd", sdd.string());
    if (args.has("scales")) scales = splitList(args.str("scales", ""));
    if (args.has("recipes")) recipes = splitList(args.str("recipes", ""));
    epochs = args.integer("epochs", epochs, 1, 100'000);
    if (args.has("stores")) stores = splitList(args.str("stores", ""));
    for (const std::string& s : stores)
      if (s != "held" && s != "streamed")
        throw sdd::cli::CliError("--stores takes held and/or streamed, not '" + s + "'");
  } catch (const sdd::cli::CliError& e) {
    std::fprintf(stderr, "sdd_memory_bench: %s\n%s\n", e.what(), usage);
    return 2;
  }
  try {
    const sdd::Dataset ds = sdd::Dataset::scan(root);
    std::vector<std::size_t> labeled;
    for (std::size_t i = 0; i < ds.samples().size(); ++i)
      if (ds.samples()[i].label != sdd::kUnlabeled) labeled.push_back(i);
    // Whether the images are grey (held as one channel for a 3-channel model), from the first.
    const sdd::DecodedImage first = sdd::loadImage(ds.samples()[labeled.at(0)].path);
    const bool grey = first.ok() && (first.image.channels() == 1 || sdd::isGrey(first.image));
    const fs::path work =
        fs::temp_directory_path() / ("sdd_memory_bench_" + std::to_string(::getpid()));
    std::printf("sdd_memory_bench: %s (%zu labeled images, %s), `%s train --epochs %d`\n",
                root.string().c_str(), labeled.size(), grey ? "grey" : "colour",
                sdd.string().c_str(), epochs);
    std::printf("%-8s %-9s %6s %8s %12s %14s %8s %12s %16s\n", "recipe", "store", "scale", "images",
                "peak RSS GB", "decoded data GB", "ratio", "s/epoch", "s/epoch per 1k img");
    for (const std::string& scale : scales) {
      const int k = std::max(1, std::atoi(scale.c_str()));
      const fs::path dir = work / ("x" + scale);
      for (std::size_t i : labeled) {
        const sdd::Sample& s = ds.samples()[i];
        const fs::path cls = dir / ds.className(s.label);
        fs::create_directories(cls);
        for (int c = 0; c < k; ++c)
          fs::create_symlink(fs::absolute(s.path),
                             cls / ("k" + std::to_string(c) + "_" + s.path.filename().string()));
      }
      const std::size_t images = labeled.size() * std::size_t(k);
      for (const std::string& recipe : recipes)
        for (const std::string& store : stores) {
          const sdd::TrainRecipe r = sdd::trainRecipe(recipe, int(ds.classes().size()));
          const double side = r.spec.inputSize;
          // The decoded size of the set, held or not: the ratio's yardstick either way.
          const double data =
              double(images) * (grey ? 1 : r.spec.inputChannels) * side * side / 1e9;
          const Run run = train(sdd, dir, recipe, epochs, store == "streamed", work / "out",
                                work / "train.log");
          fs::remove_all(work / "out");
          if (!run.ok) {
            std::printf("%-8s %-9s %6s %8zu  failed: see %s\n", recipe.c_str(), store.c_str(),
                        scale.c_str(), images, (work / "train.log").string().c_str());
            continue;
          }
          std::printf("%-8s %-9s %6s %8zu %12.2f %14.3f %8.1f %12.1f %16.3f\n", recipe.c_str(),
                      store.c_str(), scale.c_str(), images, run.peakGb, data, run.peakGb / data,
                      run.lastEpochS, run.lastEpochS / (double(images) / 1000.0));
          std::fflush(stdout);
        }
      fs::remove_all(dir);
    }
    fs::remove_all(work);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sdd_memory_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
