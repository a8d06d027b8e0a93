// sdd relabel
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "commands.h"
#include "common.h"
#include "sdd/labels/label_store.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kRelabelHelp =
    R"(usage: sdd relabel [DATASET] --workspace DIR (--csv FILE | FILE... --to CLASS)
Records label changes in the workspace's journal (DIR/labels.sqlite, created when missing),
as the workbench does; the image files are never touched. Changes are committed in
transactions of up to 256 rows, each before its lines "relabelled PATH: OLD -> NEW" are
printed, so a crash or kill loses nothing that was printed; other programs writing the same
journal (the workbench) get their turn between transactions.
  --csv FILE           rows "path,label" (path relative to DATASET or absolute), or any
                       columns under a header that names "path" and "label" (the file
                       `sdd prelabel --csv` writes, reviewed: rows whose label is empty are
                       undecided and left out); bad rows are reported with their line number
  FILE...              images: absolute, relative to the current folder or to DATASET;
                       after `--`, names that begin with '-' are files too
  --to CLASS           the new class of the FILE arguments
  --classes A,B,...    the classes, for images whose folders name none (saved in DIR)
  --quiet              print only the summary
DIR must lie outside DATASET. An image without a class gets its first class with action
"label" in the journal.
)";

/// Finds the dataset sample a user's path names: the journal path itself, a path relative
/// to the current folder or to the dataset, or an absolute one, also through symbolic links
/// (compared as canonical paths). `cwdFirst`: a FILE argument means the current folder
/// before the dataset's; a CSV row the dataset's first.
class SampleLookup {
 public:
  explicit SampleLookup(const sdd::Dataset& ds) : ds_(ds) {
    for (std::size_t i = 0; i < ds.samples().size(); ++i)
      byJournalPath_[sdd::journalPath(ds.root(), ds.samples()[i].path)] = i;
  }
  std::optional<std::size_t> find(const fs::path& p, bool cwdFirst) {
    if (!p.is_absolute()) {
      const auto it = byJournalPath_.find(sdd::journalPath(ds_.root(), ds_.root() / p));
      if (!cwdFirst && it != byJournalPath_.end()) return it->second;
    }
    std::vector<fs::path> tries;
    if (p.is_absolute()) {
      tries = {p};
    } else if (cwdFirst) {
      tries = {fs::current_path() / p, ds_.root() / p};
    } else {
      tries = {ds_.root() / p, fs::current_path() / p};
    }
    for (const fs::path& t : tries) {
      std::error_code ec;
      const fs::path c = fs::canonical(t, ec);
      if (ec) continue;
      if (byCanonical_.empty()) {
        for (std::size_t i = 0; i < ds_.samples().size(); ++i) {
          const fs::path ci = fs::canonical(ds_.samples()[i].path, ec);
          if (!ec) byCanonical_[ci.string()] = i;
        }
      }
      const auto it = byCanonical_.find(c.string());
      if (it != byCanonical_.end()) return it->second;
    }
    return std::nullopt;
  }

 private:
  const sdd::Dataset& ds_;
  std::map<std::string, std::size_t> byJournalPath_, byCanonical_;
};

}  // namespace

int cmdRelabel(const std::vector<std::string>& argv) {
  Args args(argv, {"workspace", "csv", "to", "classes"}, {"help", "quiet"});
  if (args.has("help")) {
    std::cout << kRelabelHelp;
    return 0;
  }
  const fs::path ws = args.str("workspace", "");
  if (ws.empty()) throw CliError("--workspace DIR is required (where the journal lives)");
  if (args.has("csv") == args.has("to"))
    throw CliError("give either --csv FILE or FILE... --to CLASS");
  std::vector<std::string> files = args.positionals();
  fs::path root = "data/NEU-DET";
  // The first positional is the dataset when it is a folder and files follow (or --csv).
  if (!files.empty() && fs::is_directory(files.front()) && (args.has("csv") || files.size() > 1)) {
    root = files.front();
    files.erase(files.begin());
  }
  sdd::requireWorkspaceOutsideDataset(ws, root);  // before anything is written there
  sdd::ScanOptions opt;
  opt.classes = classListArg(args, ws, true);
  const sdd::Dataset ds = sdd::Dataset::scan(root, opt);
  SampleLookup lookup(ds);
  const std::set<std::string> classes(ds.classes().begin(), ds.classes().end());

  struct Want {
    std::string where, path, label;
  };
  std::vector<Want> wants;
  std::size_t rejected = 0;
  const bool fromCsv = args.has("csv");
  if (fromCsv) {
    const fs::path csv = args.str("csv", "");
    const sdd::LabelCsv parsed = sdd::parseLabelCsv(readInputFile(csv, "--csv"));
    for (const auto& e : parsed.errors)
      std::cerr << csv.string() << ": " << e << "; row left out\n";
    if (parsed.undecided)
      std::cerr << csv.string() << ": " << parsed.undecided
                << " row(s) without a label (undecided); left out\n";
    rejected += parsed.errors.size();
    for (const auto& r : parsed.rows)
      wants.push_back({csv.string() + ": line " + std::to_string(r.line), r.path, r.label});
  } else {
    if (files.empty()) throw CliError("no image files given to relabel");
    for (const auto& f : files) wants.push_back({f, f, args.str("to", "")});
  }

  sdd::LabelStore store(sdd::LabelStore::journalFile(ws));
  std::size_t applied = 0, unchanged = 0;
  const bool quiet = args.has("quiet");
  // Up to 256 rows per transaction: one fsync each instead of one per row, and a 2 ms pause
  // between transactions in which another writer of the journal (the workbench) gets the lock.
  constexpr std::size_t kChunk = 256;
  std::vector<sdd::LabelAssignment> chunk;
  auto commit = [&] {
    if (chunk.empty()) return;
    const auto written = store.assign(chunk, "relabel", "sdd relabel");
    unchanged += chunk.size() - written.size();
    applied += written.size();
    if (!quiet)
      for (const auto& c : written)
        std::cout << "relabelled " << c.path << ": " << c.oldLabel << " -> " << c.newLabel << "\n";
    std::cout.flush();
    chunk.clear();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  };
  for (const Want& w : wants) {
    const auto index = lookup.find(w.path, !fromCsv);
    if (!index) {
      std::cerr << w.where << ": " << w.path << " is not an image of the dataset "
                << ds.root().string() << "; left out\n";
      ++rejected;
      continue;
    }
    if (!classes.count(w.label)) {
      std::cerr << w.where << ": '" << w.label << "' is not a class of the dataset; left out\n";
      ++rejected;
      continue;
    }
    const sdd::Sample& sample = ds.samples()[*index];
    chunk.push_back(
        {sdd::journalPath(ds.root(), sample.path), ds.className(sample.originalLabel), w.label});
    if (chunk.size() == kChunk) commit();
  }
  commit();
  std::cout << applied << " relabel(s) recorded in " << store.file().string() << ", " << unchanged
            << " already had that label, " << rejected << " left out\n";
  return rejected ? 1 : 0;
}

}  // namespace sdd::cli
